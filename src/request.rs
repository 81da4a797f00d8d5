//! The body of `POST /communications/calls/{id}/recordResponse`, the action that creates a
//! recordOperation: built with a builder or read from JSON, validated against the documented
//! limits with the same issue report as payloads, and written with every default shown.

// Cold code: the reading and checking steps are `#[inline(never)]`, so the optimizer keeps one
// copy of each instead of copying them into their callers (a smaller .wasm).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use crate::diagnostics::{quote, Diagnostics};
use crate::error::Error;
use crate::issue::{resolve_positions, Issue, IssueCode, Report};
use crate::model::ExtraProperty;
use crate::numbers::{int32_from_number, Int32};
use crate::options::ParseOptions;
use crate::pointer::child;
use crate::read::{odata_type_name, TypeMatch, CLIENT_CONTEXT_LIMIT};
use crate::tracker::json::{read_document, Member, Node, Value};
use crate::write::{array, ObjectOut};

/// The documented default of the three timeouts, in seconds.
pub const DEFAULT_TIMEOUT_SECONDS: i64 = 5;
/// The smallest timeout or duration accepted, in seconds.
pub const MIN_TIMEOUT_SECONDS: i64 = 1;
/// The largest timeout or duration accepted, in seconds (recordings are at most 2 minutes).
pub const MAX_TIMEOUT_SECONDS: i64 = 120;
/// The most prompts a recordResponse plays.
pub const MAX_PROMPTS: usize = 1;
/// The DTMF tones a stop tone may be.
pub const DTMF_TONES: [&str; 12] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"];
/// The `@odata.type` written for a prompt.
pub const MEDIA_PROMPT_TYPE: &str = "#microsoft.graph.mediaPrompt";
/// The `@odata.type` written for a prompt's mediaInfo.
pub const MEDIA_INFO_TYPE: &str = "#microsoft.graph.mediaInfo";

/// Which Graph endpoint the request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `v1.0`, the published API.
    #[default]
    V1,
    /// `beta`, which also accepts `streamWhileRecording`.
    Beta,
}

