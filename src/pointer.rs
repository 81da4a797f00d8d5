//! JSON Pointers (RFC 6901). While reading, the path to the current value is kept as a cheap stack
//! of segments and rendered as pointer text only when an issue needs it.

use std::fmt::Write;

/// Where a value sits: anything that can write its JSON Pointer. Issues take a `&dyn Pointer`, so
/// the path is only turned into text when something is reported.
pub(crate) trait Pointer {
    /// Appends the pointer text (`""` for the document, `/a/0` …) to `out`.
    fn write_pointer(&self, out: &mut String);

    /// The pointer text.
    fn render(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write_pointer(&mut out);
        out
    }
}

/// A JSON Pointer built as text: push a segment before reading a value, pop it after. For readers
/// that keep decoded keys only briefly (the tracker's tree reader).
#[derive(Debug, Clone, Default)]
pub(crate) struct PathBuf {
    text: String,
    /// The length before each pushed segment, so popping needs no search.
    marks: Vec<usize>,
}

impl PathBuf {
    /// Appends an object key, escaping `~` as `~0` and `/` as `~1`.
    pub fn push_key(&mut self, key: &str) {
        self.marks.push(self.text.len());
        self.text.push('/');
        push_escaped(&mut self.text, key);
    }

    /// Appends an array index.
    pub fn push_index(&mut self, index: usize) {
        self.marks.push(self.text.len());
        // Writing to a String cannot fail.
        let _ = write!(self.text, "/{index}");
    }

    /// Removes the last segment.
    pub fn pop(&mut self) {
        let cut = self.marks.pop().unwrap_or(0);
        self.text.truncate(cut);
    }
}

impl Pointer for PathBuf {
    fn write_pointer(&self, out: &mut String) {
        out.push_str(&self.text);
    }
}

/// One step of a path: an object key or an array index. The key is its JSON string token as
/// written (quotes and escapes included), decoded only when a path is rendered: pushing one copies
/// two words, and nothing needs dropping.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment<'a> {
    Key(&'a str),
    /// A key the reader knows by name: rendered from its name, with nothing to check.
    Known(crate::scan::KnownKey),
    Index(usize),
}

impl Segment<'_> {
    pub fn write_to(&self, out: &mut String) {
        match self {
            Segment::Key(token) => {
                let inner = token
                    .strip_prefix('"')
                    .and_then(|rest| rest.strip_suffix('"'))
                    .unwrap_or(token);
                // The usual key has no escape to decode and nothing to escape: one scan, one copy.
                if has_pointer_specials(inner.as_bytes()) {
                    out.push('/');
                    push_escaped(out, &crate::scan::decode_string_token(token));
                } else {
                    out.push('/');
                    out.push_str(inner);
                }
            }
            Segment::Known(known) => {
                out.push('/');
                out.push_str(known.name());
            }
            Segment::Index(index) => {
                out.push('/');
                push_decimal(out, *index);
            }
        }
    }
}

/// True when a key token's bytes hold a `\\` (an escape to decode) or a `~` or `/` (to escape as
/// `~0`, `~1`). Eight bytes at a time: keys are a word or two long.
fn has_pointer_specials(bytes: &[u8]) -> bool {
    use crate::words::{every_byte, ONES};
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x;
    !every_byte(
        bytes,
        // A borrow can only flag a byte above a truly flagged one, so "any flag" is exact.
        |word| {
            zero_byte(word ^ (ONES * u64::from(b'\\')))
                | zero_byte(word ^ (ONES * u64::from(b'~')))
                | zero_byte(word ^ (ONES * u64::from(b'/')))
        },
        |b| !matches!(b, b'\\' | b'~' | b'/'),
    )
}

/// How many segments [`Segments`] keeps without allocating: payloads rarely nest deeper.
const INLINE_SEGMENTS: usize = 8;

/// The path of the value being read as a stack of segments borrowed from the text: pushing a key
/// copies no bytes and escapes nothing, and the first few segments need no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Segments<'a> {
    head: [Segment<'a>; INLINE_SEGMENTS],
    /// Segments in use; those past `INLINE_SEGMENTS` are in `spill`. Entries of `head` at or
    /// past `len` are stale and ignored.
    len: usize,
    spill: Vec<Segment<'a>>,
}

impl Default for Segments<'_> {
    fn default() -> Self {
        Segments {
            head: [Segment::Index(0); INLINE_SEGMENTS],
            len: 0,
            spill: Vec::new(),
        }
    }
}

impl<'a> Segments<'a> {
    /// Pushes an object key given as its string token (`"key"`, quotes included, as written).
    pub fn push_key(&mut self, token: &'a str) {
        self.push(Segment::Key(token));
    }

    /// Pushes a key the reader knows, as [`KnownKey::of`](crate::scan::KnownKey::of) found it
    /// from the key's decoded value.
    pub fn push_known(&mut self, known: crate::scan::KnownKey) {
        self.push(Segment::Known(known));
    }

