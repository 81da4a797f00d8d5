//! `OperationTracker`: follows many recordOperations through the payloads of their life
//! (notification envelopes, collections, single operations) fed in any order, late, twice.
//!
//! Each operation keeps its latest state. Deliveries are ordered by stage: the status first
//! (no status or an undocumented one < `notStarted` < `running` < `completed`|`failed`), then the
//! `changeType` (`created` < `updated` or none < `deleted`). A delivery at an earlier stage is
//! ignored as out of order; `changeType: deleted` with a terminal status is final; an exact
//! duplicate of any earlier delivery is ignored. Which state wins therefore does not depend on the
//! order of arrival, as long as a lifecycle has one delivery per stage.

// The tracker is cold code: its larger steps are `#[inline(never)]`, so the optimizer keeps
// one copy of each instead of copying them into every caller (a smaller .wasm).

mod identity;
pub(crate) mod json;
mod state;
mod types;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

use crate::diagnostics::Diagnostics;
use crate::enums::OperationStatus;
use crate::issue::{IssueCode, Severity};
use crate::model::RecordOperation;
use crate::options::{ParseOptions, WriteOptions};
use crate::parse::parse_any;
use crate::shapes::{AnyPayload, OperationEntry};

pub use identity::{id_from_resource_url, normalize_id};
pub use state::{STATE_FORMAT, STATE_VERSION};
pub use types::{
    Change, ChangeKind, FeedOutcome, StatusClass, StatusCounts, TimelineEntry, TrackedOperation,
};

/// The default cap on tracked operations.
pub const DEFAULT_MAX_OPERATIONS: usize = 10_000;
/// The default cap on timeline entries per operation.
pub const DEFAULT_MAX_TIMELINE: usize = 64;

/// How a tracker reads payloads and how much it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrackerOptions {
    /// At most this many operations are tracked (at least 1); past it, the operations that
    /// finished longest ago are evicted first, then, if none has finished, the ones that changed
    /// longest ago.
    pub max_operations: usize,
    /// At most this many timeline entries (and duplicate fingerprints) per operation (at least 1);
    /// the oldest are dropped first.
    pub max_timeline: usize,
    /// How payloads are read.
    pub parse: ParseOptions,
}

impl Default for TrackerOptions {
    fn default() -> Self {
        TrackerOptions {
            max_operations: DEFAULT_MAX_OPERATIONS,
            max_timeline: DEFAULT_MAX_TIMELINE,
            parse: ParseOptions::default(),
        }
    }
}

/// Follows recordOperations through the payloads of their life, fed in any order, late or twice.
///
/// Each operation is keyed by its `id`, or else by the id at the end of its notification's
/// `resourceUrl` (`…/operations/{id}`), compared ignoring ASCII case and dashes. Deliveries are
/// ordered by stage: the status first (no status or an undocumented one < `notStarted` <
/// `running` < `completed`|`failed`), then the `changeType` (`created` < `updated` or none <
/// `deleted`). A later stage replaces the state ([`ChangeKind::Advanced`]); an earlier one is
/// ignored ([`ChangeKind::OutOfOrder`]); the same stage with new content replaces it
/// ([`ChangeKind::Updated`]), except the other terminal status ([`ChangeKind::Conflict`]). A
/// `deleted` notification with a terminal status is final: later deliveries are ignored
/// ([`ChangeKind::AfterFinal`]). An exact copy of any earlier delivery is ignored
/// ([`ChangeKind::Duplicate`]). So the final state does not depend on the order of arrival, as
/// long as a lifecycle has one delivery per stage.
///
/// ```
/// use graph_record_operation::{ChangeKind, OperationTracker, StatusClass};
///
/// let mut tracker = OperationTracker::new();
/// let completed = r#"{"value":[{"changeType":"deleted","resourceUrl":"communications/calls/c/operations/0FE0623F58A44F8A9D6F1A2B3C4D5E6F","resourceData":{"id":"0fe0623f-58a4-4f8a-9d6f-1a2b3c4d5e6f","status":"completed"}}]}"#;
/// let running = r#"{"id":"0fe0623f-58a4-4f8a-9d6f-1a2b3c4d5e6f","status":"running"}"#;
/// assert_eq!(tracker.feed(completed).changes[0].kind, ChangeKind::New);
/// assert_eq!(tracker.feed(running).changes[0].kind, ChangeKind::AfterFinal);
/// assert_eq!(tracker.counts().get(StatusClass::Completed), 1);
/// let saved = tracker.export(&Default::default());
/// assert_eq!(OperationTracker::restore(&saved).unwrap(), tracker);
/// ```
#[derive(Debug, Clone, Default)]
pub struct OperationTracker {
    options: TrackerOptions,
    operations: Operations,
    /// (first_seen, key) sorted by first_seen, at most one per first_seen: listing order. An entry
    /// whose operation was evicted since stays until `tidy` drops it; it is skipped
    /// ([`is_listed`]). (A vector and a heap instead of two B-trees: much less code.)
    order: Vec<(u64, String)>,
    /// Min-heap of (unfinished, last_changed, key): eviction order, oldest finished first. Entries
    /// an operation left behind when it changed or was evicted are skipped ([`is_aged`]).
    age: BinaryHeap<Reverse<(bool, u64, String)>>,
    /// Keys of final operations evicted, oldest first, so late deliveries do not revive them.
    evicted_final: VecDeque<String>,
    evicted_final_set: KeySet,
    next_sequence: u64,
    feeds: u64,
}