impl ApiVersion {
    /// `"v1.0"` or `"beta"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// Reads `"v1.0"` (or `"v1"`) and `"beta"`, in any ASCII case.
    pub fn parse(text: &str) -> Option<ApiVersion> {
        if text.eq_ignore_ascii_case("v1.0") || text.eq_ignore_ascii_case("v1") {
            Some(ApiVersion::V1)
        } else if text.eq_ignore_ascii_case("beta") {
            Some(ApiVersion::Beta)
        } else {
            None
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a request body is read and judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestOptions {
    /// The endpoint the body is for.
    pub api_version: ApiVersion,
    /// Strictness and limits, as for payloads.
    pub parse: ParseOptions,
}

/// A `mediaPrompt`: the audio played before recording.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MediaPrompt {
    /// `mediaInfo.uri`: where the audio file is. Required.
    pub uri: Option<String>,
    /// `mediaInfo.resourceId`: an id the service may use to cache the audio.
    pub resource_id: Option<String>,
}

impl MediaPrompt {
    /// A prompt playing the audio at `uri`.
    pub fn new(uri: impl Into<String>) -> Self {
        MediaPrompt {
            uri: Some(uri.into()),
            resource_id: None,
        }
    }

    /// Sets `mediaInfo.resourceId`.
    pub fn resource_id(mut self, resource_id: impl Into<String>) -> Self {
        self.resource_id = Some(resource_id.into());
        self
    }

    #[inline(never)]
    fn write_json(&self, out: &mut String) {
        let mut prompt = ObjectOut::new(out);
        prompt.string("@odata.type", MEDIA_PROMPT_TYPE);
        let mut info = ObjectOut::new(prompt.key("mediaInfo"));
        info.string("@odata.type", MEDIA_INFO_TYPE);
        if let Some(uri) = &self.uri {
            info.string("uri", uri);
        }
        if let Some(resource_id) = &self.resource_id {
            info.string("resourceId", resource_id);
        }
        info.close();
        prompt.close();
    }
}

/// The body of `POST /communications/calls/{id}/recordResponse`.
///
/// ```
/// use graph_record_operation::{IssueCode, RecordResponseRequest, RequestOptions};
///
/// let request = RecordResponseRequest::new()
///     .prompt("https://bot.example/beep.wav")
///     .max_record_duration(30)
///     .stop_tones(["#"]);
/// assert!(request.validate().issues.is_empty());
/// assert!(request.to_json().contains(r#""maxRecordDurationInSeconds":30,"playBeep":true"#));
///
/// let report = RecordResponseRequest::validate_json(
///     r#"{"maxSilenceTimeoutInSeconds":0}"#,
///     &RequestOptions::default(),
/// );
/// assert_eq!(report.issues[0].code, IssueCode::TimeoutOutOfRange);
/// assert_eq!(report.issues[0].path, "/maxSilenceTimeoutInSeconds");
/// ```
///
/// Unset parameters (`None`) take their documented defaults, which [`to_json`] writes out.
/// Values are kept as given, in range or not, so [`validate`] can report them.
///
/// [`to_json`]: RecordResponseRequest::to_json
/// [`validate`]: RecordResponseRequest::validate
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordResponseRequest {
    /// The endpoint the body is for (decides whether `streamWhileRecording` is allowed).
    pub api_version: ApiVersion,
    /// Strict mode makes every issue an error.
    pub strict: bool,
    /// `prompts`: at most one.
    pub prompts: Vec<MediaPrompt>,
    /// `bargeInAllowed` (default false).
    pub barge_in_allowed: Option<bool>,
    /// `initialSilenceTimeoutInSeconds` (default 5, 1..120).
    pub initial_silence_timeout_in_seconds: Option<i64>,
    /// `maxSilenceTimeoutInSeconds` (default 5, 1..120).
    pub max_silence_timeout_in_seconds: Option<i64>,
    /// `maxRecordDurationInSeconds` (default 5, 1..120).
    pub max_record_duration_in_seconds: Option<i64>,
    /// `playBeep` (default true).
    pub play_beep: Option<bool>,
    /// `stopTones`: DTMF tones that end the recording (default none).
    pub stop_tones: Vec<String>,
    /// `clientContext`: at most 256 characters (UTF-16 code units).
    pub client_context: Option<String>,
    /// `streamWhileRecording` (beta only).
    pub stream_while_recording: Option<bool>,
    /// Parameters the action does not define, from a parsed body, kept as written (and reported).
    pub extra: Vec<ExtraProperty<'static>>,
}

impl RecordResponseRequest {
    /// A request with every parameter at its default, for v1.0.
    pub fn new() -> Self {
        RecordResponseRequest::default()
    }

    /// Sets the endpoint.
    pub fn api_version(mut self, api_version: ApiVersion) -> Self {
        self.api_version = api_version;
        self
    }

    /// Sets strict mode.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Adds a prompt playing the audio at `uri`.
    pub fn prompt(mut self, uri: impl Into<String>) -> Self {
        self.prompts.push(MediaPrompt::new(uri));
        self
    }

    /// Adds a prompt.
    pub fn media_prompt(mut self, prompt: MediaPrompt) -> Self {
        self.prompts.push(prompt);
        self
    }

    /// Sets `bargeInAllowed`.
    pub fn barge_in_allowed(mut self, allowed: bool) -> Self {
        self.barge_in_allowed = Some(allowed);
        self
    }

    /// Sets `initialSilenceTimeoutInSeconds`.
    pub fn initial_silence_timeout(mut self, seconds: i64) -> Self {
        self.initial_silence_timeout_in_seconds = Some(seconds);
        self
    }

    /// Sets `maxSilenceTimeoutInSeconds`.
    pub fn max_silence_timeout(mut self, seconds: i64) -> Self {
        self.max_silence_timeout_in_seconds = Some(seconds);
        self
    }

    /// Sets `maxRecordDurationInSeconds`.
    pub fn max_record_duration(mut self, seconds: i64) -> Self {
        self.max_record_duration_in_seconds = Some(seconds);
        self
    }

    /// Sets `playBeep`.
    pub fn play_beep(mut self, play: bool) -> Self {
        self.play_beep = Some(play);
        self
    }

    /// Sets `stopTones`.
    pub fn stop_tones<S: Into<String>>(mut self, tones: impl IntoIterator<Item = S>) -> Self {
        self.stop_tones = tones.into_iter().map(Into::into).collect();
        self
    }

    /// Sets `clientContext`.
    pub fn client_context(mut self, context: impl Into<String>) -> Self {
        self.client_context = Some(context.into());
        self
    }

    /// Sets `streamWhileRecording` (beta only).
    pub fn stream_while_recording(mut self, stream: bool) -> Self {
        self.stream_while_recording = Some(stream);
        self
    }

    /// `bargeInAllowed`, or its default.
    pub fn effective_barge_in_allowed(&self) -> bool {
        self.barge_in_allowed.unwrap_or(false)
    }

    /// `playBeep`, or its default.
    pub fn effective_play_beep(&self) -> bool {
        self.play_beep.unwrap_or(true)
    }

    /// `initialSilenceTimeoutInSeconds`, or its default.
    pub fn effective_initial_silence_timeout(&self) -> i64 {
        self.initial_silence_timeout_in_seconds
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }

    /// `maxSilenceTimeoutInSeconds`, or its default.
    pub fn effective_max_silence_timeout(&self) -> i64 {
        self.max_silence_timeout_in_seconds
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }

    /// `maxRecordDurationInSeconds`, or its default.
    pub fn effective_max_record_duration(&self) -> i64 {
        self.max_record_duration_in_seconds
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS)
    }

    /// Checks every documented rule. Issues carry JSON Pointer paths into the body [`to_json`]
    /// writes; their positions are zero (there is no text). Never fails.
    ///
    /// [`to_json`]: RecordResponseRequest::to_json
    pub fn validate(&self) -> Report {
        let mut diag = Diagnostics::new(self.strict);
        self.check(&mut diag, &HashMap::new());
        Report {
            issues: diag.issues,
        }
    }

    /// True when [`validate`](RecordResponseRequest::validate) finds no error.
    pub fn is_valid(&self) -> bool {
        self.validate().is_valid()
    }

    /// The body as compact JSON, every parameter written (defaults included, `clientContext` and
    /// `streamWhileRecording` only when set), then any extra parameters as they came.
    #[inline(never)]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(384);
        let mut body = ObjectOut::new(&mut out);
        array(body.key("prompts"), &self.prompts, |out, prompt| {
            prompt.write_json(out)
        });
        body.bool("bargeInAllowed", self.effective_barge_in_allowed());
        body.number(
            "initialSilenceTimeoutInSeconds",
            self.effective_initial_silence_timeout(),
        );
        body.number(
            "maxSilenceTimeoutInSeconds",
            self.effective_max_silence_timeout(),
        );
        body.number(
            "maxRecordDurationInSeconds",
            self.effective_max_record_duration(),
        );
        body.bool("playBeep", self.effective_play_beep());
        array(body.key("stopTones"), &self.stop_tones, |out, tone| {
            crate::write::write_string(out, tone)
        });
        if let Some(context) = &self.client_context {
            body.string("clientContext", context);
        }
        if let Some(stream) = self.stream_while_recording {
            body.bool("streamWhileRecording", stream);
        }
        for extra in &self.extra {
            body.raw_member(&extra.raw_key, &extra.raw_value);
        }
        body.close();
        out
    }

