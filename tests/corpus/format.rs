//! Reader for the bad-input corpus (`tests/corpus/bad-inputs.txt`), shared by every runner: native
//! (`tests/corpus.rs`) and wasm-bindgen (Node, Chromium). No dependencies and no crate types, so it
//! compiles for wasm32 too. Use it with
//!
//! ```ignore
//! #[path = "corpus/format.rs"]
//! mod corpus_format;
//! const CORPUS: &str = include_str!("corpus/bad-inputs.txt");
//! let corpus = corpus_format::parse_corpus(CORPUS).unwrap();
//! ```
//!
//! The format is described in `tests/corpus/README.md` and at the top of `bad-inputs.txt`.
#![allow(dead_code)]

/// The whole corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Good payloads (single operations): after every case, the same instance must still parse
    /// each of them without an error.
    pub good: Vec<String>,
    /// The bad-input cases, in file order.
    pub cases: Vec<Case>,
}

/// Which entry point a case runs through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `validate` (and `RecordOperation::parse`, which must agree with it).
    Validate,
    /// `parse_any` (shape detection).
    ParseAny,
    /// Both, with the same expected issues.
    Both,
}

impl Entry {
    /// True when `validate` runs.
    pub fn validate(self) -> bool {
        matches!(self, Entry::Validate | Entry::Both)
    }

    /// True when `parse_any` runs.
    pub fn parse_any(self) -> bool {
        matches!(self, Entry::ParseAny | Entry::Both)
    }
}

/// A case's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// UTF-8 text: every runner can feed it.
    Text(String),
    /// Bytes that are not UTF-8: only runners with a bytes entry point can feed them.
    Bytes(Vec<u8>),
    /// UTF-16 code units holding a lone surrogate: a JS string. Native runners cannot build one.
    Utf16(Vec<u16>),
}

