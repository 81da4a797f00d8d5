//! What the tracker hands out: tracked operations with their timelines, the changes of a feed,
//! counts by status. Plain data, each with a `to_json` for the bindings and the CLI.

// The tracker is cold code: these steps are `#[inline(never)]`, so the optimizer keeps
// one copy of each instead of copying them into every caller (a smaller .wasm).

use crate::enums::OperationStatus;
use crate::issue::{Issue, Report};
use crate::model::RecordOperation;
use crate::options::WriteOptions;
use crate::shapes::{PayloadKind, SkippedResource};

use super::identity::id_from_resource_url;
use crate::write::{array, string_literal, ObjectOut};

/// What one delivery of an operation did to the tracker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// The first delivery of an operation the tracker did not know.
    New,
    /// A later stage: a higher status (`notStarted` < `running` < `completed`|`failed`), or the
    /// same status with a later `changeType` (`created` < `updated` < `deleted`).
    Advanced,
    /// The same stage with different content (e.g. a second `running` update): replaces the state.
    Updated,
    /// Exactly a delivery seen before: ignored.
    Duplicate,
    /// An earlier stage than the one known (a `running` after `completed`): ignored.
    OutOfOrder,
    /// A delivery after the final one (`changeType: deleted` with a terminal status): ignored.
    AfterFinal,
    /// The other terminal status at the same stage (`failed` after `completed`, neither final):
    /// ignored, the first one stays.
    Conflict,
}

impl ChangeKind {
    /// Every kind.
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::New,
        ChangeKind::Advanced,
        ChangeKind::Updated,
        ChangeKind::Duplicate,
        ChangeKind::OutOfOrder,
        ChangeKind::AfterFinal,
        ChangeKind::Conflict,
    ];

    /// `"new"`, `"advanced"`, `"updated"`, `"duplicate"`, `"outOfOrder"`, `"afterFinal"` or
    /// `"conflict"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Advanced => "advanced",
            ChangeKind::Updated => "updated",
            ChangeKind::Duplicate => "duplicate",
            ChangeKind::OutOfOrder => "outOfOrder",
            ChangeKind::AfterFinal => "afterFinal",
            ChangeKind::Conflict => "conflict",
        }
    }

    /// Looks a kind up by its string.
    pub fn parse(text: &str) -> Option<ChangeKind> {
        // One match: smaller than comparing with each kind's string in turn.
        Some(match text {
            "new" => ChangeKind::New,
            "advanced" => ChangeKind::Advanced,
            "updated" => ChangeKind::Updated,
            "duplicate" => ChangeKind::Duplicate,
            "outOfOrder" => ChangeKind::OutOfOrder,
            "afterFinal" => ChangeKind::AfterFinal,
            "conflict" => ChangeKind::Conflict,
            _ => return None,
        })
    }

    /// True when the delivery changed the tracked state (new, advanced, updated).
    pub fn is_applied(self) -> bool {
        matches!(
            self,
            ChangeKind::New | ChangeKind::Advanced | ChangeKind::Updated
        )
    }
}

/// A status as the tracker counts and filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusClass {
    /// `notStarted`.
    NotStarted,
    /// `running`.
    Running,
    /// `completed`.
    Completed,
    /// `failed`.
    Failed,
    /// No status (absent or `null`), or an undocumented one.
    Unknown,
}

impl StatusClass {
    /// Every class, in lifecycle order.
    pub const ALL: [StatusClass; 5] = [
        StatusClass::NotStarted,
        StatusClass::Running,
        StatusClass::Completed,
        StatusClass::Failed,
        StatusClass::Unknown,
    ];

    /// The class of a status.
    pub fn of(status: Option<&OperationStatus<'_>>) -> StatusClass {
        match status {
            Some(OperationStatus::NotStarted) => StatusClass::NotStarted,
            Some(OperationStatus::Running) => StatusClass::Running,
            Some(OperationStatus::Completed) => StatusClass::Completed,
            Some(OperationStatus::Failed) => StatusClass::Failed,
            _ => StatusClass::Unknown,
        }
    }