    /// Reads and validates a body from JSON text. Fails with [`Error::Invalid`] when the report
    /// has an error; on success the report holds the warnings.
    pub fn parse(
        text: &str,
        options: &RequestOptions,
    ) -> Result<(RecordResponseRequest, Report), Error> {
        match read_request(text, options) {
            (Some(request), report) if report.is_valid() => Ok((request, report)),
            (_, report) => Err(Error::Invalid(report)),
        }
    }

    /// Validates a body given as JSON text: every issue, never a failure.
    pub fn validate_json(text: &str, options: &RequestOptions) -> Report {
        read_request(text, options).1
    }

    /// The documented rules. `positions` maps a JSON Pointer to the offset of its value in the
    /// text, when there is one.
    #[inline(never)]
    fn check(&self, diag: &mut Diagnostics, positions: &HashMap<String, usize>) {
        let at = |path: &str| positions.get(path).copied().unwrap_or(0);
        if self.prompts.len() > MAX_PROMPTS {
            diag.push_path(
                IssueCode::TooManyPrompts,
                "/prompts".to_string(),
                at("/prompts"),
                format!(
                    "recordResponse plays at most {MAX_PROMPTS} prompt; {} are given",
                    self.prompts.len()
                ),
            );
        }
        for (index, prompt) in self.prompts.iter().enumerate() {
            if prompt.uri.as_deref().is_none_or(str::is_empty) {
                let path = format!("/prompts/{index}/mediaInfo/uri");
                let offset = at(&path);
                diag.push_path(
                    IssueCode::MissingMediaUri,
                    path,
                    offset,
                    "the prompt has no mediaInfo.uri, the audio file to play".to_string(),
                );
            }
        }
        let timeouts = [
            (
                "initialSilenceTimeoutInSeconds",
                self.initial_silence_timeout_in_seconds,
            ),
            (
                "maxSilenceTimeoutInSeconds",
                self.max_silence_timeout_in_seconds,
            ),
            (
                "maxRecordDurationInSeconds",
                self.max_record_duration_in_seconds,
            ),
        ];
        for (name, value) in timeouts {
            if let Some(seconds) = value {
                if !(MIN_TIMEOUT_SECONDS..=MAX_TIMEOUT_SECONDS).contains(&seconds) {
                    let path = format!("/{name}");
                    let offset = at(&path);
                    diag.push_path(
                        IssueCode::TimeoutOutOfRange,
                        path,
                        offset,
                        format!("{name} is {seconds}; it must be {MIN_TIMEOUT_SECONDS} to {MAX_TIMEOUT_SECONDS} seconds"),
                    );
                }
            }
        }
        for (index, tone) in self.stop_tones.iter().enumerate() {
            let path = format!("/stopTones/{index}");
            let offset = at(&path);
            if !DTMF_TONES.contains(&tone.as_str()) {
                diag.push_path(
                    IssueCode::InvalidStopTone,
                    path,
                    offset,
                    format!(
                        "stop tone {} is not a DTMF tone (one of 0-9, * and #)",
                        quote(tone)
                    ),
                );
            } else if self.stop_tones.iter().take(index).any(|t| t == tone) {
                diag.push_path(
                    IssueCode::DuplicateStopTone,
                    path,
                    offset,
                    format!("stop tone {} is listed more than once", quote(tone)),
                );
            }
        }
        if let Some(context) = &self.client_context {
            let units = crate::words::utf16_units(context.as_bytes());
            if units > CLIENT_CONTEXT_LIMIT {
                diag.push_path(
                    IssueCode::ClientContextTooLong,
                    "/clientContext".to_string(),
                    at("/clientContext"),
                    format!("clientContext is {units} UTF-16 code units long; the documented limit is {CLIENT_CONTEXT_LIMIT}"),
                );
            }
        }
        if self.stream_while_recording.is_some() && self.api_version == ApiVersion::V1 {
            diag.push_path(
                IssueCode::BetaOnlyParameter,
                "/streamWhileRecording".to_string(),
                at("/streamWhileRecording"),
                "streamWhileRecording is a beta parameter; the v1.0 endpoint rejects it"
                    .to_string(),
            );
        }
        for extra in &self.extra {
            let path = child("", &extra.key);
            let offset = at(&path);
            diag.push_path(
                IssueCode::UnknownRequestProperty,
                path,
                offset,
                format!(
                    "recordResponse has no parameter {}; Graph rejects the request",
                    quote(&extra.key)
                ),
            );
        }
    }
}

