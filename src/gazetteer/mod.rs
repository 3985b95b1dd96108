//! The gazetteer: China's administrative divisions (34 provinces, 333
//! prefecture-level and 2,850 county-level units) with their GB/T 2260 codes,
//! parents and short forms, to find places in a name and say where it is.
//!
//! The data is `divisions.tsv` beside this file, generated from two pinned
//! packages by `scripts/gazetteer/generate.py` (see `SOURCES.md`); it is
//! embedded in the library and parsed once, at first use, into a table
//! sorted by code and one character trie over every full name and short
//! form (about 6,100 strings; `trie.rs` says why not an Aho-Corasick
//! automaton: build time). First use costs about 1.3 ms (release build).
//!
//! - [`places`] finds the place names in a text, leftmost-longest, each with
//!   the divisions it may name ([`PlaceMatch::candidates`]): `朝阳` may be
//!   朝阳区 of Beijing, 朝阳区 of Changchun or 朝阳市.
//! - [`resolve`] turns the place names of one zone name into a [`Place`]:
//!   the reading that the most of them agree on (`江西`+`吉安` → 吉安市,
//!   `北京`+`朝阳` → 朝阳区 of Beijing), the higher unit when one name alone
//!   is ambiguous (`承德` → 承德市, not 承德县), as SPEC's *Zone identity* says.
//!
//! The text given must be normalized (simplified characters): the data
//! holds simplified names. The traditional forms of every character the
//! names use (`traditional.tsv`: `蘇`→`苏`, `廈`→`厦`) are folded by the text
//! layer ([`crate::text::fold_char`]), which reads them from here
//! ([`traditional_pairs`]).
//! Nothing here panics on any input; the embedded file is trusted but still
//! parsed line by line, a malformed line being skipped (a test checks there
//! are none).

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::model::Place;

mod trie;

use trie::Trie;

/// The generated data: one division a line (see the file's header).
const DATA: &str = include_str!("divisions.tsv");

/// Traditional → simplified pairs for the characters of the names.
const TRADITIONAL: &str = include_str!("traditional.tsv");

/// The level of an administrative division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Level {
    /// 省级: a province, autonomous region, municipality (北京市) or SAR.
    Province,
    /// 地级: a prefecture-level city, prefecture (地区), league (盟) or
    /// autonomous prefecture (自治州).
    Prefecture,
    /// 县级: a district, county-level city, county or banner.
    County,
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "province" => Some(Level::Province),
            "prefecture" => Some(Level::Prefecture),
            "county" => Some(Level::County),
            _ => None,
        }
    }
}

/// One administrative division.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Division {
    /// The six-digit GB/T 2260 code: `320412`.
    pub code: u32,
    /// Province, prefecture or county level.
    pub level: Level,
    /// The code of the division it belongs to: a county's prefecture, or its
    /// province when it has none (a municipality's districts, 仙桃市); a
    /// prefecture's province; `None` for a province.
    pub parent: Option<u32>,
    /// The full name: `武进区`.
    pub name: &'static str,
    /// The short forms, comma-separated (`武进`; `巴州,巴音郭楞`), or empty.
    short: &'static str,
    /// The forms (name or short forms) another division also has,
    /// comma-separated, or empty.
    ambiguous: &'static str,
    /// A two-character X区 name (城区, 郊区): a common noun, reachable by
    /// code only and never matched in text.
    pub code_only: bool,
}

