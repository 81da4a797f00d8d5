//! Reads recordOperation objects, and the shapes they travel in, in one pass over the text.
//!
//! An object is read as a recordOperation candidate until something says otherwise: a `value`
//! array at the top makes it a collection or envelope, `resourceData` (or `changeType`,
//! `resourceUrl`, `resource`) makes an item a notification, and a foreign `@odata.type` makes it a
//! skipped resource. What the candidate reported about itself is then forgotten, which keeps the
//! whole thing to one pass.

use std::borrow::Cow;

use crate::diagnostics::{quote, Diagnostics, Message};
use crate::enums::{OperationStatus, RecordCompletionReason, Spelling};
use crate::issue::IssueCode;
use crate::model::{ExtraProperty, Field, RecordOperation, ResultCategory, ResultInfo};
use crate::numbers::{int32_from_number, int32_from_string, Int32};
use crate::pointer::{Pointer, Segments};
use crate::scan::{duplicate_message, KeySet, KnownKey, Scanner, Step, StrToken, ValueKind};
use crate::shapes::{OperationEntry, SkippedResource};

/// The documented `@odata.type` of a recordOperation.
pub const RECORD_OPERATION_TYPE: &str = "#microsoft.graph.recordOperation";
/// The documented `@odata.type` of a resultInfo.
pub const RESULT_INFO_TYPE: &str = "#microsoft.graph.resultInfo";

/// The documented clientContext limit, in UTF-16 code units.
pub const CLIENT_CONTEXT_LIMIT: usize = 256;

/// Where an object sits, which decides what its keys can turn it into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Read only as a recordOperation: a foreign `@odata.type` is an error.
    Operation,
    /// The document's top object in shape detection: may turn out to be a collection or envelope.
    Top,
    /// An element of a collection, envelope or bare array: may be a notification.
    Item,
    /// An entity inside `resourceData`: a recordOperation or a skipped resource.
    Resource,
}

/// What an object turned out to be, once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Operation,
    Skipped,
    /// A top object with a `value` array.
    Container {
        notifications: bool,
    },
    Notification,
}

/// The notification an entity arrived in.
#[derive(Default)]
struct NotificationContext<'a> {
    change_type: Option<Cow<'a, str>>,
    resource_url: Option<Cow<'a, str>>,
    has_resource_data: bool,
}

pub(crate) struct Reader<'a> {
    pub scan: Scanner<'a>,
    pub diag: Diagnostics,
    pub path: Segments<'a>,
    /// Operations found, in document order (shape detection).
    pub entries: Vec<OperationEntry<'a>>,
    /// Resources that are not recordOperations.
    pub skipped: Vec<SkippedResource>,
    /// `@odata.nextLink` of a top-level collection.
    pub next_link: Option<Cow<'a, str>>,
    /// True once any item of a `value` array was a notification.
    saw_notification: bool,
    /// False when only the report matters (validation): extra properties are not collected.
    pub keep_extras: bool,
}

