//! Collects issues while reading: applies the mode's severity and keeps offsets for positions.

use crate::issue::{Issue, IssueCode, Severity, TextPosition};
use crate::pointer::Pointer;

/// The longest value quoted in a message; longer ones are cut with an ellipsis.
const QUOTE_LIMIT: usize = 64;

/// The outcome of counting mode: [`Diagnostics::verdict_only`] or
/// [`Diagnostics::first_error_only`]. In either, warnings are counted, not built (no path, message
/// or position); what happens at an error depends on the mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    /// No error came up: the issues are this many warnings.
    Warnings(usize),
    /// Counting stopped with nothing counted (issues were forgotten, or the issue limit was
    /// reached with at most a kept first error): the read went on in full, so the issues are
    /// complete.
    Full,
    /// Counting stopped after issues were counted (the issue limit, or issues forgotten): the read
    /// stopped; read again in full.
    Abandoned,
    /// Verdict mode (see [`Diagnostics::verdict_only`]) met an error: the read stopped there.
    Invalid,
    /// First-error mode (see [`Diagnostics::first_error_only`]) met errors: the issues hold the
    /// first, built; this is how many errors the full report has.
    FirstError { errors: usize },
}

/// What counting mode does at an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtError {
    /// Ends the read: the verdict is known ([`Diagnostics::verdict_only`]).
    Stop,
    /// Builds the first error and counts the others ([`Diagnostics::first_error_only`]).
    KeepFirst,
}

pub(crate) struct Diagnostics {
    pub issues: Vec<Issue>,
    strict: bool,
    max_issues: usize,
    /// Set once `max_issues` was reached: later issues are dropped and reading stops.
    full: bool,
    /// Counting mode (see [`Counted`]): warnings are counted, not built.
    count_only: bool,
    /// Warnings counted in counting mode.
    counted: usize,
    /// Set when counting mode stopped after counting issues: reading stops, and the caller must
    /// read again in full to build the report.
    abandoned: bool,
    /// What counting mode does at an error.
    at_error: AtError,
    /// Set when verdict mode met an error.
    error_seen: bool,
    /// Errors counted after the first in first-error mode.
    errors_counted: usize,
    /// Light-warnings mode (see [`Diagnostics::light_warnings`]).
    light: bool,
    /// Set when light-warnings mode was given up: the caller must read again in full.
    light_abandoned: bool,
}

impl Diagnostics {
    pub fn new(strict: bool) -> Self {
        Diagnostics::with_max_issues(strict, crate::options::DEFAULT_MAX_ISSUES)
    }

    pub fn with_max_issues(strict: bool, max_issues: usize) -> Self {
        Diagnostics {
            issues: Vec::new(),
            strict,
            max_issues,
            full: false,
            count_only: false,
            counted: 0,
            abandoned: false,
            at_error: AtError::Stop,
            error_seen: false,
            errors_counted: 0,
            light: false,
            light_abandoned: false,
        }
    }

    /// Verdict mode, for callers that keep only whether the text is valid (the JS `validate`,
    /// which reads the text again if the issues are asked for): counting mode, except that the
    /// first error ends the read without being built, whatever was counted before it
    /// ([`Counted::Invalid`]). Set before anything was recorded.
    pub fn verdict_only(&mut self) {
        self.count_only = true;
        self.at_error = AtError::Stop;
    }

    /// First-error mode, for callers that fail with the first error and the number of errors (the
    /// JS `RecordOperation.parse`, which reads the text again if the other issues are asked for):
    /// counting mode, except that the first error is built and later errors are counted, to the
    /// end ([`Counted::FirstError`]). Set before anything was recorded.
    pub fn first_error_only(&mut self) {
        self.count_only = true;
        self.at_error = AtError::KeepFirst;
    }

    /// Light-warnings mode, for callers that keep the errors and only whether there are warnings
    /// (the JS `parseAny`, which reads the text again if the warnings are asked for): errors are
    /// built as usual; a warning is recorded with its code and severity only (no path, message or
    /// position), so the issue limit and forgetting issues by code work as in a full read. Issues
    /// forgotten by their path give the mode up ([`Diagnostics::light_abandoned`]). Set before
    /// anything was recorded.
    pub fn light_warnings(&mut self) {
        self.light = true;
    }

