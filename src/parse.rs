//! The entry points: read one operation, validate one, or read any shape.

use crate::diagnostics::{Counted, Diagnostics};
use crate::error::Error;
use crate::issue::{resolve_positions, resolve_positions_after, Issue, IssueCode, Report};
use crate::model::RecordOperation;
use crate::options::ParseOptions;
use crate::pointer::Root;
use crate::read::{Outcome, Reader, Role};
use crate::scan::ValueKind;
use crate::shapes::{AnyPayload, PayloadKind};

/// Text that passed the checks every entry point shares.
#[derive(Clone, Copy)]
struct Checked<'a> {
    text: &'a str,
    /// How many bytes from the start are ASCII.
    ascii: usize,
}

/// Text that passed the checks every entry point shares, or the report that stopped it.
fn preflight<'a>(bytes: &'a [u8], options: &ParseOptions) -> Result<Checked<'a>, Report> {
    let mut diag = Diagnostics::with_max_issues(options.strict, options.max_issues);
    if bytes.len() > options.max_input_bytes {
        diag.push_at(
            IssueCode::InputTooLarge,
            &Root,
            0,
            format!(
                "the input is {} bytes; the limit is {} bytes",
                bytes.len(),
                options.max_input_bytes
            ),
        );
        let mut issues = diag.issues;
        resolve_positions(&[], &mut issues);
        return Err(Report { issues });
    }
    let (text, ascii) = match utf8(bytes) {
        Ok(checked) => checked,
        Err(valid_up_to) => {
            diag.push_at(
                IssueCode::InvalidUtf8,
                &Root,
                valid_up_to,
                format!(
                    "the bytes are not UTF-8: an invalid sequence starts at byte {valid_up_to}"
                ),
            );
            let mut issues = diag.issues;
            let valid = bytes.get(..valid_up_to).unwrap_or(&[]);
            resolve_positions(valid, &mut issues);
            return Err(Report { issues });
        }
    };
    if text.starts_with('\u{FEFF}') {
        diag.push_at(
            IssueCode::JsonSyntax,
            &Root,
            0,
            "invalid JSON: the text starts with a byte order mark (U+FEFF), which JSON does not allow".to_string(),
        );
        let mut issues = diag.issues;
        resolve_positions(bytes, &mut issues);
        return Err(Report { issues });
    }
    Ok(Checked { text, ascii })
}

/// `std::str::from_utf8` and the length of the ASCII prefix, or the length of the valid prefix.
/// Runs of ASCII are skipped sixteen bytes at a time (most payloads are all ASCII, and std's
/// check has no wide loads in wasm); each stretch from a non-ASCII byte goes through std.
fn utf8(bytes: &[u8]) -> Result<(&str, usize), usize> {
    let mut ascii = None;
    let mut at = 0;
    loop {
        at += ascii_run(bytes.get(at..).unwrap_or(&[]));
        if at >= bytes.len() {
            break;
        }
        ascii.get_or_insert(at);
        // `at` is a character boundary: everything before it was checked. A stretch cut in the
        // middle of a character (at most four bytes) is read again from that character.
        let end = bytes.len().min(at + UTF8_STRETCH);
        let stretch = bytes.get(at..end).unwrap_or(&[]);
        match std::str::from_utf8(stretch) {
            Ok(_) => at = end,
            Err(error) if error.error_len().is_none() && end < bytes.len() => {
                at += error.valid_up_to();
            }
            Err(error) => return Err(at + error.valid_up_to()),
        }
    }
    // SAFETY: every byte was checked, in order and from character boundaries: runs of ASCII
    // bytes, and stretches std::str::from_utf8 accepted whole, or up to a character that the
    // stretch cut (read again from its start). Valid UTF-8 joined at boundaries is valid UTF-8.
    let text = unsafe { std::str::from_utf8_unchecked(bytes) };
    Ok((text, ascii.unwrap_or(bytes.len())))
}

/// How many bytes std checks from a non-ASCII byte before the ASCII skipping resumes: enough for
/// a word or two of accented text.
const UTF8_STRETCH: usize = 32;

