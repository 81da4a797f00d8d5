//! The typed models: recordOperation, resultInfo and the properties nobody defined, kept as they came.

use std::borrow::Cow;
use std::fmt;

use crate::enums::{OperationStatus, RecordCompletionReason};

/// A property that may be absent, explicitly `null`, or set. Keeping `null` apart from absent is
/// what lets writing reproduce the payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Field<T> {
    /// The key was not in the object.
    #[default]
    Absent,
    /// The key was there with `null`.
    Null,
    /// The key was there with a value.
    Value(T),
}

impl<T> Field<T> {
    /// The value, if set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }

    /// True when the key was not there.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// True when the key was there with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// Applies `f` to a set value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(value) => Field::Value(f(value)),
        }
    }
}

fn owned_str(value: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(value.into_owned())
}

/// [`owned_str`] for an `@odata.type`: the documented name, which the reader always stores, is
/// already static and needs no copy.
fn owned_type(value: Cow<'_, str>, documented: &'static str) -> Cow<'static, str> {
    if value == documented {
        Cow::Borrowed(documented)
    } else {
        owned_str(value)
    }
}

/// A property the schema does not define, kept byte-for-byte: its key and value exactly as written.
///
/// `Debug` hides the value of one whose key names the access token in another case
/// (`RecordingAccessToken`), as writing with `redact_token` leaves it out.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ExtraProperty<'a> {
    /// The decoded key (`@odata.etag`).
    pub key: Cow<'a, str>,
    /// The key as written, quotes and escapes included.
    pub raw_key: Cow<'a, str>,
    /// The value as written: any JSON value, whitespace inside it included.
    pub raw_value: Cow<'a, str>,
}

impl ExtraProperty<'_> {
    /// True when the key names the recording access token in a spelling the schema does not use
    /// (`RecordingAccessToken`, `recordresourceaccesstoken`): treated as a credential too.
    pub fn is_token_like(&self) -> bool {
        self.key.eq_ignore_ascii_case("recordingAccessToken")
            || self.key.eq_ignore_ascii_case("recordResourceAccessToken")
    }

    /// Copies any borrowed text so the property outlives its input.
    pub fn into_owned(self) -> ExtraProperty<'static> {
        ExtraProperty {
            key: owned_str(self.key),
            raw_key: owned_str(self.raw_key),
            raw_value: owned_str(self.raw_value),
        }
    }
}

/// What a resultInfo code says, by HTTP class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultCategory {
    /// 2xx.
    Success,
    /// 4xx.
    ClientError,
    /// 5xx.
    ServerError,
    /// Anything else (`0`, 1xx, 3xx, or no code).
    Other,
}

impl ResultCategory {
    /// The category of an HTTP-like code.
    pub fn of_code(code: Option<i32>) -> ResultCategory {
        match code {
            Some(200..=299) => ResultCategory::Success,
            Some(400..=499) => ResultCategory::ClientError,
            Some(500..=599) => ResultCategory::ServerError,
            _ => ResultCategory::Other,
        }
    }

    /// `"success"`, `"clientError"`, `"serverError"` or `"other"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResultCategory::Success => "success",
            ResultCategory::ClientError => "clientError",
            ResultCategory::ServerError => "serverError",
            ResultCategory::Other => "other",
        }
    }
}

/// `resultInfo`: the outcome of the operation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ResultInfo<'a> {
    /// `@odata.type`, in the documented spelling `#microsoft.graph.resultInfo` when it was sent.
    pub odata_type: Option<Cow<'a, str>>,
    /// The HTTP-like result code; `None` when it was missing.
    pub code: Option<i32>,
    /// The sub-code; `None` when it was missing.
    pub subcode: Option<i32>,
    /// The message.
    pub message: Field<Cow<'a, str>>,
    /// Properties resultInfo does not define, in their original order.
    pub extra: Vec<ExtraProperty<'a>>,
}

impl ResultInfo<'_> {
    /// The code's HTTP class.
    pub fn category(&self) -> ResultCategory {
        ResultCategory::of_code(self.code)
    }

    /// Copies any borrowed text so the value outlives its input.
    pub fn into_owned(self) -> ResultInfo<'static> {
        ResultInfo {
            odata_type: self
                .odata_type
                .map(|name| owned_type(name, crate::read::RESULT_INFO_TYPE)),
            code: self.code,
            subcode: self.subcode,
            message: self.message.map(owned_str),
            extra: self
                .extra
                .into_iter()
                .map(ExtraProperty::into_owned)
                .collect(),
        }
    }
}

