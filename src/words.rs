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