/// The length of the ASCII prefix of `bytes`.
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGHS: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
    let mut rest = bytes;
    while let Some((block, tail)) = rest.split_first_chunk::<16>() {
        if u128::from_le_bytes(*block) & HIGHS != 0 {
            break;
        }
        rest = tail;
    }
    let skipped = bytes.len() - rest.len();
    skipped
        + rest
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len())
}

fn finish(checked: Checked<'_>, diag: Diagnostics, scan: &crate::scan::Scanner<'_>) -> Report {
    let mut issues = diag.issues;
    // Up to there, every position is line 1 and its offset + 1: no rescan.
    let plain = checked.ascii.min(scan.newline_free_prefix());
    resolve_positions_after(checked.text.as_bytes(), &mut issues, plain);
    Report { issues }
}

/// Reads the document as one recordOperation; the report is complete even when reading stopped.
fn read_operation<'a>(
    checked: Checked<'a>,
    options: &ParseOptions,
) -> (Option<RecordOperation<'a>>, Report) {
    let mut reader = Reader::new(checked.text, options);
    let operation = read_operation_document(&mut reader);
    (operation, finish(checked, reader.diag, &reader.scan))
}

fn read_operation_document<'a>(reader: &mut Reader<'a>) -> Option<RecordOperation<'a>> {
    if !operation_document_is_object(reader) {
        return None;
    }
    let (_, operation) = reader.object(1, Role::Operation).ok()?;
    reader
        .scan
        .expect_end(&mut reader.diag, &reader.path)
        .ok()?;
    operation
}

/// Validates the document as one recordOperation: [`read_operation`] without keeping the
/// operation, so it is never moved.
fn validate_operation(checked: Checked<'_>, options: &ParseOptions) -> Report {
    let mut reader = Reader::new(checked.text, options);
    validate_operation_document(&mut reader);
    finish(checked, reader.diag, &reader.scan)
}

fn validate_operation_document(reader: &mut Reader<'_>) {
    reader.keep_extras = false;
    if operation_document_is_object(reader) && reader.object_outcome(1, Role::Operation).is_ok() {
        let _ = reader.scan.expect_end(&mut reader.diag, &reader.path);
    }
}

/// How [`RecordOperation::parse_bytes_counting`] failed.
#[derive(Debug, PartialEq)]
pub(crate) enum CountedError {
    /// The error as [`RecordOperation::parse_bytes`] gives it.
    Full(Error),
    /// The first error of the report (built, with its position) and how many errors the report
    /// has; the other issues were counted, not built.
    First { first: Issue, errors: usize },
}

/// What [`validate_bytes_verdict`] found.
#[derive(Debug, PartialEq)]
pub(crate) enum Verdict {
    /// No error, and this many warnings (not built).
    Valid { warnings: usize },
    /// An error: reading stopped there, and no issue was built.
    Invalid,
    /// The complete report, as [`validate_bytes`] gives it.
    Report(Report),
}

/// [`validate_bytes`] for callers that keep only the verdict (the JS `validate`, which reads the
/// text again with `validate_bytes` if the issues are asked for): warnings are counted, not built,
/// and the first error ends the read. The verdict is exactly `validate_bytes`'s. Text that fails
/// the shared checks (size, UTF-8, byte order mark) gets its full report, which is one issue.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // Called by the wasm bindings only.
pub(crate) fn validate_bytes_verdict(bytes: &[u8], options: &ParseOptions) -> Verdict {
    let checked = match preflight(bytes, options) {
        Ok(checked) => checked,
        Err(report) => return Verdict::Report(report),
    };
    let mut reader = Reader::new(checked.text, options);
    reader.diag.verdict_only();
    validate_operation_document(&mut reader);
    match reader.diag.counted() {
        Counted::Warnings(warnings) => Verdict::Valid { warnings },
        Counted::Invalid => Verdict::Invalid,
        // Counting ended without an error (the issue limit): the report needs the full read.
        Counted::Full => Verdict::Report(finish(checked, reader.diag, &reader.scan)),
        // Abandoned (the issue limit after warnings); a first error is never kept in this mode.
        Counted::Abandoned | Counted::FirstError { .. } => {
            Verdict::Report(validate_operation(checked, options))
        }
    }
}