// `order` and `age` follow from the operations (the entries they left behind do not count).
impl PartialEq for OperationTracker {
    fn eq(&self, other: &Self) -> bool {
        self.options == other.options
            && self.operations == other.operations
            && self.evicted_final == other.evicted_final
            && self.evicted_final_set == other.evicted_final_set
            && self.next_sequence == other.next_sequence
            && self.feeds == other.feeds
    }
}

impl Eq for OperationTracker {}

/// A set of strings, kept as a map of the type the request checker keeps positions in
/// (`HashMap<String, usize>`, values unused), so one hash map is compiled for both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KeySet(HashMap<String, usize>);

impl KeySet {
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// True when the key was not in the set.
    pub(crate) fn insert(&mut self, key: String) -> bool {
        self.0.insert(key, 0).is_none()
    }

    pub(crate) fn remove(&mut self, key: &str) -> bool {
        self.0.remove(key).is_some()
    }
}

/// The tracked operations by key: a `HashMap<String, usize>` (the map type `KeySet` and the
/// request checker use, compiled once) into slots, instead of a second hash map type.
#[derive(Clone, Default)]
struct Operations {
    index: HashMap<String, usize>,
    slots: Vec<Option<TrackedOperation>>,
    /// Slots emptied by `remove`, reused first.
    free: Vec<usize>,
}

impl Operations {
    fn len(&self) -> usize {
        self.index.len()
    }

    fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn get(&self, key: &str) -> Option<&TrackedOperation> {
        let slot = *self.index.get(key)?;
        self.slots.get(slot)?.as_ref()
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut TrackedOperation> {
        let slot = *self.index.get(key)?;
        self.slots.get_mut(slot)?.as_mut()
    }

    fn contains_key(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Adds an operation, replacing any under the same key.
    fn insert(&mut self, key: String, tracked: TrackedOperation) {
        self.remove(&key);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(None);
                self.slots.len() - 1
            }
        };
        if let Some(place) = self.slots.get_mut(slot) {
            *place = Some(tracked);
        }
        self.index.insert(key, slot);
    }

    fn remove(&mut self, key: &str) -> Option<TrackedOperation> {
        let slot = self.index.remove(key)?;
        self.free.push(slot);
        self.slots.get_mut(slot)?.take()
    }

    fn values(&self) -> impl Iterator<Item = &TrackedOperation> {
        self.slots.iter().flatten()
    }
}

// Equal as maps: the same keys with equal operations, wherever their slots are.
impl PartialEq for Operations {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.index.keys().all(|key| {
                self.get(key)
                    .is_some_and(|tracked| other.get(key) == Some(tracked))
            })
    }
}

impl std::fmt::Debug for Operations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.index
                    .keys()
                    .filter_map(|key| Some((key, self.get(key)?))),
            )
            .finish()
    }
}

/// How far along a delivery is: (status rank, changeType rank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Stage {
    status: u8,
    change: u8,
}

