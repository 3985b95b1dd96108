//! Text encodings: which one a file is in, and its text as UTF-8.
//!
//! Without `--encoding`, a file is read as
//!
//! 1. UTF-8 when it starts with the UTF-8 byte order mark (the mark is kept
//!    in the text, so that offsets are the file's own bytes), UTF-16 when it
//!    starts with a UTF-16 one (the mark is dropped);
//! 2. else UTF-8 when it is valid UTF-8;
//! 3. else, for an HTML file, the encoding its `<meta charset>` declares,
//!    when that decodes it;
//! 4. else GB18030 (which includes GBK and GB2312) when it decodes without
//!    error, unless the bytes before the first bad UTF-8 byte already hold
//!    three or more CJK characters in UTF-8: that is a damaged UTF-8 file,
//!    not a GB18030 one, and it is reported as such.
//!
//! Decoding is strict: a byte sequence that is not valid in the encoding is
//! an error naming its byte offset in the file, never a replacement
//! character.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::Error;

/// What `--encoding` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingChoice {
    /// Detect it (the default).
    Auto,
    /// This encoding, whatever the bytes look like.
    Fixed(&'static Encoding),
}

impl EncodingChoice {
    /// `auto` or a WHATWG encoding label (`utf-8`, `gbk`, `gb18030`,
    /// `big5`, `utf-16le`, …), any case.
    pub fn parse(s: &str) -> Option<EncodingChoice> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("auto") {
            return Some(EncodingChoice::Auto);
        }
        // `utf-16` alone is little-endian for WHATWG; keep it.
        Encoding::for_label(s.as_bytes()).map(EncodingChoice::Fixed)
    }
}

/// A text read from bytes, with the encoding it was read in.
#[derive(Debug)]
pub struct Decoded {
    /// The text in UTF-8 (valid: checked here). Bytes, not a `String`: a
    /// file in UTF-8 is checked once, by [`utf8`], and taken as it is
    /// ([`crate::extract`] borrows its `&str` from these bytes).
    pub text: Vec<u8>,
    /// The encoding's name, lower case: `utf-8`, `utf-16le`, `gb18030`, …
    pub encoding: &'static str,
}

/// The lower-case name of an encoding, as the JSON output gives it.
pub fn name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "gb18030" => "gb18030",
        "GBK" => "gbk",
        "Big5" => "big5",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "ISO-2022-JP" => "iso-2022-jp",
        "windows-1252" => "windows-1252",
        other => other,
    }
}

/// How many CJK characters (U+0800 and above: three UTF-8 bytes or more)
/// before the first bad byte make a file damaged UTF-8 rather than GB18030.
const UTF8_EVIDENCE: usize = 3;

/// Decodes `bytes` as `choice` says. `html` allows the `<meta charset>`
/// of an HTML page to name the encoding.
pub fn decode(bytes: Vec<u8>, choice: EncodingChoice, html: bool) -> Result<Decoded, Error> {
    match choice {
        EncodingChoice::Fixed(enc) => decode_as(bytes, enc),
        EncodingChoice::Auto => detect(bytes, html),
    }
}

/// Decodes as `enc`, dropping a byte order mark of that encoding (a UTF-8
/// one is kept: offsets are then the file's own bytes).
fn decode_as(bytes: Vec<u8>, enc: &'static Encoding) -> Result<Decoded, Error> {
    if enc == UTF_8 {
        return as_utf8(bytes);
    }
    let skip = match Encoding::for_bom(&bytes) {
        Some((bom, len)) if bom == enc => len,
        _ => 0,
    };
    let text = strict(enc, &bytes, skip).map_err(|offset| Error::Malformed { encoding: name(enc), offset })?;
    Ok(Decoded { text: text.into_bytes(), encoding: name(enc) })
}

/// The text of `bytes` when they are UTF-8, else the offset of the first
/// byte that is not. The check is `simdutf8`'s, with SIMD instructions:
/// the standard library's took 4% of the tool's time on Chinese text,
/// where its fast path (ASCII) does not apply.
pub fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    simdutf8::compat::from_utf8(bytes).map_err(|e| e.valid_up_to())
}

fn as_utf8(bytes: Vec<u8>) -> Result<Decoded, Error> {
    match utf8(&bytes) {
        Ok(_) => Ok(Decoded { text: bytes, encoding: "utf-8" }),
        Err(bad) => Err(Error::Malformed { encoding: "utf-8", offset: bad as u64 }),
    }
}

