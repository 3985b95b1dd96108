//! Searches in a document's sorted lists (sentence and paragraph starts,
//! dates, sections, short quotes, words of aims) that start from where the
//! previous search through the same [`Hint`] ended.
//!
//! The stages look offsets up in increasing order, or nearly (a figure's
//! sentence, then the next figure's). A binary search over a list as long as
//! a large document's reads about twenty entries spread over megabytes, and
//! each read misses the cache: in one 50 MB string, such searches made the
//! cost per byte half as high again as in a 1 MB one, though the
//! instructions per byte were the same. A search from the previous answer
//! reads the next entry or two, which are in the cache; it gallops (steps of
//! 1, 2, 4 … then a binary search within the last step) when the answer is
//! further away, in either direction, so no order of lookups costs more
//! than twice a binary search.

use std::cell::Cell;

/// Where the previous search through this hint ended. A hint belongs to
/// one list: searching another list with it is correct, only slower.
#[derive(Debug, Default)]
pub(crate) struct Hint(Cell<usize>);

impl Hint {
    /// A hint at the start of its list.
    pub fn new() -> Hint {
        Hint::default()
    }

    /// `v.partition_point(pred)`: the number of leading elements of `v` for
    /// which `pred` holds (true for a prefix of `v`, false after it, as for
    /// the standard `partition_point`).
    pub fn partition_point<T>(&self, v: &[T], pred: impl Fn(&T) -> bool) -> usize {
        let n = v.len();
        let h = self.0.get().min(n);
        let holds = |i: usize| v.get(i).is_some_and(&pred);
        // The answer lies in `lo..=hi`.
        let (lo, hi) = if holds(h) {
            // Forward from `h`: the answer is after it.
            let (mut lo, mut step) = (h + 1, 1usize);
            loop {
                let probe = h.saturating_add(step);
                if probe >= n {
                    break (lo, n);
                }
                if !holds(probe) {
                    break (lo, probe);
                }
                lo = probe + 1;
                step = step.saturating_mul(2);
            }
        } else if h == 0 || holds(h - 1) {
            (h, h)
        } else {
            // Back from `h - 1`, which does not hold: the answer is before it.
            let (mut hi, mut step) = (h - 1, 1usize);
            loop {
                let Some(probe) = (h - 1).checked_sub(step) else { break (0, hi) };
                if holds(probe) {
                    break (probe + 1, hi);
                }
                hi = probe;
                step = step.saturating_mul(2);
            }
        };
        let k = lo + v.get(lo..hi).map_or(0, |w| w.partition_point(&pred));
        self.0.set(k);
        k
    }
}

/// A sorted list of spans and the hint of its lookups: what the subject
/// rules are given as the spans (dates, zones) a subject does not cross.
/// It reads as the slice (`Deref`); its own `partition_point` starts from
/// the hint.
#[derive(Clone, Copy)]
pub(crate) struct Spans<'a> {
    list: &'a [(usize, usize)],
    hint: &'a Hint,
}

impl<'a> Spans<'a> {
    /// The spans `list` (sorted), searched through `hint`.
    pub fn new(list: &'a [(usize, usize)], hint: &'a Hint) -> Spans<'a> {
        Spans { list, hint }
    }

    /// [`Hint::partition_point`] on the list.
    pub fn partition_point(&self, pred: impl Fn(&(usize, usize)) -> bool) -> usize {
        self.hint.partition_point(self.list, pred)
    }
}

impl std::ops::Deref for Spans<'_> {
    type Target = [(usize, usize)];

    fn deref(&self) -> &[(usize, usize)] {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any sequence of searches on any sorted list gives what the
        /// standard search gives.
        #[test]
        fn agrees_with_the_standard_search(
            mut v in proptest::collection::vec(0usize..200, 0..120),
            queries in proptest::collection::vec(0usize..210, 1..60),
        ) {
            v.sort_unstable();
            let hint = Hint::new();
            for q in queries {
                prop_assert_eq!(hint.partition_point(&v, |&x| x <= q), v.partition_point(|&x| x <= q));
                prop_assert_eq!(hint.partition_point(&v, |&x| x < q), v.partition_point(|&x| x < q));
            }
        }
    }

    #[test]
    fn in_increasing_order_and_back() {
        let v: Vec<usize> = (0..1000).map(|i| i * 3).collect();
        let hint = Hint::new();
        for q in (0..3100).step_by(7).chain((0..3100).rev().step_by(11)) {
            assert_eq!(hint.partition_point(&v, |&x| x <= q), v.partition_point(|&x| x <= q), "{q}");
        }
        assert_eq!(hint.partition_point(&[] as &[usize], |&x| x <= 5), 0);
    }
}