    /// True when light-warnings mode was given up: the read stopped; read again in full.
    pub fn light_abandoned(&self) -> bool {
        self.light_abandoned
    }

    /// Gives light-warnings mode up, and stops the read.
    fn abandon_light(&mut self) {
        self.light = false;
        self.light_abandoned = true;
        self.full = true;
    }

    /// What counting mode came to: [`Counted::Warnings`] while it lasted.
    pub fn counted(&self) -> Counted {
        if self.error_seen {
            Counted::Invalid
        } else if self.count_only {
            if self.issues.is_empty() {
                Counted::Warnings(self.counted)
            } else {
                Counted::FirstError {
                    errors: 1 + self.errors_counted,
                }
            }
        } else if self.abandoned {
            Counted::Abandoned
        } else {
            Counted::Full
        }
    }

    /// False when an issue with this code would be dropped unbuilt: once the limit was reached,
    /// or in counting mode (where it is counted, or abandons the read).
    // Not inlined: one copy, not one per issue site (it runs only for issues).
    #[inline(never)]
    fn wants(&mut self, code: IssueCode) -> bool {
        if self.full {
            return false;
        }
        if self.light && self.severity(code) == Severity::Warning {
            self.light_warning(code);
            return false;
        }
        if !self.count_only {
            return true;
        }
        // Where a full read would reach the issue limit, only a full read can say what follows.
        if self.counted + self.errors_counted + self.issues.len() >= self.max_issues {
            return self.stop_counting();
        }
        if self.severity(code) == Severity::Warning {
            self.counted += 1;
            return false;
        }
        match self.at_error {
            AtError::Stop => {
                // The verdict is known; nothing after it is read.
                self.error_seen = true;
                self.count_only = false;
                self.full = true;
                false
            }
            AtError::KeepFirst if self.issues.is_empty() => true,
            AtError::KeepFirst => {
                self.errors_counted += 1;
                false
            }
        }
    }

    /// Leaves counting mode. With nothing counted yet, nothing was lost (a first error kept is
    /// built in full): the read goes on in full (true). Otherwise it is abandoned (false) and
    /// reading stops at the next member or element.
    fn stop_counting(&mut self) -> bool {
        self.count_only = false;
        if self.counted == 0 && self.errors_counted == 0 {
            return true;
        }
        self.abandoned = true;
        self.full = true;
        false
    }

    /// True once the issue limit was reached.
    pub fn is_full(&self) -> bool {
        self.full
    }

    fn severity(&self, code: IssueCode) -> Severity {
        if self.strict {
            Severity::Error
        } else {
            code.lenient_severity()
        }
    }

    /// Records an issue at `path`.
    pub fn push_at(&mut self, code: IssueCode, path: &dyn Pointer, offset: usize, message: String) {
        if self.wants(code) {
            self.store(code, path.render(), offset, message);
        }
    }

    /// [`Diagnostics::push_at`] with the message built only if the issue is kept.
    #[inline]
    pub fn report_at(
        &mut self,
        code: IssueCode,
        path: &dyn Pointer,
        offset: usize,
        message: impl FnOnce() -> String,
    ) {
        if self.wants(code) {
            self.store(code, path.render(), offset, message());
        }
    }

    /// Records an issue at `path` followed by one more key, the message built only if it is kept.
    #[inline]
    pub fn report_child(
        &mut self,
        code: IssueCode,
        path: &dyn Pointer,
        key: &str,
        offset: usize,
        message: impl FnOnce() -> String,
    ) {
        if self.wants(code) {
            self.store(code, crate::pointer::child_of(path, key), offset, message());
        }
    }

    /// [`Diagnostics::push_path`] with the path and message built only if the issue is kept.
    #[inline]
    pub fn report_path(
        &mut self,
        code: IssueCode,
        path: impl FnOnce() -> String,
        offset: usize,
        message: impl FnOnce() -> String,
    ) {
        if self.wants(code) {
            self.store(code, path(), offset, message());
        }
    }