/// True when the document is an object; otherwise reports it (and reads past it).
fn operation_document_is_object(reader: &mut Reader<'_>) -> bool {
    let Ok(kind) = reader.scan.peek_value(&mut reader.diag, &reader.path) else {
        return false;
    };
    if kind != ValueKind::Object {
        let message = format!(
            "a recordOperation is a JSON object, but the document is {}",
            kind.describe()
        );
        let _ = not_an_object(reader, kind, message);
        return false;
    }
    true
}

/// Reports a document of the wrong kind and reads past it. A literal is read before it is
/// reported, since `nul` is a syntax error, not a null.
fn not_an_object(
    reader: &mut Reader<'_>,
    kind: ValueKind,
    message: String,
) -> Result<(), crate::scan::Stop> {
    let at = reader.scan.pos();
    if kind.is_literal() {
        reader.scan.literal(&mut reader.diag, &reader.path)?;
        reader
            .diag
            .push_at(IssueCode::WrongType, &reader.path, at, message);
    } else {
        reader
            .diag
            .push_at(IssueCode::WrongType, &reader.path, at, message);
        reader.scan.skip_value(0, &mut reader.diag, &mut Root)?;
    }
    reader.scan.expect_end(&mut reader.diag, &reader.path)
}

impl<'a> RecordOperation<'a> {
    /// Reads one recordOperation from JSON text.
    ///
    /// Fails with [`Error::Invalid`] when the report has an error in the chosen mode; on success the
    /// report holds the warnings.
    pub fn parse(
        text: &'a str,
        options: &ParseOptions,
    ) -> Result<(RecordOperation<'a>, Report), Error> {
        Self::parse_bytes(text.as_bytes(), options)
    }

    /// Reads one recordOperation from bytes and reports every issue, without failing: the
    /// operation is `None` only when the text could not be read as an object (syntax, encoding,
    /// size, depth, or a document that is not an object). Use [`Report::is_valid`] to decide
    /// whether to trust it; `parse_bytes` is this plus that decision.
    ///
    /// Reading `&text[entry.span]` of an [`crate::OperationEntry`] this way gives the entry's
    /// operation again.
    pub fn read_bytes(
        bytes: &'a [u8],
        options: &ParseOptions,
    ) -> (Option<RecordOperation<'a>>, Report) {
        match preflight(bytes, options) {
            Ok(checked) => read_operation(checked, options),
            Err(report) => (None, report),
        }
    }

    /// [`RecordOperation::parse_bytes`] for callers that keep only the number of warnings and,
    /// on failure, the first error and the number of errors (the JS binding, which reads the text
    /// again if the other issues are asked for): the other issues' paths, messages and positions
    /// are not built. Without `keep_extras`, the operation has no extra properties (of its own or
    /// of its resultInfo): the binding reads them from the text too.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // Called by the wasm bindings only.
    pub(crate) fn parse_bytes_counting(
        bytes: &'a [u8],
        options: &ParseOptions,
        keep_extras: bool,
    ) -> Result<(RecordOperation<'a>, usize), CountedError> {
        let checked = preflight(bytes, options)
            .map_err(|report| CountedError::Full(Error::Invalid(report)))?;
        let mut reader = Reader::new(checked.text, options);
        reader.keep_extras = keep_extras;
        reader.diag.first_error_only();
        let operation = read_operation_document(&mut reader);
        let read_again = || {
            Self::parse_bytes(bytes, options)
                .map(|(operation, report)| (operation, report.issues.len()))
                .map_err(CountedError::Full)
        };
        match (operation, reader.diag.counted()) {
            (Some(operation), Counted::Warnings(warnings)) => Ok((operation, warnings)),
            (_, Counted::FirstError { errors }) => {
                let report = finish(checked, reader.diag, &reader.scan);
                match report.issues.into_iter().next() {
                    Some(first) => Err(CountedError::First { first, errors }),
                    None => read_again(),
                }
            }
            // Counting ended before anything was counted: the read went on in full, as
            // parse_bytes reads.
            (operation, Counted::Full) => {
                let report = finish(checked, reader.diag, &reader.scan);
                match operation {
                    Some(operation) if report.is_valid() => {
                        let warnings = report.issues.len();
                        Ok((operation, warnings))
                    }
                    _ => Err(CountedError::Full(Error::Invalid(report))),
                }
            }
            // Counting was abandoned (the issue limit, or issues forgotten): read again in full.
            _ => read_again(),
        }
    }

