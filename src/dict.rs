//! Names a caller knows: platforms and zones given to
//! [`ExtractorBuilder::platform_names`](crate::ExtractorBuilder::platform_names)
//! and [`zone_names`](crate::ExtractorBuilder::zone_names), matched exactly
//! (after the same normalization as the text) and preferred over names the
//! rules find where they overlap.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::PlatformType;
use crate::text::fold_char;

/// What a known name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Known {
    Platform(PlatformType),
    Zone,
}

/// The compiled dictionary of known names.
#[derive(Debug)]
pub(crate) struct UserDict {
    ac: AhoCorasick,
    kinds: Vec<Known>,
}

impl UserDict {
    /// Compiles the names; `None` when there are none (or they cannot compile).
    pub fn new(platforms: &[String], zones: &[String]) -> Option<UserDict> {
        let mut words = Vec::new();
        let mut kinds = Vec::new();
        let norm = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).map(fold_char).collect() };
        for p in platforms {
            let w = norm(p);
            if !w.is_empty() {
                kinds.push(Known::Platform(crate::platform::type_of(&w)));
                words.push(w);
            }
        }
        for z in zones {
            let w = norm(z);
            if !w.is_empty() {
                kinds.push(Known::Zone);
                words.push(w);
            }
        }
        if words.is_empty() {
            return None;
        }
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&words).ok()?;
        Some(UserDict { ac, kinds })
    }

    /// The known names in the normalized text `t`: start, end, what.
    pub fn find(&self, t: &str) -> Vec<(usize, usize, Known)> {
        self.ac
            .find_iter(t)
            .filter_map(|m| Some((m.start(), m.end(), *self.kinds.get(m.pattern().as_usize())?)))
            .collect()
    }
}
