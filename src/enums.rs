//! The two enums of the schema, read in any ASCII case, with a variant that keeps undocumented
//! values verbatim instead of losing them.

use std::borrow::Cow;
use std::fmt;

/// How a text matched an enum's documented members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// Exactly the documented spelling.
    Documented,
    /// A documented member in another ASCII case (`Running`, `RUNNING`).
    OtherCase,
    /// Not a documented member: kept verbatim.
    Undocumented,
}

/// The documented member `text` names, exactly or in another ASCII case.
/// The members are borrowed, so nothing is moved or dropped while looking.
fn documented_member<M: Clone, const N: usize>(
    text: &str,
    members: &[M; N],
    name: fn(&M) -> &str,
) -> Option<(M, Spelling)> {
    members.iter().find_map(|member| {
        let documented = name(member);
        if text == documented {
            Some((member.clone(), Spelling::Documented))
        } else if text.eq_ignore_ascii_case(documented) {
            Some((member.clone(), Spelling::OtherCase))
        } else {
            None
        }
    })
}

/// `operationStatus`: where the operation is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OperationStatus<'a> {
    /// `notStarted`: accepted, not yet running.
    NotStarted,
    /// `running`: recording is under way.
    Running,
    /// `completed`: finished; the outcome is in resultInfo.
    Completed,
    /// `failed`: did not complete.
    Failed,
    /// A value the schema does not define, kept as it came.
    Undocumented(Cow<'a, str>),
}

impl<'a> OperationStatus<'a> {
    /// The documented members, in schema order.
    pub const DOCUMENTED: [OperationStatus<'static>; 4] = [
        OperationStatus::NotStarted,
        OperationStatus::Running,
        OperationStatus::Completed,
        OperationStatus::Failed,
    ];

    /// Reads a status in any ASCII case.
    pub fn parse(text: impl Into<Cow<'a, str>>) -> (Self, Spelling) {
        let text = text.into();
        // The documented spellings, by far the most common, first: one comparison.
        let exact = match &*text {
            "running" => Some(OperationStatus::Running),
            "completed" => Some(OperationStatus::Completed),
            "failed" => Some(OperationStatus::Failed),
            "notStarted" => Some(OperationStatus::NotStarted),
            _ => None,
        };
        if let Some(status) = exact {
            return (status, Spelling::Documented);
        }
        match documented_member(&text, &Self::DOCUMENTED, OperationStatus::as_str) {
            Some(found) => found,
            None => (OperationStatus::Undocumented(text), Spelling::Undocumented),
        }
    }

    /// The documented (camelCase) spelling, or the undocumented value as it came.
    pub fn as_str(&self) -> &str {
        match self {
            OperationStatus::NotStarted => "notStarted",
            OperationStatus::Running => "running",
            OperationStatus::Completed => "completed",
            OperationStatus::Failed => "failed",
            OperationStatus::Undocumented(value) => value,
        }
    }

    /// The schema's PascalCase member name (`Running`), which Microsoft's SDKs expect.
    pub fn pascal_case(&self) -> &str {
        match self {
            OperationStatus::NotStarted => "NotStarted",
            OperationStatus::Running => "Running",
            OperationStatus::Completed => "Completed",
            OperationStatus::Failed => "Failed",
            OperationStatus::Undocumented(value) => value,
        }
    }

    /// `completed` or `failed`: no more updates follow.
    pub fn is_terminal(&self) -> bool {
        matches!(self, OperationStatus::Completed | OperationStatus::Failed)
    }

    /// True for the undocumented variant.
    pub fn is_undocumented(&self) -> bool {
        matches!(self, OperationStatus::Undocumented(_))
    }

    /// Copies any borrowed text so the value outlives its input.
    pub fn into_owned(self) -> OperationStatus<'static> {
        match self {
            OperationStatus::NotStarted => OperationStatus::NotStarted,
            OperationStatus::Running => OperationStatus::Running,
            OperationStatus::Completed => OperationStatus::Completed,
            OperationStatus::Failed => OperationStatus::Failed,
            OperationStatus::Undocumented(value) => {
                OperationStatus::Undocumented(Cow::Owned(value.into_owned()))
            }
        }
    }
}

