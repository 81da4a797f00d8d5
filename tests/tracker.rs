//! The operation tracker: ordering rules, identity, duplicates, eviction, timelines, export and
//! restore, and the property that delivery order does not change the final state.

// Native only (proptest, the file system); the wasm suites are tests/node.rs and tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use graph_record_operation::{
    ChangeKind, IssueCode, OperationStatus, OperationTracker, ParseOptions, RecordOperation,
    Severity, StatusClass, TrackerOptions, WriteOptions,
};
use proptest::prelude::*;

const ID: &str = "0fe0623f-58a4-4f8a-9d6f-1a2b3c4d5e6f";
const URL_ID: &str = "0FE0623F58A44F8A9D6F1A2B3C4D5E6F";
const OTHER_ID: &str = "11112222-3333-4444-5555-666677778888";

fn url(url_id: &str) -> String {
    format!("communications/calls/421f0b00-ac2e-4e12-a6d5-4bd6d8dd5e00/operations/{url_id}")
}

fn operation_json(id: Option<&str>, status: &str) -> String {
    let id = id.map_or(String::new(), |id| format!(r#""id":"{id}","#));
    let result = match status {
        "completed" => {
            r#","resultInfo":{"code":200,"subcode":8515,"message":"max record duration reached"},"recordingLocation":"https://x.example/r","recordingAccessToken":"tok""#
        }
        "failed" => r#","resultInfo":{"code":400,"subcode":8508,"message":"cancelled"}"#,
        _ => "",
    };
    format!(
        r##"{{"@odata.type":"#microsoft.graph.recordOperation",{id}"status":"{status}"{result}}}"##
    )
}

fn item(change: &str, url_id: &str, id: Option<&str>, status: &str) -> String {
    format!(
        r#"{{"changeType":"{change}","resourceUrl":"{}","resourceData":{}}}"#,
        url(url_id),
        operation_json(id, status)
    )
}

fn envelope(items: &[String]) -> String {
    format!(r#"{{"value":[{}]}}"#, items.join(","))
}

fn note(change: &str, status: &str) -> String {
    envelope(&[item(change, URL_ID, Some(ID), status)])
}

fn kinds(outcome: &graph_record_operation::FeedOutcome) -> Vec<ChangeKind> {
    outcome.changes.iter().map(|c| c.kind).collect()
}

#[test]
fn follows_a_lifecycle_in_order() {
    let mut tracker = OperationTracker::new();
    let first = tracker.feed(&note("created", "notStarted"));
    assert_eq!(kinds(&first), [ChangeKind::New]);
    assert_eq!(first.feed, 1);
    assert!(first.changed() && !first.rejected);
    assert_eq!(first.changes[0].key, "0fe0623f58a44f8a9d6f1a2b3c4d5e6f");
    assert_eq!(first.changes[0].id.as_deref(), Some(ID));
    assert_eq!(first.changes[0].path, "/value/0/resourceData");
    let running = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&running), [ChangeKind::Advanced]);
    assert_eq!(
        running.changes[0].previous_status,
        Some(OperationStatus::NotStarted)
    );
    assert_eq!(running.changes[0].status, Some(OperationStatus::Running));
    let completed = tracker.feed(&note("updated", "completed"));
    assert_eq!(kinds(&completed), [ChangeKind::Advanced]);
    assert!(!completed.changes[0].is_final);
    let deleted = tracker.feed(&note("deleted", "completed"));
    assert_eq!(kinds(&deleted), [ChangeKind::Advanced]);
    assert!(deleted.changes[0].is_final);

    let tracked = tracker.get(ID).expect("tracked");
    assert!(tracked.is_final);
    assert_eq!(tracked.status(), Some(&OperationStatus::Completed));
    assert_eq!(tracked.change_type.as_deref(), Some("deleted"));
    assert_eq!(tracked.first_seen, 0);
    assert_eq!(tracked.last_changed, 3);
    let sequence: Vec<u64> = tracked.timeline.iter().map(|e| e.sequence).collect();
    assert_eq!(sequence, [0, 1, 2, 3]);
    let feeds: Vec<u64> = tracked.timeline.iter().map(|e| e.feed).collect();
    assert_eq!(feeds, [1, 2, 3, 4]);
    assert_eq!(tracker.counts().completed, 1);
    assert_eq!(tracker.counts().final_count, 1);
    assert_eq!(tracker.counts().total, 1);
}

#[test]
fn running_after_completed_is_ignored_and_reported() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("updated", "completed"));
    let late = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&late), [ChangeKind::OutOfOrder]);
    assert!(!late.changed());
    assert_eq!(
        late.changes[0].previous_status,
        Some(OperationStatus::Completed)
    );
    assert_eq!(late.changes[0].status, Some(OperationStatus::Running));
    let tracked = tracker.get(ID).expect("tracked");
    assert_eq!(tracked.status(), Some(&OperationStatus::Completed));
    assert_eq!(tracked.last_changed, 0);
    let marks: Vec<ChangeKind> = tracked.timeline.iter().map(|e| e.kind).collect();
    assert_eq!(marks, [ChangeKind::New, ChangeKind::OutOfOrder]);
    assert_eq!(tracked.timeline[1].status, Some(OperationStatus::Running));
    // created after updated, same status: out of order too.
    let created = tracker.feed(&note("created", "completed"));
    assert_eq!(kinds(&created), [ChangeKind::OutOfOrder]);
}

