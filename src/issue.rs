//! Validation issues: the one table of stable codes, severities and the report that collects them.

use crate::words::{HIGHS, ONES};
use std::fmt;

/// How serious an [`Issue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The payload deviates from the schema or the documentation but can be read.
    Warning,
    /// The payload cannot be read as a recordOperation (in strict mode: any deviation).
    Error,
}

impl Severity {
    /// `"warning"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! issue_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident => $code:literal, $severity:ident; )*) => {
        /// Every stable issue code. The snake_case string of each (see [`IssueCode::as_str`]) never
        /// changes once released; the severity is the one used in lenient mode (strict mode makes
        /// every issue an error).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum IssueCode {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl IssueCode {
            /// Every code, in table order.
            pub const ALL: &'static [IssueCode] = &[ $( IssueCode::$variant, )* ];

            /// The stable snake_case code, e.g. `"integer_as_string"`.
            pub fn as_str(self) -> &'static str {
                match self { $( IssueCode::$variant => $code, )* }
            }

            /// The severity in lenient mode.
            pub fn lenient_severity(self) -> Severity {
                match self { $( IssueCode::$variant => Severity::$severity, )* }
            }

            /// What the code means: one or two sentences (the README's table is made from these).
            pub fn description(self) -> &'static str {
                match self { $( IssueCode::$variant => concat!($($doc),*).trim_ascii(), )* }
            }

            /// Looks a code up by its snake_case string.
            pub fn from_code(code: &str) -> Option<IssueCode> {
                match code { $( $code => Some(IssueCode::$variant), )* _ => None }
            }
        }
    };
}

issue_codes! {
    /// The text is not JSON (the message carries line and column).
    JsonSyntax => "json_syntax", Error;
    /// The bytes are not UTF-8.
    InvalidUtf8 => "invalid_utf8", Error;
    /// A `\uD800`-style escape, or a JS string, holds a UTF-16 surrogate without its pair.
    LoneSurrogate => "lone_surrogate", Error;
    /// The input is larger than `ParseOptions::max_input_bytes`.
    InputTooLarge => "input_too_large", Error;
    /// Objects and arrays nest deeper than `ParseOptions::max_depth`.
    NestingTooDeep => "nesting_too_deep", Error;
    /// One object has the same key twice: JSON that means two things.
    DuplicateKey => "duplicate_key", Error;
    /// A property has the wrong JSON type (e.g. a number where a string belongs).
    WrongType => "wrong_type", Error;
    /// An integer property (resultInfo `code` or `subcode`, a request's timeout) is not an integer
    /// (`200.5`, `"abc"`).
    NotAnInteger => "not_an_integer", Error;
    /// An Int32 property is outside Int32 (`2147483648`, `1e400`).
    IntegerOutOfRange => "integer_out_of_range", Error;
    /// `@odata.type` names another type (e.g. `#microsoft.graph.playPromptOperation`).
    OdataTypeMismatch => "odata_type_mismatch", Error;
    /// A legacy and a current property (or `subCode` and `subcode`) are both present and disagree.
    ConflictingProperties => "conflicting_properties", Error;
    /// `code` or `subcode` sent as a JSON string (`"200"`); read as the number.
    IntegerAsString => "integer_as_string", Warning;
    /// An integral number written with a fraction or exponent, or `-0` (`200.0`, `2e2`); read as
    /// the integer.
    NonCanonicalInteger => "non_canonical_integer", Warning;
    /// `subCode` instead of `subcode`; read as `subcode`.
    SubcodeSpelling => "subcode_spelling", Warning;
    /// resultInfo has no `code`.
    MissingCode => "missing_code", Warning;
    /// resultInfo has no `subcode`.
    MissingSubcode => "missing_subcode", Warning;
    /// The operation has no `id`.
    MissingId => "missing_id", Warning;
    /// `status` is absent: more updates will follow.
    MissingStatus => "missing_status", Warning;
    /// `status` is `null` (the schema says not nullable; the docs say more updates will follow).
    NullStatus => "null_status", Warning;
    /// An enum value in another ASCII case than documented (`Running`); read as documented.
    EnumCase => "enum_case", Warning;
    /// An enum value that is not documented (e.g. completionReason `none`); kept verbatim.
    UnknownEnumValue => "unknown_enum_value", Warning;
    /// `@odata.type` names the right type in another case; read as the documented spelling.
    OdataTypeCase => "odata_type_case", Warning;
    /// A legacy beta property (`recordResourceLocation`, `recordResourceAccessToken`, `resource`).
    LegacyProperty => "legacy_property", Warning;
    /// A property resultInfo (a closed type) does not define; kept.
    UnknownResultInfoProperty => "unknown_result_info_property", Warning;
    /// clientContext longer than 256 UTF-16 code units.
    ClientContextTooLong => "client_context_too_long", Warning;
    /// recordingLocation is not empty and not an absolute `https:` URL.
    RecordingLocationNotHttps => "recording_location_not_https", Warning;
    /// completionReason is set while the status is not terminal.
    ReasonWithoutTerminalStatus => "reason_without_terminal_status", Warning;
    /// status `completed` with a 4xx or 5xx resultInfo code.
    CompletedWithErrorCode => "completed_with_error_code", Warning;
    /// status `failed` with a 2xx resultInfo code.
    FailedWithSuccessCode => "failed_with_success_code", Warning;
    /// A notification item has no `resourceData`.
    MissingResourceData => "missing_resource_data", Warning;
    /// A recordOperation in a feed has neither an `id` nor an operation id at the end of its
    /// notification's `resourceUrl`, so the tracker cannot follow it.
    UntrackableOperation => "untrackable_operation", Warning;
    /// The operation's `id` and the id at the end of its notification's `resourceUrl` name
    /// different operations (compared ignoring case and dashes); tracked by `id`.
    ResourceUrlIdMismatch => "resource_url_id_mismatch", Warning;
    /// A saved tracker state that cannot be restored: an unknown format or version, or a missing
    /// or wrong-typed field.
    InvalidTrackerState => "invalid_tracker_state", Error;
    /// recordResponse: more than one prompt (the action plays at most one).
    TooManyPrompts => "too_many_prompts", Error;
    /// recordResponse: a prompt without `mediaInfo.uri`.
    MissingMediaUri => "missing_media_uri", Error;
    /// recordResponse: a timeout or duration outside 1..120 seconds.
    TimeoutOutOfRange => "timeout_out_of_range", Error;
    /// recordResponse: a stop tone that is not one DTMF character `0`-`9`, `*` or `#`.
    InvalidStopTone => "invalid_stop_tone", Error;
    /// recordResponse: the same stop tone listed twice.
    DuplicateStopTone => "duplicate_stop_tone", Warning;
    /// recordResponse: a parameter only the beta endpoint accepts (`streamWhileRecording`) in a
    /// request for v1.0.
    BetaOnlyParameter => "beta_only_parameter", Error;
    /// recordResponse: a parameter or property the action does not define (Graph rejects it).
    UnknownRequestProperty => "unknown_request_property", Error;
    /// The payload has more issues than `ParseOptions::max_issues`: reading stopped there.
    TooManyIssues => "too_many_issues", Error;
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the text an issue was found. `line` and `column` are 1-based; `column` counts Unicode
/// scalar values; `offset` is the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextPosition {
    /// Byte offset from the start of the text.
    pub offset: usize,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in Unicode scalar values.
    pub column: u32,
}