    pub fn push_index(&mut self, index: usize) {
        self.push(Segment::Index(index));
    }

    fn push(&mut self, segment: Segment<'a>) {
        match self.head.get_mut(self.len) {
            Some(slot) => *slot = segment,
            None => self.spill.push(segment),
        }
        self.len += 1;
    }

    pub fn pop(&mut self) {
        if self.len > INLINE_SEGMENTS {
            self.spill.pop();
        }
        self.len = self.len.saturating_sub(1);
    }

    fn segments(&self) -> impl Iterator<Item = &Segment<'a>> {
        let inline = self.head.get(..self.len).unwrap_or(&self.head);
        inline.iter().chain(&self.spill)
    }
}

impl Pointer for Segments<'_> {
    fn write_pointer(&self, out: &mut String) {
        for segment in self.segments() {
            segment.write_to(out);
        }
    }

    fn render(&self) -> String {
        if self.len == 0 {
            return String::new();
        }
        // The exact length when no key needs decoding or escaping (a key token's quotes make
        // room for its `/`), so the text is written without growing.
        let capacity: usize = self
            .segments()
            .map(|segment| match segment {
                Segment::Key(token) => token.len().saturating_sub(1),
                Segment::Known(known) => 1 + known.name().len(),
                Segment::Index(_) => 21,
            })
            .sum();
        let mut out = String::with_capacity(capacity);
        self.write_pointer(&mut out);
        out
    }
}

/// The document itself (`""`).
pub(crate) struct Root;

impl Pointer for Root {
    fn write_pointer(&self, _out: &mut String) {}
}

/// Appends `value` in decimal, without the formatting machinery (an index per rendered path).
fn push_decimal(out: &mut String, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    // Filled from the end, so the digits come out in order as one string.
    while let Some(slot) = start.checked_sub(1).and_then(|at| digits.get_mut(at)) {
        *slot = b'0' + (value % 10) as u8;
        start -= 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    if let Ok(text) = std::str::from_utf8(digits.get(start..).unwrap_or(&[])) {
        out.push_str(text);
    }
}

/// Appends `segment` to `out` with RFC 6901 escaping.
pub(crate) fn push_escaped(out: &mut String, segment: &str) {
    if !segment.bytes().any(|b| b == b'~' || b == b'/') {
        out.push_str(segment);
        return;
    }
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Joins a pointer and one key, escaped.
pub(crate) fn child(parent: &str, key: &str) -> String {
    let mut out = String::with_capacity(parent.len() + key.len() + 1);
    out.push_str(parent);
    out.push('/');
    push_escaped(&mut out, key);
    out
}

/// A pointer followed by one more key.
pub(crate) fn child_of(parent: &dyn Pointer, key: &str) -> String {
    let mut out = String::with_capacity(32);
    parent.write_pointer(&mut out);
    out.push('/');
    push_escaped(&mut out, key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_specials_words_agree_with_bytes() {
        for bytes in crate::words::one_byte_variants() {
            let simple = bytes.iter().any(|&b| matches!(b, b'\\' | b'~' | b'/'));
            assert_eq!(has_pointer_specials(&bytes), simple, "{bytes:?}");
        }
    }

    #[test]
    fn escapes_tilde_and_slash() {
        let mut p = PathBuf::default();
        p.push_key("a/b");
        p.push_key("m~n");
        p.push_index(3);
        assert_eq!(p.render(), "/a~1b/m~0n/3");
        p.pop();
        assert_eq!(p.render(), "/a~1b/m~0n");
        assert_eq!(child("", "@odata.type"), "/@odata.type");
    }

    #[test]
    fn segments_render_like_the_text_path() {
        let mut s = Segments::default();
        assert_eq!(s.render(), "");
        s.push_key("\"a/b\"");
        s.push_key("\"m\\u007en\"");
        s.push_index(3);
        assert_eq!(s.render(), "/a~1b/m~0n/3");
        s.pop();
        assert_eq!(s.render(), "/a~1b/m~0n");
        assert_eq!(child_of(&s, "x/y"), "/a~1b/m~0n/x~1y");
        // Deeper than the inline segments, and back.
        for index in 0..20 {
            s.push_index(index);
        }
        let deep: String = (0..20).map(|index| format!("/{index}")).collect();
        let mut big = Segments::default();
        big.push_index(usize::MAX);
        big.push_index(1_000_000);
        assert_eq!(big.render(), format!("/{}/1000000", usize::MAX));
        assert_eq!(s.render(), format!("/a~1b/m~0n{deep}"));
        for _ in 0..20 {
            s.pop();
        }
        assert_eq!(s.render(), "/a~1b/m~0n");
        assert_eq!(Root.render(), "");
    }
}
