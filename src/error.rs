//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong when handing text to the library.
///
/// Extraction itself never fails on valid UTF-8: odd text is simply not a
/// fact. Errors come from the edges: bytes that are not UTF-8, inputs over
/// the configured size limit, files that cannot be read, and values that do
/// not parse when a caller uses the parsers directly.
///
/// ```
/// use zonefacts::{Error, Extractor};
///
/// let err = Extractor::new().extract_bytes(b"ok \xff").unwrap_err();
/// assert!(matches!(err, Error::InvalidUtf8 { offset: 3 }));
/// assert_eq!(err.to_string(), "input is not valid UTF-8 at byte offset 3");
/// ```
#[derive(Debug, thiserror::Error)]
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
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    #[error("{}: not valid UTF-8 at byte offset {offset}", path.display())]
    FileNotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// A numeral given to [`numeral::parse`](crate::numeral::parse) is not one.
    #[error(transparent)]
    Numeral(#[from] crate::numeral::NumeralError),
    /// A date given to a date parser is not a valid date.
    #[error("not a valid date: {0}")]
    InvalidDate(String),
}
