//! One pass over the bytes of the normalized text for the punctuation the
//! pipeline needs: sentence ends, short quotes and book titles.
//!
//! The marks are all ASCII (`!`, `?`, `;`, line breaks) or three-byte
//! characters led by `E2 80` (`“ ” ‘ ’`) or `E3 80` (`。 《 》 「 」 『 』`), so the
//! pass reads bytes and decodes nothing.

/// The punctuation of a text.
pub(crate) struct Marks {
    /// Where each sentence starts (0 first).
    pub sentence_starts: Vec<usize>,
    /// `“…”`, `「…」`, `‘…’`, `『…』` with at most 12 characters inside, on one line.
    pub short_quotes: Vec<(usize, usize)>,
    /// `《…》` on one line.
    pub titles: Vec<(usize, usize)>,
}

/// The longest quote content, in characters, that counts as short.
const SHORT_QUOTE: usize = 12;

impl Marks {
    #[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
    pub fn new(t: &str) -> Marks {
        let b = t.as_bytes();
        // A sentence in about a hundred bytes.
        let mut sentence_starts = Vec::with_capacity(crate::text::room(t.len(), 96));
        sentence_starts.push(0);
        let mut marks = Marks { sentence_starts, short_quotes: Vec::new(), titles: Vec::new() };
        // ASCII sentence ends (a `;` separates items of one sentence).
        let mut ascii: Vec<usize> = memchr::memchr2_iter(b'!', b'?', b).map(|i| i + 1).collect();
        // The open quote (its start and its closing byte) and the open title.
        let mut quote: Option<(usize, u8)> = None;
        let mut title: Option<usize> = None;
        let mut cjk: Vec<usize> = Vec::with_capacity(crate::text::room(t.len(), 128));
        for i in memchr::memchr3_iter(b'\n', 0xE2, 0xE3, b) {
            let x = b.get(i).copied().unwrap_or(0);
            if x == b'\n' {
                quote = None;
                title = None;
                continue;
            }
            if b.get(i + 1) != Some(&0x80) {
                continue;
            }
            let Some(&z) = b.get(i + 2) else { continue };
            match (x, z) {
                // 。
                (0xE3, 0x82) => cjk.push(i + 3),
                // “ ‘ 「 『 open a quote; ” ’ 」 』 close it.
                (0xE2, 0x9C) => quote = Some((i, 0x9D)),
                (0xE2, 0x98) => quote = Some((i, 0x99)),
                (0xE3, 0x8C) => quote = Some((i, 0x8D)),
                (0xE3, 0x8E) => quote = Some((i, 0x8F)),
                (_, 0x9D | 0x99 | 0x8D | 0x8F) => {
                    if let Some((s, close)) = quote.take()
                        && close == z
                        && i - s <= 3 + 4 * SHORT_QUOTE
                        && t.get(s + 3..i).is_some_and(|q| q.chars().count() <= SHORT_QUOTE)
                    {
                        marks.short_quotes.push((s, i + 3));
                    }
                }
                // 《 》
                (0xE3, 0x8A) => title = Some(i),
                (0xE3, 0x8B) => {
                    if let Some(s) = title.take() {
                        marks.titles.push((s, i + 3));
                    }
                }
                _ => {}
            }
        }
        // Both lists are sorted: merge them.
        ascii.extend(cjk);
        ascii.sort_unstable();
        marks.sentence_starts.extend(ascii);
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_marks() {
        let t = "甲。乙!“三个领先”与“这是一段很长很长很长很长很长的引语”,《方案》\n《未完";
        let m = Marks::new(t);
        assert_eq!(m.sentence_starts, [0, t.find('乙').unwrap(), t.find('“').unwrap()]);
        assert_eq!(m.short_quotes.len(), 1);
        assert_eq!(&t[m.short_quotes[0].0..m.short_quotes[0].1], "“三个领先”");
        assert_eq!(m.titles.len(), 1);
        assert_eq!(&t[m.titles[0].0..m.titles[0].1], "《方案》");
    }
}
