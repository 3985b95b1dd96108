//! The tool's errors: what can go wrong with one input. Each is reported on
//! stderr as `zonefacts: NAME: message`, and the other inputs go on.

use std::io;

/// Why an input could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Bytes that are not valid in the encoding named with `--encoding` (or
    /// announced by a byte order mark).
    #[error("input is not valid {} at byte offset {offset}", pretty(encoding))]
    Malformed {
        /// The encoding's name.
        encoding: &'static str,
        /// Byte offset of the first bad byte in the file.
        offset: u64,
    },
    /// A file that is UTF-8 up to a bad byte.
    #[error(
        "input is not valid UTF-8 at byte offset {offset} (the text before it is UTF-8; \
         name another encoding with --encoding if it is not)"
    )]
    DamagedUtf8 {
        /// Byte offset of the first bad byte.
        offset: u64,
    },
    /// A file that is neither UTF-8 nor GB18030.
    #[error(
        "input is neither UTF-8 (bad byte at offset {utf8}) nor GB18030 (bad byte at offset {gb18030}); \
         name its encoding with --encoding"
    )]
    Undecodable {
        /// Byte offset of the first byte that is not UTF-8.
        utf8: u64,
        /// Byte offset of the first byte that is not GB18030.
        gb18030: u64,
    },
    /// A JSON Lines record that is not UTF-8 (JSON always is).
    #[error("input is not valid UTF-8 at byte offset {offset} (byte {in_line} of the line)")]
    RecordNotUtf8 {
        /// Byte offset in the file.
        offset: u64,
        /// Byte offset in the line.
        in_line: u64,
    },
    /// A JSON Lines record that does not parse.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A JSON Lines record that is not an object.
    #[error("not a JSON object")]
    NotAnObject,
    /// A JSON Lines record without the text field.
    #[error("no field {0:?}")]
    NoField(String),
    /// A JSON Lines record whose text field is not a string.
    #[error("field {0:?} is not a string")]
    NotAString(String),
    /// The library refused the input.
    #[error("{0}")]
    Library(#[from] zonefacts::Error),
    /// A directory named on the command line in which nothing could be read.
    #[error("no file to read in this directory: {held} (read are {wanted})")]
    NothingInDirectory {
        /// What the directory holds, e.g. `3 .pdf files, 1 .docx file`.
        held: String,
        /// The extensions that are read.
        wanted: &'static str,
    },
}

fn pretty(encoding: &str) -> String {
    match encoding {
        "utf-8" => "UTF-8".to_string(),
        "utf-16le" => "UTF-16LE".to_string(),
        "utf-16be" => "UTF-16BE".to_string(),
        "gb18030" => "GB18030".to_string(),
        "gbk" => "GBK".to_string(),
        other => other.to_ascii_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        assert_eq!(
            Error::Malformed { encoding: "utf-8", offset: 13 }.to_string(),
            "input is not valid UTF-8 at byte offset 13"
        );
        let e = Error::Undecodable { utf8: 2, gb18030: 5 }.to_string();
        assert!(e.contains("offset 2") && e.contains("offset 5") && e.contains("--encoding"), "{e}");
        let e = Error::from(zonefacts::Error::InputTooLarge { len: 300 << 20, max: 256 << 20 }).to_string();
        assert_eq!(e, "input of 314572800 bytes is over the limit of 268435456 bytes");
        let e = Error::RecordNotUtf8 { offset: 70, in_line: 10 }.to_string();
        assert_eq!(e, "input is not valid UTF-8 at byte offset 70 (byte 10 of the line)");
        let e = Error::NothingInDirectory { held: "2 .pdf files".into(), wanted: ".txt" }.to_string();
        assert_eq!(e, "no file to read in this directory: 2 .pdf files (read are .txt)");
    }
}
