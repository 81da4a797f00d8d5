//! The bad-input corpus (`tests/corpus/bad-inputs.txt`, format in `tests/corpus/README.md`), run
//! natively: every case through `validate`/`RecordOperation::parse` and/or `parse_any`, lenient and
//! strict, with the exact expected codes, paths and severities; after every case the same process
//! still parses the good payloads. Deep and huge cases run on a thread with a small stack, so a
//! recursive reader would overflow instead of passing.

// Native only (proptest, threads, the file system); the wasm suites are tests/node.rs and
// tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

#[path = "corpus/format.rs"]
mod corpus_format;

use corpus_format::{parse_corpus, shorten, Case, Corpus, Input};
use graph_record_operation::{
    parse_any_bytes, validate_bytes, ParseOptions, RecordOperation, Report, WriteOptions,
};

const CORPUS: &str = include_str!("corpus/bad-inputs.txt");

/// Small on purpose: the reader must not need the stack to grow with the nesting depth.
const SMALL_STACK: usize = 256 * 1024;

fn corpus() -> Corpus {
    parse_corpus(CORPUS).unwrap_or_else(|e| panic!("tests/corpus/bad-inputs.txt: {e}"))
}

fn options(case: &Case, strict: bool) -> ParseOptions {
    let defaults = ParseOptions::default();
    ParseOptions {
        strict,
        max_input_bytes: case.max_input_bytes.unwrap_or(defaults.max_input_bytes),
        max_depth: case.max_depth.unwrap_or(defaults.max_depth),
        ..defaults
    }
}

type Triple = (String, String, String);

fn actual_triples(report: &Report) -> Vec<Triple> {
    let mut triples: Vec<Triple> = report
        .issues
        .iter()
        .map(|i| {
            (
                i.severity.as_str().to_string(),
                i.code.as_str().to_string(),
                i.path.clone(),
            )
        })
        .collect();
    triples.sort();
    triples
}

/// Compares the actual issues with the expected ones as multisets.
fn compare(case: &Case, strict: bool, report: &Report, entry: &str) -> Result<(), String> {
    let actual = actual_triples(report);
    let mut expected: Vec<Triple> = case
        .expect
        .iter()
        .map(|e| {
            let severity = if strict { "error" } else { e.severity.as_str() };
            let path = e.path.clone().unwrap_or_else(|| "*".to_string());
            (severity.to_string(), e.code.clone(), path)
        })
        .collect();
    expected.sort();
    if actual != expected {
        return Err(format!(
            "{entry} ({}): expected {expected:?}\n      actual   {actual:?}\n      messages {:?}",
            if strict { "strict" } else { "lenient" },
            report
                .issues
                .iter()
                .map(|i| shorten(&i.to_string()))
                .collect::<Vec<_>>()
        ));
    }
    for issue in &report.issues {
        if issue.message.is_empty() || issue.position.line == 0 || issue.position.column == 0 {
            return Err(format!(
                "{entry}: issue without message or position: {issue:?}"
            ));
        }
    }
    Ok(())
}

/// The operation keeps each `keeps` key as an extra property, byte-for-byte, and writes it back.
fn check_keeps(case: &Case, input: &[u8], op: &RecordOperation<'_>) -> Result<(), String> {
    let written = op.to_json(&WriteOptions::default());
    for key in &case.keeps {
        let extra = op
            .extra_property(key)
            .ok_or_else(|| format!("the extra property {key:?} was lost"))?;
        let member = format!("{}:{}", extra.raw_key, extra.raw_value);
        let input_text = String::from_utf8_lossy(input);
        if !input_text.contains(extra.raw_value.as_ref()) {
            return Err(format!("{key:?} is not kept byte-for-byte"));
        }
        if !written.contains(&member) {
            return Err(format!("{key:?} is not written back"));
        }
    }
    Ok(())
}

