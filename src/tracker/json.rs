//! A small JSON tree read with the crate's own scanner (for the tracker's saved state and for
//! request bodies).

use std::borrow::Cow;

use crate::diagnostics::Diagnostics;
use crate::issue::IssueCode;
use crate::pointer::PathBuf;
use crate::scan::{duplicate_message, KeySet, Scanner, Step, ValueKind};

/// One value of the tree, with where it sits in the text.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    /// Byte offset where the value starts.
    pub start: usize,
    /// Byte offset just after the value.
    pub end: usize,
    /// The value.
    pub value: Value<'a>,
}

/// A JSON value. Members named in `raw_keys` are not read into the tree: they stay [`Value::Raw`].
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    /// The number token as written.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    /// Members in document order; a duplicate key is reported and its later value dropped.
    Object(Vec<Member<'a>>),
    /// A value checked for syntax but kept as text (see `raw_keys`).
    Raw(&'a str),
}

/// One object member.
#[derive(Debug, Clone)]
pub(crate) struct Member<'a> {
    pub key: Cow<'a, str>,
    /// The key as written, quotes and escapes included.
    pub raw_key: &'a str,
    /// Byte offset of the key's opening quote.
    pub key_start: usize,
    pub node: Node<'a>,
}

impl<'a> Node<'a> {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.node),
            _ => None,
        }
    }

    /// How the value is described in messages.
    pub fn describe(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Raw(text) if text.starts_with('[') => "an array",
            Value::Raw(text) if text.starts_with('{') => "an object",
            Value::Raw(_) => "a value",
        }
    }

    /// The string value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }
}

/// The node a JSON Pointer names, or the deepest existing node on its way.
pub(crate) fn find_pointer<'n, 'a>(root: &'n Node<'a>, pointer: &str) -> Option<&'n Node<'a>> {
    let mut node = root;
    for segment in pointer.split('/').skip(1) {
        let key = unescape_segment(segment);
        let next = match &node.value {
            Value::Object(_) => node.get(&key),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|index| items.get(index)),
            _ => None,
        };
        match next {
            Some(next) => node = next,
            None => return Some(node),
        }
    }
    Some(node)
}

/// A JSON Pointer segment with `~1` read as `/` and `~0` as `~` (in one pass, which gives what
/// replacing `~1` and then `~0` gives, without the general `str::replace`).
fn unescape_segment(segment: &str) -> String {
    let mut key = String::with_capacity(segment.len());
    let mut chars = segment.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            key.push(c);
            continue;
        }
        let rest = chars.as_str();
        if rest.starts_with('1') {
            key.push('/');
            chars.next();
        } else if rest.starts_with('0') {
            key.push('~');
            chars.next();
        } else {
            key.push('~');
        }
    }
    key
}

/// The deepest tree this reader builds, whatever the options say: it recurses once per level, and
/// request bodies and saved states are shallow, so a raised `max_depth` must not be able to
/// overflow the (small, in wasm) stack. Deeper values stay raw where `raw_keys` says so.
pub(crate) const TREE_MAX_DEPTH: usize = 256;

/// Reads a whole document into a tree. Issues (syntax, depth, duplicate keys) go to `diag`;
/// `None` when the text could not be read to its end. Nesting past `max_depth`, or past
/// [`TREE_MAX_DEPTH`], is `nesting_too_deep`.
pub(crate) fn read_document<'a>(
    text: &'a str,
    max_depth: usize,
    raw_keys: &[&str],
    diag: &mut Diagnostics,
) -> Option<Node<'a>> {
    let mut reader = TreeReader {
        scan: Scanner::new(text, max_depth.min(TREE_MAX_DEPTH)),
        path: PathBuf::default(),
        raw_keys,
    };
    let node = reader.value(0, diag).ok()?;
    reader.scan.expect_end(diag, &reader.path).ok()?;
    Some(node)
}

struct TreeReader<'a, 'k> {
    scan: Scanner<'a>,
    path: PathBuf,
    raw_keys: &'k [&'k str],
}

impl<'a> TreeReader<'a, '_> {
    /// Reads the value at the current position; `depth` is the depth of its container.
    fn value(&mut self, depth: usize, diag: &mut Diagnostics) -> Step<Node<'a>> {
        let kind = self.scan.peek_value(diag, &self.path)?;
        let start = self.scan.pos();
        let value = match kind {
            ValueKind::Object => self.object(depth + 1, diag)?,
            ValueKind::Array => self.array(depth + 1, diag)?,
            ValueKind::String => Value::String(self.scan.string(diag, &self.path)?.value),
            ValueKind::Number => Value::Number(self.scan.number(diag, &self.path)?.raw),
            ValueKind::True | ValueKind::False | ValueKind::Null => {
                match self.scan.literal(diag, &self.path)? {
                    ValueKind::True => Value::Bool(true),
                    ValueKind::False => Value::Bool(false),
                    _ => Value::Null,
                }
            }
        };
        Ok(Node {
            start,
            end: self.scan.pos(),
            value,
        })
    }

    fn object(&mut self, depth: usize, diag: &mut Diagnostics) -> Step<Value<'a>> {
        self.scan.enter(depth, diag, &self.path)?;
        self.scan.expect(b'{', diag, &self.path, "'{'")?;
        let mut members = Vec::new();
        let mut keys = KeySet::default();
        if self.scan.container_is_empty(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            let key = self.scan.string(diag, &self.path)?;
            self.scan
                .expect(b':', diag, &self.path, "':' after the key")?;
            self.path.push_key(&key.value);
            let node = if self.raw_keys.contains(&&*key.value) {
                self.scan.skip_whitespace();
                let start = self.scan.pos();
                self.scan.skip_value(depth, diag, &mut self.path)?;
                let end = self.scan.pos();
                Node {
                    start,
                    end,
                    value: Value::Raw(self.scan.slice(start, end)),
                }
            } else {
                self.value(depth, diag)?
            };
            if let Some(duplicate) = keys.insert(key.value.clone()) {
                diag.push_at(
                    IssueCode::DuplicateKey,
                    &self.path,
                    key.start,
                    duplicate_message(&duplicate),
                );
            } else {
                members.push(Member {
                    key: key.value,
                    raw_key: key.raw,
                    key_start: key.start,
                    node,
                });
            }
            self.path.pop();
            if !self.scan.next_in_container(b'}', diag, &self.path)? {
                return Ok(Value::Object(members));
            }
        }
    }

    fn array(&mut self, depth: usize, diag: &mut Diagnostics) -> Step<Value<'a>> {
        self.scan.enter(depth, diag, &self.path)?;
        self.scan.expect(b'[', diag, &self.path, "'['")?;
        let mut items = Vec::new();
        if self.scan.container_is_empty(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            self.path.push_index(items.len());
            items.push(self.value(depth, diag)?);
            self.path.pop();
            if !self.scan.next_in_container(b']', diag, &self.path)? {
                return Ok(Value::Array(items));
            }
        }
    }
}