fn detect(bytes: Vec<u8>, html: bool) -> Result<Decoded, Error> {
    if let Some((enc, _)) = Encoding::for_bom(&bytes) {
        return decode_as(bytes, enc);
    }
    let bad = match utf8(&bytes) {
        Ok(_) => return Ok(Decoded { text: bytes, encoding: "utf-8" }),
        Err(bad) => bad,
    };
    if html
        && let Some(declared) = meta_charset(&bytes)
        && declared != UTF_8
        && let Ok(text) = strict(declared, &bytes, 0)
    {
        return Ok(Decoded { text: text.into_bytes(), encoding: name(declared) });
    }
    let prefix = std::str::from_utf8(bytes.get(..bad).unwrap_or(&[])).unwrap_or("");
    if prefix.chars().filter(|c| u32::from(*c) >= 0x800).take(UTF8_EVIDENCE).count() >= UTF8_EVIDENCE {
        return Err(Error::DamagedUtf8 { offset: bad as u64 });
    }
    match strict(GB18030, &bytes, 0) {
        Ok(text) => Ok(Decoded { text: text.into_bytes(), encoding: "gb18030" }),
        Err(gb) => Err(Error::Undecodable { utf8: bad as u64, gb18030: gb }),
    }
}

/// Decodes `bytes[skip..]` strictly; the error is the byte offset (in
/// `bytes`) of the first malformed sequence.
fn strict(enc: &'static Encoding, bytes: &[u8], skip: usize) -> Result<String, u64> {
    let input = bytes.get(skip..).unwrap_or(&[]);
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(input.len()).unwrap_or(input.len());
    let mut out = String::with_capacity(cap);
    let mut done = 0;
    loop {
        let rest = input.get(done..).unwrap_or(&[]);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => {
                done += read;
                out.reserve(rest.len().saturating_sub(read).saturating_mul(3).max(16));
            }
            DecoderResult::Malformed(bad, extra) => {
                let at = (done + read).saturating_sub(usize::from(bad) + usize::from(extra));
                return Err((skip + at) as u64);
            }
        }
    }
}

/// The encoding an HTML page declares in its first 2 KB: `<meta
/// charset="gbk">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=gb2312">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(2048)).unwrap_or(bytes);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            j += 1;
        }
        let start = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')) {
            j += 1;
        }
        if let Some(enc) = lower.get(start..j).and_then(Encoding::for_label) {
            // A page that says UTF-16 is not in UTF-16 if we can read it here.
            return Some(if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc });
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<Decoded, Error> {
        decode(bytes.to_vec(), EncodingChoice::Auto, false)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = auto("总投资5亿元".as_bytes()).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), ("总投资5亿元", "utf-8"));
        let d = auto("\u{feff}总投资5亿元".as_bytes()).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), ("\u{feff}总投资5亿元", "utf-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let text = "新增企业32家。";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = auto(&le).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), (text, "utf-16le"));
        let d = auto(&be).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), (text, "utf-16be"));
        // An unpaired surrogate: its offset in the file.
        le.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
        let n = le.len();
        match auto(&le) {
            Err(Error::Malformed { encoding: "utf-16le", offset }) => assert_eq!(offset, (n - 4) as u64),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn gb18030_detected() {
        let text = "园区完成固定资产投资约85.3亿元,新增企业120余家。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = auto(&bytes).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), (text, "gb18030"));
        let d = decode(bytes.to_vec(), EncodingChoice::parse("GBK").unwrap(), false).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), (text, "gbk"));
    }

    #[test]
    fn damaged_utf8_is_not_taken_for_gb18030() {
        // 0x80 alone is valid GB18030 (the euro sign), and the UTF-8 after it
        // would decode as GB18030 nonsense.
        let mut bytes = "总投资216亿元。".as_bytes().to_vec();
        let at = bytes.len();
        bytes.push(0x80);
        bytes.extend_from_slice("新增企业32家".as_bytes());
        match auto(&bytes) {
            Err(Error::DamagedUtf8 { offset }) => assert_eq!(offset, at as u64),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn neither_encoding() {
        let bytes = b"ab\xff\xffcd";
        match auto(bytes) {
            Err(Error::Undecodable { utf8: 2, gb18030: 2 }) => {}
            other => panic!("{other:?}"),
        }
        match decode(bytes.to_vec(), EncodingChoice::parse("gb18030").unwrap(), false) {
            Err(Error::Malformed { encoding: "gb18030", offset: 2 }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn html_meta_charset() {
        let page = "<html><head><meta charset=\"big5\"></head><body>園區新增企業32家</body></html>";
        let (bytes, _, _) = encoding_rs::BIG5.encode(page);
        let d = decode(bytes.to_vec(), EncodingChoice::Auto, true).unwrap();
        assert_eq!((std::str::from_utf8(&d.text).unwrap(), d.encoding), (page, "big5"));
        let old = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">";
        assert_eq!(meta_charset(old.as_bytes()).map(|e| e.name()), Some("GBK"));
        assert_eq!(meta_charset(b"<p>charset</p>"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(EncodingChoice::parse("AUTO"), Some(EncodingChoice::Auto));
        assert_eq!(EncodingChoice::parse("gb2312").map(|c| matches!(c, EncodingChoice::Fixed(_))), Some(true));
        assert_eq!(EncodingChoice::parse("klingon"), None);
    }
}
