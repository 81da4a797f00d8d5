//! A one-pass JSON reader over UTF-8 text: tokens as borrowed slices, strings decoded only when they
//! hold escapes, and an iterative skipper for values the schema does not define (so nesting depth is
//! a policy, never a stack overflow).

use std::borrow::Cow;
use std::collections::HashSet;

use crate::diagnostics::Diagnostics;
use crate::issue::IssueCode;
use crate::pointer::{Pointer, Segment};
use crate::words::{HIGHS, ONES};

/// Parsing stopped: a fatal issue (syntax, limits) was already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stop;

pub(crate) type Step<T> = Result<T, Stop>;

/// A JSON string token.
#[derive(Debug, Clone)]
pub(crate) struct StrToken<'a> {
    /// The token as written, quotes included.
    pub raw: &'a str,
    /// The decoded value.
    pub value: Cow<'a, str>,
    /// Byte offset of the opening quote.
    pub start: usize,
}

/// A JSON number token, as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberToken<'a> {
    pub raw: &'a str,
}

/// The kind of the next value, judged from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

impl ValueKind {
    /// `true`, `false` or `null`: the kind is only certain once the whole word was read.
    pub fn is_literal(self) -> bool {
        matches!(self, ValueKind::True | ValueKind::False | ValueKind::Null)
    }

    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Object => "an object",
            ValueKind::Array => "an array",
            ValueKind::String => "a string",
            ValueKind::Number => "a number",
            ValueKind::True | ValueKind::False => "a boolean",
            ValueKind::Null => "null",
        }
    }
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// Offset of the first newline read (`usize::MAX` while none was). Outside strings, where
    /// one is a syntax error, only whitespace can hold a newline, so none lies before
    /// `min(first_newline, pos)`: positions there need no rescanning.
    first_newline: usize,
}

/// One open container while skipping, with the segment it is at: `inside` an element, or the key
/// of the member being read.
enum SkipFrame<'a> {
    Array {
        index: usize,
        inside: bool,
    },
    Object {
        keys: KeySet<'a>,
        /// The current key's string token, as written.
        key: Option<&'a str>,
    },
}

/// Keys the reader knows by name: duplicates among them are tracked with one bit each, so reading
/// an ordinary object allocates nothing for duplicate detection. The discriminant is the bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum KnownKey {
    OdataType,
    Id,
    ClientContext,
    Status,
    CompletionReason,
    ResultInfo,
    RecordingLocation,
    RecordingAccessToken,
    RecordResourceLocation,
    RecordResourceAccessToken,
    Value,
    ResourceData,
    ChangeType,
    ResourceUrl,
    Resource,
    NextLink,
    Code,
    Subcode,
    SubCode,
    Message,
}

impl KnownKey {
    /// The key's name (no escape decodes to it, and it has no `~` or `/` to escape in a
    /// pointer): what a path segment of a known key renders without looking at its token.
    pub fn name(self) -> &'static str {
        match self {
            KnownKey::OdataType => "@odata.type",
            KnownKey::Id => "id",
            KnownKey::ClientContext => "clientContext",
            KnownKey::Status => "status",
            KnownKey::CompletionReason => "completionReason",
            KnownKey::ResultInfo => "resultInfo",
            KnownKey::RecordingLocation => "recordingLocation",
            KnownKey::RecordingAccessToken => "recordingAccessToken",
            KnownKey::RecordResourceLocation => "recordResourceLocation",
            KnownKey::RecordResourceAccessToken => "recordResourceAccessToken",
            KnownKey::Value => "value",
            KnownKey::ResourceData => "resourceData",
            KnownKey::ChangeType => "changeType",
            KnownKey::ResourceUrl => "resourceUrl",
            KnownKey::Resource => "resource",
            KnownKey::NextLink => "@odata.nextLink",
            KnownKey::Code => "code",
            KnownKey::Subcode => "subcode",
            KnownKey::SubCode => "subCode",
            KnownKey::Message => "message",
        }
    }

    /// The key's name, if the reader knows it (one length switch and one comparison).
    pub fn of(key: &str) -> Option<KnownKey> {
        Some(match key {
            "@odata.type" => KnownKey::OdataType,
            "id" => KnownKey::Id,
            "clientContext" => KnownKey::ClientContext,
            "status" => KnownKey::Status,
            "completionReason" => KnownKey::CompletionReason,
            "resultInfo" => KnownKey::ResultInfo,
            "recordingLocation" => KnownKey::RecordingLocation,
            "recordingAccessToken" => KnownKey::RecordingAccessToken,
            "recordResourceLocation" => KnownKey::RecordResourceLocation,
            "recordResourceAccessToken" => KnownKey::RecordResourceAccessToken,
            "value" => KnownKey::Value,
            "resourceData" => KnownKey::ResourceData,
            "changeType" => KnownKey::ChangeType,
            "resourceUrl" => KnownKey::ResourceUrl,
            "resource" => KnownKey::Resource,
            "@odata.nextLink" => KnownKey::NextLink,
            "code" => KnownKey::Code,
            "subcode" => KnownKey::Subcode,
            "subCode" => KnownKey::SubCode,
            "message" => KnownKey::Message,
            _ => return None,
        })
    }

    fn bit(self) -> u32 {
        1u32 << (self as u8)
    }
}

