//! What a figure holds for beyond its clause: the date (`as_of`) and the
//! zone it is about.
//!
//! A figure's `as_of` is the nearest date before it in its sentence;
//! failing that, the nearest date before it in its paragraph (see
//! [`sentence`](crate::sentence) for where both end), leaving out dates
//! inside book titles (`《…2021—2023》`). The nearest date before a figure
//! within its paragraph is the one in its sentence when there is one, so
//! one lookup bounded by the paragraph's start gives both.

use crate::date::DateValue;
use crate::dates::DateMatch;
use crate::hint::Hint;
use crate::sentence::Paragraphs;

/// The dates of a text, ready for `as_of` lookups.
pub(crate) struct Periods<'a> {
    dates: &'a [DateMatch],
    /// For each date, the index of the nearest date at or before it that is
    /// not inside a title: precomputed so that a text of many titled dates
    /// stays linear.
    usable: Vec<Option<usize>>,
    /// Figures are looked up in order ([`Hint`]).
    hint: Hint,
}

impl<'a> Periods<'a> {
    /// The dates of a text and its book titles `《…》`.
    pub fn new(dates: &'a [DateMatch], titles: &[(usize, usize)]) -> Periods<'a> {
        let mut last = None;
        let usable = dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if !crate::names::in_book_title(titles, d.start) {
                    last = Some(i);
                }
                last
            })
            .collect();
        Periods { dates, usable, hint: Hint::new() }
    }

    /// The date a figure at `start` holds for: the nearest usable date
    /// before it in the same paragraph.
    pub fn as_of(&self, paragraphs: &Paragraphs, start: usize) -> Option<DateValue> {
        let floor = paragraphs.start_of(start);
        let k = self.hint.partition_point(self.dates, |d| d.end <= start);
        let i = (*self.usable.get(k.checked_sub(1)?)?)?;
        self.dates.get(i).filter(|d| d.start >= floor).map(|d| d.value)
    }
}

/// The zone a figure at `start` is about, found like its `as_of` (SPEC):
/// the nearest zone before it in its paragraph (which is the nearest in its
/// sentence when there is one), as an index into `zones` (sorted by start);
/// `None` when its paragraph names none before it. `hint` is the caller's
/// for `zones`, whose figures come in order.
pub(crate) fn zone_before(
    zones: &[(usize, usize)],
    hint: &Hint,
    paragraphs: &Paragraphs,
    start: usize,
) -> Option<usize> {
    let floor = paragraphs.start_of(start);
    let k = hint.partition_point(zones, |z| z.1 <= start);
    let i = k.checked_sub(1)?;
    zones.get(i).filter(|z| z.0 >= floor).map(|_| i)
}