#[test]
fn exact_duplicates_are_ignored_even_of_older_states() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("updated", "running"));
    let again = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&again), [ChangeKind::Duplicate]);
    tracker.feed(&note("updated", "completed"));
    // A redelivery of the older running state is a duplicate, not out of order.
    let old = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&old), [ChangeKind::Duplicate]);
    // Whitespace does not make a delivery different.
    let spaced = note("updated", "completed").replace(',', " , ");
    assert_eq!(kinds(&tracker.feed(&spaced)), [ChangeKind::Duplicate]);
    let marks: Vec<ChangeKind> = tracker
        .get(ID)
        .expect("tracked")
        .timeline
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        marks,
        [
            ChangeKind::New,
            ChangeKind::Duplicate,
            ChangeKind::Advanced,
            ChangeKind::Duplicate,
            ChangeKind::Duplicate
        ]
    );
}

#[test]
fn deleted_with_terminal_status_is_final() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("deleted", "failed"));
    assert!(tracker.get(ID).expect("tracked").is_final);
    let late = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&late), [ChangeKind::AfterFinal]);
    assert!(late.changes[0].is_final);
    let other_terminal = tracker.feed(&note("deleted", "completed"));
    assert_eq!(kinds(&other_terminal), [ChangeKind::AfterFinal]);
    let duplicate = tracker.feed(&note("deleted", "failed"));
    assert_eq!(kinds(&duplicate), [ChangeKind::Duplicate]);
    assert_eq!(
        tracker.get(ID).expect("tracked").status(),
        Some(&OperationStatus::Failed)
    );
    // deleted with a status that is not terminal is not final.
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("deleted", "running"));
    assert!(!tracker.get(ID).expect("tracked").is_final);
    assert_eq!(
        kinds(&tracker.feed(&note("updated", "completed"))),
        [ChangeKind::Advanced]
    );
}

#[test]
fn the_other_terminal_status_is_a_conflict_until_the_final_word() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("updated", "completed"));
    let conflict = tracker.feed(&note("updated", "failed"));
    assert_eq!(kinds(&conflict), [ChangeKind::Conflict]);
    assert_eq!(
        tracker.get(ID).expect("tracked").status(),
        Some(&OperationStatus::Completed)
    );
    let final_word = tracker.feed(&note("deleted", "failed"));
    assert_eq!(kinds(&final_word), [ChangeKind::Advanced]);
    assert_eq!(
        tracker.get(ID).expect("tracked").status(),
        Some(&OperationStatus::Failed)
    );
}

#[test]
fn same_stage_with_new_content_updates() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("updated", "running"));
    let with_context = envelope(&[item(
        "updated",
        URL_ID,
        Some(ID),
        r#"running","clientContext":"ctx"#,
    )]);
    assert_eq!(kinds(&tracker.feed(&with_context)), [ChangeKind::Updated]);
    let tracked = tracker.get(ID).expect("tracked");
    assert_eq!(
        tracked.operation.client_context.value().map(|c| c.as_ref()),
        Some("ctx")
    );
}

#[test]
fn ids_match_urls_ignoring_case_and_dashes() {
    let mut tracker = OperationTracker::new();
    // Only the URL names the operation (uppercase, no dashes).
    let url_only = envelope(&[item("created", URL_ID, None, "notStarted")]);
    let outcome = tracker.feed(&url_only);
    assert_eq!(kinds(&outcome), [ChangeKind::New]);
    assert_eq!(outcome.changes[0].id.as_deref(), Some(URL_ID));
    // (The reader itself warns missing_id; the tracker has nothing to add.)
    assert!(
        !outcome.report.has(IssueCode::UntrackableOperation)
            && !outcome.report.has(IssueCode::ResourceUrlIdMismatch),
        "{:?}",
        outcome.report
    );
    // The same operation by its lowercase dashed id.
    let by_id = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&by_id), [ChangeKind::Advanced]);
    assert_eq!(tracker.len(), 1);
    assert!(tracker.get(URL_ID).is_some());
    assert!(tracker.get(&ID.to_uppercase()).is_some());
    assert_eq!(tracker.get(ID).expect("tracked").id(), Some(ID));
    // OData key syntax in the URL.
    let odata = format!(
        r#"{{"value":[{{"changeType":"updated","resourceUrl":"/communications/calls/x/operations('{ID}')","resourceData":{}}}]}}"#,
        operation_json(None, "completed")
    );
    assert_eq!(kinds(&tracker.feed(&odata)), [ChangeKind::Advanced]);
    assert_eq!(tracker.len(), 1);
}

