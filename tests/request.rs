//! The recordResponse request body: every rule (path, code, severity), defaults, JSON in and out.

// Native only (proptest, the file system); the wasm suites are tests/node.rs and tests/browser.rs.
#![cfg(not(target_arch = "wasm32"))]

use graph_record_operation::{
    ApiVersion, IssueCode, MediaPrompt, ParseOptions, RecordResponseRequest, Report,
    RequestOptions, Severity, DTMF_TONES,
};

const DEFAULTS: &str = r#"{"prompts":[],"bargeInAllowed":false,"initialSilenceTimeoutInSeconds":5,"maxSilenceTimeoutInSeconds":5,"maxRecordDurationInSeconds":5,"playBeep":true,"stopTones":[]}"#;

fn issues(report: &Report) -> Vec<(String, IssueCode, Severity)> {
    report
        .issues
        .iter()
        .map(|i| (i.path.clone(), i.code, i.severity))
        .collect()
}

fn one(path: &str, code: IssueCode, severity: Severity) -> Vec<(String, IssueCode, Severity)> {
    vec![(path.to_string(), code, severity)]
}

fn check_text(text: &str) -> Report {
    RecordResponseRequest::validate_json(text, &RequestOptions::default())
}

fn check_beta(text: &str) -> Report {
    RecordResponseRequest::validate_json(
        text,
        &RequestOptions {
            api_version: ApiVersion::Beta,
            ..RequestOptions::default()
        },
    )
}

#[test]
fn defaults_are_written_out() {
    let request = RecordResponseRequest::new();
    assert_eq!(request.to_json(), DEFAULTS);
    assert!(request.validate().issues.is_empty());
    assert!(request.is_valid());
    let (parsed, report) =
        RecordResponseRequest::parse("{}", &RequestOptions::default()).expect("valid");
    assert!(report.issues.is_empty());
    assert_eq!(parsed, request);
    assert_eq!(parsed.to_json(), DEFAULTS);
    // null means "not set": the defaults apply.
    let nulls = r#"{"prompts":null,"bargeInAllowed":null,"initialSilenceTimeoutInSeconds":null,"maxSilenceTimeoutInSeconds":null,"maxRecordDurationInSeconds":null,"playBeep":null,"stopTones":null,"clientContext":null}"#;
    let (parsed, report) =
        RecordResponseRequest::parse(nulls, &RequestOptions::default()).expect("valid");
    assert!(report.issues.is_empty(), "{report:?}");
    assert_eq!(parsed.to_json(), DEFAULTS);
}