/// The keys of one object seen so far, for duplicate detection. Small objects compare linearly;
/// large ones switch to a hash set so a million keys stay linear time. The first few unknown keys
/// that need no decoding (the usual extras, `@odata.etag`, `@odata.id`) are kept inline, so an
/// ordinary object allocates nothing here.
#[derive(Default)]
pub(crate) struct KeySet<'a> {
    known: u32,
    inline: [&'a str; INLINE_KEYS],
    inline_len: usize,
    small: Vec<Cow<'a, str>>,
    large: Option<HashSet<Cow<'a, str>>>,
}

const LINEAR_KEY_LIMIT: usize = 16;
const INLINE_KEYS: usize = 4;

impl<'a> KeySet<'a> {
    /// True when the key was seen.
    pub fn contains(&self, key: &str) -> bool {
        if let Some(known) = KnownKey::of(key) {
            return self.contains_known(known);
        }
        self.contains_unknown(key)
    }

    fn contains_unknown(&self, key: &str) -> bool {
        match &self.large {
            Some(set) => set.contains(key),
            None => {
                let inline = self.inline.get(..self.inline_len).unwrap_or(&[]);
                inline.contains(&key) || self.small.iter().any(|k| k == key)
            }
        }
    }

    /// Adds a key; hands it back when it was already there.
    pub fn insert(&mut self, key: Cow<'a, str>) -> Option<Cow<'a, str>> {
        let known = KnownKey::of(&key);
        self.insert_classified(known, key)
    }

    /// True when this known key was seen.
    pub fn contains_known(&self, key: KnownKey) -> bool {
        self.known & key.bit() != 0
    }

    /// Adds a known key: false when it was already there.
    pub fn insert_known(&mut self, key: KnownKey) -> bool {
        let bit = key.bit();
        let new = self.known & bit == 0;
        self.known |= bit;
        new
    }

    /// [`KeySet::insert`] for a key already looked up with [`KnownKey::of`].
    pub fn insert_classified(
        &mut self,
        known: Option<KnownKey>,
        key: Cow<'a, str>,
    ) -> Option<Cow<'a, str>> {
        if let Some(known) = known {
            let bit = known.bit();
            if self.known & bit != 0 {
                return Some(key);
            }
            self.known |= bit;
            return None;
        }
        if let Some(set) = self.large.as_mut() {
            if set.contains(&key) {
                return Some(key);
            }
            set.insert(key);
            return None;
        }
        if self.contains_unknown(&key) {
            return Some(key);
        }
        match (key, self.inline.get_mut(self.inline_len)) {
            (Cow::Borrowed(borrowed), Some(slot)) => {
                *slot = borrowed;
                self.inline_len += 1;
            }
            (key, _) => self.small.push(key),
        }
        if self.inline_len + self.small.len() > LINEAR_KEY_LIMIT {
            let inline = self.inline.get(..self.inline_len).unwrap_or(&[]);
            let mut set: HashSet<Cow<'a, str>> = inline.iter().map(|k| Cow::Borrowed(*k)).collect();
            set.extend(self.small.drain(..));
            self.inline_len = 0;
            self.large = Some(set);
        }
        None
    }
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str, max_depth: usize) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            max_depth,
            first_newline: usize::MAX,
        }
    }

    /// How many bytes from the start are known to hold no newline: everything read so far, up to
    /// the first newline in whitespace.
    pub fn newline_free_prefix(&self) -> usize {
        self.pos.min(self.first_newline)
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    fn peek_byte(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    pub fn skip_whitespace(&mut self) {
        // Compact JSON has none: one comparison decides, inline.
        if matches!(self.peek_byte(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.skip_whitespace_run();
        }
    }

    #[inline(never)]
    fn skip_whitespace_run(&mut self) {
        loop {
            match self.peek_byte() {
                Some(b'\n') => {
                    self.first_newline = self.first_newline.min(self.pos);
                }
                Some(b' ' | b'\t' | b'\r') => {}
                _ => return,
            }
            self.pos += 1;
        }
    }

    /// Records a syntax error at the current position and stops.
    pub fn syntax_error<T>(
        &self,
        diag: &mut Diagnostics,
        path: &dyn Pointer,
        what: &str,
    ) -> Step<T> {
        let found = match self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
        {
            None => "the end of the text".to_string(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        };
        diag.push_at(
            IssueCode::JsonSyntax,
            path,
            self.pos,
            format!("invalid JSON: expected {what}, found {found}"),
        );
        Err(Stop)
    }

    /// Skips whitespace and tells what kind of value starts here.
    pub fn peek_value(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<ValueKind> {
        self.skip_whitespace();
        match self.peek_byte() {
            Some(b'{') => Ok(ValueKind::Object),
            Some(b'[') => Ok(ValueKind::Array),
            Some(b'"') => Ok(ValueKind::String),
            Some(b'-' | b'0'..=b'9') => Ok(ValueKind::Number),
            Some(b't') => Ok(ValueKind::True),
            Some(b'f') => Ok(ValueKind::False),
            Some(b'n') => Ok(ValueKind::Null),
            _ => self.syntax_error(diag, path, "a JSON value"),
        }
    }

    /// Consumes `byte` after optional whitespace, or records a syntax error.
    pub fn expect(
        &mut self,
        byte: u8,
        diag: &mut Diagnostics,
        path: &dyn Pointer,
        what: &str,
    ) -> Step<()> {
        self.skip_whitespace();
        if self.peek_byte() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.syntax_error(diag, path, what)
        }
    }

    /// After a member or element: true when another follows (`,`), false at the closing byte.
    pub fn next_in_container(
        &mut self,
        close: u8,
        diag: &mut Diagnostics,
        path: &dyn Pointer,
    ) -> Step<bool> {
        if diag.is_full() {
            return Err(Stop);
        }
        self.skip_whitespace();
        match self.peek_byte() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ if close == b'}' => self.syntax_error(diag, path, "',' or '}'"),
            _ => self.syntax_error(diag, path, "',' or ']'"),
        }
    }

    /// Right after `{` or `[`: true when the container is empty (and consumes the closing byte).
    pub fn container_is_empty(&mut self, close: u8) -> bool {
        self.skip_whitespace();
        if self.peek_byte() == Some(close) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Checks that nothing but whitespace follows the document.
    pub fn expect_end(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<()> {
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return self.syntax_error(diag, path, "the end of the text after the JSON value");
        }
        Ok(())
    }

    /// Checks the depth limit for a container about to open at `depth`.
    pub fn enter(&self, depth: usize, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<()> {
        if depth > self.max_depth {
            diag.push_at(
                IssueCode::NestingTooDeep,
                path,
                self.pos,
                format!(
                    "objects and arrays nest deeper than the limit of {} levels",
                    self.max_depth
                ),
            );
            return Err(Stop);
        }
        Ok(())
    }

    /// Reads a literal `true`, `false` or `null`.
    pub fn literal(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<ValueKind> {
        let kind = self.peek_value(diag, path)?;
        let word: &[u8] = match kind {
            ValueKind::True => b"true",
            ValueKind::False => b"false",
            ValueKind::Null => b"null",
            _ => return self.syntax_error(diag, path, "true, false or null"),
        };
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            self.syntax_error(diag, path, "true, false or null")
        }
    }

    /// Reads a number token, checking the JSON grammar.
    pub fn number(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<NumberToken<'a>> {
        self.skip_whitespace();
        let start = self.pos;
        if self.peek_byte() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek_byte() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.syntax_error(diag, path, "a digit"),
        }
        if self.peek_byte() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek_byte(), Some(b'0'..=b'9')) {
                return self.syntax_error(diag, path, "a digit after the decimal point");
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek_byte() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek_byte() {
                self.pos += 1;
            }
            if !matches!(self.peek_byte(), Some(b'0'..=b'9')) {
                return self.syntax_error(diag, path, "a digit in the exponent");
            }
            self.digits();
        }
        Ok(NumberToken {
            raw: self.slice(start, self.pos),
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek_byte() {
            self.pos += 1;
        }
    }

    /// Reads a string token and decodes it. The usual token, without escapes, is read here and
    /// borrowed; anything else (escapes, errors) goes to [`Scanner::string_slow`], which keeps
    /// this path small.
    pub fn string(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<StrToken<'a>> {
        self.skip_whitespace();
        let start = self.pos;
        if self.peek_byte() == Some(b'"') {
            let end = plain_run(self.bytes, start + 1);
            if self.bytes.get(end) == Some(&b'"') {
                self.pos = end + 1;
                // One checked slice: the value is the token without its quotes.
                let raw = self.slice(start, end + 1);
                let value = raw
                    .strip_prefix('"')
                    .and_then(|inner| inner.strip_suffix('"'))
                    .unwrap_or("");
                return Ok(StrToken {
                    raw,
                    value: Cow::Borrowed(value),
                    start,
                });
            }
        }
        self.string_slow(diag, path)
    }

    /// [`Scanner::string`] from the start, for a token with escapes or an error.
    #[inline(never)]
    fn string_slow(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<StrToken<'a>> {
        let start = self.pos;
        if self.peek_byte() != Some(b'"') {
            return self.syntax_error(diag, path, "a string");
        }
        self.pos += 1;
        let mut decoded = String::new();
        loop {
            let run_start = self.pos;
            self.pos = plain_run(self.bytes, self.pos);
            decoded.push_str(self.slice(run_start, self.pos));
            match self.peek_byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(StrToken {
                        raw: self.slice(start, self.pos),
                        value: Cow::Owned(decoded),
                        start,
                    });
                }
                Some(b'\\') => {
                    let c = self.escape(diag, path)?;
                    decoded.push(c);
                }
                Some(_) => {
                    return self.syntax_error(diag, path, "an escaped control character");
                }
                None => return self.syntax_error(diag, path, "the closing quote of the string"),
            }
        }
    }

    /// Skips a string token, checking escapes, without decoding it.
    pub fn skip_string(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<()> {
        if self.peek_byte() != Some(b'"') {
            return self.syntax_error(diag, path, "a string");
        }
        self.pos += 1;
        loop {
            self.pos = plain_run(self.bytes, self.pos);
            match self.peek_byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.escape(diag, path)?;
                }
                // plain_run stops only at a quote, a backslash or a control character.
                Some(_) => return self.syntax_error(diag, path, "an escaped control character"),
                None => return self.syntax_error(diag, path, "the closing quote of the string"),
            }
        }
    }

    /// Decodes one escape sequence starting at the backslash. A lone surrogate is reported and
    /// decoded as U+FFFD, never silently.
    fn escape(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<char> {
        let escape_start = self.pos;
        self.pos += 1;
        let c = match self.peek_byte() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4(diag, path)?;
                return self.surrogate_pair(unit, escape_start, diag, path);
            }
            _ => return self.syntax_error(diag, path, "a valid escape sequence"),
        };
        self.pos += 1;
        Ok(c)
    }

    fn surrogate_pair(
        &mut self,
        unit: u16,
        escape_start: usize,
        diag: &mut Diagnostics,
        path: &dyn Pointer,
    ) -> Step<char> {
        match unit {
            0xD800..=0xDBFF => {
                let rest = self.bytes.get(self.pos..self.pos + 2);
                if rest == Some(b"\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let low = self.hex4(diag, path)?;
                    if (0xDC00..=0xDFFF).contains(&low) {
                        let scalar = 0x10000
                            + ((u32::from(unit) - 0xD800) << 10)
                            + (u32::from(low) - 0xDC00);
                        return Ok(char::from_u32(scalar).unwrap_or('\u{FFFD}'));
                    }
                    self.pos = save;
                }
                self.lone_surrogate(unit, escape_start, diag, path);
                Ok('\u{FFFD}')
            }
            0xDC00..=0xDFFF => {
                self.lone_surrogate(unit, escape_start, diag, path);
                Ok('\u{FFFD}')
            }
            _ => Ok(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}')),
        }
    }

    fn lone_surrogate(&self, unit: u16, at: usize, diag: &mut Diagnostics, path: &dyn Pointer) {
        diag.push_at(
            IssueCode::LoneSurrogate,
            path,
            at,
            format!("the escape \\u{unit:04X} is a UTF-16 surrogate without its pair, which is not a character"),
        );
    }

    fn hex4(&mut self, diag: &mut Diagnostics, path: &dyn Pointer) -> Step<u16> {
        let mut value: u16 = 0;
        for _ in 0..4 {
            let digit = match self.peek_byte() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return self.syntax_error(diag, path, "four hex digits after \\u"),
            };
            value = (value << 4) | u16::from(digit);
            self.pos += 1;
        }
        Ok(value)
    }

    /// Skips any JSON value, checking its syntax, duplicate keys at every level and the depth limit.
    /// `depth` is the depth of the container the value sits in; `path` is the value's own path.
    /// Paths inside the value are only rendered when an issue is reported there. (`path` is taken
    /// as `&mut` for the callers' sake only: it is left as it came.)
    pub fn skip_value(
        &mut self,
        depth: usize,
        diag: &mut Diagnostics,
        path: &mut dyn Pointer,
    ) -> Step<()> {
        let path: &dyn Pointer = path;
        let kind = self.peek_value(diag, path)?;
        match kind {
            ValueKind::String => return self.skip_string(diag, path),
            ValueKind::Number => return self.number(diag, path).map(|_| ()),
            ValueKind::True | ValueKind::False | ValueKind::Null => {
                return self.literal(diag, path).map(|_| ())
            }
            ValueKind::Object | ValueKind::Array => {}
        }
        let mut stack: Vec<SkipFrame<'a>> = Vec::new();
        // Each iteration sits right before a value (`pending_value`) or right after one.
        let mut pending_value = true;
        loop {
            if pending_value {
                let here = Nested {
                    base: path,
                    frames: &stack,
                };
                match self.peek_value(diag, &here)? {
                    ValueKind::Object => {
                        self.enter(depth + stack.len() + 1, diag, &here)?;
                        self.pos += 1;
                        if self.container_is_empty(b'}') {
                            pending_value = false;
                        } else {
                            stack.push(SkipFrame::Object {
                                keys: KeySet::default(),
                                key: None,
                            });
                            self.object_key(&mut stack, diag, path)?;
                            continue;
                        }
                    }
                    ValueKind::Array => {
                        self.enter(depth + stack.len() + 1, diag, &here)?;
                        self.pos += 1;
                        if self.container_is_empty(b']') {
                            pending_value = false;
                        } else {
                            stack.push(SkipFrame::Array {
                                index: 0,
                                inside: true,
                            });
                            continue;
                        }
                    }
                    ValueKind::String => {
                        self.skip_string(diag, &here)?;
                        pending_value = false;
                    }
                    ValueKind::Number => {
                        self.number(diag, &here)?;
                        pending_value = false;
                    }
                    _ => {
                        self.literal(diag, &here)?;
                        pending_value = false;
                    }
                }
            }
            // After a value: continue or close the innermost container.
            let Some(frame) = stack.last_mut() else {
                return Ok(());
            };
            let close = match frame {
                SkipFrame::Array { inside, .. } => {
                    *inside = false;
                    b']'
                }
                SkipFrame::Object { key, .. } => {
                    *key = None;
                    b'}'
                }
            };
            let more = self.next_in_container(
                close,
                diag,
                &Nested {
                    base: path,
                    frames: &stack,
                },
            )?;
            if more {
                match stack.last_mut() {
                    Some(SkipFrame::Array { index, inside }) => {
                        *index += 1;
                        *inside = true;
                    }
                    Some(SkipFrame::Object { .. }) => self.object_key(&mut stack, diag, path)?,
                    None => {}
                }
                pending_value = true;
            } else {
                stack.pop();
                if stack.is_empty() {
                    return Ok(());
                }
            }
        }
    }

    /// Reads `"key":` inside the innermost object frame, checks for duplicates, and makes the key
    /// the frame's current segment.
    fn object_key(
        &mut self,
        stack: &mut [SkipFrame<'a>],
        diag: &mut Diagnostics,
        base: &dyn Pointer,
    ) -> Step<()> {
        let here = Nested {
            base,
            frames: stack,
        };
        let key = self.string(diag, &here)?;
        self.expect(b':', diag, &here, "':' after the key")?;
        let duplicate = match stack.last_mut() {
            Some(SkipFrame::Object { keys, key: current }) => {
                *current = Some(key.raw);
                keys.insert(key.value)
            }
            _ => None,
        };
        if let Some(duplicate) = duplicate {
            diag.push_at(
                IssueCode::DuplicateKey,
                &Nested {
                    base,
                    frames: stack,
                },
                key.start,
                duplicate_message(&duplicate),
            );
        }
        Ok(())
    }
}