impl fmt::Display for OperationStatus<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! completion_reasons {
    ($( $(#[doc = $doc:literal])* $variant:ident => $name:literal, $description:literal; )*) => {
        /// `recordCompletionReason` (beta): why the recording ended.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum RecordCompletionReason<'a> {
            $( $(#[doc = $doc])* $variant, )*
            /// A value the schema does not define (the beta page lists `none`), kept as it came.
            Undocumented(Cow<'a, str>),
        }

        impl<'a> RecordCompletionReason<'a> {
            /// The documented members, in schema order.
            pub const DOCUMENTED: [RecordCompletionReason<'static>; 9] = [
                $( RecordCompletionReason::$variant, )*
            ];

            /// The documented member spelled exactly `text`.
            fn documented(text: &str) -> Option<RecordCompletionReason<'static>> {
                match text {
                    $( $name => Some(RecordCompletionReason::$variant), )*
                    _ => None,
                }
            }

            /// The documented spelling, or the undocumented value as it came.
            pub fn as_str(&self) -> &str {
                match self {
                    $( RecordCompletionReason::$variant => $name, )*
                    RecordCompletionReason::Undocumented(value) => value,
                }
            }

            /// One sentence saying what the reason means.
            pub fn description(&self) -> Cow<'static, str> {
                match self {
                    $( RecordCompletionReason::$variant => Cow::Borrowed($description), )*
                    RecordCompletionReason::Undocumented(value) if value.eq_ignore_ascii_case("none") => {
                        Cow::Borrowed("No completion reason was given (\"none\" is listed on the beta page but is not in the schema).")
                    }
                    RecordCompletionReason::Undocumented(value) => Cow::Owned(format!(
                        "An undocumented completion reason: {}.",
                        crate::diagnostics::quote(value)
                    )),
                }
            }

            /// Copies any borrowed text so the value outlives its input.
            pub fn into_owned(self) -> RecordCompletionReason<'static> {
                match self {
                    $( RecordCompletionReason::$variant => RecordCompletionReason::$variant, )*
                    RecordCompletionReason::Undocumented(value) => {
                        RecordCompletionReason::Undocumented(Cow::Owned(value.into_owned()))
                    }
                }
            }
        }
    };
}

completion_reasons! {
    /// `operationCanceled`.
    OperationCanceled => "operationCanceled", "The recording was canceled before it finished.";
    /// `stopToneDetected`.
    StopToneDetected => "stopToneDetected", "The caller pressed a stop tone, which ended the recording.";
    /// `maxRecordDurationReached`.
    MaxRecordDurationReached => "maxRecordDurationReached", "The recording reached its maximum duration and was stopped.";
    /// `initialSilenceTimeout`.
    InitialSilenceTimeout => "initialSilenceTimeout", "The caller stayed silent at the start for longer than the initial silence timeout.";
    /// `maxSilenceTimeout`.
    MaxSilenceTimeout => "maxSilenceTimeout", "The caller stayed silent for longer than the maximum silence timeout, which ended the recording.";
    /// `playPromptFailed`.
    PlayPromptFailed => "playPromptFailed", "The prompt before the recording could not be played.";
    /// `playBeepFailed`.
    PlayBeepFailed => "playBeepFailed", "The beep before the recording could not be played.";
    /// `mediaReceiveTimeout`.
    MediaReceiveTimeout => "mediaReceiveTimeout", "No media arrived from the caller in time.";
    /// `unspecifiedError`.
    UnspecifiedError => "unspecifiedError", "The recording ended because of an unspecified error.";
}

impl<'a> RecordCompletionReason<'a> {
    /// Reads a completion reason in any ASCII case.
    pub fn parse(text: impl Into<Cow<'a, str>>) -> (Self, Spelling) {
        let text = text.into();
        // The documented spellings, by far the most common, first: one match.
        if let Some(reason) = Self::documented(&text) {
            return (reason, Spelling::Documented);
        }
        match documented_member(&text, &Self::DOCUMENTED, RecordCompletionReason::as_str) {
            Some(found) => found,
            None => (
                RecordCompletionReason::Undocumented(text),
                Spelling::Undocumented,
            ),
        }
    }

    /// True for the undocumented variant.
    pub fn is_undocumented(&self) -> bool {
        matches!(self, RecordCompletionReason::Undocumented(_))
    }
}

impl fmt::Display for RecordCompletionReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_any_case() {
        assert_eq!(
            OperationStatus::parse("Running"),
            (OperationStatus::Running, Spelling::OtherCase)
        );
        assert_eq!(
            OperationStatus::parse("notStarted"),
            (OperationStatus::NotStarted, Spelling::Documented)
        );
        assert_eq!(OperationStatus::parse("paused").1, Spelling::Undocumented);
    }

    #[test]
    fn reasons_round_trip_their_names() {
        for reason in RecordCompletionReason::DOCUMENTED {
            let (parsed, spelling) = RecordCompletionReason::parse(reason.as_str().to_string());
            assert_eq!(parsed, reason);
            assert_eq!(spelling, Spelling::Documented);
            assert!(reason.description().ends_with('.'));
        }
    }
}