/// One problem found in a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// RFC 6901 JSON Pointer to the offending value (`""` is the whole document).
    pub path: String,
    /// The stable code.
    pub code: IssueCode,
    /// Error or warning, after the mode was applied.
    pub severity: Severity,
    /// A sentence naming the offending value and what was expected. Never contains the access token.
    pub message: String,
    /// Where the offending value starts in the text.
    pub position: TextPosition,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(
            f,
            "{} {} at {} (line {}, column {}): {}",
            self.severity, self.code, path, self.position.line, self.position.column, self.message
        )
    }
}

/// Every issue found in one payload, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// All issues, errors and warnings.
    pub issues: Vec<Issue>,
}

impl Report {
    /// True when no issue is an error.
    pub fn is_valid(&self) -> bool {
        !self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }

    /// True when any issue has this code.
    pub fn has(&self, code: IssueCode) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }
}

/// `(offset, index)` of every issue, in order of offset, issues at the same offset in their order
/// (the index breaks ties). The request checker orders its issues with it too.
pub(crate) fn offset_order(issues: &[Issue]) -> Vec<(usize, usize)> {
    let mut order: Vec<(usize, usize)> = issues
        .iter()
        .enumerate()
        .map(|(index, issue)| (issue.position.offset, index))
        .collect();
    crate::words::sort_pairs(&mut order);
    order
}

/// Computes line and column for every issue in one pass over the text. Issues are usually pushed
/// in text order; only when they are not is an order computed (unstable: issues at the same offset
/// get the same position whatever their order).
pub(crate) fn resolve_positions(text: &[u8], issues: &mut [Issue]) {
    resolve_positions_after(text, issues, 0);
}

/// [`resolve_positions`] when `text[..plain]` is known to be ASCII without a newline: a position
/// in there is line 1, column offset + 1, and the scan for the others starts at its end.
pub(crate) fn resolve_positions_after(text: &[u8], issues: &mut [Issue], plain: usize) {
    let plain = plain.min(text.len());
    let ascending = issues
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if a.position.offset <= b.position.offset));
    let mut cursor = LineCursor {
        line: 1,
        column: 1 + plain as u32,
        at: plain,
    };
    let mut place = |position: &mut TextPosition| {
        if position.offset <= plain {
            position.line = 1;
            position.column = 1 + position.offset as u32;
        } else {
            cursor.locate(text, position);
        }
    };
    // Issues in order, or all in the plain prefix (where a position needs no cursor, so order
    // does not matter: the usual compact ASCII payload), are placed without computing an order.
    if ascending || issues.iter().all(|issue| issue.position.offset <= plain) {
        for issue in issues.iter_mut() {
            place(&mut issue.position);
        }
        return;
    }
    for (_, index) in offset_order(issues) {
        if let Some(issue) = issues.get_mut(index) {
            place(&mut issue.position);
        }
    }
}