/// A Microsoft Graph `recordOperation`.
///
/// `Debug` and `Display` never show the recording access token.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct RecordOperation<'a> {
    /// `@odata.type`, in the documented spelling `#microsoft.graph.recordOperation` when it was sent.
    pub odata_type: Option<Cow<'a, str>>,
    /// The operation id.
    pub id: Option<Cow<'a, str>>,
    /// `clientContext`, as the bot sent it.
    pub client_context: Field<Cow<'a, str>>,
    /// `status`.
    pub status: Field<OperationStatus<'a>>,
    /// `completionReason` (beta; also seen in v1.0 notifications).
    pub completion_reason: Field<RecordCompletionReason<'a>>,
    /// `resultInfo`.
    pub result_info: Field<ResultInfo<'a>>,
    /// `recordingLocation`: where to fetch the recording.
    pub recording_location: Field<Cow<'a, str>>,
    /// `recordingAccessToken`: the bearer token for the recording. A credential.
    pub recording_access_token: Field<Cow<'a, str>>,
    /// Every other property, in its original order, byte-for-byte.
    pub extra: Vec<ExtraProperty<'a>>,
}

impl RecordOperation<'_> {
    /// The status, when set.
    pub fn status(&self) -> Option<&OperationStatus<'_>> {
        self.status.value()
    }

    /// The result code, when set.
    pub fn code(&self) -> Option<i32> {
        self.result_info.value().and_then(|info| info.code)
    }

    /// `completed` or `failed`: no more updates follow.
    pub fn is_terminal(&self) -> bool {
        self.status().is_some_and(OperationStatus::is_terminal)
    }

    /// `completed`, and no resultInfo code outside 2xx.
    pub fn is_success(&self) -> bool {
        matches!(self.status(), Some(OperationStatus::Completed))
            && self
                .code()
                .is_none_or(|code| ResultCategory::of_code(Some(code)) == ResultCategory::Success)
    }

    /// The resultInfo category (`Other` when there is no code).
    pub fn result_category(&self) -> ResultCategory {
        ResultCategory::of_code(self.code())
    }

    /// An extra property by its decoded key.
    pub fn extra_property(&self, key: &str) -> Option<&ExtraProperty<'_>> {
        self.extra.iter().find(|p| p.key == key)
    }

    /// Copies any borrowed text so the operation outlives its input.
    pub fn into_owned(self) -> RecordOperation<'static> {
        RecordOperation {
            odata_type: self
                .odata_type
                .map(|name| owned_type(name, crate::read::RECORD_OPERATION_TYPE)),
            id: self.id.map(owned_str),
            client_context: self.client_context.map(owned_str),
            status: self.status.map(OperationStatus::into_owned),
            completion_reason: self
                .completion_reason
                .map(RecordCompletionReason::into_owned),
            result_info: self.result_info.map(ResultInfo::into_owned),
            recording_location: self.recording_location.map(owned_str),
            recording_access_token: self.recording_access_token.map(owned_str),
            extra: self
                .extra
                .into_iter()
                .map(ExtraProperty::into_owned)
                .collect(),
        }
    }
}

/// What `Debug` shows in place of the access token.
pub const REDACTED: &str = "<redacted>";

impl fmt::Debug for ExtraProperty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value: &str = if self.is_token_like() {
            REDACTED
        } else {
            &self.raw_value
        };
        f.debug_struct("ExtraProperty")
            .field("key", &self.key)
            .field("raw_key", &self.raw_key)
            .field("raw_value", &value)
            .finish()
    }
}

impl fmt::Debug for RecordOperation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = self.recording_access_token.clone().map(|_| REDACTED);
        f.debug_struct("RecordOperation")
            .field("odata_type", &self.odata_type)
            .field("id", &self.id)
            .field("client_context", &self.client_context)
            .field("status", &self.status)
            .field("completion_reason", &self.completion_reason)
            .field("result_info", &self.result_info)
            .field("recording_location", &self.recording_location)
            .field("recording_access_token", &token)
            .field("extra", &self.extra)
            .finish()
    }
}

impl fmt::Display for RecordOperation<'_> {
    /// A one-line summary: `recordOperation 0fe0… (completed, 200/8515)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "recordOperation {}",
            self.id.as_deref().unwrap_or("(no id)")
        )?;
        let status = match &self.status {
            Field::Value(status) => status.as_str(),
            Field::Null => "status null",
            Field::Absent => "no status",
        };
        write!(f, " ({status}")?;
        if let Some(info) = self.result_info.value() {
            match (info.code, info.subcode) {
                (Some(code), Some(subcode)) => write!(f, ", {code}/{subcode}")?,
                (Some(code), None) => write!(f, ", {code}")?,
                _ => {}
            }
        }
        if let Some(reason) = self.completion_reason.value() {
            write!(f, ", {reason}")?;
        }
        f.write_str(")")
    }
}