    /// Reads one recordOperation from bytes, which must be UTF-8.
    pub fn parse_bytes(
        bytes: &'a [u8],
        options: &ParseOptions,
    ) -> Result<(RecordOperation<'a>, Report), Error> {
        let checked = preflight(bytes, options).map_err(Error::Invalid)?;
        let (operation, report) = read_operation(checked, options);
        match operation {
            Some(operation) if report.is_valid() => Ok((operation, report)),
            _ => Err(Error::Invalid(report)),
        }
    }
}

/// Validates one recordOperation: every issue, never a failure.
pub fn validate(text: &str, options: &ParseOptions) -> Report {
    validate_bytes(text.as_bytes(), options)
}

/// Validates one recordOperation given as bytes (which must be UTF-8).
pub fn validate_bytes(bytes: &[u8], options: &ParseOptions) -> Report {
    match preflight(bytes, options) {
        Ok(checked) => validate_operation(checked, options),
        Err(report) => report,
    }
}

/// Reads a payload of any shape: a single operation, an OData collection, a notification
/// envelope, or a bare array. Never fails: problems are in the report.
pub fn parse_any<'a>(text: &'a str, options: &ParseOptions) -> AnyPayload<'a> {
    parse_any_bytes(text.as_bytes(), options)
}

/// [`parse_any`] for bytes (which must be UTF-8).
pub fn parse_any_bytes<'a>(bytes: &'a [u8], options: &ParseOptions) -> AnyPayload<'a> {
    // Only light-warnings mode is ever given up.
    read_any_bytes(bytes, options, false).0
}

/// [`parse_any_bytes`] for callers that keep the errors and only whether there are warnings (the
/// JS `parseAny`, which reads the text again with `parse_any_bytes` if the warnings are asked
/// for): the report's warnings have their code and severity only, no path, message or position.
/// Everything else is exactly `parse_any_bytes`'s.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // Called by the wasm bindings only.
pub(crate) fn parse_any_bytes_light_warnings<'a>(
    bytes: &'a [u8],
    options: &ParseOptions,
) -> AnyPayload<'a> {
    match read_any_bytes(bytes, options, true) {
        (payload, false) => payload,
        (_, true) => parse_any_bytes(bytes, options),
    }
}

/// Reads a payload of any shape, in light-warnings mode when `light`; true when that mode was
/// given up (the payload is then incomplete: read again in full).
fn read_any_bytes<'a>(
    bytes: &'a [u8],
    options: &ParseOptions,
    light: bool,
) -> (AnyPayload<'a>, bool) {
    let checked = match preflight(bytes, options) {
        Ok(checked) => checked,
        Err(report) => {
            let payload = AnyPayload {
                kind: None,
                operations: Vec::new(),
                skipped: Vec::new(),
                next_link: None,
                report,
            };
            return (payload, false);
        }
    };
    let mut reader = Reader::new(checked.text, options);
    if light {
        reader.diag.light_warnings();
    }
    let kind = read_any_document(&mut reader).ok().flatten();
    let abandoned = reader.diag.light_abandoned();
    let payload = AnyPayload {
        kind,
        operations: reader.entries,
        skipped: reader.skipped,
        next_link: reader.next_link,
        report: finish(checked, reader.diag, &reader.scan),
    };
    (payload, abandoned)
}