/// The object being read: the candidate operation and what its keys said about it.
struct ObjectState<'a> {
    op: RecordOperation<'a>,
    keys: KeySet<'a>,
    /// Start of the object, for issues about the object as a whole.
    start: usize,
    /// Offsets of values, for consistency issues.
    code_at: usize,
    reason_at: usize,
    type_at: usize,
    /// `@odata.type` as written, when it was not ours.
    foreign_type: Option<Cow<'a, str>>,
    legacy_location: Option<(Field<Cow<'a, str>>, usize)>,
    legacy_token: Option<(Field<Cow<'a, str>>, usize)>,
    notification: Option<NotificationContext<'a>>,
    container: bool,
    /// Index of the first entry found inside this object's `resourceData`.
    first_entry: usize,
}

impl<'a> ObjectState<'a> {
    /// A fresh state; the offsets are set once the object's `{` was read.
    fn new(first_entry: usize) -> Self {
        ObjectState {
            op: RecordOperation::default(),
            keys: KeySet::default(),
            start: 0,
            code_at: 0,
            reason_at: 0,
            type_at: 0,
            foreign_type: None,
            legacy_location: None,
            legacy_token: None,
            notification: None,
            container: false,
            first_entry,
        }
    }
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, options: &crate::ParseOptions) -> Self {
        Reader {
            scan: Scanner::new(text, options.max_depth),
            diag: Diagnostics::with_max_issues(options.strict, options.max_issues),
            path: Segments::default(),
            entries: Vec::new(),
            skipped: Vec::new(),
            next_link: None,
            saw_notification: false,
            keep_extras: true,
        }
    }

    /// Reads the object at the current position (depth is the object's own depth, 1 at the top).
    /// Returns what it was and, for an operation, the operation.
    pub fn object(
        &mut self,
        depth: usize,
        role: Role,
    ) -> Step<(Outcome, Option<RecordOperation<'a>>)> {
        let mut state = ObjectState::new(self.entries.len());
        let outcome = self.read_object(depth, role, &mut state)?;
        // Only the operation is moved out of the state, once.
        Ok(match outcome {
            Outcome::Operation => (outcome, Some(state.op)),
            _ => (outcome, None),
        })
    }

    /// [`Reader::object`] when only the outcome matters (validation): the operation is dropped
    /// where it was built, never moved.
    pub fn object_outcome(&mut self, depth: usize, role: Role) -> Step<Outcome> {
        let mut state = ObjectState::new(self.entries.len());
        self.read_object(depth, role, &mut state)
    }

    /// Reads an entity (an array element, a resource, the document): an operation goes straight
    /// from the state into `entries`, with the object's path.
    pub fn entity(&mut self, depth: usize, role: Role) -> Step<Outcome> {
        let mut state = ObjectState::new(self.entries.len());
        let outcome = self.read_object(depth, role, &mut state)?;
        if outcome == Outcome::Operation {
            // The path is back to the object's own: rendered only for an operation.
            self.entries.push(OperationEntry {
                path: self.path.render(),
                operation: state.op,
                change_type: None,
                resource_url: None,
                span: state.start..self.scan.pos(),
            });
        }
        Ok(outcome)
    }

    /// Reads the object at the current position into `state`.
    fn read_object(
        &mut self,
        depth: usize,
        role: Role,
        state: &mut ObjectState<'a>,
    ) -> Step<Outcome> {
        self.scan.skip_whitespace();
        self.scan.enter(depth, &mut self.diag, &self.path)?;
        let start = self.scan.pos();
        self.scan.expect(b'{', &mut self.diag, &self.path, "'{'")?;
        let mark = self.diag.len();
        state.start = start;
        state.code_at = start;
        state.reason_at = start;
        state.type_at = start;
        if !self.scan.container_is_empty(b'}') {
            loop {
                self.member(depth, role, mark, state)?;
                if !self
                    .scan
                    .next_in_container(b'}', &mut self.diag, &self.path)?
                {
                    break;
                }
            }
        }
        Ok(self.finish_object(role, mark, state))
    }

    fn member(
        &mut self,
        depth: usize,
        role: Role,
        mark: usize,
        state: &mut ObjectState<'a>,
    ) -> Step<()> {
        let key = self.scan.string(&mut self.diag, &self.path)?;
        self.scan
            .expect(b':', &mut self.diag, &self.path, "':' after the key")?;
        let known = KnownKey::of(&key.value);
        match known {
            Some(known) => self.path.push_known(known),
            None => self.path.push_key(key.raw),
        }
        let result = self.member_value(depth, role, mark, state, key, known);
        self.path.pop();
        result
    }

    fn member_value(
        &mut self,
        depth: usize,
        role: Role,
        mark: usize,
        state: &mut ObjectState<'a>,
        key: StrToken<'a>,
        known: Option<KnownKey>,
    ) -> Step<()> {
        let value_start = {
            self.scan.skip_whitespace();
            self.scan.pos()
        };
        let duplicate = match known {
            Some(known) => !state.keys.insert_known(known),
            None => state
                .keys
                .insert_classified(None, key.value.clone())
                .is_some(),
        };
        if duplicate {
            self.diag
                .report_at(IssueCode::DuplicateKey, &self.path, key.start, || {
                    duplicate_message(&key.value)
                });
            // Keep the first value; still check the second one's syntax.
            return self.scan.skip_value(depth, &mut self.diag, &mut self.path);
        }
        // Shape-changing keys come first: they decide how every later key is read.
        if role == Role::Top && known == Some(KnownKey::Value) {
            let kind = self.scan.peek_value(&mut self.diag, &self.path)?;
            if kind == ValueKind::Array {
                if !state.container {
                    state.container = true;
                    self.diag.forget_semantic_since(mark);
                }
                self.items(depth)?;
                return self.keep_extra(state, key, value_start);
            }
        }
        // Only as an item: at the top, `resourceData` may just as well be an extra property of an
        // operation (an open type), and one pass cannot tell the two apart.
        if matches!(role, Role::Item)
            && matches!(
                known,
                Some(
                    KnownKey::ResourceData
                        | KnownKey::ChangeType
                        | KnownKey::ResourceUrl
                        | KnownKey::Resource
                )
            )
        {
            if state.notification.is_none() {
                self.diag.forget_semantic_since(mark);
                state.notification = Some(NotificationContext::default());
            }
            self.notification_member(depth, state, &key)?;
            return self.keep_extra(state, key, value_start);
        }
        if role == Role::Top && known == Some(KnownKey::NextLink) {
            // Before or after `value`: a collection's link to its next page.
            match self.scan.peek_value(&mut self.diag, &self.path)? {
                ValueKind::String => {
                    let link = self.scan.string(&mut self.diag, &self.path)?;
                    self.next_link = Some(link.value);
                }
                other => self.wrong_type(depth, "@odata.nextLink", "a URL string", other)?,
            }
            return self.keep_extra(state, key, value_start);
        }
        if state.container || state.notification.is_some() {
            self.scan
                .skip_value(depth, &mut self.diag, &mut self.path)?;
            return self.keep_extra(state, key, value_start);
        }
        let Some(known) = known else {
            self.scan
                .skip_value(depth, &mut self.diag, &mut self.path)?;
            return self.keep_extra(state, key, value_start);
        };
        self.operation_member(depth, state, known, key, value_start)
    }

    /// Keeps the member just read as an extra property, raw.
    fn keep_extra(
        &mut self,
        state: &mut ObjectState<'a>,
        key: StrToken<'a>,
        value_start: usize,
    ) -> Step<()> {
        if !self.keep_extras {
            return Ok(());
        }
        state.op.extra.push(ExtraProperty {
            key: key.value,
            raw_key: Cow::Borrowed(key.raw),
            raw_value: Cow::Borrowed(self.scan.slice(value_start, self.scan.pos())),
        });
        Ok(())
    }

    fn operation_member(
        &mut self,
        depth: usize,
        state: &mut ObjectState<'a>,
        known: KnownKey,
        key: StrToken<'a>,
        value_start: usize,
    ) -> Step<()> {
        match known {
            KnownKey::OdataType => {
                state.type_at = value_start;
                if let Some(text) = self.required_string(depth, "@odata.type")? {
                    match odata_type_name(&text, "recordOperation") {
                        TypeMatch::Documented => {
                            state.op.odata_type = Some(Cow::Borrowed(RECORD_OPERATION_TYPE))
                        }
                        TypeMatch::OtherCase => {
                            self.diag.report_at(
                                IssueCode::OdataTypeCase,
                                &self.path,
                                value_start,
                                || {
                                    Message::with_capacity(text.len() + 88)
                                        .text("@odata.type ")
                                        .quoted(&text)
                                        .text(" is read as ")
                                        .text(RECORD_OPERATION_TYPE)
                                        .text(", its documented spelling")
                                        .done()
                                },
                            );
                            state.op.odata_type = Some(Cow::Borrowed(RECORD_OPERATION_TYPE));
                        }
                        TypeMatch::Other => state.foreign_type = Some(text),
                    }
                }
            }
            KnownKey::Id => state.op.id = self.required_string(depth, "id")?,
            KnownKey::ClientContext => {
                state.op.client_context = self.nullable_string(depth, "clientContext")?;
                if let Field::Value(context) = &state.op.client_context {
                    // A character never takes more UTF-16 units than UTF-8 bytes, so only a
                    // context longer than the limit in bytes needs counting.
                    let units = if context.len() > CLIENT_CONTEXT_LIMIT {
                        crate::words::utf16_units(context.as_bytes())
                    } else {
                        context.len()
                    };
                    if units > CLIENT_CONTEXT_LIMIT {
                        self.diag.report_at(
                            IssueCode::ClientContextTooLong,
                            &self.path,
                            value_start,
                            || format!("clientContext is {units} UTF-16 code units long; the documented limit is {CLIENT_CONTEXT_LIMIT}"),
                        );
                    }
                }
            }
            KnownKey::Status => {
                state.op.status = self.status(depth, value_start)?;
            }
            KnownKey::CompletionReason => {
                state.reason_at = value_start;
                state.op.completion_reason = self.completion_reason(depth, value_start)?;
            }
            KnownKey::ResultInfo => {
                state.op.result_info = self.result_info(depth, state)?;
            }
            KnownKey::RecordingLocation => {
                state.op.recording_location = self.nullable_string(depth, "recordingLocation")?;
                if let Field::Value(location) = &state.op.recording_location {
                    self.check_location(location, value_start);
                }
            }
            KnownKey::RecordingAccessToken => {
                state.op.recording_access_token =
                    self.nullable_string(depth, "recordingAccessToken")?;
            }
            KnownKey::RecordResourceLocation => {
                let location = self.nullable_string(depth, "recordResourceLocation")?;
                if !location.is_absent() {
                    self.legacy_warning("recordResourceLocation", "recordingLocation", value_start);
                    if let Field::Value(text) = &location {
                        self.check_location(text, value_start);
                    }
                    state.legacy_location = Some((location, value_start));
                }
            }
            KnownKey::RecordResourceAccessToken => {
                let token = self.nullable_string(depth, "recordResourceAccessToken")?;
                if !token.is_absent() {
                    self.legacy_warning(
                        "recordResourceAccessToken",
                        "recordingAccessToken",
                        value_start,
                    );
                    state.legacy_token = Some((token, value_start));
                }
            }
            _ => {
                self.scan
                    .skip_value(depth, &mut self.diag, &mut self.path)?;
                return self.keep_extra(state, key, value_start);
            }
        }
        Ok(())
    }

    fn legacy_warning(&mut self, legacy: &str, current: &str, at: usize) {
        self.diag
            .report_at(IssueCode::LegacyProperty, &self.path, at, || {
                Message::with_capacity(legacy.len() + 2 * current.len() + 40)
                    .text(legacy)
                    .text(" is the legacy beta name of ")
                    .text(current)
                    .text("; read as ")
                    .text(current)
                    .done()
            });
    }

    fn check_location(&mut self, location: &str, at: usize) {
        if !location.is_empty() && !is_absolute_https(location) {
            self.diag
                .report_at(IssueCode::RecordingLocationNotHttps, &self.path, at, || {
                    Message::with_capacity(location.len().min(256) + 56)
                        .text("recordingLocation ")
                        .quoted(location)
                        .text(" is not an absolute https: URL")
                        .done()
                });
        }
    }

    /// Reports a wrong type for the value at the current position and skips it.
    fn wrong_type(
        &mut self,
        depth: usize,
        name: &str,
        expected: &str,
        found: ValueKind,
    ) -> Step<()> {
        let at = self.scan.pos();
        let issue = |diag: &mut Diagnostics, path: &dyn Pointer| {
            diag.report_at(IssueCode::WrongType, path, at, || {
                Message::with_capacity(name.len() + expected.len() + 32)
                    .text(name)
                    .text(" must be ")
                    .text(expected)
                    .text(", but is ")
                    .text(found.describe())
                    .done()
            })
        };
        if found.is_literal() {
            // `nul` is not JSON: the syntax error says so, a type would be a guess.
            self.scan.literal(&mut self.diag, &self.path)?;
            issue(&mut self.diag, &self.path);
            return Ok(());
        }
        issue(&mut self.diag, &self.path);
        self.scan.skip_value(depth, &mut self.diag, &mut self.path)
    }

    /// A string that may not be null.
    fn required_string(&mut self, depth: usize, name: &str) -> Step<Option<Cow<'a, str>>> {
        match self.scan.peek_value(&mut self.diag, &self.path)? {
            ValueKind::String => Ok(Some(self.scan.string(&mut self.diag, &self.path)?.value)),
            other => {
                self.wrong_type(depth, name, "a string", other)?;
                Ok(None)
            }
        }
    }

    /// A string or null.
    fn nullable_string(&mut self, depth: usize, name: &str) -> Step<Field<Cow<'a, str>>> {
        match self.scan.peek_value(&mut self.diag, &self.path)? {
            ValueKind::String => Ok(Field::Value(
                self.scan.string(&mut self.diag, &self.path)?.value,
            )),
            ValueKind::Null => {
                self.scan.literal(&mut self.diag, &self.path)?;
                Ok(Field::Null)
            }
            other => {
                self.wrong_type(depth, name, "a string or null", other)?;
                Ok(Field::Absent)
            }
        }
    }

    fn status(&mut self, depth: usize, at: usize) -> Step<Field<OperationStatus<'a>>> {
        let text = match self.nullable_string(depth, "status")? {
            Field::Value(text) => text,
            Field::Null => {
                self.diag.report_at(
                    IssueCode::NullStatus,
                    &self.path,
                    at,
                    || "status is null: the schema says it is never null; the documentation reads it as more updates will follow".to_string(),
                );
                return Ok(Field::Null);
            }
            Field::Absent => return Ok(Field::Absent),
        };
        let (status, spelling) = OperationStatus::parse(text);
        self.enum_spelling(
            "status",
            spelling,
            status.as_str(),
            at,
            "notStarted, running, completed or failed",
        );
        Ok(Field::Value(status))
    }

    fn completion_reason(
        &mut self,
        depth: usize,
        at: usize,
    ) -> Step<Field<RecordCompletionReason<'a>>> {
        let text = match self.nullable_string(depth, "completionReason")? {
            Field::Value(text) => text,
            Field::Null => return Ok(Field::Null),
            Field::Absent => return Ok(Field::Absent),
        };
        let (reason, spelling) = RecordCompletionReason::parse(text);
        self.enum_spelling(
            "completionReason",
            spelling,
            reason.as_str(),
            at,
            "one of the nine documented completion reasons",
        );
        Ok(Field::Value(reason))
    }

    fn enum_spelling(
        &mut self,
        name: &str,
        spelling: Spelling,
        value: &str,
        at: usize,
        expected: &str,
    ) {
        match spelling {
            Spelling::Documented => {}
            Spelling::OtherCase => {
                // The documented spelling is what `value` holds; quote what was written.
                let written = self.scan.slice(at, self.scan.pos());
                self.diag
                    .report_at(IssueCode::EnumCase, &self.path, at, || {
                        Message::with_capacity(name.len() + written.len() + value.len() + 48)
                            .text(name)
                            .text(" ")
                            .text(written)
                            .text(" is read as \"")
                            .text(value)
                            .text("\", its documented spelling")
                            .done()
                    });
            }
            Spelling::Undocumented => {
                self.diag
                    .report_at(IssueCode::UnknownEnumValue, &self.path, at, || {
                        Message::with_capacity(
                            name.len() + value.len().min(256) + expected.len() + 56,
                        )
                        .text(name)
                        .text(" ")
                        .quoted(value)
                        .text(" is not documented (expected ")
                        .text(expected)
                        .text("); kept as it came")
                        .done()
                    })
            }
        }
    }

    fn result_info(
        &mut self,
        depth: usize,
        state: &mut ObjectState<'a>,
    ) -> Step<Field<ResultInfo<'a>>> {
        match self.scan.peek_value(&mut self.diag, &self.path)? {
            ValueKind::Null => {
                self.scan.literal(&mut self.diag, &self.path)?;
                return Ok(Field::Null);
            }
            ValueKind::Object => {}
            other => {
                self.wrong_type(depth, "resultInfo", "an object or null", other)?;
                return Ok(Field::Absent);
            }
        }
        let depth = depth + 1;
        self.scan.enter(depth, &mut self.diag, &self.path)?;
        let start = self.scan.pos();
        self.scan.expect(b'{', &mut self.diag, &self.path, "'{'")?;
        let mut info = ResultInfo::default();
        let mut keys = KeySet::default();
        let mut code_seen = false;
        // The first subcode read (`subcode` or `subCode`): a second must agree.
        let mut subcode: Option<Option<i32>> = None;
        if !self.scan.container_is_empty(b'}') {
            loop {
                let key = self.scan.string(&mut self.diag, &self.path)?;
                self.scan
                    .expect(b':', &mut self.diag, &self.path, "':' after the key")?;
                let known = KnownKey::of(&key.value);
                match known {
                    Some(known) => self.path.push_known(known),
                    None => self.path.push_key(key.raw),
                }
                self.scan.skip_whitespace();
                let value_start = self.scan.pos();
                if let Some(duplicate) = keys.insert_classified(known, key.value.clone()) {
                    self.diag
                        .report_at(IssueCode::DuplicateKey, &self.path, key.start, || {
                            duplicate_message(&duplicate)
                        });
                    self.scan
                        .skip_value(depth, &mut self.diag, &mut self.path)?;
                } else {
                    match known {
                        Some(KnownKey::OdataType) => {
                            if let Some(text) = self.required_string(depth, "@odata.type")? {
                                info.odata_type = Some(self.result_info_type(&text, value_start));
                            }
                        }
                        Some(KnownKey::Code) => {
                            code_seen = true;
                            state.code_at = value_start;
                            info.code = self.int32(depth, "code")?;
                        }
                        Some(KnownKey::Subcode | KnownKey::SubCode) => {
                            let camel = known == Some(KnownKey::SubCode);
                            if camel {
                                self.diag.report_at(
                                    IssueCode::SubcodeSpelling,
                                    &self.path,
                                    key.start,
                                    || {
                                        "subCode is read as subcode, the schema's spelling"
                                            .to_string()
                                    },
                                );
                            }
                            let value = self.int32(depth, "subcode")?;
                            match &subcode {
                                Some(earlier) if *earlier != value => {
                                    self.diag.report_at(
                                        IssueCode::ConflictingProperties,
                                        &self.path,
                                        value_start,
                                        || "subcode and subCode are both present with different values".to_string(),
                                    );
                                }
                                Some(_) => {}
                                None => subcode = Some(value),
                            }
                        }
                        Some(KnownKey::Message) => {
                            info.message = self.nullable_string(depth, "message")?
                        }
                        _ => {
                            self.diag.report_at(
                                IssueCode::UnknownResultInfoProperty,
                                &self.path,
                                key.start,
                                || format!("resultInfo defines code, subcode and message; {} is kept as an extra property", quote(&key.value)),
                            );
                            self.scan
                                .skip_value(depth, &mut self.diag, &mut self.path)?;
                            if self.keep_extras {
                                info.extra.push(ExtraProperty {
                                    key: key.value,
                                    raw_key: Cow::Borrowed(key.raw),
                                    raw_value: Cow::Borrowed(
                                        self.scan.slice(value_start, self.scan.pos()),
                                    ),
                                });
                            }
                        }
                    }
                }
                self.path.pop();
                if !self
                    .scan
                    .next_in_container(b'}', &mut self.diag, &self.path)?
                {
                    break;
                }
            }
        }
        if !code_seen {
            self.diag
                .report_child(IssueCode::MissingCode, &self.path, "code", start, || {
                    "resultInfo has no code (an Int32 the schema requires)".to_string()
                });
        }
        match subcode {
            Some(value) => info.subcode = value,
            None => self.diag.report_child(
                IssueCode::MissingSubcode,
                &self.path,
                "subcode",
                start,
                || "resultInfo has no subcode (an Int32 the schema requires)".to_string(),
            ),
        }
        Ok(Field::Value(info))
    }

    fn result_info_type(&mut self, text: &str, at: usize) -> Cow<'a, str> {
        match odata_type_name(text, "resultInfo") {
            TypeMatch::Documented => {}
            TypeMatch::OtherCase => {
                self.diag
                    .report_at(IssueCode::OdataTypeCase, &self.path, at, || {
                        Message::with_capacity(text.len() + 88)
                            .text("@odata.type ")
                            .quoted(text)
                            .text(" is read as ")
                            .text(RESULT_INFO_TYPE)
                            .text(", its documented spelling")
                            .done()
                    })
            }
            TypeMatch::Other => {
                self.diag
                    .report_at(IssueCode::OdataTypeMismatch, &self.path, at, || {
                        Message::with_capacity(text.len() + 72)
                            .text("resultInfo's @odata.type is ")
                            .quoted(text)
                            .text(", expected ")
                            .text(RESULT_INFO_TYPE)
                            .done()
                    });
                return Cow::Owned(text.to_string());
            }
        }
        Cow::Borrowed(RESULT_INFO_TYPE)
    }

    /// An Int32 property of resultInfo, read from a number or a numeric string.
    fn int32(&mut self, depth: usize, name: &str) -> Step<Option<i32>> {
        let at = self.scan.pos();
        let (result, from_string, written) =
            match self.scan.peek_value(&mut self.diag, &self.path)? {
                ValueKind::Number => {
                    let token = self.scan.number(&mut self.diag, &self.path)?;
                    (int32_from_number(token.raw), false, token.raw)
                }
                ValueKind::String => {
                    let token = self.scan.string(&mut self.diag, &self.path)?;
                    (int32_from_string(&token.value), true, token.raw)
                }
                other => {
                    self.wrong_type(depth, name, "an Int32 number", other)?;
                    return Ok(None);
                }
            };
        let (shown, cut) = shown_number(written);
        // `{name} ` + the number as shown.
        let named = || {
            Message::with_capacity(name.len() + shown.len() + 64)
                .text(name)
                .text(" ")
                .text(shown)
                .text(cut)
        };
        let as_string = |value: i32| {
            Message::with_capacity(name.len() + shown.len() + 56)
                .text(name)
                .text(" is the string ")
                .text(shown)
                .text(cut)
                .text("; read as the number ")
                .int(i64::from(value))
                .done()
        };
        match result {
            Int32::Exact(value) => {
                if from_string {
                    self.diag
                        .report_at(IssueCode::IntegerAsString, &self.path, at, || {
                            as_string(value)
                        });
                }
                Ok(Some(value))
            }
            Int32::NonCanonical(value) => {
                if from_string {
                    self.diag
                        .report_at(IssueCode::IntegerAsString, &self.path, at, || {
                            as_string(value)
                        });
                }
                self.diag
                    .report_at(IssueCode::NonCanonicalInteger, &self.path, at, || {
                        named()
                            .text(" is read as the integer ")
                            .int(i64::from(value))
                            .done()
                    });
                Ok(Some(value))
            }
            Int32::NotInteger => {
                self.diag
                    .report_at(IssueCode::NotAnInteger, &self.path, at, || {
                        named()
                            .text(" is not an integer; expected an Int32 such as 200")
                            .done()
                    });
                Ok(None)
            }
            Int32::OutOfRange => {
                self.diag
                    .report_at(IssueCode::IntegerOutOfRange, &self.path, at, || {
                        named()
                            .text(" is outside Int32 (-2147483648 to 2147483647)")
                            .done()
                    });
                Ok(None)
            }
        }
    }

    fn notification_member(
        &mut self,
        depth: usize,
        state: &mut ObjectState<'a>,
        key: &StrToken<'a>,
    ) -> Step<()> {
        let name: &str = &key.value;
        let at = self.scan.pos();
        let kind = self.scan.peek_value(&mut self.diag, &self.path)?;
        match (name, kind) {
            ("resourceData", ValueKind::Object) => {
                if let Some(context) = state.notification.as_mut() {
                    context.has_resource_data = true;
                }
                self.resource(depth + 1)?;
            }
            ("resourceData", ValueKind::Array) => {
                if let Some(context) = state.notification.as_mut() {
                    context.has_resource_data = true;
                }
                self.array_of(depth + 1, Role::Resource)?;
            }
            ("changeType" | "resourceUrl" | "resource", ValueKind::String) => {
                let text = self.scan.string(&mut self.diag, &self.path)?.value;
                if let Some(context) = state.notification.as_mut() {
                    match name {
                        "changeType" => context.change_type = Some(text),
                        "resourceUrl" => context.resource_url = Some(text),
                        _ => {
                            self.diag.report_at(
                                IssueCode::LegacyProperty,
                                &self.path,
                                at,
                                || "resource is the legacy name of resourceUrl; read as resourceUrl"
                                    .to_string(),
                            );
                            if context.resource_url.is_none() {
                                context.resource_url = Some(text);
                            }
                        }
                    }
                }
            }
            ("resourceData", other) => {
                self.wrong_type(depth, "resourceData", "an object or an array", other)?;
            }
            (_, other) => self.wrong_type(depth, name, "a string", other)?,
        }
        Ok(())
    }

    /// Reads one entity inside resourceData.
    fn resource(&mut self, depth: usize) -> Step<()> {
        self.entity(depth, Role::Resource)?;
        Ok(())
    }

    /// Reads the items of a `value` array.
    fn items(&mut self, depth: usize) -> Step<()> {
        self.array_of(depth + 1, Role::Item)
    }

    /// Reads an array whose elements are entities (or notification items). `depth` is the array's.
    pub fn array_of(&mut self, depth: usize, role: Role) -> Step<()> {
        self.scan.enter(depth, &mut self.diag, &self.path)?;
        self.scan.expect(b'[', &mut self.diag, &self.path, "'['")?;
        if self.scan.container_is_empty(b']') {
            return Ok(());
        }
        let mut index = 0usize;
        loop {
            self.path.push_index(index);
            let kind = self.scan.peek_value(&mut self.diag, &self.path)?;
            if kind == ValueKind::Object {
                if self.entity(depth + 1, role)? == Outcome::Notification {
                    self.saw_notification = true;
                }
            } else {
                self.wrong_type(depth, "an element here", "an object", kind)?;
            }
            self.path.pop();
            if !self
                .scan
                .next_in_container(b']', &mut self.diag, &self.path)?
            {
                return Ok(());
            }
            index += 1;
        }
    }

    fn finish_object(&mut self, role: Role, mark: usize, state: &mut ObjectState<'a>) -> Outcome {
        if state.container {
            return Outcome::Container {
                notifications: self.saw_notification,
            };
        }
        if let Some(context) = state.notification.take() {
            if !context.has_resource_data {
                self.diag.report_child(
                    IssueCode::MissingResourceData,
                    &self.path,
                    "resourceData",
                    state.start,
                    || {
                        "this notification has no resourceData, so it carries no operation"
                            .to_string()
                    },
                );
            }
            let url_names_operation = context
                .resource_url
                .as_deref()
                .and_then(crate::tracker::id_from_resource_url)
                .is_some();
            for entry in self.entries.iter_mut().skip(state.first_entry) {
                entry.change_type.clone_from(&context.change_type);
                entry.resource_url.clone_from(&context.resource_url);
                if url_names_operation && entry.operation.id.is_none() {
                    // The resourceUrl names the operation, so it can be followed without an id.
                    let id_path = crate::pointer::child(&entry.path, "id");
                    self.diag.retain_since(mark, |issue| {
                        !(issue.code == IssueCode::MissingId && issue.path == id_path)
                    });
                }
            }
            return Outcome::Notification;
        }
        if let Some(foreign) = state.foreign_type.take() {
            if role == Role::Operation {
                self.diag.report_child(
                    IssueCode::OdataTypeMismatch,
                    &self.path,
                    "@odata.type",
                    state.type_at,
                    || format!("@odata.type is {}, so this is not a recordOperation (expected {RECORD_OPERATION_TYPE})", quote(&foreign)),
                );
            } else {
                self.diag.forget_semantic_since(mark);
                if role == Role::Item
                    && odata_type_name(&foreign, "commsNotification") != TypeMatch::Other
                {
                    self.diag.report_child(
                        IssueCode::MissingResourceData,
                        &self.path,
                        "resourceData",
                        state.start,
                        || {
                            "this notification has no resourceData, so it carries no operation"
                                .to_string()
                        },
                    );
                    return Outcome::Notification;
                }
                self.skipped.push(SkippedResource {
                    path: self.path.render(),
                    odata_type: Some(foreign.into_owned()),
                    id: state.op.id.take().map(Cow::into_owned),
                });
                return Outcome::Skipped;
            }
        }
        self.merge_legacy(state);
        self.consistency(state);
        Outcome::Operation
    }

    fn merge_legacy(&mut self, state: &mut ObjectState<'a>) {
        if let Some((location, at)) = state.legacy_location.take() {
            match (&state.op.recording_location, &location) {
                (Field::Value(current), Field::Value(legacy)) if current != legacy => self.diag.report_child(
                    IssueCode::ConflictingProperties,
                    &self.path,
                    "recordResourceLocation",
                    at,
                    || "recordingLocation and its legacy name recordResourceLocation are both present with different values".to_string(),
                ),
                (Field::Absent, _) => state.op.recording_location = location,
                _ => {}
            }
        }
        if let Some((token, at)) = state.legacy_token.take() {
            match (&state.op.recording_access_token, &token) {
                // Never quote tokens in messages.
                (Field::Value(current), Field::Value(legacy)) if current != legacy => self.diag.report_child(
                    IssueCode::ConflictingProperties,
                    &self.path,
                    "recordResourceAccessToken",
                    at,
                    || "recordingAccessToken and its legacy name recordResourceAccessToken are both present with different values".to_string(),
                ),
                (Field::Absent, _) => state.op.recording_access_token = token,
                _ => {}
            }
        }
    }

    /// Warnings about values that are each fine but together say something is off.
    fn consistency(&mut self, state: &ObjectState<'a>) {
        let op = &state.op;
        if op.id.is_none() && !state.keys.contains("id") {
            self.diag
                .report_child(IssueCode::MissingId, &self.path, "id", state.start, || {
                    "the operation has no id, so its updates cannot be matched to it".to_string()
                });
        }
        if op.status.is_absent() && !state.keys.contains("status") {
            self.diag.report_child(
                IssueCode::MissingStatus,
                &self.path,
                "status",
                state.start,
                || "the operation has no status: more updates will follow".to_string(),
            );
        }
        let status = op.status.value();
        if op.completion_reason.value().is_some()
            && !status.is_some_and(|s| s.is_terminal() || s.is_undocumented())
        {
            let shown = status.map_or("not set", |s| s.as_str());
            self.diag.report_child(
                IssueCode::ReasonWithoutTerminalStatus,
                &self.path,
                "completionReason",
                state.reason_at,
                || format!("completionReason is set but status is {shown}; a reason belongs to a completed or failed operation"),
            );
        }
        let category = op.result_category();
        let code = op.code();
        match (status, category) {
            (
                Some(OperationStatus::Completed),
                ResultCategory::ClientError | ResultCategory::ServerError,
            ) => {
                self.diag.report_path(
                    IssueCode::CompletedWithErrorCode,
                    || {
                        crate::pointer::child(
                            &crate::pointer::child_of(&self.path, "resultInfo"),
                            "code",
                        )
                    },
                    state.code_at,
                    || {
                        format!(
                            "status is completed but resultInfo.code is {}, an error code",
                            code.unwrap_or_default()
                        )
                    },
                );
            }
            (Some(OperationStatus::Failed), ResultCategory::Success) => {
                self.diag.report_path(
                    IssueCode::FailedWithSuccessCode,
                    || {
                        crate::pointer::child(
                            &crate::pointer::child_of(&self.path, "resultInfo"),
                            "code",
                        )
                    },
                    state.code_at,
                    || {
                        format!(
                            "status is failed but resultInfo.code is {}, a success code",
                            code.unwrap_or_default()
                        )
                    },
                );
            }
            _ => {}
        }
    }
}