    /// `"notStarted"`, `"running"`, `"completed"`, `"failed"` or `"unknown"`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusClass::NotStarted => "notStarted",
            StatusClass::Running => "running",
            StatusClass::Completed => "completed",
            StatusClass::Failed => "failed",
            StatusClass::Unknown => "unknown",
        }
    }

    /// Reads a class in any ASCII case (`"Running"`, `"unknown"`).
    pub fn parse(text: &str) -> Option<StatusClass> {
        // Lowercased once, then one match: smaller than five case-insensitive comparisons.
        Some(match text.to_ascii_lowercase().as_str() {
            "notstarted" => StatusClass::NotStarted,
            "running" => StatusClass::Running,
            "completed" => StatusClass::Completed,
            "failed" => StatusClass::Failed,
            "unknown" => StatusClass::Unknown,
            _ => return None,
        })
    }
}

/// One delivery in an operation's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The delivery's sequence number: every operation fed to the tracker gets the next one.
    pub sequence: u64,
    /// The feed it came in (1 for the first call to `feed`).
    pub feed: u64,
    /// The status it carried (`None`: absent or `null`).
    pub status: Option<OperationStatus<'static>>,
    /// The notification's `changeType`, when it came in one.
    pub change_type: Option<String>,
    /// What it did: applied, or ignored as duplicate, out of order, after the final state or conflicting.
    pub kind: ChangeKind,
}

impl TimelineEntry {
    #[inline(never)]
    pub(crate) fn write_json(&self, out: &mut String) {
        let mut object = ObjectOut::new(out);
        object.number("sequence", self.sequence);
        object.number("feed", self.feed);
        object.string_or_null("status", self.status.as_ref().map(OperationStatus::as_str));
        object.string_or_null("changeType", self.change_type.as_deref());
        object.string("kind", self.kind.as_str());
        object.close();
    }
}

/// The latest state of one operation, and how it got there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedOperation {
    /// The tracker's key: the id without dashes, ASCII-lowercased.
    pub key: String,
    /// The latest accepted state, as delivered.
    pub operation: RecordOperation<'static>,
    /// The `changeType` of the latest accepted delivery.
    pub change_type: Option<String>,
    /// The latest `resourceUrl` seen with an accepted delivery.
    pub resource_url: Option<String>,
    /// True once a `changeType: deleted` with a `completed` or `failed` status arrived: no more
    /// updates are accepted.
    pub is_final: bool,
    /// Sequence number of the first delivery.
    pub first_seen: u64,
    /// Sequence number of the latest accepted delivery.
    pub last_changed: u64,
    /// Every delivery, oldest first, at most `TrackerOptions::max_timeline` of them.
    pub timeline: Vec<TimelineEntry>,
    /// How many of the oldest timeline entries were dropped to respect the limit.
    pub timeline_dropped: u64,
    /// Fingerprints of the distinct deliveries seen, to recognise exact duplicates.
    pub(crate) fingerprints: Vec<u64>,
}

impl TrackedOperation {
    /// The operation id as delivered, or else the id at the end of the `resourceUrl`.
    pub fn id(&self) -> Option<&str> {
        self.operation
            .id
            .as_deref()
            .filter(|id| !id.is_empty())
            .or_else(|| self.resource_url.as_deref().and_then(id_from_resource_url))
    }

