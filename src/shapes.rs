//! Every shape a recordOperation arrives in, detected from the text: a single operation, an OData
//! collection, a `commsNotifications` envelope, or a bare array.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::issue::{Issue, Report};
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

/// Each operation's own issues, as indices into `issues` (a payload's `report.issues`): an issue
/// belongs to the operation whose path is the longest prefix of the issue's path (`/value/1` does
/// not contain `/value/10`); issues of the payload itself belong to none.
///
/// Operations do not nest and come in document order, so the operation whose span holds an
/// issue's offset is found by binary search; it is taken when its path is a prefix of the issue's
/// path, and a map of every path decides the rest (issues outside any operation, or placed at a
/// parent's offset).
pub fn issues_by_operation(operations: &[OperationEntry<'_>], issues: &[Issue]) -> Vec<Vec<usize>> {
    let mut grouped = vec![Vec::new(); operations.len()];
    let mut by_path: Option<HashMap<&str, usize>> = None;
    for (issue_at, issue) in issues.iter().enumerate() {
        let offset = issue.position.offset;
        let candidate = operations
            .partition_point(|entry| entry.span.start <= offset)
            .checked_sub(1)
            .filter(|&at| {
                operations.get(at).is_some_and(|entry| {
                    offset < entry.span.end && is_within(&issue.path, &entry.path)
                })
            });
        let owner = candidate.or_else(|| {
            let index = by_path.get_or_insert_with(|| path_index(operations));
            owner_by_path(index, &issue.path)
        });
        if let Some(list) = owner.and_then(|at| grouped.get_mut(at)) {
            list.push(issue_at);
        }
    }
    grouped
}

/// Each operation's index by its path.
pub(crate) fn path_index<'e>(operations: &'e [OperationEntry<'_>]) -> HashMap<&'e str, usize> {
    operations
        .iter()
        .enumerate()
        .map(|(at, entry)| (entry.path.as_str(), at))
        .collect()
}

/// The operation whose path is the longest prefix of `path`.
pub(crate) fn owner_by_path(index: &HashMap<&str, usize>, path: &str) -> Option<usize> {
    let mut path = path;
    loop {
        if let Some(&at) = index.get(path) {
            return Some(at);
        }
        path = path.get(..path.rfind('/')?)?;
    }
}

/// True when `path` is `parent` or below it.
fn is_within(path: &str, parent: &str) -> bool {
    path.strip_prefix(parent)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