/// Reads a body: the request as far as it could be read, and every issue (reading and rules),
/// in text order.
#[inline(never)]
fn read_request(text: &str, options: &RequestOptions) -> (Option<RecordResponseRequest>, Report) {
    let mut diag = Diagnostics::with_max_issues(options.parse.strict, options.parse.max_issues);
    let mut request = None;
    if text.len() > options.parse.max_input_bytes {
        diag.push_path(
            IssueCode::InputTooLarge,
            String::new(),
            0,
            format!(
                "the input is {} bytes; the limit is {} bytes",
                text.len(),
                options.parse.max_input_bytes
            ),
        );
    } else if text.starts_with('\u{FEFF}') {
        diag.push_path(
            IssueCode::JsonSyntax,
            String::new(),
            0,
            "invalid JSON: the text starts with a byte order mark (U+FEFF), which JSON does not allow".to_string(),
        );
    } else if let Some(root) = read_document(text, options.parse.max_depth, &[], &mut diag) {
        let mut body = BodyReader {
            text,
            diag: &mut diag,
            positions: HashMap::new(),
            request: RecordResponseRequest {
                api_version: options.api_version,
                strict: options.parse.strict,
                ..RecordResponseRequest::default()
            },
        };
        if body.body(&root) {
            let BodyReader {
                positions,
                request: read,
                ..
            } = body;
            read.check(&mut diag, &positions);
            request = Some(read);
        }
    }
    let mut issues = by_offset(diag.issues);
    resolve_positions(text.as_bytes(), &mut issues);
    (request, Report { issues })
}

