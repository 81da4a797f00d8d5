#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod diagnostics;
mod enums;
mod error;
mod issue;
mod model;
mod numbers;
mod options;
mod parse;
mod pointer;
mod read;
mod request;
mod scan;
mod shapes;
#[cfg(test)]
mod test_random;
mod tracker;
mod words;
mod write;

pub use enums::{OperationStatus, RecordCompletionReason, Spelling};
pub use error::Error;
pub use issue::{Issue, IssueCode, Report, Severity, TextPosition};
pub use model::{ExtraProperty, Field, RecordOperation, ResultCategory, ResultInfo, REDACTED};
pub use options::{
    ParseOptions, WriteOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_ISSUES,
};
pub use parse::{parse_any, parse_any_bytes, validate, validate_bytes};
pub use read::{CLIENT_CONTEXT_LIMIT, RECORD_OPERATION_TYPE, RESULT_INFO_TYPE};
pub use request::{
    ApiVersion, MediaPrompt, RecordResponseRequest, RequestOptions, DEFAULT_TIMEOUT_SECONDS,
    DTMF_TONES, MAX_PROMPTS, MAX_TIMEOUT_SECONDS, MEDIA_INFO_TYPE, MEDIA_PROMPT_TYPE,
    MIN_TIMEOUT_SECONDS,
};
pub use shapes::{issues_by_operation, AnyPayload, OperationEntry, PayloadKind, SkippedResource};
pub use tracker::{
    id_from_resource_url, normalize_id, Change, ChangeKind, FeedOutcome, OperationTracker,
    StatusClass, StatusCounts, TimelineEntry, TrackedOperation, TrackerOptions,
    DEFAULT_MAX_OPERATIONS, DEFAULT_MAX_TIMELINE, STATE_FORMAT, STATE_VERSION,
};

/// The JavaScript bindings (wasm32 only). Public so the wasm test suites can call them; the
/// supported API is the npm package's.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod bindings;
