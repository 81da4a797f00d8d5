//! Every shape a recordOperation arrives in, detected from the text: a single operation, an OData
//! collection, a `commsNotifications` envelope, or a bare array.

use std::borrow::Cow;

use crate::issue::Report;
use crate::model::RecordOperation;

/// The shape of a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayloadKind {
    /// One object: a recordOperation (or another resource, listed as skipped).
    Operation,
    /// `{"value": [...], "@odata.nextLink": ...}`.
    Collection,
    /// `{"value": [{"changeType": ..., "resourceUrl": ..., "resourceData": ...}]}`.
    Notifications,
    /// `[...]`.
    Array,
}

impl PayloadKind {
    /// `"operation"`, `"collection"`, `"notifications"` or `"array"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PayloadKind::Operation => "operation",
            PayloadKind::Collection => "collection",
            PayloadKind::Notifications => "notifications",
            PayloadKind::Array => "array",
        }
    }
}

/// A recordOperation found in a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationEntry<'a> {
    /// JSON Pointer to the operation object.
    pub path: String,
    /// The operation.
    pub operation: RecordOperation<'a>,
    /// The notification's `changeType` (`created`, `updated`, `deleted`), when it came in one.
    pub change_type: Option<Cow<'a, str>>,
    /// The notification's `resourceUrl` (or legacy `resource`), when it came in one.
    pub resource_url: Option<Cow<'a, str>>,
    /// Where the operation object is in the input: byte offsets of its `{` and one past its `}`
    /// (`0..0` for an operation that was not read from text).
    pub span: std::ops::Range<usize>,
}

impl OperationEntry<'_> {
    /// Copies any borrowed text so the entry outlives its input.
    pub fn into_owned(self) -> OperationEntry<'static> {
        OperationEntry {
            path: self.path,
            operation: self.operation.into_owned(),
            change_type: self.change_type.map(|c| Cow::Owned(c.into_owned())),
            resource_url: self.resource_url.map(|c| Cow::Owned(c.into_owned())),
            span: self.span,
        }
    }
}

/// A resource that is not a recordOperation (a call, a participant, another operation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedResource {
    /// JSON Pointer to the resource.
    pub path: String,
    /// Its `@odata.type` as written.
    pub odata_type: Option<String>,
    /// Its `id`, when it had one.
    pub id: Option<String>,
}

/// Everything found in a payload of any shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyPayload<'a> {
    /// The detected shape; `None` when the text could not be read far enough to tell.
    pub kind: Option<PayloadKind>,
    /// The recordOperations, in document order.
    pub operations: Vec<OperationEntry<'a>>,
    /// Other resources, in document order.
    pub skipped: Vec<SkippedResource>,
    /// `@odata.nextLink` of a collection.
    pub next_link: Option<Cow<'a, str>>,
    /// Every issue, for all operations.
    pub report: Report,
}