impl Division {
    /// The short forms: `武进` for 武进区, `喀左` for 喀喇沁左翼蒙古族自治县.
    pub fn short_forms(&self) -> impl Iterator<Item = &'static str> {
        self.short.split(',').filter(|s| !s.is_empty())
    }

    #[cfg(test)]
    /// The forms (full name or short forms) that another division also has,
    /// as the data marks them: `朝阳区` and `朝阳` for 朝阳区 of Beijing.
    pub fn ambiguous_forms(&self) -> impl Iterator<Item = &'static str> {
        self.ambiguous.split(',').filter(|s| !s.is_empty())
    }

    /// Whether this is one of the four municipalities (北京市, 天津市,
    /// 上海市, 重庆市): a province-level unit named a city. SPEC makes a
    /// municipality the `province` of a place, with no `city`.
    pub fn is_municipality(&self) -> bool {
        self.level == Level::Province && self.name.ends_with('市')
    }

    /// Parses one data line; `None` for a comment, a blank or a malformed line.
    fn parse(line: &'static str) -> Option<Division> {
        if line.starts_with('#') || line.trim().is_empty() {
            return None;
        }
        // Columns between tabs, found by memchr (start-up reads 3,200 lines).
        let mut ends = memchr::memchr_iter(b'\t', line.as_bytes()).chain(std::iter::once(line.len()));
        let mut from = 0;
        let mut next = || {
            let end = ends.next()?;
            let col = line.get(from..end)?;
            from = end + 1;
            Some(if col == "-" { "" } else { col })
        };
        let code = next()?.parse().ok()?;
        let level = Level::parse(next()?)?;
        let parent = match next()? {
            "" => None,
            p => Some(p.parse().ok()?),
        };
        let name = next()?;
        let short = next()?;
        let ambiguous = next()?;
        let flags = next()?;
        if name.is_empty() || next().is_some() {
            return None;
        }
        let code_only = flags.split(',').any(|f| f == "code-only");
        Some(Division { code, level, parent, name, short, ambiguous, code_only })
    }
}

/// A place name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PlaceMatch {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The codes of the divisions the name may stand for, higher levels
    /// first: one for most names, several for an ambiguous one (`朝阳`).
    pub candidates: &'static [u32],
    /// Whether it is a short form (`武进`) rather than a full name (`武进区`).
    pub short: bool,
}

/// One string of the trie: what it may name.
#[derive(Debug)]
struct Form {
    /// Range into [`Gazetteer::codes`].
    codes: (usize, usize),
    /// No division has it as its full name.
    short: bool,
}

/// The parsed data and its trie.
struct Gazetteer {
    /// Every division, sorted by code.
    divisions: Vec<Division>,
    /// Per string of the trie, what it names.
    forms: Vec<Form>,
    /// The candidate lists of all forms, end to end.
    codes: Vec<u32>,
    /// Full names and short forms → index into `forms`.
    trie: Trie,
    /// Data lines that did not parse (zero; a test checks it).
    #[cfg_attr(not(test), allow(dead_code))]
    rejected: usize,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut divisions = Vec::with_capacity(3300);
        let mut rejected = 0;
        for line in DATA.lines() {
            match Division::parse(line) {
                Some(d) => divisions.push(d),
                None if line.starts_with('#') || line.trim().is_empty() => {}
                None => rejected += 1,
            }
        }
        divisions.sort_by_key(|d| d.code);
        divisions.dedup_by_key(|d| d.code);