    /// The latest status (`None`: absent or `null`).
    pub fn status(&self) -> Option<&OperationStatus<'static>> {
        self.operation.status.value()
    }

    /// The latest status as counted.
    pub fn status_class(&self) -> StatusClass {
        StatusClass::of(self.status())
    }

    /// True when the status is `completed` or `failed`.
    pub fn is_finished(&self) -> bool {
        self.operation.is_terminal()
    }

    /// The tracked state as JSON: `key`, `id`, `status`, `changeType`, `resourceUrl`, `final`,
    /// `firstSeen`, `lastChanged`, `timelineDropped`, `timeline`, and `operation` (written with
    /// `options`).
    #[inline(never)]
    pub fn to_json(&self, options: &WriteOptions) -> String {
        let mut out = String::with_capacity(512);
        self.write_json(&mut out, options, false);
        out
    }

    #[inline(never)]
    pub(crate) fn write_json(&self, out: &mut String, options: &WriteOptions, internal: bool) {
        let mut object = ObjectOut::new(out);
        object.string("key", &self.key);
        object.string_or_null("id", self.id());
        object.string_or_null("status", self.status().map(OperationStatus::as_str));
        object.string_or_null("changeType", self.change_type.as_deref());
        object.string_or_null("resourceUrl", self.resource_url.as_deref());
        object.bool("final", self.is_final);
        object.number("firstSeen", self.first_seen);
        object.number("lastChanged", self.last_changed);
        object.number("timelineDropped", self.timeline_dropped);
        array(object.key("timeline"), &self.timeline, |out, entry| {
            entry.write_json(out)
        });
        if internal {
            array(
                object.key("fingerprints"),
                &self.fingerprints,
                |out, print| {
                    out.push('"');
                    crate::write::push_hex(out, *print, 16);
                    out.push('"');
                },
            );
        }
        let operation = self.operation.to_json(options);
        object.raw("operation", &operation);
        object.close();
    }
}

/// What one delivery did, as returned with each feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The tracker's key of the operation.
    pub key: String,
    /// The id as delivered, or else the id at the end of the `resourceUrl`.
    pub id: Option<String>,
    /// JSON Pointer to the operation in the fed payload (`""` for a single operation).
    pub path: String,
    /// What the delivery did.
    pub kind: ChangeKind,
    /// The delivery's sequence number.
    pub sequence: u64,
    /// The tracked status before this delivery (`None` for a new operation or no status).
    pub previous_status: Option<OperationStatus<'static>>,
    /// The status this delivery carried.
    pub status: Option<OperationStatus<'static>>,
    /// The delivery's `changeType`.
    pub change_type: Option<String>,
    /// True when the operation is final after this delivery.
    pub is_final: bool,
}

impl Change {
    #[inline(never)]
    pub(crate) fn write_json(&self, out: &mut String) {
        let mut object = ObjectOut::new(out);
        object.string("key", &self.key);
        object.string_or_null("id", self.id.as_deref());
        object.string("path", &self.path);
        object.string("kind", self.kind.as_str());
        object.number("sequence", self.sequence);
        object.string_or_null(
            "previousStatus",
            self.previous_status.as_ref().map(OperationStatus::as_str),
        );
        object.string_or_null("status", self.status.as_ref().map(OperationStatus::as_str));
        object.string_or_null("changeType", self.change_type.as_deref());
        object.bool("final", self.is_final);
        object.close();
    }
}

/// Everything one feed did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOutcome {
    /// The feed's number (1 for the first).
    pub feed: u64,
    /// The payload's shape; `None` when it could not be read far enough to tell.
    pub kind: Option<PayloadKind>,
    /// True when the payload was not readable JSON (syntax, encoding, size or depth): nothing
    /// in it was applied.
    pub rejected: bool,
    /// One entry per recordOperation delivered, in document order.
    pub changes: Vec<Change>,
    /// Keys of the operations evicted to stay under `TrackerOptions::max_operations`.
    pub evicted: Vec<String>,
    /// Resources in the payload that are not recordOperations.
    pub skipped: Vec<SkippedResource>,
    /// The payload's validation issues, then the tracker's own (`untrackable_operation`,
    /// `resource_url_id_mismatch`). The tracker's own have a text position when fed as text with
    /// `feed`; through `feed_payload` and `feed_operation` their line and column are 0.
    pub report: Report,
}

