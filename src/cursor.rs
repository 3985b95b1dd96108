//! A walk through a sorted list of byte ranges (a stage's trigger points,
//! [`crate::triggers`]) with a search position that moves forward. Its own
//! module so that the stages that read triggers need not import the module
//! that records them (which imports the stages' start characters).

/// A walk through one stage's trigger ranges with a search position (a
/// character boundary) that moves forward.
pub(crate) struct Cursor<'a> {
    ranges: &'a [(usize, usize)],
    k: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(ranges: &'a [(usize, usize)]) -> Cursor<'a> {
        Cursor { ranges, k: 0 }
    }

    /// The first trigger at or after byte `i`.
    pub fn next_from(&mut self, i: usize) -> Option<usize> {
        // A search position that went back (none does) is found anew.
        if self.k > 0 && self.ranges.get(self.k - 1).is_some_and(|r| r.1 > i) {
            self.k = self.ranges.partition_point(|r| r.1 <= i);
        }
        while self.ranges.get(self.k).is_some_and(|r| r.1 <= i) {
            self.k += 1;
        }
        self.ranges.get(self.k).map(|r| r.0.max(i))
    }
}
