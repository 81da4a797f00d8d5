//! Exporting a tracker's whole state as JSON, and restoring it with the crate's own reader, so a
//! page reload loses nothing.

// The tracker is cold code: these steps are `#[inline(never)]`, so the optimizer keeps
// one copy of each instead of copying them into every caller (a smaller .wasm).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::diagnostics::Diagnostics;
use crate::enums::OperationStatus;
use crate::error::Error;
use crate::issue::{resolve_positions, IssueCode, Report};
use crate::options::{ParseOptions, WriteOptions, DEFAULT_MAX_DEPTH};
use crate::pointer::child;
use crate::read::{Reader, Role};

use super::json::{read_document, Node, Value};
use super::{
    ChangeKind, KeySet, OperationTracker, TimelineEntry, TrackedOperation, TrackerOptions,
};
use crate::write::{array, string_literal, ObjectOut};

/// The `format` member of an exported state.
pub const STATE_FORMAT: &str = "graph-record-operation/tracker";
/// The `version` member of an exported state.
pub const STATE_VERSION: u64 = 1;

/// How deep a saved state may nest (operations keep their extra properties as they came).
const STATE_MAX_DEPTH: usize = DEFAULT_MAX_DEPTH * 2;

impl OperationTracker {
    /// The whole state as JSON: options, counters, every operation with its timeline and
    /// duplicate fingerprints, and the evicted final keys. With `WriteOptions::default()` it is
    /// lossless: [`OperationTracker::restore`] gives back an equal tracker (for operations read
    /// from JSON). `redact_token` leaves the recording access tokens out.
    #[inline(never)]
    pub fn export(&self, options: &WriteOptions) -> String {
        let mut out = String::with_capacity(256 + 768 * self.operations.len());
        let mut object = ObjectOut::new(&mut out);
        object.string("format", STATE_FORMAT);
        object.number("version", STATE_VERSION);
        object.number("maxOperations", self.options.max_operations);
        object.number("maxTimeline", self.options.max_timeline);
        object.bool("strict", self.options.parse.strict);
        object.number("maxInputBytes", self.options.parse.max_input_bytes);
        object.number("maxDepth", self.options.parse.max_depth);
        object.number("maxIssues", self.options.parse.max_issues);
        object.number("feeds", self.feeds);
        object.number("nextSequence", self.next_sequence);
        array(
            object.key("operations"),
            self.operations(),
            |out, tracked| tracked.write_json(out, options, true),
        );
        array(
            object.key("evictedFinal"),
            &self.evicted_final,
            |out, key| out.push_str(&string_literal(key)),
        );
        object.close();
        out
    }

    /// Restores a state written by [`OperationTracker::export`]. Fails with every problem found
    /// (`invalid_tracker_state`, or the JSON issues of the text) in the error's report.
    #[inline(never)]
    pub fn restore(text: &str) -> Result<OperationTracker, Error> {
        let mut diag = Diagnostics::new(false);
        let tracker = read_document(text, STATE_MAX_DEPTH, &["operation"], &mut diag)
            .and_then(|root| Restorer { diag: &mut diag }.tracker(&root));
        let mut issues = diag.issues;
        resolve_positions(text.as_bytes(), &mut issues);
        let report = Report { issues };
        match tracker {
            Some(tracker) if report.is_valid() => Ok(tracker),
            _ => Err(Error::Invalid(report)),
        }
    }
}

struct Restorer<'d> {
    diag: &'d mut Diagnostics,
}

