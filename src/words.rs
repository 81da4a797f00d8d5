//! "Is every byte of this kind?" eight bytes at a time: the readers ask it of short strings (types,
//! statuses, URLs, quoted values) often enough that a byte loop shows in profiles.

/// `0x01` in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// True when `flagged` marks no byte (in its high bit) of any whole eight-byte word of `bytes`
/// (little-endian), and every byte after the last whole word is `ok`.
#[inline(always)]
pub(crate) fn every_byte(
    bytes: &[u8],
    flagged: impl Fn(u64) -> u64,
    ok: impl Fn(u8) -> bool,
) -> bool {
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            return false;
        };
        if flagged(u64::from_le_bytes(word)) & HIGHS != 0 {
            return false;
        }
    }
    words.remainder().iter().all(|&b| ok(b))
}

/// UTF-16 units of UTF-8 bytes: one per byte that is not a continuation byte (`10xxxxxx`), one
/// more for each four-byte lead (`11110xxx`, a surrogate pair). The bindings walk a whole collection
/// with it, so 64 ASCII bytes are taken at once and other words eight bytes at a time.
pub(crate) fn utf16_units(bytes: &[u8]) -> usize {
    // Chunks are eight bytes: the conversion cannot fail.
    let word = |chunk: &[u8]| <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
    // Bit 7 of each byte, with the byte's bit 6 (continuation: 10) or bits 6-4 (four-byte lead:
    // 1111) shifted under it.
    let units_of = |x: u64| {
        if x & HIGHS == 0 {
            return 8;
        }
        let continuation = (x & !(x << 1) & HIGHS).count_ones() as usize;
        let four_byte_lead = (x & (x << 1) & (x << 2) & (x << 3) & HIGHS).count_ones() as usize;
        8 - continuation + four_byte_lead
    };
    let mut units = 0usize;
    let mut rest = bytes;
    while let Some((block, tail)) = rest.split_first_chunk::<64>() {
        let any = block
            .chunks_exact(8)
            .fold(0u64, |any, chunk| any | word(chunk));
        units += if any & HIGHS == 0 {
            64
        } else {
            block
                .chunks_exact(8)
                .map(|chunk| units_of(word(chunk)))
                .sum::<usize>()
        };
        rest = tail;
    }
    let chunks = rest.chunks_exact(8);
    let tail = chunks.remainder();
    units += chunks.map(|chunk| units_of(word(chunk))).sum::<usize>();
    units
        + tail
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum::<usize>()
}

/// Byte strings of lengths around eight-byte word boundaries, all `a` but for one byte of every
/// value at every position: what a word-at-a-time check must agree with a byte loop on.
#[cfg(test)]
pub(crate) fn one_byte_variants() -> impl Iterator<Item = Vec<u8>> {
    [0usize, 1, 7, 8, 9, 16, 23].into_iter().flat_map(|len| {
        (0..len).flat_map(move |at| {
            (0..=255u8).map(move |byte| {
                let mut bytes = vec![b'a'; len];
                if let Some(slot) = bytes.get_mut(at) {
                    *slot = byte;
                }
                bytes
            })
        })
    })
}

/// Sorts `(offset, index)` pairs. They are distinct, so any sort gives the one order; this one is
/// a few hundred bytes of wasm where the standard library's stable sort is about 6 KB (2.5 KB
/// gzip). Already sorted (the usual issue list) costs one pass; a short list (an operation's
/// offsets) is insertion-sorted; a long one is heapsorted, O(n log n) whatever the order.
pub(crate) fn sort_pairs(pairs: &mut [(usize, usize)]) {
    if pairs.is_sorted() {
        return;
    }
    let len = pairs.len();
    if len <= 16 {
        for end in 1..len {
            let mut at = end;
            while at > 0 && pairs.get(at - 1) > pairs.get(at) {
                pairs.swap(at - 1, at);
                at -= 1;
            }
        }
        return;
    }
    for root in (0..len / 2).rev() {
        sift_down(pairs, root, len);
    }
    for end in (1..len).rev() {
        pairs.swap(0, end);
        sift_down(pairs, 0, end);
    }
}

/// Moves `pairs[root]` down the max-heap `pairs[..end]` to its place.
fn sift_down(pairs: &mut [(usize, usize)], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && pairs.get(child) < pairs.get(child + 1) {
            child += 1;
        }
        if pairs.get(root) >= pairs.get(child) {
            return;
        }
        pairs.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `utf16_units` agrees with counting UTF-16 units of the decoded text, for ASCII and every
    /// width of UTF-8 sequence at every position around the 8- and 64-byte blocks.
    #[test]
    fn utf16_units_counts_utf16_units() {
        for len in [0usize, 1, 7, 8, 9, 63, 64, 65, 127, 128, 130] {
            for ch in ['a', 'é', 'ü', '€', '𝄞'] {
                for at in 0..=len {
                    let text: String = "a".repeat(at) + &ch.to_string() + &"b".repeat(len - at);
                    assert_eq!(
                        utf16_units(text.as_bytes()),
                        text.encode_utf16().count(),
                        "{text:?}"
                    );
                }
            }
        }
        let mixed = "ab€𝄞é".repeat(50);
        assert_eq!(utf16_units(mixed.as_bytes()), mixed.encode_utf16().count());
    }

    /// `sort_pairs` gives the standard sort's order: sorted, reversed, nearly sorted and random
    /// lists, short (insertion sort) and long (heapsort).
    #[test]
    fn sort_pairs_agrees_with_the_standard_sort() {
        let mut seed = 0x9e37_79b9_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize
        };
        for len in (0..40).chain([100, 1000]) {
            let sorted: Vec<(usize, usize)> = (0..len).map(|i| (i / 3, i)).collect();
            let reversed: Vec<(usize, usize)> = sorted.iter().rev().copied().collect();
            let mut nearly = sorted.clone();
            if len > 3 {
                nearly.swap(1, len - 2);
            }
            let random: Vec<(usize, usize)> = (0..len).map(|i| (next() % 50, i)).collect();
            for case in [sorted, reversed, nearly, random] {
                let mut expected = case.clone();
                expected.sort();
                let mut actual = case;
                sort_pairs(&mut actual);
                assert_eq!(actual, expected, "length {len}");
            }
        }
    }
}