#[test]
fn the_builder_writes_what_it_was_given() {
    let request = RecordResponseRequest::new()
        .prompt("https://bot.example/prompt.wav")
        .barge_in_allowed(true)
        .initial_silence_timeout(10)
        .max_silence_timeout(3)
        .max_record_duration(30)
        .play_beep(false)
        .stop_tones(["#", "1", "*"])
        .client_context("d45324c1-fcb5-430a-902c-f20af696537c");
    assert!(request.validate().issues.is_empty());
    assert_eq!(
        request.to_json(),
        r##"{"prompts":[{"@odata.type":"#microsoft.graph.mediaPrompt","mediaInfo":{"@odata.type":"#microsoft.graph.mediaInfo","uri":"https://bot.example/prompt.wav"}}],"bargeInAllowed":true,"initialSilenceTimeoutInSeconds":10,"maxSilenceTimeoutInSeconds":3,"maxRecordDurationInSeconds":30,"playBeep":false,"stopTones":["#","1","*"],"clientContext":"d45324c1-fcb5-430a-902c-f20af696537c"}"##
    );
    let (parsed, report) =
        RecordResponseRequest::parse(&request.to_json(), &RequestOptions::default())
            .expect("valid");
    assert!(report.issues.is_empty(), "{report:?}");
    assert_eq!(parsed, request);
    assert_eq!(parsed.effective_max_record_duration(), 30);
    let prompt = MediaPrompt::new("https://bot.example/a.wav").resource_id("a");
    let with_id = RecordResponseRequest::new().media_prompt(prompt.clone());
    assert!(with_id
        .to_json()
        .contains(r#""uri":"https://bot.example/a.wav","resourceId":"a"}"#));
    let (parsed, _) = RecordResponseRequest::parse(&with_id.to_json(), &RequestOptions::default())
        .expect("valid");
    assert_eq!(parsed.prompts, [prompt]);
}

#[test]
fn the_documented_example_reads() {
    let body = r##"{
  "bargeInAllowed": true,
  "clientContext": "d45324c1-fcb5-430a-902c-f20af696537c",
  "prompts": [
    {
      "@odata.type": "#microsoft.graph.mediaPrompt",
      "mediaInfo": {
        "@odata.type": "#microsoft.graph.mediaInfo",
        "uri": "https://base-url/prompt.wav",
        "resourceId": "1D6DE2D4-CD51-4309-8DAA-70768651088E"
      }
    }
  ],
  "maxRecordDurationInSeconds": 10,
  "initialSilenceTimeoutInSeconds": 5,
  "maxSilenceTimeoutInSeconds": 2,
  "playBeep": true,
  "stopTones": [ "#", "1", "*" ]
}"##;
    let (request, report) =
        RecordResponseRequest::parse(body, &RequestOptions::default()).expect("valid");
    assert!(report.issues.is_empty(), "{report:?}");
    assert_eq!(request.max_silence_timeout_in_seconds, Some(2));
    assert_eq!(request.stop_tones, ["#", "1", "*"]);
    assert_eq!(
        request.prompts[0].resource_id.as_deref(),
        Some("1D6DE2D4-CD51-4309-8DAA-70768651088E")
    );
}

#[test]
fn at_most_one_prompt() {
    let two = RecordResponseRequest::new()
        .prompt("https://a.example/1.wav")
        .prompt("https://a.example/2.wav");
    assert_eq!(
        issues(&two.validate()),
        one("/prompts", IssueCode::TooManyPrompts, Severity::Error)
    );
    let text =
        r#"{"prompts":[{"mediaInfo":{"uri":"https://a/1"}},{"mediaInfo":{"uri":"https://a/2"}}]}"#;
    let report = check_text(text);
    assert_eq!(
        issues(&report),
        one("/prompts", IssueCode::TooManyPrompts, Severity::Error)
    );
    assert_eq!(report.issues[0].position.column, 12);
    let err = RecordResponseRequest::parse(text, &RequestOptions::default()).expect_err("invalid");
    assert_eq!(err.code(), IssueCode::TooManyPrompts);
}

#[test]
fn every_prompt_needs_a_media_uri() {
    let built = RecordResponseRequest::new().media_prompt(MediaPrompt::default());
    assert_eq!(
        issues(&built.validate()),
        one(
            "/prompts/0/mediaInfo/uri",
            IssueCode::MissingMediaUri,
            Severity::Error
        )
    );
    for text in [
        r#"{"prompts":[{"mediaInfo":{}}]}"#,
        r#"{"prompts":[{}]}"#,
        r#"{"prompts":[{"mediaInfo":{"uri":""}}]}"#,
        r#"{"prompts":[{"mediaInfo":{"uri":null}}]}"#,
    ] {
        assert_eq!(
            issues(&check_text(text)),
            one(
                "/prompts/0/mediaInfo/uri",
                IssueCode::MissingMediaUri,
                Severity::Error
            ),
            "{text}"
        );
    }
}

#[test]
fn timeouts_are_1_to_120_seconds() {
    for name in [
        "initialSilenceTimeoutInSeconds",
        "maxSilenceTimeoutInSeconds",
        "maxRecordDurationInSeconds",
    ] {
        for good in [1, 5, 120] {
            let text = format!(r#"{{"{name}":{good}}}"#);
            assert!(check_text(&text).issues.is_empty(), "{text}");
        }
        for bad in [0, -1, 121, 2_147_483_647] {
            let text = format!(r#"{{"{name}":{bad}}}"#);
            assert_eq!(
                issues(&check_text(&text)),
                one(
                    &format!("/{name}"),
                    IssueCode::TimeoutOutOfRange,
                    Severity::Error
                ),
                "{text}"
            );
        }
    }
    let built = RecordResponseRequest::new()
        .initial_silence_timeout(0)
        .max_silence_timeout(121)
        .max_record_duration(600);
    assert_eq!(
        issues(&built.validate()),
        [
            (
                "/initialSilenceTimeoutInSeconds".to_string(),
                IssueCode::TimeoutOutOfRange,
                Severity::Error
            ),
            (
                "/maxSilenceTimeoutInSeconds".to_string(),
                IssueCode::TimeoutOutOfRange,
                Severity::Error
            ),
            (
                "/maxRecordDurationInSeconds".to_string(),
                IssueCode::TimeoutOutOfRange,
                Severity::Error
            ),
        ]
    );
    // Out-of-range values are written as given, so the output shows what is wrong.
    assert!(built
        .to_json()
        .contains(r#""maxRecordDurationInSeconds":600"#));
}

#[test]
fn timeouts_are_int32_numbers() {
    assert_eq!(
        issues(&check_text(r#"{"maxRecordDurationInSeconds":30.5}"#)),
        one(
            "/maxRecordDurationInSeconds",
            IssueCode::NotAnInteger,
            Severity::Error
        )
    );
    assert_eq!(
        issues(&check_text(r#"{"maxRecordDurationInSeconds":1e10}"#)),
        one(
            "/maxRecordDurationInSeconds",
            IssueCode::IntegerOutOfRange,
            Severity::Error
        )
    );
    assert_eq!(
        issues(&check_text(r#"{"maxRecordDurationInSeconds":"30"}"#)),
        one(
            "/maxRecordDurationInSeconds",
            IssueCode::WrongType,
            Severity::Error
        )
    );
    let (request, report) = RecordResponseRequest::parse(
        r#"{"maxRecordDurationInSeconds":30.0}"#,
        &RequestOptions::default(),
    )
    .expect("a warning only");
    assert_eq!(
        issues(&report),
        one(
            "/maxRecordDurationInSeconds",
            IssueCode::NonCanonicalInteger,
            Severity::Warning
        )
    );
    assert_eq!(request.max_record_duration_in_seconds, Some(30));
}

#[test]
fn stop_tones_are_dtmf() {
    let all = RecordResponseRequest::new().stop_tones(DTMF_TONES);
    assert!(all.validate().issues.is_empty());
    for bad in ["A", "##", "", " 1", "10", "d"] {
        let built = RecordResponseRequest::new().stop_tones(["#", bad]);
        assert_eq!(
            issues(&built.validate()),
            one("/stopTones/1", IssueCode::InvalidStopTone, Severity::Error),
            "{bad:?}"
        );
    }
    let report = check_text(r##"{"stopTones":["#","x"]}"##);
    assert_eq!(
        issues(&report),
        one("/stopTones/1", IssueCode::InvalidStopTone, Severity::Error)
    );
    assert_eq!(report.issues[0].position.column, 19);
    assert_eq!(
        issues(&check_text(r##"{"stopTones":["#",1]}"##)),
        one("/stopTones/1", IssueCode::WrongType, Severity::Error)
    );
    assert_eq!(
        issues(&check_text(r##"{"stopTones":"#"}"##)),
        one("/stopTones", IssueCode::WrongType, Severity::Error)
    );
}

#[test]
fn a_stop_tone_listed_twice_is_a_warning() {
    let built = RecordResponseRequest::new().stop_tones(["#", "1", "#"]);
    assert_eq!(
        issues(&built.validate()),
        one(
            "/stopTones/2",
            IssueCode::DuplicateStopTone,
            Severity::Warning
        )
    );
    assert!(built.is_valid());
    // Strict mode makes every issue an error.
    assert_eq!(
        issues(&built.strict(true).validate()),
        one(
            "/stopTones/2",
            IssueCode::DuplicateStopTone,
            Severity::Error
        )
    );
}

#[test]
fn client_context_is_at_most_256_utf16_units() {
    let fits = RecordResponseRequest::new().client_context("x".repeat(256));
    assert!(fits.validate().issues.is_empty());
    // 128 astral characters are 256 UTF-16 units; one more is 258.
    let astral = RecordResponseRequest::new().client_context("😀".repeat(128));
    assert!(astral.validate().issues.is_empty());
    let long = RecordResponseRequest::new().client_context("😀".repeat(129));
    assert_eq!(
        issues(&long.validate()),
        one(
            "/clientContext",
            IssueCode::ClientContextTooLong,
            Severity::Warning
        )
    );
    let text = format!(r#"{{"clientContext":"{}"}}"#, "y".repeat(257));
    assert_eq!(
        issues(&check_text(&text)),
        one(
            "/clientContext",
            IssueCode::ClientContextTooLong,
            Severity::Warning
        )
    );
    assert_eq!(
        issues(&check_text(r#"{"clientContext":5}"#)),
        one("/clientContext", IssueCode::WrongType, Severity::Error)
    );
}

#[test]
fn stream_while_recording_is_beta_only() {
    let v1 = RecordResponseRequest::new().stream_while_recording(true);
    assert_eq!(
        issues(&v1.validate()),
        one(
            "/streamWhileRecording",
            IssueCode::BetaOnlyParameter,
            Severity::Error
        )
    );
    let beta = v1.clone().api_version(ApiVersion::Beta);
    assert!(beta.validate().issues.is_empty());
    assert!(beta.to_json().ends_with(r#""streamWhileRecording":true}"#));
    let text = r#"{"streamWhileRecording":false}"#;
    assert_eq!(
        issues(&check_text(text)),
        one(
            "/streamWhileRecording",
            IssueCode::BetaOnlyParameter,
            Severity::Error
        )
    );
    assert!(check_beta(text).issues.is_empty());
    assert_eq!(ApiVersion::parse("V1.0"), Some(ApiVersion::V1));
    assert_eq!(ApiVersion::parse("beta"), Some(ApiVersion::Beta));
    assert_eq!(ApiVersion::parse("v2"), None);
    assert_eq!(ApiVersion::Beta.to_string(), "beta");
}

#[test]
fn booleans_are_booleans() {
    for name in ["bargeInAllowed", "playBeep", "streamWhileRecording"] {
        let text = format!(r#"{{"{name}":"yes"}}"#);
        assert_eq!(
            issues(&check_beta(&text)),
            one(&format!("/{name}"), IssueCode::WrongType, Severity::Error),
            "{text}"
        );
    }
}

#[test]
fn unknown_parameters_are_errors_and_kept() {
    let text = r#"{"maxRecordDurationInSeconds":10,"recordingFormat":{"a":[1, 2]}}"#;
    let report = check_text(text);
    assert_eq!(
        issues(&report),
        one(
            "/recordingFormat",
            IssueCode::UnknownRequestProperty,
            Severity::Error
        )
    );
    assert_eq!(report.issues[0].position.column, 34);
    let strict_off = RequestOptions::default();
    assert!(RecordResponseRequest::parse(text, &strict_off).is_err());
    // The reader keeps it, so writing shows it as it came.
    let mut request = RecordResponseRequest::new();
    request.extra.push(graph_record_operation::ExtraProperty {
        key: "recordingFormat".into(),
        raw_key: "\"recordingFormat\"".into(),
        raw_value: "{\"a\":[1, 2]}".into(),
    });
    assert!(request
        .to_json()
        .ends_with(r#""stopTones":[],"recordingFormat":{"a":[1, 2]}}"#));
    assert_eq!(
        issues(&request.validate()),
        one(
            "/recordingFormat",
            IssueCode::UnknownRequestProperty,
            Severity::Error
        )
    );
    assert_eq!(
        issues(&check_text(
            r#"{"prompts":[{"loop":2,"mediaInfo":{"uri":"https://a/1","format":"wav"}}]}"#
        )),
        [
            (
                "/prompts/0/loop".to_string(),
                IssueCode::UnknownRequestProperty,
                Severity::Error
            ),
            (
                "/prompts/0/mediaInfo/format".to_string(),
                IssueCode::UnknownRequestProperty,
                Severity::Error
            ),
        ]
    );
}

#[test]
fn prompts_are_media_prompts() {
    assert_eq!(
        issues(&check_text(
            r##"{"prompts":[{"@odata.type":"#microsoft.graph.playPromptOperation","mediaInfo":{"uri":"https://a/1"}}]}"##
        )),
        one(
            "/prompts/0/@odata.type",
            IssueCode::OdataTypeMismatch,
            Severity::Error
        )
    );
    assert_eq!(
        issues(&check_text(
            r##"{"prompts":[{"mediaInfo":{"@odata.type":"microsoft.graph.MediaInfo","uri":"https://a/1"}}]}"##
        )),
        one(
            "/prompts/0/mediaInfo/@odata.type",
            IssueCode::OdataTypeCase,
            Severity::Warning
        )
    );
    assert_eq!(
        issues(&check_text(
            r#"{"prompts":{"mediaInfo":{"uri":"https://a/1"}}}"#
        )),
        one("/prompts", IssueCode::WrongType, Severity::Error)
    );
    assert_eq!(
        issues(&check_text(r#"{"prompts":["https://a/1"]}"#)),
        one("/prompts/0", IssueCode::WrongType, Severity::Error)
    );
    assert_eq!(
        issues(&check_text(r#"{"prompts":[{"mediaInfo":"https://a/1"}]}"#)),
        [
            (
                "/prompts/0/mediaInfo".to_string(),
                IssueCode::WrongType,
                Severity::Error
            ),
            (
                "/prompts/0/mediaInfo/uri".to_string(),
                IssueCode::MissingMediaUri,
                Severity::Error
            ),
        ]
    );
}

#[test]
fn the_text_must_be_one_json_object() {
    assert_eq!(
        issues(&check_text("[]")),
        one("", IssueCode::WrongType, Severity::Error)
    );
    let report = check_text("{\n  \"playBeep\": tru }");
    assert_eq!(
        issues(&report),
        one("/playBeep", IssueCode::JsonSyntax, Severity::Error)
    );
    assert_eq!(report.issues[0].position.line, 2);
    assert_eq!(
        issues(&check_text(r#"{"playBeep":true,"playBeep":false}"#)),
        one("/playBeep", IssueCode::DuplicateKey, Severity::Error)
    );
    assert_eq!(
        issues(&check_text("\u{FEFF}{}")),
        one("", IssueCode::JsonSyntax, Severity::Error)
    );
    let tiny = RequestOptions {
        parse: ParseOptions {
            max_input_bytes: 4,
            ..ParseOptions::default()
        },
        ..RequestOptions::default()
    };
    assert_eq!(
        issues(&RecordResponseRequest::validate_json(
            r#"{"playBeep":true}"#,
            &tiny
        )),
        one("", IssueCode::InputTooLarge, Severity::Error)
    );
    let err = RecordResponseRequest::parse("nope", &RequestOptions::default()).expect_err("bad");
    assert_eq!(err.code(), IssueCode::JsonSyntax);
}

#[test]
fn issues_come_in_text_order_with_positions() {
    let text = "{\"stopTones\":[\"x\"],\n\"maxRecordDurationInSeconds\":0}";
    let report = check_text(text);
    assert_eq!(
        issues(&report),
        [
            (
                "/stopTones/0".to_string(),
                IssueCode::InvalidStopTone,
                Severity::Error
            ),
            (
                "/maxRecordDurationInSeconds".to_string(),
                IssueCode::TimeoutOutOfRange,
                Severity::Error
            ),
        ]
    );
    assert_eq!(
        (
            report.issues[1].position.line,
            report.issues[1].position.column
        ),
        (2, 30)
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn tone() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(DTMF_TONES.to_vec()).prop_map(str::to_string),
            "[a-z#*0-9]{0,2}",
        ]
    }

    fn seconds() -> impl Strategy<Value = Option<i64>> {
        proptest::option::of(prop_oneof![-5i64..130, any::<i32>().prop_map(i64::from)])
    }

    fn request() -> impl Strategy<Value = RecordResponseRequest> {
        (
            proptest::collection::vec(
                (
                    proptest::option::of("\\PC{0,12}"),
                    proptest::option::of("[A-Z0-9-]{0,8}"),
                ),
                0..3,
            ),
            (
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<bool>()),
            ),
            (seconds(), seconds(), seconds()),
            proptest::collection::vec(tone(), 0..4),
            proptest::option::of(prop_oneof!["\\PC{0,20}", "x{250,260}"]),
            any::<bool>(),
        )
            .prop_map(
                |(
                    prompts,
                    (barge, beep, stream),
                    (initial, silence, duration),
                    tones,
                    context,
                    beta,
                )| {
                    RecordResponseRequest {
                        api_version: if beta {
                            ApiVersion::Beta
                        } else {
                            ApiVersion::V1
                        },
                        prompts: prompts
                            .into_iter()
                            .map(|(uri, resource_id)| MediaPrompt { uri, resource_id })
                            .collect(),
                        barge_in_allowed: barge,
                        play_beep: beep,
                        stream_while_recording: stream,
                        initial_silence_timeout_in_seconds: initial,
                        max_silence_timeout_in_seconds: silence,
                        max_record_duration_in_seconds: duration,
                        stop_tones: tones,
                        client_context: context,
                        ..RecordResponseRequest::default()
                    }
                },
            )
    }

    fn normalized(mut request: RecordResponseRequest) -> RecordResponseRequest {
        // Writing shows the defaults, so reading gives them back as set values.
        request.barge_in_allowed = Some(request.effective_barge_in_allowed());
        request.play_beep = Some(request.effective_play_beep());
        request.initial_silence_timeout_in_seconds =
            Some(request.effective_initial_silence_timeout());
        request.max_silence_timeout_in_seconds = Some(request.effective_max_silence_timeout());
        request.max_record_duration_in_seconds = Some(request.effective_max_record_duration());
        request
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// What `validate` says about a built request is what `validate_json` says about its JSON,
        /// and reading the JSON gives the request back.
        #[test]
        fn the_builder_and_the_reader_agree(request in request()) {
            let options = RequestOptions {
                api_version: request.api_version,
                ..RequestOptions::default()
            };
            let json = request.to_json();
            let mut built = issues(&request.validate());
            let mut read = issues(&RecordResponseRequest::validate_json(&json, &options));
            built.sort();
            read.sort();
            prop_assert_eq!(built, read);
            if let Ok((parsed, _)) = RecordResponseRequest::parse(&json, &options) {
                prop_assert_eq!(&parsed, &normalized(request.clone()));
                prop_assert_eq!(parsed.to_json(), json);
            } else {
                prop_assert!(!request.is_valid());
            }
        }

        /// Any text: a report, never a panic; valid bodies write and read back the same.
        #[test]
        fn any_text_gets_a_report(text in "\\PC{0,80}") {
            let report = RecordResponseRequest::validate_json(&text, &RequestOptions::default());
            for issue in &report.issues {
                prop_assert!(issue.position.line >= 1, "{issue:?}");
            }
            if let Ok((request, _)) = RecordResponseRequest::parse(&text, &RequestOptions::default()) {
                let again = RecordResponseRequest::parse(&request.to_json(), &RequestOptions::default());
                prop_assert!(again.is_ok());
            }
        }
    }
}

#[test]
fn a_raised_depth_limit_cannot_overflow_the_stack() {
    // The body reader builds a tree, one level of recursion per level of nesting: it stops at its
    // own bound, with an issue, whatever the options allow.
    let body = format!(
        r#"{{"maxRecordDurationInSeconds":30,"x":{}0{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let options = RequestOptions {
        parse: graph_record_operation::ParseOptions {
            max_depth: usize::MAX,
            ..Default::default()
        },
        ..Default::default()
    };
    let report = RecordResponseRequest::validate_json(&body, &options);
    assert!(report
        .issues
        .iter()
        .any(|i| i.code == graph_record_operation::IssueCode::NestingTooDeep));
}