impl Stage {
    #[inline(never)]
    fn of(status: Option<&OperationStatus<'_>>, change_type: Option<&str>) -> Stage {
        let status = match status {
            Some(OperationStatus::NotStarted) => 1,
            Some(OperationStatus::Running) => 2,
            Some(OperationStatus::Completed | OperationStatus::Failed) => 3,
            _ => 0,
        };
        let change = match change_type {
            Some(kind) if kind.eq_ignore_ascii_case("created") => 0,
            Some(kind) if kind.eq_ignore_ascii_case("deleted") => 2,
            _ => 1,
        };
        Stage { status, change }
    }

    fn is_final(self) -> bool {
        self.status == 3 && self.change == 2
    }
}

/// Issues that mean the text was not read as JSON at all.
fn is_unreadable(code: IssueCode) -> bool {
    matches!(
        code,
        IssueCode::JsonSyntax
            | IssueCode::InvalidUtf8
            | IssueCode::InputTooLarge
            | IssueCode::NestingTooDeep
    )
}

/// Gives the tracker's own issues (which only know their JSON Pointer) their place in the text.
#[inline(never)]
fn locate_tracker_issues(text: &str, max_depth: usize, report: &mut crate::issue::Report) {
    let is_tracker_issue = |issue: &crate::issue::Issue| {
        issue.position.line == 0
            && matches!(
                issue.code,
                IssueCode::UntrackableOperation | IssueCode::ResourceUrlIdMismatch
            )
    };
    if !report.issues.iter().any(is_tracker_issue) {
        return;
    }
    let mut scratch = Diagnostics::new(false);
    let Some(root) = json::read_document(text, max_depth, &[], &mut scratch) else {
        return;
    };
    let mut located: Vec<crate::issue::Issue> = Vec::new();
    for issue in report
        .issues
        .iter_mut()
        .filter(|issue| is_tracker_issue(issue))
    {
        issue.position.offset = json::find_pointer(&root, &issue.path).map_or(0, |node| node.start);
        located.push(issue.clone());
    }
    crate::issue::resolve_positions(text.as_bytes(), &mut located);
    let mut located = located.into_iter();
    for issue in report
        .issues
        .iter_mut()
        .filter(|issue| is_tracker_issue(issue))
    {
        if let Some(done) = located.next() {
            issue.position = done.position;
        }
    }
}

/// True when `(first_seen, key)` is the listing entry of a tracked operation.
#[inline(never)]
fn is_listed(operations: &Operations, first_seen: u64, key: &str) -> bool {
    operations
        .get(key)
        .is_some_and(|tracked| tracked.first_seen == first_seen)
}

/// True when `(unfinished, last_changed, key)` is the eviction entry of a tracked operation.
#[inline(never)]
fn is_aged(operations: &Operations, entry: &(bool, u64, String)) -> bool {
    let (unfinished, last_changed, key) = entry;
    operations.get(key).is_some_and(|tracked| {
        tracked.last_changed == *last_changed && tracked.is_finished() != *unfinished
    })
}

/// 64-bit FNV-1a: a fingerprint that stays the same across runs, platforms and versions.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xFF)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    hash
}

#[inline(never)]
fn fingerprint(
    operation: &RecordOperation<'_>,
    change_type: Option<&str>,
    resource_url: Option<&str>,
) -> u64 {
    let json = operation.to_json(&WriteOptions::default());
    fnv1a(&[
        change_type.unwrap_or("\u{0}"),
        resource_url.unwrap_or("\u{0}"),
        &json,
    ])
}

fn push_bounded<T>(items: &mut Vec<T>, item: T, limit: usize) -> u64 {
    items.push(item);
    let excess = items.len().saturating_sub(limit.max(1));
    if excess > 0 {
        items.drain(..excess);
    }
    excess as u64
}

impl OperationTracker {
    /// An empty tracker with the default options.
    pub fn new() -> Self {
        OperationTracker::default()
    }

    /// An empty tracker.
    pub fn with_options(options: TrackerOptions) -> Self {
        OperationTracker {
            options,
            ..OperationTracker::default()
        }
    }

    /// The options.
    pub fn options(&self) -> &TrackerOptions {
        &self.options
    }

    /// How many feeds were fed so far.
    pub fn feeds(&self) -> u64 {
        self.feeds
    }

    /// The sequence number the next delivery gets (also: how many deliveries were fed).
    pub fn next_sequence(&self) -> u64 {
        self.next_sequence
    }