/// How an `@odata.type` value relates to the expected type name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeMatch {
    Documented,
    OtherCase,
    Other,
}

/// Compares `#microsoft.graph.<name>` (the `#` optional) with `text`.
pub(crate) fn odata_type_name(text: &str, name: &str) -> TypeMatch {
    // The documented spelling, the usual one, in one comparison of each part.
    if text.len() == 1 + "microsoft.graph.".len() + name.len()
        && text.starts_with("#microsoft.graph.")
        && text.ends_with(name)
    {
        return TypeMatch::Documented;
    }
    let bare = text.strip_prefix('#').unwrap_or(text);
    let Some(type_name) = bare.get("microsoft.graph.".len()..) else {
        return TypeMatch::Other;
    };
    let namespace = bare.get(.."microsoft.graph.".len()).unwrap_or("");
    if namespace == "microsoft.graph." && type_name == name {
        TypeMatch::Documented
    } else if namespace.eq_ignore_ascii_case("microsoft.graph.")
        && type_name.eq_ignore_ascii_case(name)
    {
        TypeMatch::OtherCase
    } else {
        TypeMatch::Other
    }
}

/// `https:` (any case) followed by `//` and a non-empty host, with no whitespace anywhere.
pub(crate) fn is_absolute_https(url: &str) -> bool {
    let bytes = url.as_bytes();
    let Some(scheme) = bytes.get(..8) else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case(b"https://") {
        return false;
    }
    let rest = bytes.get(8..).unwrap_or(&[]);
    if matches!(rest.first(), None | Some(b'/' | b'?' | b'#')) {
        return false;
    }
    // The usual URL is printable ASCII throughout: eight bytes at a time settle that.
    if all_printable_ascii(bytes) {
        return true;
    }
    // ASCII whitespace and controls are exactly the bytes up to the space, and DEL; anything
    // else is judged by character (no-break spaces, C1 controls, line separators).
    if bytes.iter().any(|&b| b <= b' ' || b == 0x7F) {
        return false;
    }
    url.is_ascii()
        || !url
            .chars()
            .any(|c| !c.is_ascii() && (c.is_whitespace() || c.is_control()))
}