        // Each distinct string (numbered in the order first seen, as the trie
        // takes it in), with the divisions that have it as full name or short
        // form: (string, level, code) triples, sorted and deduplicated at
        // once rather than a vector per string (six thousand of them, built
        // at start-up).
        let mut trie = Trie::with_capacity(16_384);
        let mut any_full: Vec<bool> = Vec::with_capacity(6400);
        let mut triples: Vec<(u32, Level, u32)> = Vec::with_capacity(7000);
        for d in &divisions {
            let full = (!d.code_only).then_some(d.name);
            for (text, is_full) in full.into_iter().map(|n| (n, true)).chain(d.short_forms().map(|s| (s, false))) {
                let next = u32::try_from(any_full.len()).unwrap_or(u32::MAX);
                let Some(k) = trie.insert(text, next) else { continue };
                if k == next {
                    any_full.push(false);
                }
                if let Some(f) = any_full.get_mut(k as usize) {
                    *f |= is_full;
                }
                triples.push((k, d.level, d.code));
            }
        }
        // Per string, its codes by level then code, each once (a code has
        // one level, so its triples are adjacent). The triples are nearly in
        // order already (strings are numbered as first seen): a stable sort
        // merges their runs.
        triples.sort();
        triples.dedup_by_key(|t| (t.0, t.2));
        let mut codes = Vec::with_capacity(triples.len());
        let mut forms = Vec::with_capacity(any_full.len());
        let mut rest = triples.as_slice();
        for (k, full) in (0u32..).zip(&any_full) {
            let n = rest.iter().take_while(|t| t.0 == k).count();
            let start = codes.len();
            codes.extend(rest.iter().take(n).map(|t| t.2));
            rest = rest.get(n..).unwrap_or(&[]);
            forms.push(Form { codes: (start, codes.len()), short: !full });
        }
        Gazetteer { divisions, forms, codes, trie, rejected }
    }

    fn division(&self, code: u32) -> Option<&Division> {
        let i = self.divisions.binary_search_by_key(&code, |d| d.code).ok()?;
        self.divisions.get(i)
    }

    fn to_match(&'static self, start: usize, end: usize, form: u32) -> Option<PlaceMatch> {
        let form = self.forms.get(form as usize)?;
        let candidates = self.codes.get(form.codes.0..form.codes.1)?;
        Some(PlaceMatch { start, end, candidates, short: form.short })
    }
}

/// The traditional → simplified pairs of the characters of the names
/// (`traditional.tsv`: `蘇` → `苏`), read without building the gazetteer.
/// The text layer folds them ([`crate::text::fold_char`]), so a name in
/// traditional script is found in running text.
pub(crate) fn traditional_pairs() -> impl Iterator<Item = (char, char)> {
    TRADITIONAL.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let mut chars = line.chars();
        match (chars.next(), chars.next(), chars.next(), chars.next()) {
            (Some(t), Some('\t'), Some(s), None) => Some((t, s)),
            _ => None,
        }
    })
}

/// The first character of every full name and short form that the text
/// search matches.
pub(crate) fn first_chars() -> impl Iterator<Item = char> {
    // The strings the text search matches are the trie's: their first
    // characters are the root's edges.
    GAZETTEER.trie.first_chars()
}

/// The division of a code, if the gazetteer has it.
pub(crate) fn division(code: u32) -> Option<&'static Division> {
    GAZETTEER.division(code)
}

/// The divisions above `code`, nearest first: 常州市 then 江苏省 for 武进区.
pub(crate) fn ancestors(code: u32) -> impl Iterator<Item = &'static Division> {
    // A division's parent has a higher level, so a chain is at most two long;
    // the bound also stops a cycle in malformed data.
    let mut next = division(code).and_then(|d| d.parent);
    std::iter::from_fn(move || {
        let d = division(next?)?;
        next = d.parent;
        Some(d)
    })
    .take(2)
}

/// The place names in `text`, leftmost-longest, left to right: `江苏省`,
/// `常州`, `武进` in `江苏省常州武进`. Every match is a candidate only: a short
/// form is also an ordinary word in running text (`和平`, `长安`), so the
/// caller decides from the context (a zone word after it, a name's start).
pub(crate) fn places(text: &str) -> impl Iterator<Item = PlaceMatch> + '_ {
    let g: &'static Gazetteer = &GAZETTEER;
    g.trie.find_iter(text).filter_map(move |(start, end, form)| g.to_match(start, end, form))
}

/// The longest place name `s` starts with (`常州` in `常州武进`).
pub(crate) fn starts_with_place(s: &str) -> Option<PlaceMatch> {
    let g: &'static Gazetteer = &GAZETTEER;
    let (end, form) = g.trie.longest_prefix(s)?;
    g.to_match(0, end, form)
}

#[cfg(test)]
/// The longest place name `s` ends with (`武进` in `常州武进`).
pub(crate) fn place_at_end(s: &str) -> Option<PlaceMatch> {
    // Not the last match of [`places`]: a leftmost scan can miss it,
    // overlapped by an earlier match (the scan of `江苏州` finds `江苏`, and
    // the name at the end is `苏州`).
    let g: &'static Gazetteer = &GAZETTEER;
    let (start, form) = g.trie.longest_suffix(s)?;
    g.to_match(start, s.len(), form)
}