    pub fn push_path(&mut self, code: IssueCode, path: String, offset: usize, message: String) {
        if self.wants(code) {
            self.store(code, path, offset, message);
        }
    }

    /// Records a warning in light-warnings mode: its code and severity only.
    fn light_warning(&mut self, code: IssueCode) {
        if self.issues.len() >= self.max_issues {
            // A full read reports the limit here, at a position only it knows.
            self.abandon_light();
            return;
        }
        self.issues.push(Issue {
            path: String::new(),
            code,
            severity: Severity::Warning,
            message: String::new(),
            position: TextPosition::default(),
        });
    }

    /// Stores an issue [`Diagnostics::wants`] accepted.
    fn store(&mut self, code: IssueCode, path: String, offset: usize, message: String) {
        if self.issues.len() >= self.max_issues {
            self.full = true;
            let (code, path, message) = (
                IssueCode::TooManyIssues,
                String::new(),
                format!(
                    "more than {} issues: reading stopped here (ParseOptions::max_issues)",
                    self.max_issues
                ),
            );
            self.issues.push(Issue {
                path,
                code,
                severity: Severity::Error,
                message,
                position: TextPosition {
                    offset,
                    line: 0,
                    column: 0,
                },
            });
            return;
        }
        let severity = self.severity(code);
        if self.issues.capacity() == 0 {
            // Room for a few issues at once: cheaper than the first growth of an empty Vec.
            self.issues = Vec::with_capacity(4);
        }
        self.issues.push(Issue {
            path,
            code,
            severity,
            message,
            position: TextPosition {
                offset,
                line: 0,
                column: 0,
            },
        });
    }

    /// Counted warnings cannot be forgotten selectively: counting stops here.
    fn abandon_counting(&mut self) {
        if self.count_only {
            self.stop_counting();
        }
    }

    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// Drops issues recorded since `mark`, except those about the JSON text itself, which stay
    /// true whatever the value turned out to be.
    pub fn forget_semantic_since(&mut self, mark: usize) {
        self.abandon_counting();
        // By code only: light warnings are forgotten as they would be in full.
        self.keep_since(mark, |issue| is_textual(issue.code));
    }

    /// Keeps the issues recorded since `mark` that `keep` accepts. Only those are looked at, so
    /// a payload with many objects stays linear.
    pub fn retain_since(&mut self, mark: usize, keep: impl FnMut(&Issue) -> bool) {
        self.abandon_counting();
        let recent = self.issues.get(mark..).unwrap_or(&[]);
        if self.light
            && recent
                .iter()
                .any(|issue| issue.severity == Severity::Warning)
        {
            // `keep` may look at the paths light warnings do not have.
            self.abandon_light();
            return;
        }
        self.keep_since(mark, keep);
    }

    fn keep_since(&mut self, mark: usize, keep: impl FnMut(&Issue) -> bool) {
        if mark >= self.issues.len() {
            return;
        }
        let mut recent = self.issues.split_off(mark);
        recent.retain(keep);
        self.issues.append(&mut recent);
    }
}

/// Issues about the JSON text rather than the schema.
pub(crate) fn is_textual(code: IssueCode) -> bool {
    matches!(
        code,
        IssueCode::JsonSyntax
            | IssueCode::InvalidUtf8
            | IssueCode::LoneSurrogate
            | IssueCode::InputTooLarge
            | IssueCode::NestingTooDeep
            | IssueCode::DuplicateKey
    )
}

/// Quotes a value for a message, JSON-style, cut to a readable length.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(QUOTE_LIMIT) + 8);
    push_quoted(&mut out, value);
    out
}