/// Line and column at byte `at`, moved forward only.
struct LineCursor {
    line: u32,
    column: u32,
    at: usize,
}

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const NEWLINES: u64 = ONES * b'\n' as u64;

impl LineCursor {
    /// Moves to the position's offset (not backwards) and fills in its line and column.
    fn locate(&mut self, text: &[u8], position: &mut TextPosition) {
        let target = position.offset.min(text.len());
        // Sixteen bytes at a time: a block of printable ASCII, the usual case, is only counted; any other block is counted a word at a time (see `word`).
        let span = text.get(self.at..target).unwrap_or(&[]);
        let mut rest = span;
        while let Some((block, tail)) = rest.split_first_chunk::<16>() {
            let (low, high) = block.split_at(8);
            let (Ok(low), Ok(high)) = (<[u8; 8]>::try_from(low), <[u8; 8]>::try_from(high)) else {
                break;
            };
            let (low, high) = (u64::from_le_bytes(low), u64::from_le_bytes(high));
            // A high bit flags a byte of 0x80 or more, or (by the borrow, when there is none) a
            // byte below 0x20: so no newline and nothing but ASCII when none is set. Read JSON
            // has no byte below 0x20 but whitespace, which compact payloads do not have.
            let flags = low.wrapping_sub(ONES * 0x20) | low | high.wrapping_sub(ONES * 0x20) | high;
            if flags & HIGHS == 0 {
                self.column += 16;
            } else {
                self.word(low);
                self.word(high);
            }
            rest = tail;
        }
        self.at += span.len() - rest.len();
        while self.at < target {
            match text.get(self.at) {
                Some(b'\n') => {
                    self.line += 1;
                    self.column = 1;
                }
                // UTF-8 continuation bytes do not start a new scalar value.
                Some(byte) if byte & 0xC0 == 0x80 => {}
                _ => self.column += 1,
            }
            self.at += 1;
        }
        position.line = self.line;
        position.column = self.column;
    }

    /// Counts eight bytes (little-endian in `word`): newlines exactly, and as columns every byte
    /// that is not a UTF-8 continuation byte (10xxxxxx).
    fn word(&mut self, word: u64) {
        let newline = word ^ NEWLINES;
        let newlines = !(((newline & LOW7) + LOW7) | newline | LOW7);
        if newlines == 0 {
            self.column += if word & HIGHS == 0 {
                8
            } else {
                (!(word & !(word << 1)) & HIGHS).count_ones()
            };
        } else {
            let starts = !(word & !(word << 1)) & HIGHS;
            self.line += newlines.count_ones();
            // The bytes after the last newline of the word start the new line.
            let after = 64 - newlines.leading_zeros();
            self.column = 1 + starts.checked_shr(after).unwrap_or(0).count_ones();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column by walking the characters, the definition the cursor must agree with.
    fn naive(text: &str, offset: usize) -> (u32, u32) {
        let (mut line, mut column) = (1, 1);
        for (at, c) in text.char_indices() {
            if at >= offset {
                break;
            }
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        (line, column)
    }

    #[test]
    fn positions_agree_with_walking_the_characters() {
        // A small deterministic generator: texts of ASCII, whitespace, newlines and multi-byte
        // characters, offsets in any order, with and without a known plain prefix.
        let pieces = [
            "a",
            "{\"k\":1}",
            " ",
            "\n",
            "\t",
            "é",
            "€",
            "𝄞",
            "0123456789abcdef",
            "\r\n",
        ];
        let mut next = crate::test_random::below(0x5eed_u64);
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..next(60) {
                text.push_str(pieces.get(next(pieces.len())).copied().unwrap_or("a"));
            }
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut issues: Vec<Issue> = (0..next(6))
                .map(|_| Issue {
                    path: String::new(),
                    code: IssueCode::JsonSyntax,
                    severity: Severity::Error,
                    message: String::new(),
                    position: TextPosition {
                        offset: boundaries.get(next(boundaries.len())).copied().unwrap_or(0),
                        line: 0,
                        column: 0,
                    },
                })
                .collect();
            let plain = text
                .bytes()
                .position(|b| b == b'\n' || !b.is_ascii())
                .unwrap_or(text.len());
            let plain = plain.min(next(text.len() + 1));
            resolve_positions_after(text.as_bytes(), &mut issues, plain);
            for issue in &issues {
                let (line, column) = naive(&text, issue.position.offset);
                assert_eq!(
                    (issue.position.line, issue.position.column),
                    (line, column),
                    "{text:?} at {}",
                    issue.position.offset
                );
            }
        }
    }
}