fn read_any_document<'a>(
    reader: &mut Reader<'a>,
) -> Result<Option<PayloadKind>, crate::scan::Stop> {
    let kind = match reader.scan.peek_value(&mut reader.diag, &reader.path)? {
        ValueKind::Array => {
            reader.array_of(1, Role::Item)?;
            PayloadKind::Array
        }
        // An operation goes into `entries` with the document's path, "".
        ValueKind::Object => match reader.entity(1, Role::Top)? {
            Outcome::Container {
                notifications: true,
            } => PayloadKind::Notifications,
            Outcome::Container {
                notifications: false,
            } => PayloadKind::Collection,
            _ => {
                // A single operation has no next page.
                reader.next_link = None;
                PayloadKind::Operation
            }
        },
        other => {
            let message = format!(
                "expected an operation, a collection, a notification envelope or an array, but the document is {}",
                other.describe()
            );
            not_an_object(reader, other, message)?;
            return Ok(None);
        }
    };
    reader.scan.expect_end(&mut reader.diag, &reader.path)?;
    Ok(Some(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse_bytes_counting` against `parse_bytes`: the same operation and the
    /// warning count on success, the same error otherwise.
    /// Without `keep_extras`, the operation is the same with its extra properties removed.
    fn same_as_parse_bytes(bytes: &[u8], options: &ParseOptions) {
        for keep_extras in [true, false] {
            let mut full = RecordOperation::parse_bytes(bytes, options);
            if let (Ok((operation, _)), false) = (&mut full, keep_extras) {
                operation.extra.clear();
                if let crate::Field::Value(info) = &mut operation.result_info {
                    info.extra.clear();
                }
            }
            let counted = RecordOperation::parse_bytes_counting(bytes, options, keep_extras);
            match (&full, &counted) {
                (Ok((operation, report)), Ok((counted_operation, warnings))) => {
                    assert_eq!(operation, counted_operation, "{bytes:?}");
                    assert_eq!(report.issues.len(), *warnings, "{bytes:?}");
                    assert_eq!(report.warnings().count(), *warnings, "{bytes:?}");
                }
                (Err(error), Err(CountedError::Full(counted_error))) => {
                    assert_eq!(error, counted_error, "{bytes:?}")
                }
                (Err(error), Err(CountedError::First { first, errors })) => {
                    let report = error.report();
                    assert_eq!(report.errors().next(), Some(first), "{bytes:?}");
                    assert_eq!(report.errors().count(), *errors, "{bytes:?}");
                }
                _ => panic!("{bytes:?}: {full:?} vs {counted:?}"),
            }
        }
        // The binding gives a failed parse's other issues from validate_bytes: the same issues.
        let validated = validate_bytes(bytes, options);
        match RecordOperation::parse_bytes(bytes, options) {
            Ok((_, report)) | Err(Error::Invalid(report)) => {
                assert_eq!(report, validated, "{bytes:?}")
            }
        }
    }

    /// `validate_bytes_verdict` against `validate_bytes`: the same verdict, the warning count when
    /// valid, and the same report when it gives one.
    fn same_as_validate_bytes(bytes: &[u8], options: &ParseOptions) {
        let full = validate_bytes(bytes, options);
        match validate_bytes_verdict(bytes, options) {
            Verdict::Valid { warnings } => {
                assert!(full.is_valid(), "{bytes:?}: {full:?}");
                assert_eq!(full.issues.len(), warnings, "{bytes:?}");
            }
            Verdict::Invalid => assert!(!full.is_valid(), "{bytes:?}"),
            Verdict::Report(report) => assert_eq!(report, full, "{bytes:?}"),
        }
    }

    /// `parse_any_bytes_light_warnings` against `parse_any_bytes`: the same payload, with the
    /// warnings reduced to their code and severity.
    /// True when the light read kept its warnings light (it had warnings and was not given up).
    fn same_as_parse_any_bytes(bytes: &[u8], options: &ParseOptions) -> bool {
        let full = parse_any_bytes(bytes, options);
        let light = parse_any_bytes_light_warnings(bytes, options);
        assert_eq!(light.operations, full.operations, "{bytes:?}");
        assert_eq!(light.skipped, full.skipped, "{bytes:?}");
        assert_eq!(light.kind, full.kind, "{bytes:?}");
        assert_eq!(light.next_link, full.next_link, "{bytes:?}");
        if light.report == full.report {
            // The mode was given up (issues forgotten by their path), or there were no warnings.
            return false;
        }
        let reduced = |issues: &[crate::Issue]| {
            let mut issues = issues.to_vec();
            for issue in issues
                .iter_mut()
                .filter(|i| i.severity == crate::Severity::Warning)
            {
                issue.path.clear();
                issue.message.clear();
                issue.position = Default::default();
            }
            issues
        };
        assert_eq!(
            reduced(&light.report.issues),
            reduced(&full.report.issues),
            "{bytes:?}"
        );
        let light_warnings = light.report.warnings().collect::<Vec<_>>();
        assert!(
            light_warnings
                .iter()
                .all(|w| w.path.is_empty() && w.message.is_empty()),
            "{bytes:?}"
        );
        true
    }

    /// Payloads with every kind of warning and error a single operation can have, alone and
    /// together, compact and pretty-printed.
    fn generated_payloads() -> Vec<String> {
        let members: &[&[&str]] = &[
            &[
                "",
                r##""@odata.type":"#microsoft.graph.recordOperation","##,
                r##""@odata.type":"#Microsoft.Graph.RecordOperation","##,
                r##""@odata.type":"#microsoft.graph.playPromptOperation","##,
                r##""@odata.type":5,"##,
            ],
            &[
                "",
                r##""id":"op-1","##,
                r##""id":null,"##,
                r##""id":"a\u00e9","#],
            &[
                "",
                r##""status":"completed","##,
                r##""status":"Running","##,
                r##""status":null,"##,
                r##""status":"paused","##,
                r##""status":"failed","##,
                r##""status":7,"##,
            ],
            &[
                "",
                r##""completionReason":"maxRecordDurationReached","##,
                r##""completionReason":"InitialSilenceTimeout","##,
                r##""completionReason":"none","##,
            ],
            &[
                "",
                r##""resultInfo":null,"##,
                r##""resultInfo":{"code":200,"subcode":0,"message":"ok"},"##,
                r##""resultInfo":{"@odata.type":"microsoft.graph.ResultInfo","code":"200","subCode":8515},"##,
                r##""resultInfo":{"code":500,"subcode":"1","extra":true},"##,
                r##""resultInfo":{"code":"2147483648","subcode":1.5},"##,
                r##""resultInfo":{"code":2e2,"subcode":0,"subCode":1},"##,
                r##""resultInfo":{"@odata.type":"#microsoft.graph.other","message":3},"##,
                r##""resultInfo":[],"##,
            ],
            &[
                "",
                r##""recordingLocation":"https://example.com/r","##,
                r##""recordingLocation":"http://example.com/r","##,
                r##""recordResourceLocation":"https://example.com/old","##,
                r##""recordResourceAccessToken":"t","recordingAccessToken":"u","##,
            ],
            &[
                "",
                r##""clientContext":"c","##,
                r##""x":[1,{"y":null}],"##,
                r##""id":"dup","##,
            ],
        ];
        let mut payloads = Vec::new();
        let mut next = crate::test_random::below(0x5eed_2026_u64);
        for round in 0..3000 {
            let mut body = String::new();
            for choices in members {
                body.push_str(choices.get(next(choices.len())).copied().unwrap_or(""));
            }
            let body = body.strip_suffix(',').unwrap_or(&body);
            let mut text = format!("{{{body}}}");
            if round % 5 == 0 {
                text = text.replace(',', ",\n  ").replace('{', "{\n  ");
            }
            payloads.push(text);
        }
        payloads.extend(
            [
                "",
                "[]",
                "nul",
                "{",
                "{\"status\":\"running\"} x",
                "\u{feff}{}",
                "{\"a\":1,\"a\":2}",
            ]
            .map(String::from),
        );
        payloads
    }

    /// The generated payloads in every shape parseAny reads, several to a payload: collections,
    /// notification envelopes (with a resourceUrl that names the operation, which forgets a
    /// missing id by its path), bare arrays.
    #[test]
    fn light_warnings_agree_with_full_reads_in_every_shape() {
        let payloads = generated_payloads();
        let options = [
            ParseOptions::default(),
            ParseOptions::strict(),
            ParseOptions {
                max_issues: 3,
                ..ParseOptions::default()
            },
        ];
        let (mut light, mut full) = (0, 0);
        for group in payloads.chunks(7) {
            let items = group.join(",");
            let notifications = group
                .iter()
                .enumerate()
                .map(|(at, item)| {
                    let url = if at % 2 == 0 {
                        "/communications/calls/c1/operations/op-1"
                    } else {
                        "/communications/calls/c1"
                    };
                    format!(
                        r#"{{"changeType":"updated","resourceUrl":"{url}","resourceData":{item}}}"#
                    )
                })
                .collect::<Vec<_>>()
                .join(",");
            for text in [
                format!(
                    r#"{{"@odata.context":"x","value":[{items}],"@odata.nextLink":"https://n"}}"#
                ),
                format!(r#"{{"value":[{notifications}]}}"#),
                format!("[{items}]"),
            ] {
                for options in &options {
                    if same_as_parse_any_bytes(text.as_bytes(), options) {
                        light += 1;
                    } else {
                        full += 1;
                    }
                }
            }
        }
        // Both happen: warnings kept light, and the mode given up (or nothing to keep).
        assert!(light > 100 && full > 100, "{light} light, {full} full");
    }

    #[test]
    fn counting_and_verdict_modes_agree_with_full_reads() {
        let corpus = include_str!("../tests/corpus/bad-inputs.txt");
        let from_corpus = corpus.lines().filter_map(|line| {
            line.strip_prefix("input ")
                .or_else(|| line.strip_prefix("good "))
        });
        let payloads: Vec<String> = generated_payloads()
            .into_iter()
            .chain(from_corpus.map(String::from))
            .collect();
        let limited = ParseOptions {
            max_issues: 1,
            ..ParseOptions::default()
        };
        let small = ParseOptions {
            max_input_bytes: 40,
            max_depth: 2,
            ..ParseOptions::default()
        };
        let mut counted = 0;
        for text in &payloads {
            for options in [
                ParseOptions::default(),
                ParseOptions::strict(),
                limited,
                small,
            ] {
                same_as_parse_bytes(text.as_bytes(), &options);
                same_as_validate_bytes(text.as_bytes(), &options);
                same_as_parse_any_bytes(text.as_bytes(), &options);
            }
            if let Ok((_, warnings)) = RecordOperation::parse_bytes_counting(
                text.as_bytes(),
                &ParseOptions::default(),
                true,
            ) {
                counted += warnings;
            }
        }
        // The generator does make warnings.
        assert!(counted > 1000, "{counted}");
        same_as_parse_bytes(b"{\"id\":\"\xff\"}", &ParseOptions::default());
        same_as_validate_bytes(b"{\"id\":\"\xff\"}", &ParseOptions::default());
        // The benchmark's payloads, when they were generated (bench/generate.js).
        if let Ok(text) = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/out/payloads.txt"),
        ) {
            for payload in text.split('\u{1e}') {
                same_as_parse_bytes(payload.as_bytes(), &ParseOptions::default());
                same_as_validate_bytes(payload.as_bytes(), &ParseOptions::default());
            }
        }
    }

    fn check(bytes: &[u8]) {
        let expected = match std::str::from_utf8(bytes) {
            Ok(text) => Ok((
                text,
                bytes
                    .iter()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(bytes.len()),
            )),
            Err(error) => Err(error.valid_up_to()),
        };
        assert_eq!(utf8(bytes), expected, "{bytes:?}");
    }

    #[test]
    fn utf8_agrees_with_std() {
        // Every sequence of up to three bytes from an alphabet of boundary cases, placed so it
        // crosses the stretch ends and the 16-byte blocks, in ASCII and in accented text.
        let alphabet: &[u8] = &[
            b'a', 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90,
            0xF4, 0x8F, 0xF5, 0xFF,
        ];
        let mut tails = vec![Vec::new()];
        for _ in 0..3 {
            let mut longer = Vec::new();
            for tail in &tails {
                for &b in alphabet {
                    let mut t: Vec<u8> = tail.clone();
                    t.push(b);
                    longer.push(t);
                }
            }
            tails.extend(longer);
        }
        let fillers: [&[u8]; 2] = [b"x", "é".as_bytes()];
        for filler in fillers {
            for lead in [0usize, 1, 15, 16, 17, 29, 30, 31, 32, 33, 47, 60] {
                let mut prefix = Vec::new();
                while prefix.len() < lead {
                    prefix.extend_from_slice(filler);
                }
                for tail in &tails {
                    let mut bytes = prefix.clone();
                    bytes.extend_from_slice(tail);
                    check(&bytes);
                    bytes.extend_from_slice("ok ü 𝄞 done".as_bytes());
                    check(&bytes);
                }
            }
        }
        // Long mixed text, valid and cut anywhere.
        let long = "Aufnahme für Kundin Jürgen Weiß – Ticket #4711 𝄞 ".repeat(20);
        for cut in 0..=long.len() {
            check(long.as_bytes().get(..cut).unwrap_or(&[]));
        }
    }
}