    /// How many operations are tracked.
    pub fn len(&self) -> usize {
        self.operations.len()
    }

    /// True when no operation is tracked.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }

    /// Keys of the final operations that were evicted (deliveries for them are ignored as
    /// after-final), oldest first.
    pub fn evicted_final(&self) -> impl Iterator<Item = &str> {
        self.evicted_final.iter().map(String::as_str)
    }

    /// Forgets everything, keeping the options.
    pub fn clear(&mut self) {
        *self = OperationTracker::with_options(self.options);
    }

    /// Feeds a payload as JSON text: a notification envelope, a collection, a bare array or a
    /// single operation. Never fails: problems are in the outcome's report, and text that is not
    /// readable JSON is rejected as a whole.
    #[inline(never)]
    pub fn feed(&mut self, text: &str) -> FeedOutcome {
        let options = self.options.parse;
        let mut outcome = self.feed_payload(parse_any(text, &options));
        locate_tracker_issues(text, options.max_depth, &mut outcome.report);
        outcome
    }

    /// Feeds a stream with one JSON document per line (blank lines are skipped): one outcome per
    /// document, in order. (The demo and the CLI split lines themselves, to report per-line
    /// problems and read pretty-printed files.) Issue positions (offset,
    /// line, column) are those in the whole `text`.
    pub fn feed_lines(&mut self, text: &str) -> Vec<FeedOutcome> {
        let mut outcomes = Vec::new();
        let mut line_start = 0usize;
        for (index, line) in text.split('\n').enumerate() {
            let start = line_start;
            line_start += line.len() + 1;
            if line.trim().is_empty() {
                continue;
            }
            let mut outcome = self.feed(line);
            let extra_lines = u32::try_from(index).unwrap_or(u32::MAX);
            for issue in &mut outcome.report.issues {
                if issue.position.line > 0 {
                    issue.position.offset += start;
                    issue.position.line = issue.position.line.saturating_add(extra_lines);
                }
            }
            outcomes.push(outcome);
        }
        outcomes
    }

    /// Feeds a payload read with [`crate::parse_any`].
    #[inline(never)]
    pub fn feed_payload(&mut self, payload: AnyPayload<'_>) -> FeedOutcome {
        self.feeds += 1;
        let rejected = payload
            .report
            .issues
            .iter()
            .any(|issue| issue.severity == Severity::Error && is_unreadable(issue.code));
        let mut outcome = FeedOutcome {
            feed: self.feeds,
            kind: payload.kind,
            rejected,
            changes: Vec::new(),
            evicted: Vec::new(),
            skipped: payload.skipped,
            report: payload.report,
        };
        if rejected {
            return outcome;
        }
        let mut diag =
            Diagnostics::with_max_issues(self.options.parse.strict, self.options.parse.max_issues);
        for entry in payload.operations {
            self.deliver(entry, &mut outcome, &mut diag);
        }
        outcome.report.issues.extend(diag.issues);
        outcome
    }

    /// Feeds one operation, with the `changeType` and `resourceUrl` of the notification it came
    /// in, if any.
    pub fn feed_operation(
        &mut self,
        operation: RecordOperation<'_>,
        change_type: Option<&str>,
        resource_url: Option<&str>,
    ) -> FeedOutcome {
        self.feed_payload(AnyPayload {
            kind: Some(crate::shapes::PayloadKind::Operation),
            operations: vec![OperationEntry {
                path: String::new(),
                operation,
                change_type: change_type.map(|c| c.to_string().into()),
                resource_url: resource_url.map(|c| c.to_string().into()),
                span: 0..0,
            }],
            skipped: Vec::new(),
            next_link: None,
            report: crate::issue::Report::default(),
        })
    }