fn run_case(case: &Case, good: &[String]) -> Result<(), String> {
    let bytes: &[u8] = match &case.input {
        Input::Text(text) => text.as_bytes(),
        Input::Bytes(bytes) => bytes,
        Input::Utf16(_) => return Ok(()), // JS strings: the wasm runners' business
    };
    for strict in [false, true] {
        let options = options(case, strict);
        let errors_expected = strict && !case.expect.is_empty() || !case.lenient_valid();
        if case.entry.validate() {
            let report = validate_bytes(bytes, &options);
            compare(case, strict, &report, "validate")?;
            match RecordOperation::parse_bytes(bytes, &options) {
                Ok((op, warnings)) => {
                    if errors_expected {
                        return Err("parse succeeded but errors were expected".to_string());
                    }
                    if warnings != report {
                        return Err("parse and validate report different issues".to_string());
                    }
                    check_keeps(case, bytes, &op)?;
                }
                Err(error) => {
                    if !errors_expected {
                        return Err(format!("parse failed: {}", shorten(&error.to_string())));
                    }
                    if error.report() != &report {
                        return Err("parse and validate report different issues".to_string());
                    }
                }
            }
        }
        if case.entry.parse_any() {
            let payload = parse_any_bytes(bytes, &options);
            compare(case, strict, &payload.report, "parse_any")?;
            if let Some(kind) = &case.kind {
                let actual = payload.kind.map(|k| k.as_str().to_string());
                if &actual != kind {
                    return Err(format!("parse_any kind: expected {kind:?}, got {actual:?}"));
                }
            }
            if !case.keeps.is_empty() {
                let first = payload
                    .operations
                    .first()
                    .ok_or("parse_any found no operation")?;
                check_keeps(case, bytes, &first.operation)?;
            }
        }
    }
    // The same process still reads good payloads, exactly.
    for payload in good {
        let (op, _) = RecordOperation::parse(payload, &ParseOptions::strict())
            .map_err(|e| format!("the good payload no longer parses: {e}"))?;
        if op.to_json(&WriteOptions::default()) != *payload {
            return Err("the good payload no longer round-trips".to_string());
        }
    }
    Ok(())
}

