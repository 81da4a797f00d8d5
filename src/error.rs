//! The crate's one error type.

use crate::issue::{IssueCode, Report};

/// Why a payload (an operation, a request body, a saved tracker state) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The payload has errors in the chosen mode; the report holds every issue, warnings included.
    #[error("{}", summary(.0))]
    Invalid(Report),
}

impl Error {
    /// The report behind the error.
    pub fn report(&self) -> &Report {
        match self {
            Error::Invalid(report) => report,
        }
    }

    /// The code of the first error, e.g. `json_syntax`.
    pub fn code(&self) -> IssueCode {
        self.report()
            .errors()
            .next()
            .map_or(IssueCode::JsonSyntax, |issue| issue.code)
    }
}

fn summary(report: &Report) -> String {
    let count = report.errors().count();
    match report.errors().next() {
        Some(first) if count == 1 => format!("invalid recordOperation: {first}"),
        Some(first) => format!("invalid recordOperation: {count} errors, the first: {first}"),
        None => "invalid recordOperation".to_string(),
    }
}