#[test]
fn a_url_naming_another_operation_is_reported_and_the_id_wins() {
    let mut tracker = OperationTracker::new();
    let mixed = envelope(&[item("updated", URL_ID, Some(OTHER_ID), "running")]);
    let outcome = tracker.feed(&mixed);
    assert_eq!(kinds(&outcome), [ChangeKind::New]);
    assert_eq!(outcome.changes[0].key, "11112222333344445555666677778888");
    let issue = outcome
        .report
        .issues
        .iter()
        .find(|i| i.code == IssueCode::ResourceUrlIdMismatch)
        .expect("mismatch reported");
    assert_eq!(issue.path, "/value/0/resourceData/id");
    assert_eq!(issue.severity, Severity::Warning);
    let id_at = mixed.find(OTHER_ID).expect("id in text") - 1;
    assert_eq!(issue.position.offset, id_at);
    assert_eq!(
        (issue.position.line, issue.position.column),
        (1, id_at as u32 + 1)
    );
}

#[test]
fn an_operation_without_identity_is_reported_not_tracked() {
    let mut tracker = OperationTracker::new();
    let anonymous = r##"{"value":[{"changeType":"updated","resourceUrl":"communications/calls/x","resourceData":{"@odata.type":"#microsoft.graph.recordOperation","status":"running"}}]}"##;
    let outcome = tracker.feed(anonymous);
    assert!(outcome.changes.is_empty());
    assert!(tracker.is_empty());
    let issue = outcome
        .report
        .issues
        .iter()
        .find(|i| i.code == IssueCode::UntrackableOperation)
        .expect("untrackable reported");
    assert_eq!(issue.path, "/value/0/resourceData");
    assert_eq!(issue.severity, Severity::Warning);
    let data_at = anonymous.find(r#"{"@odata.type""#).expect("resourceData");
    assert_eq!(
        (issue.position.line, issue.position.column),
        (1, data_at as u32 + 1)
    );
    // Strict mode makes it an error, like every other issue.
    let mut strict = OperationTracker::with_options(TrackerOptions {
        parse: ParseOptions::strict(),
        ..TrackerOptions::default()
    });
    let outcome = strict.feed(anonymous);
    assert!(outcome
        .report
        .errors()
        .any(|i| i.code == IssueCode::UntrackableOperation));
}

#[test]
fn unreadable_text_is_rejected_whole() {
    let mut tracker = OperationTracker::new();
    let broken = format!(
        r#"{{"value":[{},"#,
        item("updated", URL_ID, Some(ID), "running")
    );
    let outcome = tracker.feed(&broken);
    assert!(outcome.rejected);
    assert!(outcome.changes.is_empty());
    assert!(outcome.report.has(IssueCode::JsonSyntax));
    assert!(tracker.is_empty());
    assert_eq!(tracker.feeds(), 1);
    // Schema errors do not reject: the operation is still followed.
    let wrong_code = envelope(&[item(
        "updated",
        URL_ID,
        Some(ID),
        r#"completed","resultInfo":{"code":true,"subcode":1},"x":"y"#,
    )]);
    let outcome = tracker.feed(&wrong_code);
    assert!(!outcome.rejected);
    assert!(outcome.report.has(IssueCode::WrongType));
    assert_eq!(kinds(&outcome), [ChangeKind::New]);
}

#[test]
fn feeds_collections_single_operations_and_mixed_resource_data() {
    let mut tracker = OperationTracker::new();
    let single = operation_json(Some(ID), "running");
    let outcome = tracker.feed(&single);
    assert_eq!(kinds(&outcome), [ChangeKind::New]);
    assert_eq!(outcome.changes[0].path, "");
    assert_eq!(outcome.changes[0].change_type, None);
    let collection = format!(
        r#"{{"value":[{},{}],"@odata.nextLink":"https://graph.microsoft.com/next"}}"#,
        operation_json(Some(ID), "completed"),
        operation_json(Some(OTHER_ID), "running")
    );
    let outcome = tracker.feed(&collection);
    assert_eq!(kinds(&outcome), [ChangeKind::Advanced, ChangeKind::New]);
    assert_eq!(outcome.changes[1].path, "/value/1");
    let mixed = format!(
        r##"{{"value":[{{"changeType":"updated","resourceUrl":"communications/calls/x","resourceData":[{{"@odata.type":"#microsoft.graph.call","id":"call"}},{}]}}]}}"##,
        operation_json(Some(OTHER_ID), "completed")
    );
    let outcome = tracker.feed(&mixed);
    assert_eq!(kinds(&outcome), [ChangeKind::Advanced]);
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(outcome.changes[0].path, "/value/0/resourceData/1");
    // Several operations in one envelope, processed in document order.
    let both = envelope(&[
        item("deleted", URL_ID, Some(ID), "completed"),
        item("updated", URL_ID, Some(ID), "running"),
    ]);
    assert_eq!(
        kinds(&tracker.feed(&both)),
        [ChangeKind::Advanced, ChangeKind::AfterFinal]
    );
}

#[test]
fn feeds_one_document_per_line() {
    let mut tracker = OperationTracker::new();
    let text = format!(
        "{}\r\n\n  {}\n{{\"id\": 5}}\n",
        note("updated", "completed"),
        note("updated", "running")
    );
    let outcomes = tracker.feed_lines(&text);
    assert_eq!(outcomes.len(), 3);
    assert_eq!(kinds(&outcomes[0]), [ChangeKind::New]);
    assert_eq!(kinds(&outcomes[1]), [ChangeKind::OutOfOrder]);
    assert_eq!(
        outcomes.iter().map(|o| o.feed).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let issue = outcomes[2]
        .report
        .issues
        .iter()
        .find(|i| i.code == IssueCode::WrongType)
        .expect("id of the wrong type");
    assert_eq!((issue.position.line, issue.position.column), (4, 8));
    assert_eq!(&text[issue.position.offset..issue.position.offset + 1], "5");
}

#[test]
fn feed_operation_takes_a_parsed_operation() {
    let mut tracker = OperationTracker::new();
    let text = operation_json(None, "running");
    let (operation, _) = RecordOperation::parse(&text, &ParseOptions::default()).expect("reads");
    let outcome = tracker.feed_operation(operation, Some("updated"), Some(&url(URL_ID)));
    assert_eq!(kinds(&outcome), [ChangeKind::New]);
    assert_eq!(
        tracker.get(ID).expect("tracked").resource_url.as_deref(),
        Some(url(URL_ID).as_str())
    );
}

#[test]
fn counts_and_lists_by_status_in_first_seen_order() {
    let mut tracker = OperationTracker::new();
    let ids = [
        "aaaaaaaa-0000-0000-0000-000000000001",
        "aaaaaaaa-0000-0000-0000-000000000002",
        "aaaaaaaa-0000-0000-0000-000000000003",
        "aaaaaaaa-0000-0000-0000-000000000004",
    ];
    let statuses = ["running", "completed", "running", "failed"];
    for (id, status) in ids.iter().zip(statuses) {
        tracker.feed(&operation_json(Some(id), status));
    }
    tracker.feed(r#"{"id":"aaaaaaaa-0000-0000-0000-000000000005","status":null}"#);
    let counts = tracker.counts();
    assert_eq!(
        (
            counts.not_started,
            counts.running,
            counts.completed,
            counts.failed,
            counts.unknown,
            counts.total
        ),
        (0, 2, 1, 1, 1, 5)
    );
    assert_eq!(counts.get(StatusClass::Running), 2);
    assert_eq!(
        counts.to_json(),
        r#"{"notStarted":0,"running":2,"completed":1,"failed":1,"unknown":1,"final":0,"total":5}"#
    );
    let running: Vec<&str> = tracker
        .list(Some(StatusClass::Running))
        .iter()
        .filter_map(|t| t.id())
        .collect();
    assert_eq!(running, [ids[0], ids[2]]);
    assert_eq!(tracker.list(None).len(), 5);
    assert_eq!(tracker.list(Some(StatusClass::Unknown)).len(), 1);
    assert_eq!(StatusClass::parse("Running"), Some(StatusClass::Running));
    let listed = tracker.list_json(Some(StatusClass::Failed), &WriteOptions::default());
    assert!(listed.starts_with(r#"[{"key":"aaaaaaaa000000000000000000000004","id":"aaaaaaaa-0000-0000-0000-000000000004","status":"failed","#), "{listed}");
    assert!(!listed.contains("fingerprints"));
}

#[test]
fn null_status_ranks_below_every_status() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&format!(r#"{{"id":"{ID}","status":null}}"#));
    assert_eq!(
        kinds(&tracker.feed(&operation_json(Some(ID), "notStarted"))),
        [ChangeKind::Advanced]
    );
    assert_eq!(
        kinds(&tracker.feed(&format!(r#"{{"id":"{ID}"}}"#))),
        [ChangeKind::OutOfOrder]
    );
}

fn numbered(n: u32) -> String {
    format!("bbbbbbbb-0000-0000-0000-{n:012}")
}

#[test]
fn the_cap_evicts_the_oldest_finished_first() {
    let mut tracker = OperationTracker::with_options(TrackerOptions {
        max_operations: 3,
        ..TrackerOptions::default()
    });
    tracker.feed(&operation_json(Some(&numbered(1)), "running"));
    tracker.feed(&operation_json(Some(&numbered(2)), "completed"));
    tracker.feed(&operation_json(Some(&numbered(3)), "failed"));
    // 1 is oldest but unfinished; 2 is the oldest finished.
    let outcome = tracker.feed(&operation_json(Some(&numbered(4)), "running"));
    assert_eq!(outcome.evicted, [tracker_key(2)]);
    assert_eq!(tracker.len(), 3);
    assert!(tracker.get(&numbered(2)).is_none());
    // Finishing 1 now makes it the newest finished: 3 goes first.
    tracker.feed(&operation_json(Some(&numbered(1)), "completed"));
    let outcome = tracker.feed(&operation_json(Some(&numbered(5)), "running"));
    assert_eq!(outcome.evicted, [tracker_key(3)]);
    let outcome = tracker.feed(&operation_json(Some(&numbered(6)), "running"));
    assert_eq!(outcome.evicted, [tracker_key(1)]);
    // None finished: the one that changed longest ago goes.
    let outcome = tracker.feed(&operation_json(Some(&numbered(7)), "running"));
    assert_eq!(outcome.evicted, [tracker_key(4)]);
    assert_eq!(tracker.len(), 3);
    // An evicted operation that was not final comes back as new.
    let outcome = tracker.feed(&operation_json(Some(&numbered(2)), "completed"));
    assert_eq!(kinds(&outcome), [ChangeKind::New]);
}

fn tracker_key(n: u32) -> String {
    graph_record_operation::normalize_id(&numbered(n))
}

#[test]
fn evicted_final_operations_stay_final() {
    let mut tracker = OperationTracker::with_options(TrackerOptions {
        max_operations: 1,
        ..TrackerOptions::default()
    });
    tracker.feed(&note("deleted", "completed"));
    let outcome = tracker.feed(&operation_json(Some(OTHER_ID), "running"));
    assert_eq!(outcome.evicted, ["0fe0623f58a44f8a9d6f1a2b3c4d5e6f"]);
    assert_eq!(
        tracker.evicted_final().collect::<Vec<_>>(),
        ["0fe0623f58a44f8a9d6f1a2b3c4d5e6f"]
    );
    let late = tracker.feed(&note("updated", "running"));
    assert_eq!(kinds(&late), [ChangeKind::AfterFinal]);
    assert!(late.evicted.is_empty());
    assert_eq!(tracker.len(), 1);
}

#[test]
fn timelines_are_bounded() {
    let mut tracker = OperationTracker::with_options(TrackerOptions {
        max_timeline: 2,
        ..TrackerOptions::default()
    });
    for _ in 0..4 {
        tracker.feed(&note("updated", "running"));
    }
    let tracked = tracker.get(ID).expect("tracked");
    assert_eq!(tracked.timeline.len(), 2);
    assert_eq!(tracked.timeline_dropped, 2);
    assert_eq!(tracked.timeline[0].sequence, 2);
    assert_eq!(tracked.timeline[1].kind, ChangeKind::Duplicate);
}

#[test]
fn outcomes_write_json() {
    let mut tracker = OperationTracker::new();
    tracker.feed(&note("updated", "completed"));
    let outcome = tracker.feed(&note("updated", "running"));
    let json = outcome.to_json();
    assert!(json.starts_with(r#"{"feed":2,"kind":"notifications","rejected":false,"changed":false,"changes":[{"key":"0fe0623f58a44f8a9d6f1a2b3c4d5e6f","id":"0fe0623f-58a4-4f8a-9d6f-1a2b3c4d5e6f","path":"/value/0/resourceData","kind":"outOfOrder","sequence":1,"previousStatus":"completed","status":"running","changeType":"updated","final":false}],"evicted":[],"skipped":[],"valid":true,"errors":[],"warnings":[]}"#), "{json}");
    let broken = tracker.feed("{").to_json();
    assert!(
        broken.contains(r#""kind":null,"rejected":true"#),
        "{broken}"
    );
    assert!(
        broken.contains(r#""code":"json_syntax","severity":"error""#),
        "{broken}"
    );
    let tracked = tracker.get(ID).expect("tracked").to_json(&WriteOptions {
        redact_token: true,
        ..WriteOptions::default()
    });
    assert!(tracked.contains(r#""timeline":[{"sequence":0,"feed":1,"status":"completed","changeType":"updated","kind":"new"},{"sequence":1,"feed":2,"status":"running","changeType":"updated","kind":"outOfOrder"}]"#), "{tracked}");
    assert!(!tracked.contains("tok"));
}

#[test]
fn export_and_restore_round_trip() {
    let mut tracker = OperationTracker::with_options(TrackerOptions {
        max_operations: 2,
        max_timeline: 3,
        parse: ParseOptions::default(),
    });
    tracker.feed(&note("created", "notStarted"));
    tracker.feed(&note("updated", "running"));
    tracker.feed(&note("deleted", "completed"));
    tracker.feed(&note("updated", "running"));
    tracker.feed(
        r#"{"@odata.etag":"W/\"1\"","id":"x-1","status":"Running","resultInfo":{"@odata.type":"microsoft.graph.ResultInfo","code":"200","subCode":0,"extra":[1,{"a":null}]},"clientContext":"é\u0000\"","recordResourceLocation":"https://x.example/r","odd":{"deep":[[[]]]}}"#,
    );
    tracker.feed(r#"{"id":"y-2","status":null}"#);
    let exported = tracker.export(&WriteOptions::default());
    let restored = OperationTracker::restore(&exported).expect("restores");
    assert_eq!(restored, tracker);
    assert_eq!(restored.export(&WriteOptions::default()), exported);
    // It keeps working the same way: duplicates and finality survive the reload.
    let mut a = tracker.clone();
    let mut b = restored;
    for text in [
        note("updated", "running"),
        operation_json(Some("x-1"), "completed"),
        operation_json(Some(OTHER_ID), "running"),
    ] {
        assert_eq!(a.feed(&text), b.feed(&text));
    }
    assert_eq!(a, b);
}

#[test]
fn restore_reports_what_is_wrong() {
    let error = OperationTracker::restore("{").expect_err("syntax");
    assert_eq!(error.code(), IssueCode::JsonSyntax);

    let error = OperationTracker::restore(r#"{"format":"something else","version":1}"#)
        .expect_err("format");
    let issue = &error.report().issues[0];
    assert_eq!(
        (issue.path.as_str(), issue.code, issue.severity),
        ("/format", IssueCode::InvalidTrackerState, Severity::Error)
    );

    let mut tracker = OperationTracker::new();
    tracker.feed(&note("updated", "running"));
    let exported = tracker.export(&WriteOptions::default());
    let version = exported.replace(r#""version":1"#, r#""version":2"#);
    let error = OperationTracker::restore(&version).expect_err("version");
    assert_eq!(error.report().issues[0].path, "/version");

    let no_key = exported.replace(r#""key":"#, r#""kee":"#);
    let error = OperationTracker::restore(&no_key).expect_err("key");
    let issue = &error.report().issues[0];
    assert_eq!(issue.path, "/operations/0/key");
    assert_eq!(issue.code, IssueCode::InvalidTrackerState);
    assert_eq!(issue.position.line, 1);

    let bad_kind = exported.replace(r#""kind":"new""#, r#""kind":"sideways""#);
    let error = OperationTracker::restore(&bad_kind).expect_err("kind");
    assert_eq!(
        error.report().issues[0].path,
        "/operations/0/timeline/0/kind"
    );

    let bad_op = exported.replace(
        r##""operation":{"@odata.type""##,
        r##""operation":["@odata.type""##,
    );
    assert!(OperationTracker::restore(&bad_op).is_err());

    let doubled = exported.replace(
        r#""operations":[{"#,
        &format!(
            r#""operations":[{},{{"#,
            &exported[exported.find(r#""operations":["#).expect("ops") + 14
                ..exported.find(r#"],"evictedFinal""#).expect("end")]
        ),
    );
    let error = OperationTracker::restore(&doubled).expect_err("doubled");
    assert_eq!(error.report().issues[0].path, "/operations/1");
}

// ---------------------------------------------------------------------------------------------
// Properties

#[derive(Debug, Clone)]
struct Delivery {
    text: String,
}

#[derive(Debug, Clone)]
struct Life {
    guid: u128,
    failed: bool,
    /// Which of the four stages (created/notStarted, updated/running, updated/terminal,
    /// deleted/terminal) are delivered, and whether each carries its id.
    stages: [Option<bool>; 4],
}

fn guid_dashed(guid: u128) -> String {
    let hex = format!("{guid:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn item_text(life: &Life, stage: usize, with_id: bool) -> String {
    let terminal = if life.failed { "failed" } else { "completed" };
    let (change, status) = match stage {
        0 => ("created", "notStarted"),
        1 => ("updated", "running"),
        2 => ("updated", terminal),
        _ => ("deleted", terminal),
    };
    let dashed = guid_dashed(life.guid);
    let upper = format!("{:032X}", life.guid);
    item(change, &upper, with_id.then_some(dashed.as_str()), status)
}

fn lives() -> impl Strategy<Value = Vec<Life>> {
    let life = (
        any::<u128>(),
        any::<bool>(),
        proptest::array::uniform4(proptest::option::of(any::<bool>())),
    )
        .prop_map(|(guid, failed, stages)| Life {
            guid,
            failed,
            stages,
        })
        .prop_filter("at least one delivery", |life| {
            life.stages.iter().any(Option::is_some)
        });
    proptest::collection::vec(life, 1..5)
}

fn deliveries(lives: &[Life]) -> Vec<Delivery> {
    let mut all = Vec::new();
    for life in lives {
        for (stage, with_id) in life.stages.iter().enumerate() {
            if let Some(with_id) = with_id {
                all.push(Delivery {
                    text: item_text(life, stage, *with_id),
                });
            }
        }
    }
    all
}

/// Feeds deliveries in envelopes of `batches[i]` notifications each.
fn feed_all(tracker: &mut OperationTracker, deliveries: &[Delivery], batches: &[usize]) {
    let mut rest = deliveries;
    let mut batch = 0;
    while !rest.is_empty() {
        let size = batches
            .get(batch)
            .copied()
            .unwrap_or(1)
            .clamp(1, rest.len());
        let (now, later) = rest.split_at(size);
        let texts: Vec<String> = now.iter().map(|d| d.text.clone()).collect();
        let outcome = tracker.feed(&envelope(&texts));
        assert!(outcome.report.is_valid(), "{:?}", outcome.report);
        rest = later;
        batch += 1;
    }
}

/// The final state, without the arrival-dependent parts (sequence numbers, timelines).
fn final_state(tracker: &OperationTracker) -> Vec<(String, String, Option<String>, bool)> {
    let mut state: Vec<_> = tracker
        .operations()
        .map(|t| {
            (
                t.key.clone(),
                t.operation.to_json(&WriteOptions::default()),
                t.change_type.clone(),
                t.is_final,
            )
        })
        .collect();
    state.sort();
    state
}

fn shuffled(lives: &[Life], order: &[u32], duplicates: &[u8]) -> Vec<Delivery> {
    let mut all = deliveries(lives);
    let count = all.len();
    for pick in duplicates {
        let copy = all[usize::from(*pick) % count].clone();
        all.push(copy);
    }
    let mut keyed: Vec<(u32, usize, Delivery)> = all
        .into_iter()
        .enumerate()
        .map(|(index, delivery)| (order[index % order.len()], index, delivery))
        .collect();
    keyed.sort_by_key(|(key, index, _)| (*key, *index));
    keyed.into_iter().map(|(_, _, delivery)| delivery).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_order_and_duplicates_end_in_the_same_state(
        lives in lives(),
        order in proptest::collection::vec(any::<u32>(), 64),
        duplicates in proptest::collection::vec(any::<u8>(), 0..8),
        batches in proptest::collection::vec(1usize..4, 64),
    ) {
        let in_order = deliveries(&lives);
        let mut expected = OperationTracker::new();
        feed_all(&mut expected, &in_order, &[1]);
        let delivered = shuffled(&lives, &order, &duplicates);
        let mut tracker = OperationTracker::new();
        feed_all(&mut tracker, &delivered, &batches);
        prop_assert_eq!(final_state(&tracker), final_state(&expected));
        prop_assert_eq!(tracker.len(), lives.iter().map(|l| l.guid).collect::<std::collections::HashSet<_>>().len());
        // The winner is the latest stage of each lifecycle.
        for life in &lives {
            let last = life.stages.iter().rposition(Option::is_some).unwrap_or(0);
            let tracked = tracker.get(&guid_dashed(life.guid)).expect("tracked");
            let expected_status = match last {
                0 => OperationStatus::NotStarted,
                1 => OperationStatus::Running,
                _ if life.failed => OperationStatus::Failed,
                _ => OperationStatus::Completed,
            };
            // Two lives may share a guid only by astronomically unlikely chance; skip them.
            if lives.iter().filter(|l| l.guid == life.guid).count() == 1 {
                prop_assert_eq!(tracked.status(), Some(&expected_status));
                prop_assert_eq!(tracked.is_final, last == 3);
            }
        }
        // Every delivery was accounted for once in a timeline.
        let total: usize = tracker.operations().map(|t| t.timeline.len()).sum();
        prop_assert_eq!(total, delivered.len());
        let ignored = tracker
            .operations()
            .flat_map(|t| t.timeline.iter())
            .filter(|e| !e.kind.is_applied())
            .count();
        prop_assert!(ignored >= duplicates.len());
    }

    #[test]
    fn restore_of_export_is_the_same_tracker(
        lives in lives(),
        order in proptest::collection::vec(any::<u32>(), 64),
        duplicates in proptest::collection::vec(any::<u8>(), 0..8),
        batches in proptest::collection::vec(1usize..4, 64),
        max_operations in 1usize..5,
        max_timeline in 1usize..4,
        odd in proptest::collection::vec(0usize..4, 0..4),
    ) {
        let mut tracker = OperationTracker::with_options(TrackerOptions {
            max_operations,
            max_timeline,
            parse: ParseOptions::default(),
        });
        for pick in &odd {
            let text = match pick {
                0 => r#"{"id":"odd-1","status":null,"x":{"y":[1,2.5e3,"\u00e9"]}}"#,
                1 => r#"{"value":[{"changeType":"updated","resourceData":{"status":"running"}}]}"#,
                2 => r#"{"value":[{"changeType":"deleted","resourceUrl":"a/operations/ODD2","resourceData":{"status":"Failed","resultInfo":null,"completionReason":"none"}}]}"#,
                _ => "{not json",
            };
            tracker.feed(text);
        }
        let delivered = shuffled(&lives, &order, &duplicates);
        feed_all(&mut tracker, &delivered, &batches);
        let exported = tracker.export(&WriteOptions::default());
        let restored = OperationTracker::restore(&exported);
        prop_assert!(restored.is_ok(), "{:?}", restored.err());
        let restored = restored.expect("checked");
        prop_assert_eq!(&restored, &tracker);
        prop_assert_eq!(restored.export(&WriteOptions::default()), exported);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A damaged saved state is refused with a report, or restored; never a panic.
    #[test]
    fn damaged_states_never_panic(at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        let mut tracker = OperationTracker::with_options(TrackerOptions { max_operations: 1, ..TrackerOptions::default() });
        tracker.feed(&note("updated", "running"));
        tracker.feed(&note("deleted", "completed"));
        tracker.feed(&operation_json(Some(OTHER_ID), "running"));
        let exported = tracker.export(&WriteOptions::default());
        let mut bytes = exported.into_bytes();
        let index = at.index(bytes.len());
        if cut {
            bytes.truncate(index);
        } else {
            bytes[index] = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        match OperationTracker::restore(&text) {
            Ok(restored) => {
                let again = OperationTracker::restore(&restored.export(&WriteOptions::default()));
                prop_assert_eq!(again.ok(), Some(restored));
            }
            Err(error) => prop_assert!(!error.report().is_valid()),
        }
    }

    /// Any text fed: an outcome, never a panic, and the tracker stays exportable.
    #[test]
    fn any_feed_is_survived(texts in proptest::collection::vec("\\PC{0,60}", 1..4)) {
        let mut tracker = OperationTracker::new();
        for text in &texts {
            let outcome = tracker.feed(text);
            prop_assert!(!outcome.rejected || outcome.changes.is_empty());
        }
        let restored = OperationTracker::restore(&tracker.export(&WriteOptions::default()));
        prop_assert_eq!(restored.ok(), Some(tracker));
    }
}

#[test]
fn status_class_and_change_kind_names_read_back() {
    for class in StatusClass::ALL {
        let name = class.as_str();
        assert_eq!(StatusClass::parse(name), Some(class));
        assert_eq!(StatusClass::parse(&name.to_uppercase()), Some(class));
        assert_eq!(StatusClass::parse(&name.to_lowercase()), Some(class));
    }
    for text in [
        "",
        "runnin",
        "running ",
        "done",
        "notStarted\u{0}",
        "ＲＵＮＮＩＮＧ",
    ] {
        assert_eq!(StatusClass::parse(text), None, "{text:?}");
    }
    for kind in ChangeKind::ALL {
        assert_eq!(ChangeKind::parse(kind.as_str()), Some(kind));
        // Change kinds are read as written, not in any case.
        assert_eq!(ChangeKind::parse(&kind.as_str().to_uppercase()), None);
    }
    assert_eq!(ChangeKind::parse("outoforder"), None);
    assert_eq!(ChangeKind::parse(""), None);
}