fn run_all(filter: impl Fn(&Case) -> bool) -> usize {
    let corpus = corpus();
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in corpus.cases.iter().filter(|c| filter(c)) {
        ran += 1;
        let started = std::time::Instant::now();
        let result = run_case(case, &corpus.good);
        if std::env::var_os("CORPUS_TIMING").is_some() {
            eprintln!("{:>10.3?} {}", started.elapsed(), case.name);
        }
        if let Err(message) = result {
            failures.push(format!(
                "case {} (bad-inputs.txt line {}): {message}",
                case.name, case.line
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    ran
}

fn is_big(case: &Case) -> bool {
    case.input.len() > 64 * 1024
}

#[test]
fn corpus_small_cases() {
    let ran = run_all(|c| !is_big(c));
    assert!(ran > 300, "only {ran} small cases ran");
}

#[test]
fn corpus_deep_and_huge_cases_on_a_small_stack() {
    let ran = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(|| run_all(is_big))
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| panic!("a deep or huge case panicked (or overflowed the stack)"));
    assert!(ran >= 15, "only {ran} big cases ran");
}

#[test]
fn corpus_has_what_the_issue_asks_for() {
    let corpus = corpus();
    let native: Vec<&Case> = corpus
        .cases
        .iter()
        .filter(|c| !matches!(c.input, Input::Utf16(_)))
        .collect();
    assert!(native.len() >= 200, "{} native cases", native.len());
    for code in [
        "json_syntax",
        "invalid_utf8",
        "lone_surrogate",
        "input_too_large",
        "nesting_too_deep",
        "duplicate_key",
        "wrong_type",
        "not_an_integer",
        "integer_out_of_range",
        "non_canonical_integer",
        "integer_as_string",
    ] {
        let count = native
            .iter()
            .filter(|c| c.expect.iter().any(|e| e.code == code))
            .count();
        assert!(count >= 3, "only {count} cases expect {code}");
    }
    assert!(native
        .iter()
        .any(|c| c.input.len() >= 10_000 * 2 && c.name.starts_with("deep-")));
    assert!(native.iter().any(|c| c.name.starts_with("million-element")));
    assert!(native.iter().any(|c| matches!(c.input, Input::Bytes(_))));
    assert!(corpus
        .cases
        .iter()
        .any(|c| matches!(c.input, Input::Utf16(_))));
    for key in ["__proto__", "constructor", "prototype"] {
        assert!(native.iter().any(|c| c.keeps.iter().any(|k| k == key)));
    }
    // Every expected code is a real one.
    for case in &corpus.cases {
        for e in &case.expect {
            assert!(
                graph_record_operation::IssueCode::from_code(&e.code).is_some(),
                "case {}: unknown code {}",
                case.name,
                e.code
            );
        }
    }
}

/// Every proper prefix of a good payload is a syntax error (and nothing panics on the way).
#[test]
fn every_truncation_of_a_good_payload_is_a_syntax_error() {
    let corpus = corpus();
    for payload in &corpus.good {
        for end in 0..payload.len() {
            let bytes = &payload.as_bytes()[..end];
            for strict in [false, true] {
                let options = ParseOptions {
                    strict,
                    ..ParseOptions::default()
                };
                let report = validate_bytes(bytes, &options);
                let expected = if std::str::from_utf8(bytes).is_ok() {
                    "json_syntax"
                } else {
                    "invalid_utf8"
                };
                assert!(
                    report.errors().any(|i| i.code.as_str() == expected),
                    "prefix {end}: {:?}",
                    report.issues
                );
                assert!(RecordOperation::parse_bytes(bytes, &options).is_err());
                let payload = parse_any_bytes(bytes, &options);
                assert!(payload.kind.is_none() && !payload.report.is_valid());
            }
        }
    }
}

/// Trailing garbage of every kind after a good payload is a syntax error at the document.
#[test]
fn trailing_bytes_after_a_good_payload_are_syntax_errors() {
    let corpus = corpus();
    for payload in &corpus.good {
        for tail in [
            "x", "}", "]", ",", "0", "\"", "{}", "[]", "null", "//", "/**/", "\u{FEFF}", "\u{0}",
            "\u{A0}", "\u{2028}",
        ] {
            let text = format!("{payload}{tail}");
            let report = validate_bytes(text.as_bytes(), &ParseOptions::default());
            let triples = actual_triples(&report);
            assert_eq!(
                triples,
                vec![("error".into(), "json_syntax".into(), String::new())],
                "{tail:?}"
            );
        }
        // Whitespace is not garbage.
        let text = format!(" \t\r\n{payload} \t\r\n");
        assert!(RecordOperation::parse(&text, &ParseOptions::strict()).is_ok());
    }
}

/// The generated corpus is what the script writes (when Python is available).
#[test]
fn corpus_file_matches_its_generator() {
    let root = env!("CARGO_MANIFEST_DIR");
    let status = std::process::Command::new("python3")
        .arg(format!("{root}/tests/corpus/generate.py"))
        .arg("--check")
        .status();
    match status {
        Ok(status) => assert!(
            status.success(),
            "tests/corpus/bad-inputs.txt is stale: run python3 tests/corpus/generate.py"
        ),
        Err(error) => eprintln!("python3 not available ({error}); skipped"),
    }
}

/// Valid payloads of every shape, to seed the fuzzers next to the bad inputs.
const VALID_SHAPES: &[&str] = &[
    r##"{"value":[{"changeType":"deleted","resourceUrl":"/communications/calls/1/operations/2","resourceData":{"@odata.type":"#microsoft.graph.recordOperation","id":"2","status":"failed","resultInfo":{"code":400,"subcode":8508,"message":"Action failed, the operation was cancelled."},"completionReason":"operationCanceled","recordingLocation":"","recordingAccessToken":""}}]}"##,
    r##"{"value":[{"changeType":"updated","resource":"/c/1","resourceData":[{"@odata.type":"#microsoft.graph.call","id":"c"},{"@odata.type":"microsoft.graph.RecordOperation","id":"r","status":"Running","resultInfo":null}]}]}"##,
    r##"{"value":[{"id":"a","status":"notStarted"},{"@odata.type":"#microsoft.graph.playPromptOperation","id":"p"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/next"}"##,
    r##"[{"id":"a","status":"completed","resultInfo":{"code":"200","subCode":"0"},"recordResourceLocation":"https://x.example/r","recordResourceAccessToken":"t"},{"id":"b","status":null}]"##,
    r##"{"id":"x","status":"completed","completionReason":"none","resultInfo":{"@odata.type":"#microsoft.graph.resultInfo","code":2e2,"subcode":-0,"message":null,"extra":[1,{"a":"\u00e9\ud83d\ude00"}]},"__proto__":{"a":1},"n":12345678901234567890,"f":1.0}"##,
];

/// Writes every corpus input (up to 64 KiB) and the good payloads as fuzzing seeds into
/// `$FUZZ_SEED_DIR`. Run by `fuzz/make-seeds.sh`; does nothing without the variable.
#[test]
#[ignore = "writes fuzzing seeds; run through fuzz/make-seeds.sh"]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("FUZZ_SEED_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the seed directory");
    let corpus = corpus();
    let mut count = 0;
    let mut write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).expect("write a seed");
        count += 1;
    };
    for (index, payload) in corpus.good.iter().enumerate() {
        write(&format!("good-{index}"), payload.as_bytes());
    }
    for (index, payload) in VALID_SHAPES.iter().enumerate() {
        write(&format!("shape-{index}"), payload.as_bytes());
    }
    for case in &corpus.cases {
        let bytes = match &case.input {
            Input::Text(text) => text.as_bytes(),
            Input::Bytes(bytes) => bytes,
            Input::Utf16(_) => continue,
        };
        if bytes.len() <= 64 * 1024 {
            write(&format!("case-{}", case.name), bytes);
        }
    }
    eprintln!("{count} seeds written to {}", dir.display());
}

