//! Options for reading and writing.

/// The default input limit: 16 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// The default nesting limit: 128 levels of objects and arrays.
pub const DEFAULT_MAX_DEPTH: usize = 128;
/// The default issue limit: 100,000, far above any real payload, so that a hostile 16 MiB input
/// cannot make millions of issues (and run a wasm instance out of memory).
pub const DEFAULT_MAX_ISSUES: usize = 100_000;

/// How to read a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Strict mode makes every deviation an error, for producers testing their own payloads.
    /// Lenient mode (the default) makes only real type violations errors.
    pub strict: bool,
    /// Larger inputs are refused with `input_too_large`.
    pub max_input_bytes: usize,
    /// Deeper nesting is refused with `nesting_too_deep`.
    pub max_depth: usize,
    /// After this many issues, one more, `too_many_issues`, ends the reading.
    pub max_issues: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            strict: false,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_issues: DEFAULT_MAX_ISSUES,
        }
    }
}

impl ParseOptions {
    /// The default options in strict mode.
    pub fn strict() -> Self {
        ParseOptions {
            strict: true,
            ..ParseOptions::default()
        }
    }
}

/// How to write an operation back to JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteOptions {
    /// Write status as the schema's PascalCase member (`Running`), which Microsoft's SDKs require.
    pub pascal_case_status: bool,
    /// Leave out the recording access token.
    pub redact_token: bool,
}
