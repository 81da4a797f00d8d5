//! A seeded generator for the unit tests that build random inputs: the same cases on every run.

/// A function giving a number below `n` at each call, from a 64-bit LCG seeded with `seed`.
pub(crate) fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    }
}