/// The issues in order of offset, issues at the same offset in their order (the position
/// resolver's order, `issue::offset_order`).
#[inline(never)]
fn by_offset(issues: Vec<Issue>) -> Vec<Issue> {
    let order = crate::issue::offset_order(&issues);
    let mut slots: Vec<Option<Issue>> = issues.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, index)| slots.get_mut(index).and_then(Option::take))
        .collect()
}

struct BodyReader<'d, 't> {
    text: &'t str,
    diag: &'d mut Diagnostics,
    positions: HashMap<String, usize>,
    request: RecordResponseRequest,
}

impl BodyReader<'_, '_> {
    #[inline(never)]
    fn wrong_type(&mut self, node: &Node<'_>, path: String, name: &str, expected: &str) {
        self.diag.push_path(
            IssueCode::WrongType,
            path,
            node.start,
            format!("{name} must be {expected}, but is {}", node.describe()),
        );
    }

    #[inline(never)]
    fn unknown(&mut self, member: &Member<'_>, path: String, owner: &str) {
        self.diag.push_path(
            IssueCode::UnknownRequestProperty,
            path,
            member.key_start,
            format!(
                "{owner} has no property {}; Graph rejects the request",
                quote(&member.key)
            ),
        );
    }

    /// Reads the top object; false when it is not an object.
    #[inline(never)]
    fn body(&mut self, root: &Node<'_>) -> bool {
        let Value::Object(members) = &root.value else {
            self.wrong_type(
                root,
                String::new(),
                "the recordResponse body",
                "a JSON object",
            );
            return false;
        };
        for member in members {
            let path = child("", &member.key);
            let node = &member.node;
            self.positions.insert(path.clone(), node.start);
            match &*member.key {
                "prompts" => self.prompts(node, &path),
                "bargeInAllowed" => self.request.barge_in_allowed = self.boolean(node, path),
                "playBeep" => self.request.play_beep = self.boolean(node, path),
                "streamWhileRecording" => {
                    self.request.stream_while_recording = self.boolean(node, path)
                }
                "initialSilenceTimeoutInSeconds" => {
                    self.request.initial_silence_timeout_in_seconds = self.int32(node, path)
                }
                "maxSilenceTimeoutInSeconds" => {
                    self.request.max_silence_timeout_in_seconds = self.int32(node, path)
                }
                "maxRecordDurationInSeconds" => {
                    self.request.max_record_duration_in_seconds = self.int32(node, path)
                }
                "stopTones" => self.stop_tones(node, &path),
                "clientContext" => match &node.value {
                    Value::String(text) => self.request.client_context = Some(text.to_string()),
                    Value::Null => {}
                    _ => self.wrong_type(node, path, "clientContext", "a string"),
                },
                _ => {
                    // Reported by the rules, which also see extras set by hand.
                    self.request.extra.push(ExtraProperty {
                        key: Cow::Owned(member.key.to_string()),
                        raw_key: Cow::Owned(member.raw_key.to_string()),
                        raw_value: Cow::Owned(
                            self.text
                                .get(node.start..node.end)
                                .unwrap_or("null")
                                .to_string(),
                        ),
                    });
                    self.positions.insert(path, member.key_start);
                }
            }
        }
        true
    }

    #[inline(never)]
    fn boolean(&mut self, node: &Node<'_>, path: String) -> Option<bool> {
        match node.value {
            Value::Bool(flag) => Some(flag),
            Value::Null => None,
            _ => {
                let name = path.trim_start_matches('/').to_string();
                self.wrong_type(node, path, &name, "a boolean");
                None
            }
        }
    }

    #[inline(never)]
    fn int32(&mut self, node: &Node<'_>, path: String) -> Option<i64> {
        let name = path.trim_start_matches('/').to_string();
        let raw = match node.value {
            Value::Number(raw) => raw,
            Value::Null => return None,
            _ => {
                self.wrong_type(node, path, &name, "an Int32 number of seconds");
                return None;
            }
        };
        match int32_from_number(raw) {
            Int32::Exact(value) => Some(i64::from(value)),
            Int32::NonCanonical(value) => {
                self.diag.push_path(
                    IssueCode::NonCanonicalInteger,
                    path,
                    node.start,
                    format!("{name} {raw} is read as the integer {value}"),
                );
                Some(i64::from(value))
            }
            Int32::NotInteger => {
                self.diag.push_path(
                    IssueCode::NotAnInteger,
                    path,
                    node.start,
                    format!("{name} {raw} is not an integer; expected whole seconds such as 30"),
                );
                None
            }
            Int32::OutOfRange => {
                self.diag.push_path(
                    IssueCode::IntegerOutOfRange,
                    path,
                    node.start,
                    format!("{name} {raw} is outside Int32 (-2147483648 to 2147483647)"),
                );
                None
            }
        }
    }