    /// The key an entry is tracked under, reporting what stands in the way.
    #[inline(never)]
    fn key_of(entry: &OperationEntry<'_>, diag: &mut Diagnostics) -> Option<String> {
        let url_id = entry.resource_url.as_deref().and_then(id_from_resource_url);
        let id = entry.operation.id.as_deref().filter(|id| !id.is_empty());
        match (id, url_id) {
            (Some(id), url_id) => {
                let key = normalize_id(id);
                if let Some(url_id) = url_id {
                    if normalize_id(url_id) != key {
                        diag.push_path(
                            IssueCode::ResourceUrlIdMismatch,
                            crate::pointer::child(&entry.path, "id"),
                            0,
                            format!(
                                "id {} and the resourceUrl's operation id {} differ; tracked by id",
                                crate::diagnostics::quote(id),
                                crate::diagnostics::quote(url_id)
                            ),
                        );
                    }
                }
                Some(key)
            }
            (None, Some(url_id)) => Some(normalize_id(url_id)),
            (None, None) => {
                diag.push_path(
                    IssueCode::UntrackableOperation,
                    entry.path.clone(),
                    0,
                    "this operation has no id and no resourceUrl ending in /operations/{id}, so it cannot be tracked".to_string(),
                );
                None
            }
        }
    }

    #[inline(never)]
    fn deliver(
        &mut self,
        entry: OperationEntry<'_>,
        outcome: &mut FeedOutcome,
        diag: &mut Diagnostics,
    ) {
        let Some(key) = Self::key_of(&entry, diag) else {
            return;
        };
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        let feed = self.feeds;
        let change_type = entry.change_type.as_deref().map(str::to_string);
        let resource_url = entry.resource_url.as_deref().map(str::to_string);
        let operation = entry.operation.into_owned();
        let status = operation.status.value().cloned();
        let stage = Stage::of(status.as_ref(), change_type.as_deref());
        let print = fingerprint(&operation, change_type.as_deref(), resource_url.as_deref());
        let id = operation
            .id
            .as_deref()
            .filter(|id| !id.is_empty())
            .or_else(|| resource_url.as_deref().and_then(id_from_resource_url))
            .map(str::to_string);
        let mut change = Change {
            key: key.clone(),
            id,
            path: entry.path,
            kind: ChangeKind::New,
            sequence,
            previous_status: None,
            status: status.clone(),
            change_type: change_type.clone(),
            is_final: stage.is_final(),
        };
        let timeline_entry = TimelineEntry {
            sequence,
            feed,
            status,
            change_type: change_type.clone(),
            kind: ChangeKind::New,
        };
        let max_timeline = self.options.max_timeline;
        match self.operations.get_mut(&key) {
            None if self.evicted_final_set.contains(&key) => {
                change.kind = ChangeKind::AfterFinal;
                change.is_final = true;
            }
            None => {
                self.make_room(outcome);
                let tracked = TrackedOperation {
                    key: key.clone(),
                    operation,
                    change_type,
                    resource_url,
                    is_final: stage.is_final(),
                    first_seen: sequence,
                    last_changed: sequence,
                    timeline: vec![timeline_entry],
                    timeline_dropped: 0,
                    fingerprints: vec![print],
                };
                self.list_at(sequence, key.clone());
                self.age
                    .push(Reverse((!tracked.is_finished(), sequence, key.clone())));
                self.operations.insert(key, tracked);
            }
            Some(tracked) => {
                change.previous_status = tracked.status().cloned();
                let current = Stage::of(tracked.status(), tracked.change_type.as_deref());
                let kind = if tracked.fingerprints.contains(&print) {
                    ChangeKind::Duplicate
                } else if tracked.is_final {
                    ChangeKind::AfterFinal
                } else if stage > current {
                    ChangeKind::Advanced
                } else if stage < current {
                    ChangeKind::OutOfOrder
                } else if stage.status == 3 && tracked.status() != change.status.as_ref() {
                    ChangeKind::Conflict
                } else {
                    ChangeKind::Updated
                };
                if kind != ChangeKind::Duplicate {
                    push_bounded(&mut tracked.fingerprints, print, max_timeline);
                }
                if kind.is_applied() {
                    tracked.operation = operation;
                    tracked.change_type = change_type;
                    if resource_url.is_some() {
                        tracked.resource_url = resource_url;
                    }
                    tracked.is_final = stage.is_final();
                    tracked.last_changed = sequence;
                    // The entry of the state replaced is left behind (its last_changed is older).
                    self.age
                        .push(Reverse((!tracked.is_finished(), sequence, key.clone())));
                }
                change.kind = kind;
                change.is_final = tracked.is_final;
                let entry = TimelineEntry {
                    kind,
                    ..timeline_entry
                };
                tracked.timeline_dropped +=
                    push_bounded(&mut tracked.timeline, entry, max_timeline);
            }
        }
        outcome.changes.push(change);
        self.tidy();
    }

