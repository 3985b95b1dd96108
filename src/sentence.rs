//! Sentences and paragraphs, the units `as_of` and each figure's zone are
//! read in (SPEC, `as_of`).
//!
//! - A sentence ends at `。`, `!` or `?` (full-width forms are normalized to
//!   these). A `;` does not end it: it separates the items of one
//!   statement, which share its date. A line break does not end it either.
//! - A paragraph ends at a line break that follows a sentence end or a
//!   closing quotation mark or bracket. A line break inside a sentence (PDF
//!   text, a number split from its unit) does not end it, nor does the break
//!   after a heading without final punctuation, so a heading's date reaches
//!   the paragraph below it.

use crate::hint::Hint;

/// Start offsets of spans of a text (sorted, 0 first), with the lookup of
/// the span holding an offset.
pub(crate) struct Starts {
    starts: Vec<usize>,
    /// Lookups come in increasing order, mostly ([`Hint`]).
    hint: Hint,
}

impl Starts {
    /// The start of the span holding byte `i`.
    pub fn start_of(&self, i: usize) -> usize {
        let k = self.hint.partition_point(&self.starts, |&s| s <= i);
        k.checked_sub(1).and_then(|j| self.starts.get(j)).copied().unwrap_or(0)
    }
}

/// The sentences of a text.
pub(crate) type Sentences = Starts;

/// The paragraphs of a text.
pub(crate) type Paragraphs = Starts;

impl Starts {
    /// Spans from their start offsets (sorted, 0 first).
    pub fn from_starts(starts: Vec<usize>) -> Starts {
        Starts { starts, hint: Hint::new() }
    }
}

/// Whether a paragraph may end after `c`: a sentence end, or a closing
/// quotation mark or bracket.
fn ends_paragraph(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '”' | '’' | '」' | '』' | ')' | '】' | '》' | ']' | '"')
}

/// The paragraph starts of the normalized text `t`: after each line break
/// whose line (or the last non-blank line before it) ends a paragraph, at
/// the first character that is not white space. One pass: each line is
/// read backwards once, from its break to the break before it.
#[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
pub(crate) fn paragraph_starts(t: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(crate::text::room(t.len(), 256));
    starts.push(0);
    let bytes = t.as_bytes();
    let mut line_start = 0;
    // The last character that is not white space, on this line or above.
    let mut last: Option<char> = None;
    let mut pending = false;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        let line = t.get(line_start..nl).unwrap_or("");
        if let Some(c) = line.chars().rev().find(|c| !c.is_whitespace()) {
            if pending {
                // The paragraph starts at this line's first character.
                let lead = line.len() - line.trim_start().len();
                starts.push(line_start + lead);
                pending = false;
            }
            last = Some(c);
        }
        if last.is_some_and(ends_paragraph) {
            pending = true;
        }
        line_start = nl + 1;
    }
    if pending {
        let line = t.get(line_start..).unwrap_or("");
        let lead = line.len() - line.trim_start().len();
        if line_start + lead < t.len() {
            starts.push(line_start + lead);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentence_ends_only() {
        let t = "一句,还是一句\n续上。二句;仍是二句!三句";
        let s = Sentences::from_starts(crate::marks::Marks::new(t).sentence_starts);
        assert_eq!(s.start_of(0), 0);
        assert_eq!(s.start_of(t.find('续').unwrap()), 0);
        assert_eq!(s.start_of(t.find('仍').unwrap()), t.find('二').unwrap());
        assert_eq!(s.start_of(t.len()), t.find('三').unwrap());
    }

    #[test]
    fn paragraphs_end_after_a_sentence_end_only() {
        let t = "上半年园区经济稳中有进\n营收增长5%,利润\n增长3%。\n\n  下一段开始。\n“引语”\n末段";
        let p = Paragraphs::from_starts(paragraph_starts(t));
        // The heading joins the paragraph below; the break inside a sentence
        // does not end it.
        assert_eq!(p.start_of(t.find("利润").unwrap()), 0);
        assert_eq!(p.start_of(t.find("增长3%").unwrap()), 0);
        assert_eq!(p.start_of(t.find("下一段").unwrap()), t.find("下一段").unwrap());
        assert_eq!(p.start_of(t.find('“').unwrap()), t.find('“').unwrap());
        assert_eq!(p.start_of(t.find("末段").unwrap()), t.find("末段").unwrap());
    }

    #[test]
    fn blank_lines_alone_start_nothing() {
        assert_eq!(paragraph_starts("\n\n\n"), [0]);
        assert_eq!(paragraph_starts("甲。\n\n\n"), [0]);
    }
}