/// The time to read `text`: a collection of `n` operations, each followed by a skipped resource.
fn time_skipped_items(text: &str, n: usize) -> std::time::Duration {
    let started = std::time::Instant::now();
    let payload = graph_record_operation::parse_any(text, &ParseOptions::default());
    assert_eq!(payload.skipped.len(), n);
    assert_eq!(payload.operations.len(), n + 1);
    started.elapsed()
}

fn skipped_items_text(n: usize) -> String {
    let item = r##"{"x":1},{"@odata.type":"#microsoft.graph.call","id":"c"},"##;
    format!("{{\"value\":[{}{{}}]}}", item.repeat(n))
}

/// Reading scales linearly with the number of items: sixteen times the items take about sixteen
/// times as long, where a quadratic pass over the issues so far would take 256 times. The bound,
/// 64, leaves room for a busy machine (this is about the algorithm, not speed): the two sizes
/// alternate and the fastest of each counts.
#[test]
fn skipped_resources_among_operations_scale_linearly() {
    let (small_n, large_n) = (2_000, 32_000);
    let (small_text, large_text) = (skipped_items_text(small_n), skipped_items_text(large_n));
    let mut small = std::time::Duration::MAX;
    let mut large = std::time::Duration::MAX;
    for _ in 0..3 {
        small = small.min(time_skipped_items(&small_text, small_n));
        large = large.min(time_skipped_items(&large_text, large_n));
    }
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 64.0,
        "16x the items took {ratio:.1}x as long ({small:?} vs {large:?}): quadratic"
    );
}

/// Every entry `parse_any` finds, in every corpus case, is read again from its `span` alone as the
/// same operation: what the JS package relies on to write and list an operation later.
#[test]
fn entry_spans_read_back_as_the_same_operation() {
    let corpus = corpus();
    let mut checked = 0usize;
    for case in &corpus.cases {
        let bytes: Vec<u8> = match &case.input {
            Input::Text(text) => text.as_bytes().to_vec(),
            Input::Bytes(bytes) => bytes.clone(),
            Input::Utf16(_) => continue,
        };
        for strict in [false, true] {
            let payload = parse_any_bytes(&bytes, &options(case, strict));
            for entry in &payload.operations {
                let slice = bytes.get(entry.span.clone()).unwrap_or_else(|| {
                    panic!("{}: span {:?} out of the input", case.name, entry.span)
                });
                let (again, _) = RecordOperation::read_bytes(slice, &options(case, strict));
                assert!(
                    again.as_ref() == Some(&entry.operation),
                    "{}: {} read from its span differs",
                    case.name,
                    entry.path
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} entries checked");
}
