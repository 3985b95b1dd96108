//! The crate's errors: [`Error`] for what can go wrong when handing text to
//! the library, [`ParseError`] for strings that do not parse as one of its
//! types (every `FromStr` of the crate returns it).

/// Everything that can go wrong when handing text to the library.
///
/// Extraction itself never fails on valid UTF-8: odd text is simply not a
/// fact. Errors come from the edges: bytes that are not UTF-8 and inputs
/// over the configured size limit. Reading files, decoding other encodings
/// and the like belong to the caller (the `zonefacts` tool has its own
/// error type for them).
///
/// ```
/// use zonefacts::{Error, Extractor};
///
/// let err = Extractor::new().extract_bytes(b"ok \xff").unwrap_err();
/// assert!(matches!(err, Error::InvalidUtf8 { offset: 3 }));
/// assert_eq!(err.to_string(), "input is not valid UTF-8 at byte offset 3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not UTF-8; `offset` is the first bad byte.
    #[error("input is not valid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not part of a valid sequence.
        offset: usize,
    },
    /// The input is larger than [`ExtractorBuilder::max_input_len`](crate::ExtractorBuilder::max_input_len).
    #[error("input of {len} bytes is over the limit of {max} bytes")]
    InputTooLarge {
        /// Length of the input in bytes.
        len: usize,
        /// The configured limit in bytes.
        max: usize,
    },
}

/// The error for a string that names no [`Kind`](crate::Kind),
/// [`Approx`](crate::Approx), unit, amount or date: what every `FromStr` of
/// the crate returns.
///
/// ```
/// let err = "2021-02-30".parse::<zonefacts::CalendarDate>().unwrap_err();
/// assert_eq!(err.to_string(), "not a valid date: \"2021-02-30\"");
/// let err = "money,cash".parse::<zonefacts::KindSet>().unwrap_err();
/// assert_eq!(err.what(), "kind");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a valid {what}: {value:?}")]
pub struct ParseError {
    what: &'static str,
    value: String,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, value: &str) -> ParseError {
        ParseError { what, value: value.to_string() }
    }

    /// What the string should have been: `"kind"`, `"date"`, `"amount"`, …
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The string that did not parse.
    pub fn value(&self) -> &str {
        &self.value
    }
}