/// The path inside a value being skipped: the value's own path, then the key or index each open
/// container is at.
struct Nested<'s, 'a> {
    base: &'s dyn Pointer,
    frames: &'s [SkipFrame<'a>],
}

impl Pointer for Nested<'_, '_> {
    fn write_pointer(&self, out: &mut String) {
        self.base.write_pointer(out);
        for frame in self.frames {
            match frame {
                SkipFrame::Array {
                    index,
                    inside: true,
                } => Segment::Index(*index).write_to(out),
                SkipFrame::Object { key: Some(key), .. } => Segment::Key(key).write_to(out),
                _ => {}
            }
        }
    }
}

/// Where the plain run inside a string that starts at `from` ends: the offset of the first quote,
/// backslash or control character, or the end of the text. Eight bytes at a time (see
/// [`special_bytes`]).
#[inline(always)]
fn plain_run(bytes: &[u8], from: usize) -> usize {
    let mut rest = bytes.get(from..).unwrap_or(&[]);
    let mut at = from;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let found = special_bytes(u64::from_le_bytes(*word));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
        rest = tail;
    }
    for &b in rest {
        if b < 0x20 || b == b'"' || b == b'\\' {
            break;
        }
        at += 1;
    }
    at
}

/// The bytes of `word` (eight bytes, little-endian) that end a plain run inside a string: `"`, `\\`
/// or a byte below 0x20, each flagged in its high bit. A borrow can flag a byte above a flagged
/// one by mistake, never below, so the lowest flag is exact: `trailing_zeros() / 8` is the index of
/// the first such byte.
fn special_bytes(word: u64) -> u64 {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let quote_zero = quote.wrapping_sub(ONES) & !quote;
    let backslash_zero = backslash.wrapping_sub(ONES) & !backslash;
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    (quote_zero | backslash_zero | control) & HIGHS
}

