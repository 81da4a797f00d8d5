//! Collects issues while reading: applies the mode's severity and keeps offsets for positions.

use crate::issue::{Issue, IssueCode, Severity, TextPosition};
use crate::pointer::Pointer;

/// The longest value quoted in a message; longer ones are cut with an ellipsis.
const QUOTE_LIMIT: usize = 64;

pub(crate) struct Diagnostics {
    pub issues: Vec<Issue>,
    strict: bool,
    max_issues: usize,
    /// Set once `max_issues` was reached: later issues are dropped and reading stops.
    full: bool,
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
        }
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
        self.push_path(code, path.render(), offset, message);
    }

    /// Records an issue at `path` followed by one more key.
    pub fn push_child(
        &mut self,
        code: IssueCode,
        path: &dyn Pointer,
        key: &str,
        offset: usize,
        message: String,
    ) {
        self.push_path(code, crate::pointer::child_of(path, key), offset, message);
    }

    pub fn push_path(&mut self, code: IssueCode, path: String, offset: usize, message: String) {
        if self.full {
            return;
        }
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

    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// Drops issues recorded since `mark`, except those about the JSON text itself, which stay
    /// true whatever the value turned out to be.
    pub fn forget_semantic_since(&mut self, mark: usize) {
        self.retain_since(mark, |issue| is_textual(issue.code));
    }

    /// Keeps the issues recorded since `mark` that `keep` accepts. Only those are looked at, so
    /// a payload with many objects stays linear.
    pub fn retain_since(&mut self, mark: usize, keep: impl FnMut(&Issue) -> bool) {
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
    out
}