/// True when every byte is printable ASCII (`!` to `~`: no space, control, DEL or non-ASCII byte).
fn all_printable_ascii(bytes: &[u8]) -> bool {
    use crate::words::{every_byte, ONES};
    every_byte(
        bytes,
        // A high bit flags a byte of 0x80 or more (`word`), DEL (0x7F + 1 sets it, and with no
        // byte above 0x7F nothing carries), or a byte below 0x21 (the borrow test).
        |word| word | word.wrapping_add(ONES) | (word.wrapping_sub(ONES * 0x21) & !word),
        |b| b > b' ' && b < 0x7F,
    )
}

/// A number or numeric string as written, shortened for a message: its first 40 characters, and
/// `…` when there were more.
fn shown_number(written: &str) -> (&str, &'static str) {
    // Forty bytes or fewer are forty characters or fewer.
    if written.len() <= 40 {
        return (written, "");
    }
    match written.char_indices().nth(40) {
        None => (written, ""),
        Some((cut, _)) => (written.get(..cut).unwrap_or(""), "…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_words_agree_with_bytes() {
        for bytes in crate::words::one_byte_variants() {
            let simple = bytes.iter().all(|&b| b > b' ' && b < 0x7F);
            assert_eq!(all_printable_ascii(&bytes), simple, "{bytes:?}");
        }
    }
}