impl Input {
    /// The size in bytes (UTF-8) or code units (UTF-16).
    pub fn len(&self) -> usize {
        match self {
            Input::Text(text) => text.len(),
            Input::Bytes(bytes) => bytes.len(),
            Input::Utf16(units) => units.len(),
        }
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One expected issue. Severities are the lenient ones; in strict mode every one is `error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// `"error"` or `"warning"`.
    pub severity: String,
    /// The snake_case issue code.
    pub code: String,
    /// The JSON Pointer; `None` when the case accepts any path (`*`, used only for JS strings).
    pub path: Option<String>,
}

/// One bad-input case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Unique name.
    pub name: String,
    /// Line of the `case` line in the file, for messages.
    pub line: usize,
    /// The input.
    pub input: Input,
    /// Which entry point(s).
    pub entry: Entry,
    /// `max_input_bytes`, when the case sets it.
    pub max_input_bytes: Option<usize>,
    /// `max_depth`, when the case sets it.
    pub max_depth: Option<usize>,
    /// Expected shape from `parse_any`: `Some(None)` for `kind none` (not detected), `None` when
    /// the case does not say.
    pub kind: Option<Option<String>>,
    /// Every expected issue: the actual issues must be exactly these (as a multiset).
    pub expect: Vec<Expected>,
    /// Extra properties the operation must keep (checked on `RecordOperation::parse` and on the
    /// first operation `parse_any` finds).
    pub keeps: Vec<String>,
}

impl Case {
    /// True when no expected issue is an error (the payload reads in lenient mode).
    pub fn lenient_valid(&self) -> bool {
        !self.expect.iter().any(|e| e.severity == "error")
    }
}

enum Part {
    Bytes(Vec<u8>),
    Surrogate(u16),
}

/// Decodes the corpus escapes: `\\`, `\n`, `\r`, `\t`, `\xHH` (one raw byte, may make the result
/// invalid UTF-8), `\u{H…}` (a Unicode scalar value as UTF-8, or a surrogate D800–DFFF as a UTF-16
/// code unit).
fn unescape(text: &str, parts: &mut Vec<Part>) -> Result<(), String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buffer = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        match chars.next() {
            Some('\\') => bytes.push(b'\\'),
            Some('n') => bytes.push(b'\n'),
            Some('r') => bytes.push(b'\r'),
            Some('t') => bytes.push(b'\t'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let byte =
                    u8::from_str_radix(&hex, 16).map_err(|_| format!("bad \\x escape: {hex}"))?;
                bytes.push(byte);
            }
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err("\\u must be followed by {".to_string());
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let value =
                    u32::from_str_radix(&hex, 16).map_err(|_| format!("bad \\u escape: {hex}"))?;
                if (0xD800..=0xDFFF).contains(&value) {
                    parts.push(Part::Bytes(std::mem::take(&mut bytes)));
                    parts.push(Part::Surrogate(value as u16));
                } else {
                    let c = char::from_u32(value).ok_or(format!("bad scalar: {hex}"))?;
                    let mut buffer = [0u8; 4];
                    bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
            }
            other => return Err(format!("unknown escape \\{other:?}")),
        }
    }
    parts.push(Part::Bytes(bytes));
    Ok(())
}

fn unescape_text(text: &str) -> Result<String, String> {
    let mut parts = Vec::new();
    unescape(text, &mut parts)?;
    let mut bytes = Vec::new();
    for part in parts {
        match part {
            Part::Bytes(b) => bytes.extend(b),
            Part::Surrogate(_) => return Err("a surrogate is not allowed here".to_string()),
        }
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())
}

fn build_input(parts: Vec<Part>) -> Result<Input, String> {
    if parts.iter().all(|p| matches!(p, Part::Bytes(_))) {
        let mut bytes = Vec::new();
        for part in parts {
            if let Part::Bytes(b) = part {
                bytes.extend(b);
            }
        }
        return Ok(match String::from_utf8(bytes) {
            Ok(text) => Input::Text(text),
            Err(error) => Input::Bytes(error.into_bytes()),
        });
    }
    let mut units = Vec::new();
    for part in parts {
        match part {
            Part::Bytes(b) => {
                let text = String::from_utf8(b)
                    .map_err(|_| "a case with a surrogate must otherwise be UTF-8".to_string())?;
                units.extend(text.encode_utf16());
            }
            Part::Surrogate(unit) => units.push(unit),
        }
    }
    Ok(Input::Utf16(units))
}

struct Draft {
    name: String,
    line: usize,
    parts: Vec<Part>,
    entry: Entry,
    max_input_bytes: Option<usize>,
    max_depth: Option<usize>,
    kind: Option<Option<String>>,
    expect: Vec<Expected>,
    expect_none: bool,
    keeps: Vec<String>,
}

impl Draft {
    fn finish(self) -> Result<Case, String> {
        if self.parts.is_empty() {
            return Err(format!(
                "case {} (line {}) has no input",
                self.name, self.line
            ));
        }
        if self.expect.is_empty() && !self.expect_none {
            return Err(format!(
                "case {} (line {}) expects nothing; write `expect none` to mean it",
                self.name, self.line
            ));
        }
        Ok(Case {
            name: self.name,
            line: self.line,
            input: build_input(self.parts)?,
            entry: self.entry,
            max_input_bytes: self.max_input_bytes,
            max_depth: self.max_depth,
            kind: self.kind,
            expect: self.expect,
            keeps: self.keeps,
        })
    }
}

/// Reads the corpus text. Errors name the line.
pub fn parse_corpus(text: &str) -> Result<Corpus, String> {
    let mut good = Vec::new();
    let mut cases = Vec::new();
    let mut draft: Option<Draft> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (directive, rest) = line.split_once(' ').unwrap_or((line, ""));
        let context = |message: String| format!("line {number}: {message}");
        if directive == "good" {
            good.push(rest.to_string());
            continue;
        }
        if directive == "case" {
            if let Some(done) = draft.take() {
                cases.push(done.finish()?);
            }
            draft = Some(Draft {
                name: rest.to_string(),
                line: number,
                parts: Vec::new(),
                entry: Entry::Both,
                max_input_bytes: None,
                max_depth: None,
                kind: None,
                expect: Vec::new(),
                expect_none: false,
                keeps: Vec::new(),
            });
            continue;
        }
        let case = draft
            .as_mut()
            .ok_or_else(|| context(format!("{directive} outside a case")))?;
        match directive {
            "input" => case.parts.push(Part::Bytes(rest.as_bytes().to_vec())),
            "input-esc" => unescape(rest, &mut case.parts).map_err(context)?,
            "input-repeat" => {
                let (count, unit) = rest
                    .split_once(' ')
                    .ok_or_else(|| context("input-repeat COUNT UNIT".to_string()))?;
                let count: usize = count
                    .parse()
                    .map_err(|_| context(format!("bad count {count}")))?;
                let mut unit_parts = Vec::new();
                unescape(unit, &mut unit_parts).map_err(context)?;
                let mut unit_bytes = Vec::new();
                for part in unit_parts {
                    match part {
                        Part::Bytes(b) => unit_bytes.extend(b),
                        Part::Surrogate(_) => {
                            return Err(context("no surrogates in input-repeat".to_string()))
                        }
                    }
                }
                case.parts.push(Part::Bytes(unit_bytes.repeat(count)));
            }
            "entry" => {
                case.entry = match rest {
                    "validate" => Entry::Validate,
                    "parse_any" => Entry::ParseAny,
                    "both" => Entry::Both,
                    other => return Err(context(format!("unknown entry {other}"))),
                }
            }
            "max_input_bytes" => {
                case.max_input_bytes = Some(rest.parse().map_err(|_| context(rest.to_string()))?)
            }
            "max_depth" => {
                case.max_depth = Some(rest.parse().map_err(|_| context(rest.to_string()))?)
            }
            "kind" => {
                case.kind = Some(match rest {
                    "none" => None,
                    "operation" | "collection" | "notifications" | "array" => {
                        Some(rest.to_string())
                    }
                    other => return Err(context(format!("unknown kind {other}"))),
                })
            }
            "keeps" => case.keeps.push(rest.to_string()),
            "expect" if rest == "none" => case.expect_none = true,
            "expect" => {
                let mut fields = rest.splitn(3, ' ');
                let severity = fields.next().unwrap_or("").to_string();
                let code = fields.next().unwrap_or("").to_string();
                let path = fields.next().unwrap_or("");
                if severity != "error" && severity != "warning" {
                    return Err(context(format!("unknown severity {severity}")));
                }
                if code.is_empty() || path.is_empty() {
                    return Err(context("expect SEVERITY CODE PATH".to_string()));
                }
                let path = match path {
                    "*" => None,
                    "(document)" => Some(String::new()),
                    escaped => Some(unescape_text(escaped).map_err(context)?),
                };
                case.expect.push(Expected {
                    severity,
                    code,
                    path,
                });
            }
            other => return Err(context(format!("unknown directive {other}"))),
        }
    }
    if let Some(done) = draft.take() {
        cases.push(done.finish()?);
    }
    let mut names = std::collections::HashSet::new();
    for case in &cases {
        if !names.insert(case.name.as_str()) {
            return Err(format!("duplicate case name {}", case.name));
        }
    }
    Ok(Corpus { good, cases })
}

/// A text cut to 300 bytes (on a character boundary) for a failure message.
pub fn shorten(text: &str) -> String {
    if text.len() <= 300 {
        return text.to_string();
    }
    let mut cut = 300;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &text[..cut])
}