/// The [`Place`] of a division: its province, its prefecture (never a
/// municipality, which is the province), its county, and its own code.
pub(crate) fn place(code: u32) -> Option<Place> {
    let d = division(code)?;
    let mut province = None;
    let mut city = None;
    let mut county = None;
    for x in std::iter::once(d).chain(ancestors(code)) {
        match x.level {
            Level::Province => province = Some(x.name),
            Level::Prefecture => city = Some(x.name),
            Level::County => county = Some(x.name),
        }
    }
    Some(Place::new(province?, city.map(Cow::Borrowed), county.map(Cow::Borrowed), d.code))
}

#[cfg(test)]
/// Where the place names of one name put it, by SPEC's rule.
///
/// Each candidate division `d` of any mention is a reading: the mentions it
/// explains are those with a candidate among `d` and its ancestors. The
/// reading that explains the most mentions wins (`江西`+`吉安` and
/// `北京`+`朝阳` are read together; a later mention settles an earlier
/// ambiguous one and vice versa); then the one that explains the earlier
/// mentions (a name's place comes first: `漳浦台湾农民创业园` is in 漳浦);
/// then the higher level (`承德` alone is 承德市, not 承德县). Readings still
/// tied (`通州`: 通州区 of Beijing or of Nantong) give only what they share,
/// here nothing.
pub(crate) fn resolve(mentions: &[PlaceMatch]) -> Option<Place> {
    resolve_code(mentions.iter().map(|m| m.candidates)).and_then(place)
}

/// The division code [`resolve`] settles on.
pub(crate) fn resolve_code<'a>(mentions: impl IntoIterator<Item = &'a [u32]>) -> Option<u32> {
    // At most 64 mentions count (a name has a handful).
    let mentions: Vec<&[u32]> = mentions.into_iter().filter(|c| !c.is_empty()).take(64).collect();
    // (covered mentions as a bit set with mention 0 as the top bit, so that a
    // larger number means "more, then earlier"; level; code)
    let mut best: Vec<(u32, Level, u32)> = Vec::new();
    let mut best_key: Option<(u32, u64, std::cmp::Reverse<Level>)> = None;
    for &d in mentions.iter().flat_map(|c| c.iter()) {
        let Some(div) = division(d) else { continue };
        // The division and its ancestors (at most two): no allocation.
        let mut path = [d; 3];
        for (slot, a) in path.iter_mut().skip(1).zip(ancestors(d)) {
            *slot = a.code;
        }
        let mut covered = 0u64;
        for (i, cands) in mentions.iter().enumerate() {
            if cands.iter().any(|c| path.contains(c)) {
                covered |= 1 << (63 - i);
            }
        }
        let key = (covered.count_ones(), covered, std::cmp::Reverse(div.level));
        match best_key {
            Some(k) if key < k => {}
            Some(k) if key == k => {
                if !best.iter().any(|b| b.2 == d) {
                    best.push((covered.count_ones(), div.level, d));
                }
            }
            _ => {
                best_key = Some(key);
                best.clear();
                best.push((covered.count_ones(), div.level, d));
            }
        }
    }
    match best.as_slice() {
        [] => None,
        [(_, _, d)] => Some(*d),
        tied => common_ancestor(tied.iter().map(|t| t.2)),
    }
}