impl Restorer<'_> {
    #[inline(never)]
    fn fail(&mut self, path: String, at: usize, message: String) {
        self.diag
            .push_path(IssueCode::InvalidTrackerState, path, at, message);
    }

    #[inline(never)]
    fn member<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        path: &str,
        key: &str,
    ) -> Option<&'n Node<'a>> {
        let found = node.get(key);
        if found.is_none() {
            self.fail(
                child(path, key),
                node.start,
                format!("the saved tracker state has no {key} here"),
            );
        }
        found
    }

    #[inline(never)]
    fn wrong(&mut self, node: &Node<'_>, path: String, expected: &str) {
        let message = format!("expected {expected}, found {}", node.describe());
        self.fail(path, node.start, message);
    }

    #[inline(never)]
    fn u64(&mut self, node: &Node<'_>, path: &str, key: &str) -> Option<u64> {
        let value = self.member(node, path, key)?;
        if let Value::Number(raw) = value.value {
            if let Ok(number) = raw.parse::<u64>() {
                return Some(number);
            }
        }
        self.wrong(value, child(path, key), "a non-negative integer");
        None
    }

    #[inline(never)]
    fn usize(&mut self, node: &Node<'_>, path: &str, key: &str) -> Option<usize> {
        let number = self.u64(node, path, key)?;
        match usize::try_from(number) {
            Ok(number) => Some(number),
            Err(_) => {
                self.fail(
                    child(path, key),
                    node.start,
                    format!("{number} is too large here"),
                );
                None
            }
        }
    }

    #[inline(never)]
    fn bool(&mut self, node: &Node<'_>, path: &str, key: &str) -> Option<bool> {
        let value = self.member(node, path, key)?;
        if let Value::Bool(flag) = value.value {
            return Some(flag);
        }
        self.wrong(value, child(path, key), "a boolean");
        None
    }

    #[inline(never)]
    fn string(&mut self, node: &Node<'_>, path: &str, key: &str) -> Option<String> {
        let value = self.member(node, path, key)?;
        if let Some(text) = value.as_str() {
            return Some(text.to_string());
        }
        self.wrong(value, child(path, key), "a string");
        None
    }

    /// A string or null (the outer `None`: missing or wrong).
    #[inline(never)]
    fn nullable_string(
        &mut self,
        node: &Node<'_>,
        path: &str,
        key: &str,
    ) -> Option<Option<String>> {
        let value = self.member(node, path, key)?;
        match &value.value {
            Value::Null => Some(None),
            Value::String(text) => Some(Some(text.to_string())),
            _ => {
                self.wrong(value, child(path, key), "a string or null");
                None
            }
        }
    }

    #[inline(never)]
    fn array<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        path: &str,
        key: &str,
    ) -> Option<&'n [Node<'a>]> {
        let value = self.member(node, path, key)?;
        if let Value::Array(items) = &value.value {
            return Some(items);
        }
        self.wrong(value, child(path, key), "an array");
        None
    }

    #[inline(never)]
    fn tracker(&mut self, root: &Node<'_>) -> Option<OperationTracker> {
        if !matches!(root.value, Value::Object(_)) {
            self.wrong(root, String::new(), "an object (a saved tracker state)");
            return None;
        }
        let format = self.string(root, "", "format")?;
        if format != STATE_FORMAT {
            self.fail(
                "/format".to_string(),
                root.start,
                format!(
                    "format is {}, not {STATE_FORMAT}",
                    crate::diagnostics::quote(&format)
                ),
            );
            return None;
        }
        let version = self.u64(root, "", "version")?;
        if version != STATE_VERSION {
            self.fail(
                "/version".to_string(),
                root.start,
                format!("version {version} is not supported (this reader knows version {STATE_VERSION})"),
            );
            return None;
        }
        let options = TrackerOptions {
            max_operations: self.usize(root, "", "maxOperations")?,
            max_timeline: self.usize(root, "", "maxTimeline")?,
            parse: ParseOptions {
                strict: self.bool(root, "", "strict")?,
                max_input_bytes: self.usize(root, "", "maxInputBytes")?,
                max_depth: self.usize(root, "", "maxDepth")?,
                // States exported before the issue limit existed have no maxIssues.
                max_issues: match root.get("maxIssues") {
                    Some(_) => self.usize(root, "", "maxIssues")?,
                    None => crate::DEFAULT_MAX_ISSUES,
                },
            },
        };
        let mut tracker = OperationTracker::with_options(options);
        tracker.feeds = self.u64(root, "", "feeds")?;
        tracker.next_sequence = self.u64(root, "", "nextSequence")?;
        let operations = self.array(root, "", "operations")?;
        // The firstSeen values taken (as text: the set type the evicted keys use), and whether the
        // state lists them in order, as export writes them.
        let mut first_seen = KeySet::default();
        let mut in_order = true;
        for (index, node) in operations.iter().enumerate() {
            let path = format!("/operations/{index}");
            let Some(tracked) = self.operation(node, &path) else {
                continue;
            };
            if tracker.operations.contains_key(&tracked.key)
                || !first_seen.insert(tracked.first_seen.to_string())
            {
                self.fail(
                    path,
                    node.start,
                    "this operation's key or firstSeen repeats an earlier one".to_string(),
                );
                continue;
            }
            in_order &= tracker
                .order
                .last()
                .is_none_or(|(last, _)| *last < tracked.first_seen);
            tracker
                .order
                .push((tracked.first_seen, tracked.key.clone()));
            tracker.age.push(Reverse((
                !tracked.is_finished(),
                tracked.last_changed,
                tracked.key.clone(),
            )));
            tracker.operations.insert(tracked.key.clone(), tracked);
        }
        if !in_order {
            // Sorted by first_seen through a heap of the eviction order's type (no sort code).
            let mut heap = BinaryHeap::new();
            for (seen, key) in tracker.order.drain(..) {
                heap.push(Reverse((false, seen, key)));
            }
            while let Some(Reverse((_, seen, key))) = heap.pop() {
                tracker.order.push((seen, key));
            }
        }
        let evicted = self.array(root, "", "evictedFinal")?;
        let mut seen = KeySet::default();
        for (index, node) in evicted.iter().enumerate() {
            match node.as_str() {
                Some(key) if seen.insert(key.to_string()) => {
                    tracker.evicted_final.push_back(key.to_string());
                }
                _ => self.wrong(node, format!("/evictedFinal/{index}"), "a key, once"),
            }
        }
        tracker.evicted_final_set = seen;
        Some(tracker)
    }

    #[inline(never)]
    fn operation(&mut self, node: &Node<'_>, path: &str) -> Option<TrackedOperation> {
        let key = self.string(node, path, "key");
        let change_type = self.nullable_string(node, path, "changeType");
        let resource_url = self.nullable_string(node, path, "resourceUrl");
        let is_final = self.bool(node, path, "final");
        let first_seen = self.u64(node, path, "firstSeen");
        let last_changed = self.u64(node, path, "lastChanged");
        let timeline_dropped = self.u64(node, path, "timelineDropped");
        let timeline = self.timeline(node, path);
        let fingerprints = self.fingerprints(node, path);
        let operation = self.record_operation(node, path);
        // One match rather than a `?` per field: one drop of what was read when a part is missing.
        match (
            key,
            operation,
            change_type,
            resource_url,
            is_final,
            first_seen,
            last_changed,
            timeline,
            timeline_dropped,
            fingerprints,
        ) {
            (
                Some(key),
                Some(operation),
                Some(change_type),
                Some(resource_url),
                Some(is_final),
                Some(first_seen),
                Some(last_changed),
                Some(timeline),
                Some(timeline_dropped),
                Some(fingerprints),
            ) => Some(TrackedOperation {
                key,
                operation,
                change_type,
                resource_url,
                is_final,
                first_seen,
                last_changed,
                timeline,
                timeline_dropped,
                fingerprints,
            }),
            _ => None,
        }
    }

    #[inline(never)]
    fn timeline(&mut self, node: &Node<'_>, path: &str) -> Option<Vec<TimelineEntry>> {
        let items = self.array(node, path, "timeline")?;
        let mut timeline = Vec::with_capacity(items.len());
        let mut complete = true;
        for (index, item) in items.iter().enumerate() {
            let path = format!("{path}/timeline/{index}");
            let sequence = self.u64(item, &path, "sequence");
            let feed = self.u64(item, &path, "feed");
            let status = self.nullable_string(item, &path, "status");
            let change_type = self.nullable_string(item, &path, "changeType");
            let kind = self.string(item, &path, "kind");
            let kind = kind.and_then(|text| {
                let kind = ChangeKind::parse(&text);
                if kind.is_none() {
                    self.fail(
                        child(&path, "kind"),
                        item.start,
                        format!("{} is not a change kind", crate::diagnostics::quote(&text)),
                    );
                }
                kind
            });
            match (sequence, feed, status, change_type, kind) {
                (Some(sequence), Some(feed), Some(status), Some(change_type), Some(kind)) => {
                    timeline.push(TimelineEntry {
                        sequence,
                        feed,
                        status: status.map(|text| OperationStatus::parse(text).0.into_owned()),
                        change_type,
                        kind,
                    });
                }
                _ => complete = false,
            }
        }
        complete.then_some(timeline)
    }

    #[inline(never)]
    fn fingerprints(&mut self, node: &Node<'_>, path: &str) -> Option<Vec<u64>> {
        let items = self.array(node, path, "fingerprints")?;
        let mut prints = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item.as_str().filter(|text| text.len() == 16) {
                Some(text) => match u64::from_str_radix(text, 16) {
                    Ok(print) => prints.push(print),
                    Err(_) => {
                        self.wrong(
                            item,
                            format!("{path}/fingerprints/{index}"),
                            "16 hex digits",
                        );
                        return None;
                    }
                },
                None => {
                    self.wrong(
                        item,
                        format!("{path}/fingerprints/{index}"),
                        "16 hex digits",
                    );
                    return None;
                }
            }
        }
        Some(prints)
    }

    #[inline(never)]
    fn record_operation(
        &mut self,
        node: &Node<'_>,
        path: &str,
    ) -> Option<crate::model::RecordOperation<'static>> {
        let value = self.member(node, path, "operation")?;
        let Value::Raw(raw) = value.value else {
            self.wrong(value, child(path, "operation"), "a recordOperation object");
            return None;
        };
        if !raw.starts_with('{') {
            self.wrong(value, child(path, "operation"), "a recordOperation object");
            return None;
        }
        // The operation's own issues were reported when it was fed; here it only has to read.
        let options = ParseOptions {
            max_depth: STATE_MAX_DEPTH,
            ..ParseOptions::default()
        };
        let mut reader = Reader::new(raw, &options);
        match reader.object(1, Role::Operation) {
            Ok((_, Some(operation))) => Some(operation.into_owned()),
            _ => {
                self.fail(
                    child(path, "operation"),
                    value.start,
                    "the saved operation could not be read".to_string(),
                );
                None
            }
        }
    }
}