/// Appends `value` quoted as [`quote`] does.
pub(crate) fn push_quoted(out: &mut String, value: &str) {
    // The usual value is short printable ASCII with nothing to escape: one copy.
    if value.len() <= QUOTE_LIMIT && quotes_verbatim(value.as_bytes()) {
        out.reserve(value.len() + 2);
        out.push('"');
        out.push_str(value);
        out.push('"');
        return;
    }
    out.push('"');
    for (count, c) in value.chars().enumerate() {
        if count == QUOTE_LIMIT {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// True when every byte is printable ASCII (space to `~`) other than `"` and `\\`: quoted as
/// it is. Eight bytes at a time, since most quoted values (types, statuses, URLs) are a few words
/// long.
fn quotes_verbatim(bytes: &[u8]) -> bool {
    use crate::words::{every_byte, ONES};
    every_byte(
        bytes,
        |word| {
            let quote = word ^ (ONES * u64::from(b'"'));
            let backslash = word ^ (ONES * u64::from(b'\\'));
            // A high bit flags a byte of 0x80 or more (`word`), DEL (0x7F + 1 sets it, and with no
            // byte above 0x7F nothing carries), a byte below 0x20, or a zero byte of `quote` or
            // `backslash` (the borrow tests; a borrow can only add flags above a flagged byte).
            word | word.wrapping_add(ONES)
                | (word.wrapping_sub(ONES * 0x20) & !word)
                | (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
        },
        |b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\',
    )
}

/// An issue message built by appending its pieces: the messages of the common issues are made
/// often enough that `format!`'s machinery shows in profiles.
pub(crate) struct Message(String);

impl Message {
    /// A message with room for `capacity` bytes (it grows if needed).
    pub fn with_capacity(capacity: usize) -> Self {
        Message(String::with_capacity(capacity))
    }

    // Not inlined: messages are made only for issues, and each piece inlined would copy the
    // growth check into every message site (inlined, constant pieces become a few stores instead
    // of a memory.copy, but no faster in a whole read, and the package 1.2 KB larger gzipped).
    #[inline(never)]
    pub fn text(mut self, text: &str) -> Self {
        self.0.push_str(text);
        self
    }

    /// A value quoted as [`quote`] does.
    #[inline(never)]
    pub fn quoted(mut self, value: &str) -> Self {
        push_quoted(&mut self.0, value);
        self
    }

    /// An integer in decimal, as `{}` writes it.
    #[inline(never)]
    pub fn int(mut self, value: i64) -> Self {
        if value < 0 {
            self.0.push('-');
        }
        let mut magnitude = value.unsigned_abs();
        // Filled from the end, so the digits come out in order and are appended at once.
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        while let Some(slot) = start.checked_sub(1).and_then(|at| digits.get_mut(at)) {
            *slot = b'0' + (magnitude % 10) as u8;
            start -= 1;
            magnitude /= 10;
            if magnitude == 0 {
                break;
            }
        }
        if let Ok(text) = std::str::from_utf8(digits.get(start..).unwrap_or(&[])) {
            self.0.push_str(text);
        }
        self
    }

    pub fn done(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_words_agree_with_bytes() {
        for bytes in crate::words::one_byte_variants() {
            let simple = bytes
                .iter()
                .all(|&b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
            assert_eq!(quotes_verbatim(&bytes), simple, "{bytes:?}");
        }
    }

    #[test]
    fn messages_match_format() {
        for value in [
            0i64,
            7,
            -7,
            200,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(
                Message::with_capacity(0).int(value).done(),
                format!("{value}")
            );
        }
        let long = "x".repeat(100);
        for value in [
            "",
            "running",
            "a\"b",
            "c\\d",
            "tab\there",
            "Jürgen",
            "\u{85}",
            long.as_str(),
            "~/",
        ] {
            let mut slow = String::from("\"");
            for (count, c) in value.chars().enumerate() {
                if count == QUOTE_LIMIT {
                    slow.push('…');
                    break;
                }
                match c {
                    '"' => slow.push_str("\\\""),
                    '\\' => slow.push_str("\\\\"),
                    c if c.is_control() => slow.push_str(&format!("\\u{:04x}", c as u32)),
                    c => slow.push(c),
                }
            }
            slow.push('"');
            assert_eq!(quote(value), slow, "{value}");
            assert_eq!(
                Message::with_capacity(0).text("a ").quoted(value).done(),
                format!("a {slow}")
            );
        }
    }
}