    /// Drops the entries left behind in `order` and `age` once they outnumber the operations.
    #[inline(never)]
    fn tidy(&mut self) {
        let limit = 2 * self.operations.len() + 64;
        let operations = &self.operations;
        if self.order.len() > limit {
            self.order
                .retain(|(first_seen, key)| is_listed(operations, *first_seen, key));
        }
        if self.age.len() > limit {
            // Pushed again one by one: `BinaryHeap::retain` would add a heap rebuild's code.
            for entry in std::mem::take(&mut self.age).into_vec() {
                if is_aged(operations, &entry.0) {
                    self.age.push(entry);
                }
            }
        }
    }

    /// Evicts operations until one more fits.
    #[inline(never)]
    fn make_room(&mut self, outcome: &mut FeedOutcome) {
        let limit = self.options.max_operations.max(1);
        while self.operations.len() >= limit {
            let Some(Reverse(entry)) = self.age.pop() else {
                return;
            };
            if !is_aged(&self.operations, &entry) {
                continue;
            }
            let (_, _, key) = entry;
            if let Some(tracked) = self.operations.remove(&key) {
                self.unlist(tracked.first_seen, &key);
                if tracked.is_final {
                    self.remember_evicted_final(key.clone());
                }
            }
            outcome.evicted.push(key);
        }
    }

    /// Lists `key` as first seen at `first_seen`, in place of any operation listed there. (New
    /// operations come last: only a restored state with later first_seen values inserts.)
    #[inline(never)]
    fn list_at(&mut self, first_seen: u64, key: String) {
        let at = self.order.partition_point(|(seen, _)| *seen < first_seen);
        match self.order.get_mut(at) {
            Some(entry) if entry.0 == first_seen => entry.1 = key,
            _ => self.order.insert(at, (first_seen, key)),
        }
    }

    /// Drops the listing at `first_seen` of the operation `key` evicted. Its own entry is left
    /// behind (skipped from now on); another operation's entry there, which only a restored state
    /// can make, is removed, as the listing has one entry per first_seen.
    #[inline(never)]
    fn unlist(&mut self, first_seen: u64, key: &str) {
        let at = self.order.partition_point(|(seen, _)| *seen < first_seen);
        if self
            .order
            .get(at)
            .is_some_and(|(seen, listed)| *seen == first_seen && listed != key)
        {
            self.order.remove(at);
        }
    }

    #[inline(never)]
    fn remember_evicted_final(&mut self, key: String) {
        if self.evicted_final_set.insert(key.clone()) {
            self.evicted_final.push_back(key);
        }
        while self.evicted_final.len() > self.options.max_operations.max(1) {
            if let Some(old) = self.evicted_final.pop_front() {
                self.evicted_final_set.remove(&old);
            }
        }
    }

    /// The operation with this id (any case, with or without dashes).
    pub fn get(&self, id: &str) -> Option<&TrackedOperation> {
        self.operations.get(&normalize_id(id))
    }

    /// Every tracked operation, in the order they were first seen.
    pub fn operations(&self) -> impl Iterator<Item = &TrackedOperation> {
        self.order.iter().filter_map(|(first_seen, key)| {
            self.operations
                .get(key)
                .filter(|tracked| tracked.first_seen == *first_seen)
        })
    }

    /// The tracked operations, in the order they were first seen; only those of one status class
    /// when `filter` is set.
    pub fn list(&self, filter: Option<StatusClass>) -> Vec<&TrackedOperation> {
        self.operations()
            .filter(|tracked| filter.is_none_or(|class| tracked.status_class() == class))
            .collect()
    }

    /// How many tracked operations have each status.
    pub fn counts(&self) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for tracked in self.operations.values() {
            counts.add(tracked);
        }
        counts
    }

    /// The tracked operations (optionally of one status class) as a JSON array of
    /// [`TrackedOperation::to_json`] objects.
    pub fn list_json(&self, filter: Option<StatusClass>, options: &WriteOptions) -> String {
        let mut out = String::with_capacity(512 * self.operations.len() + 2);
        crate::write::array(&mut out, self.list(filter), |out, tracked| {
            tracked.write_json(out, options, false)
        });
        out
    }
}