impl FeedOutcome {
    /// True when any delivery changed the tracked state.
    pub fn changed(&self) -> bool {
        self.changes.iter().any(|change| change.kind.is_applied())
    }

    /// The changes of one kind.
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.kind == kind)
    }

    /// The outcome as JSON: `feed`, `kind`, `rejected`, `changed`, `changes`, `evicted`,
    /// `skipped`, `valid`, `errors`, `warnings` (issues as `{path, code, severity, message, line,
    /// column}`).
    #[inline(never)]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256 + 160 * self.changes.len());
        let mut object = ObjectOut::new(&mut out);
        object.number("feed", self.feed);
        object.string_or_null("kind", self.kind.map(PayloadKind::as_str));
        object.bool("rejected", self.rejected);
        object.bool("changed", self.changed());
        array(object.key("changes"), &self.changes, |out, change| {
            change.write_json(out)
        });
        array(object.key("evicted"), &self.evicted, |out, key| {
            out.push_str(&string_literal(key))
        });
        array(object.key("skipped"), &self.skipped, |out, skipped| {
            let mut item = ObjectOut::new(out);
            item.string("path", &skipped.path);
            item.string_or_null("odataType", skipped.odata_type.as_deref());
            item.string_or_null("id", skipped.id.as_deref());
            item.close();
        });
        write_report(&mut object, &self.report);
        object.close();
        out
    }
}

/// Writes `valid`, `errors` and `warnings` members for a report.
#[inline(never)]
pub(crate) fn write_report(object: &mut ObjectOut<'_>, report: &Report) {
    object.bool("valid", report.is_valid());
    array(object.key("errors"), report.errors(), write_issue);
    array(object.key("warnings"), report.warnings(), write_issue);
}

#[inline(never)]
fn write_issue(out: &mut String, issue: &Issue) {
    let mut object = ObjectOut::new(out);
    object.string("path", &issue.path);
    object.string("code", issue.code.as_str());
    object.string("severity", issue.severity.as_str());
    object.string("message", &issue.message);
    object.number("line", issue.position.line);
    object.number("column", issue.position.column);
    object.close();
}

/// How many tracked operations have each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCounts {
    /// `notStarted`.
    pub not_started: usize,
    /// `running`.
    pub running: usize,
    /// `completed`.
    pub completed: usize,
    /// `failed`.
    pub failed: usize,
    /// No status, or an undocumented one.
    pub unknown: usize,
    /// Operations whose final notification arrived (a subset of completed and failed).
    pub final_count: usize,
    /// All tracked operations.
    pub total: usize,
}

impl StatusCounts {
    /// The count for one class.
    pub fn get(&self, class: StatusClass) -> usize {
        match class {
            StatusClass::NotStarted => self.not_started,
            StatusClass::Running => self.running,
            StatusClass::Completed => self.completed,
            StatusClass::Failed => self.failed,
            StatusClass::Unknown => self.unknown,
        }
    }

    pub(crate) fn add(&mut self, operation: &TrackedOperation) {
        match operation.status_class() {
            StatusClass::NotStarted => self.not_started += 1,
            StatusClass::Running => self.running += 1,
            StatusClass::Completed => self.completed += 1,
            StatusClass::Failed => self.failed += 1,
            StatusClass::Unknown => self.unknown += 1,
        }
        if operation.is_final {
            self.final_count += 1;
        }
        self.total += 1;
    }

    /// `{"notStarted":…,"running":…,"completed":…,"failed":…,"unknown":…,"final":…,"total":…}`.
    #[inline(never)]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(128);
        let mut object = ObjectOut::new(&mut out);
        for class in StatusClass::ALL {
            object.number(class.as_str(), self.get(class));
        }
        object.number("final", self.final_count);
        object.number("total", self.total);
        object.close();
        out
    }
}