    #[inline(never)]
    fn stop_tones(&mut self, node: &Node<'_>, path: &str) {
        let items = match &node.value {
            Value::Array(items) => items,
            Value::Null => return,
            _ => {
                self.wrong_type(node, path.to_string(), "stopTones", "an array of strings");
                return;
            }
        };
        for item in items {
            let item_path = format!("{path}/{}", self.request.stop_tones.len());
            match item.as_str() {
                Some(tone) => {
                    self.positions.insert(item_path, item.start);
                    self.request.stop_tones.push(tone.to_string());
                }
                None => self.wrong_type(item, item_path, "a stop tone", "a string"),
            }
        }
    }

    #[inline(never)]
    fn prompts(&mut self, node: &Node<'_>, path: &str) {
        let items = match &node.value {
            Value::Array(items) => items,
            Value::Null => return,
            _ => {
                self.wrong_type(
                    node,
                    path.to_string(),
                    "prompts",
                    "an array of mediaPrompt objects",
                );
                return;
            }
        };
        for item in items {
            let prompt_path = format!("{path}/{}", self.request.prompts.len());
            if let Some(prompt) = self.prompt(item, &prompt_path) {
                self.request.prompts.push(prompt);
            }
        }
    }

    #[inline(never)]
    fn prompt(&mut self, node: &Node<'_>, path: &str) -> Option<MediaPrompt> {
        let Value::Object(members) = &node.value else {
            self.wrong_type(node, path.to_string(), "a prompt", "a mediaPrompt object");
            return None;
        };
        let mut prompt = MediaPrompt::default();
        let uri_path = format!("{path}/mediaInfo/uri");
        self.positions.insert(uri_path.clone(), node.start);
        for member in members {
            let member_path = child(path, &member.key);
            match &*member.key {
                "@odata.type" => self.odata_type(&member.node, member_path, "mediaPrompt"),
                "mediaInfo" => {
                    self.positions.insert(uri_path.clone(), member.node.start);
                    let Value::Object(info) = &member.node.value else {
                        self.wrong_type(&member.node, member_path, "mediaInfo", "an object");
                        continue;
                    };
                    for field in info {
                        let field_path = child(&member_path, &field.key);
                        match &*field.key {
                            "@odata.type" => self.odata_type(&field.node, field_path, "mediaInfo"),
                            "uri" | "resourceId" => match &field.node.value {
                                Value::String(text) => {
                                    self.positions.insert(field_path, field.node.start);
                                    if field.key == "uri" {
                                        prompt.uri = Some(text.to_string());
                                    } else {
                                        prompt.resource_id = Some(text.to_string());
                                    }
                                }
                                Value::Null => {}
                                _ => {
                                    self.wrong_type(&field.node, field_path, &field.key, "a string")
                                }
                            },
                            _ => self.unknown(field, field_path, "mediaInfo"),
                        }
                    }
                }
                _ => self.unknown(member, member_path, "a mediaPrompt"),
            }
        }
        Some(prompt)
    }

    #[inline(never)]
    fn odata_type(&mut self, node: &Node<'_>, path: String, name: &str) {
        let Some(text) = node.as_str() else {
            self.wrong_type(node, path, "@odata.type", "a string");
            return;
        };
        match odata_type_name(text, name) {
            TypeMatch::Documented => {}
            TypeMatch::OtherCase => self.diag.push_path(
                IssueCode::OdataTypeCase,
                path,
                node.start,
                format!(
                    "@odata.type {} is read as #microsoft.graph.{name}, its documented spelling",
                    quote(text)
                ),
            ),
            TypeMatch::Other => self.diag.push_path(
                IssueCode::OdataTypeMismatch,
                path,
                node.start,
                format!(
                    "@odata.type is {}, expected #microsoft.graph.{name}",
                    quote(text)
                ),
            ),
        }
    }
}
