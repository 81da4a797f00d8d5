//! JSON Pointers (RFC 6901) built incrementally while reading, so an issue's path costs one copy.

use std::fmt::Write;

/// A JSON Pointer under construction: push a segment before reading a value, pop it after.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathBuf {
    text: String,
    /// The length before each pushed segment, so popping needs no search.
    marks: Vec<usize>,
}

impl PathBuf {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Cuts back to a length seen earlier with [`PathBuf::len`].
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while self.marks.last().is_some_and(|&mark| mark >= len) {
            self.marks.pop();
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        let mut p = PathBuf::default();
        p.push_key("a/b");
        p.push_key("m~n");
        p.push_index(3);
        assert_eq!(p.as_str(), "/a~1b/m~0n/3");
        p.pop();
        assert_eq!(p.as_str(), "/a~1b/m~0n");
        assert_eq!(child("", "@odata.type"), "/@odata.type");
    }
}