/// The most specific division that contains every one of `codes`.
fn common_ancestor(codes: impl Iterator<Item = u32>) -> Option<u32> {
    let mut common: Option<Vec<u32>> = None;
    for code in codes {
        let path: Vec<u32> = std::iter::once(code).chain(ancestors(code).map(|a| a.code)).collect();
        common = Some(match common {
            None => path,
            Some(c) => c.into_iter().filter(|x| path.contains(x)).collect(),
        });
    }
    // Paths run from the division up, so the first shared code is the deepest.
    common?.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        places(text).filter_map(|m| text.get(m.start..m.end)).collect()
    }

    /// `(province, city, county, code)` of a resolved place, for tables.
    fn flat(p: &Place) -> (String, String, String, u32) {
        let s = |c: &Option<Cow<'static, str>>| c.as_deref().unwrap_or("").to_string();
        (p.province.to_string(), s(&p.city), s(&p.county), p.code)
    }

    #[test]
    fn data_parses_completely() {
        let g = &*GAZETTEER;
        assert_eq!(g.rejected, 0, "malformed lines in divisions.tsv");
        let count = |l| g.divisions.iter().filter(|d| d.level == l).count();
        // The header's counts: 34 provinces (31 + Hong Kong, Macao, Taiwan),
        // 333 prefectures, 2,850 counties.
        assert_eq!((count(Level::Province), count(Level::Prefecture), count(Level::County)), (34, 333, 2850));
        assert!(DATA.contains(&format!("Rows: {} (34 provinces, 333 prefectures, 2850 counties)", g.divisions.len())));
    }

    #[test]
    fn folds_traditional_place_characters() {
        // The text layer folds the pairs of `traditional.tsv`.
        let folded: String = "蘇州工業園區、廈門、瀋陽、乾縣、（１２）".chars().map(crate::text::fold_char).collect();
        assert_eq!(folded, "苏州工业园区、厦门、沈阳、乾县、(12)");
        let pairs: Vec<(char, char)> = traditional_pairs().collect();
        assert!(pairs.len() > 500);
        assert_eq!(TRADITIONAL.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count(), pairs.len());
        assert!(pairs.iter().all(|&(t, s)| t.len_utf8() == 3 && s.len_utf8() == 3));
    }

    #[test]
    fn parents_are_one_level_up_and_codes_nest() {
        for d in &GAZETTEER.divisions {
            match (d.level, d.parent.and_then(division)) {
                (Level::Province, None) => assert_eq!(d.code % 10000, 0, "{}", d.name),
                (Level::Prefecture, Some(p)) => {
                    assert_eq!(p.level, Level::Province, "{}", d.name);
                    assert!(!p.is_municipality(), "{} under a municipality", d.name);
                }
                // A county hangs from its prefecture, or from its province
                // when it has none (a municipality's district, 仙桃市).
                (Level::County, Some(p)) => assert!(p.level < Level::County, "{}", d.name),
                _ => panic!("{} {}: bad parent {:?}", d.code, d.name, d.parent),
            }
            if let Some(p) = d.parent {
                assert_eq!(d.code / 10000, p / 10000, "{} is not in its province's code range", d.name);
            }
        }
    }

    #[test]
    fn functional_zones_and_placeholders_are_dropped() {
        let g = &*GAZETTEER;
        // Fifth digit 7: the bureau's development zones (苏州工业园区 320571).
        assert!(g.divisions.iter().all(|d| d.code / 10 % 10 != 7 || d.level != Level::County));
        for placeholder in ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "苏州工业园区"]
        {
            assert!(g.divisions.iter().all(|d| d.name != placeholder), "{placeholder}");
        }
        assert_eq!(division(441900).map(|d| d.level), Some(Level::Prefecture)); // 东莞市, no county row
    }

    #[test]
    fn first_characters_of_the_forms() {
        let mut want: Vec<char> = GAZETTEER
            .divisions
            .iter()
            .flat_map(|d| {
                let full = (!d.code_only).then_some(d.name);
                full.into_iter().chain(d.short_forms()).filter_map(|f| f.chars().next())
            })
            .collect();
        want.sort_unstable();
        want.dedup();
        let mut got: Vec<char> = first_chars().collect();
        got.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn ambiguity_marks_match_the_forms() {
        // The data's marks are exactly the forms two or more divisions share.
        let g = &*GAZETTEER;
        let mut marked = 0;
        for d in &g.divisions {
            let own = (!d.code_only).then_some(d.name).into_iter().chain(d.short_forms());
            for form in own {
                let sharing =
                    places(form).find(|m| m.start == 0 && m.end == form.len()).map_or(0, |m| m.candidates.len());
                let is_marked = d.ambiguous_forms().any(|a| a == form);
                assert_eq!(sharing > 1, is_marked, "{} ({}): form {form}", d.name, d.code);
                marked += usize::from(is_marked);
            }
        }
        assert!(marked > 100, "{marked}");
    }

    /// Text → the place names found in it, leftmost-longest.
    const FINDS: &[(&str, &[&str])] = &[
        ("江苏省常州市武进区", &["江苏省", "常州市", "武进区"]),
        ("江苏常州武进", &["江苏", "常州", "武进"]),
        ("喀喇沁左翼蒙古族自治县和喀左", &["喀喇沁左翼蒙古族自治县", "喀左"]),
        ("巴州与巴音郭楞", &["巴州", "巴音郭楞"]),
        // A common noun that names a district is not matched (城区, 郊区).
        ("城区与郊区", &[]),
        // Nor is a short form made of position words (城西 of 城西区).
        ("城西北片", &[]),
        ("吉安县与吉安", &["吉安县", "吉安"]),
    ];

    #[test]
    fn finds_place_names() {
        for (text, want) in FINDS {
            assert_eq!(names(text), *want, "{text}");
        }
    }

    #[test]
    fn start_and_end_matches() {
        let m = starts_with_place("常州武进高新区");
        assert_eq!(m.map(|m| (m.end, m.short)), Some(("常州".len(), true)));
        assert_eq!(starts_with_place("高新区常州"), None);
        let m = place_at_end("江苏常州武进");
        assert_eq!(m.map(|m| m.start), Some("江苏常州".len()));
        // The longest form that reaches the end, even when an earlier match
        // overlaps it.
        let s = "在常州市";
        assert_eq!(place_at_end(s).map(|m| &s[m.start..]), Some("常州市"));
        assert_eq!(place_at_end("武进区高新"), None);
        let s = "江苏州";
        assert_eq!(place_at_end(s).map(|m| &s[m.start..]), Some("苏州"));
        assert_eq!(place_at_end(""), None);
    }

    /// The place names of a name → `(province, city, county, code)` of the
    /// resolved place, or `None`.
    type Flat = (&'static str, &'static str, &'static str, u32);

    const RESOLVES: &[(&str, Option<Flat>)] = &[
        ("江苏省常州武进", Some(("江苏省", "常州市", "武进区", 320412))),
        ("武进", Some(("江苏省", "常州市", "武进区", 320412))),
        ("常州", Some(("江苏省", "常州市", "", 320400))),
        ("江苏", Some(("江苏省", "", "", 320000))),
        // Ambiguous alone: the higher unit. With more: the reading that fits.
        ("承德", Some(("河北省", "承德市", "", 130800))),
        ("承德县", Some(("河北省", "承德市", "承德县", 130821))),
        ("朝阳", Some(("辽宁省", "朝阳市", "", 211300))),
        ("北京朝阳", Some(("北京市", "", "朝阳区", 110105))),
        ("吉林朝阳", Some(("吉林省", "长春市", "朝阳区", 220104))),
        ("朝阳北京", Some(("北京市", "", "朝阳区", 110105))),
        ("辽宁朝阳", Some(("辽宁省", "朝阳市", "", 211300))),
        ("江西吉安", Some(("江西省", "吉安市", "", 360800))),
        ("吉安", Some(("江西省", "吉安市", "", 360800))),
        ("吉安县", Some(("江西省", "吉安市", "吉安县", 360821))),
        ("长沙", Some(("湖南省", "长沙市", "", 430100))),
        // Same level on both sides: nothing in common.
        ("通州", None),
        ("南通通州", Some(("江苏省", "南通市", "通州区", 320612))),
        // Municipalities are provinces; their districts have no city.
        ("上海", Some(("上海市", "", "", 310000))),
        ("上海浦东", Some(("上海市", "", "浦东新区", 310115))),
        ("天津滨海", Some(("天津市", "", "滨海新区", 120116))),
        // A county-level city under its province directly.
        ("仙桃", Some(("湖北省", "", "仙桃市", 429004))),
        // Mentions that do not fit together: the first place of the name.
        ("漳浦台湾", Some(("福建省", "漳州市", "漳浦县", 350623))),
        ("喀左", Some(("辽宁省", "朝阳市", "喀喇沁左翼蒙古族自治县", 211324))),
        ("东莞", Some(("广东省", "东莞市", "", 441900))),
        ("", None),
        ("高新区", None),
    ];

    #[test]
    fn resolves_places() {
        for (text, want) in RESOLVES {
            let mentions: Vec<PlaceMatch> = places(text).collect();
            let got = resolve(&mentions);
            let want = want.map(|(p, c, k, code)| (p.to_string(), c.to_string(), k.to_string(), code));
            assert_eq!(got.as_ref().map(flat), want, "{text}");
        }
    }

    #[test]
    fn ancestors_and_places_by_code() {
        let up: Vec<&str> = ancestors(320412).map(|d| d.name).collect();
        assert_eq!(up, ["常州市", "江苏省"]);
        assert_eq!(ancestors(110000).count(), 0);
        assert_eq!(ancestors(999999).count(), 0);
        assert!(division(110000).is_some_and(Division::is_municipality));
        assert!(!division(320000).is_some_and(Division::is_municipality));
        assert_eq!(place(0), None);
        assert_eq!(place(140302).map(|p| flat(&p)), Some(("山西省".into(), "阳泉市".into(), "城区".into(), 140302)));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["", "\u{0}", "江", "江苏\u{FFFD}常州", "🙂常州🙂", "a常州b", &"常".repeat(100)] {
            let ms: Vec<PlaceMatch> = places(s).collect();
            assert!(ms.iter().all(|m| s.get(m.start..m.end).is_some()));
            let _ = resolve(&ms);
            let _ = starts_with_place(s);
            let _ = place_at_end(s);
        }
        assert_eq!(resolve_code([&[][..], &[123][..]]), None);
    }

    /// The committed data is what the pinned packages give. Needs python3
    /// and the packages in the generator's cache (`python3
    /// scripts/gazetteer/generate.py` fills it); skipped otherwise.
    #[test]
    fn generated_file_is_current() {
        let root = env!("CARGO_MANIFEST_DIR");
        let out = std::process::Command::new("python3")
            .args(["scripts/gazetteer/generate.py", "--check", "--offline"])
            .current_dir(root)
            .output();
        match out {
            Err(e) => eprintln!("generated_file_is_current skipped: no python3 ({e})"),
            Ok(o) if o.status.code() == Some(3) => eprintln!(
                "generated_file_is_current skipped: the packages are not cached; \
                 run `python3 scripts/gazetteer/generate.py --check` once to fetch them"
            ),
            Ok(o) => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
        }
    }

    /// First use: parsing the data and building the trie. Run alone
    /// with `cargo test --release gazetteer::tests::first_use_cost --
    /// --ignored --nocapture` to read the figure.
    #[test]
    #[ignore]
    fn first_use_cost() {
        let t = std::time::Instant::now();
        let g = &*GAZETTEER;
        let elapsed = t.elapsed();
        let trie = g.trie.heap_bytes();
        let table = g.divisions.capacity() * std::mem::size_of::<Division>()
            + g.forms.capacity() * std::mem::size_of::<Form>()
            + g.codes.capacity() * 4;
        eprintln!(
            "gazetteer first use: {:.2} ms; trie {} KiB, tables {} KiB, data {} KiB (static)",
            elapsed.as_secs_f64() * 1e3,
            trie / 1024,
            table / 1024,
            DATA.len() / 1024
        );
    }
}