/// The decoded value of a string token that was already read once (so it is well formed): the
/// token without its quotes when it has no escapes, else decoded exactly as [`Scanner::string`]
/// did (a lone surrogate as U+FFFD).
pub(crate) fn decode_string_token(token: &str) -> Cow<'_, str> {
    let inner = token
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(token);
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut scanner = Scanner::new(token, 0);
    // Issues (a lone surrogate) were reported when the token was first read.
    let mut ignored = Diagnostics::new(false);
    // Straight to the escape path (the only one a token with a backslash takes); its second
    // caller also keeps wasm-opt from inlining it into the fast path of every string.
    match scanner.string_slow(&mut ignored, &crate::pointer::Root) {
        Ok(decoded) => decoded.value,
        Err(Stop) => Cow::Borrowed(inner),
    }
}

/// The message for a duplicate key.
pub(crate) fn duplicate_message(key: &str) -> String {
    format!(
        "the key {} appears more than once in this object; JSON with duplicate keys means different things to different readers",
        crate::diagnostics::quote(key)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_key_names_read_back_and_need_no_escaping() {
        let all = [
            KnownKey::OdataType,
            KnownKey::Id,
            KnownKey::ClientContext,
            KnownKey::Status,
            KnownKey::CompletionReason,
            KnownKey::ResultInfo,
            KnownKey::RecordingLocation,
            KnownKey::RecordingAccessToken,
            KnownKey::RecordResourceLocation,
            KnownKey::RecordResourceAccessToken,
            KnownKey::Value,
            KnownKey::ResourceData,
            KnownKey::ChangeType,
            KnownKey::ResourceUrl,
            KnownKey::Resource,
            KnownKey::NextLink,
            KnownKey::Code,
            KnownKey::Subcode,
            KnownKey::SubCode,
            KnownKey::Message,
        ];
        for known in all {
            assert_eq!(KnownKey::of(known.name()), Some(known));
            assert!(!known.name().contains(['~', '/', '\\', '"']), "{known:?}");
            // A path segment of the known key renders as the key token would.
            let token = format!("\"{}\"", known.name());
            let (mut by_name, mut by_token) = (String::new(), String::new());
            Segment::Known(known).write_to(&mut by_name);
            Segment::Key(&token).write_to(&mut by_token);
            assert_eq!(by_name, by_token);
        }
    }
}
