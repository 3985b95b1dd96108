//! Zones: the development zones a text names — `武进高新区`, `苏州工业园区`,
//! `杭州高新区(滨江)`, `福建泉州国家自主创新示范区` — with the place names
//! written before them, and the named sub-parks of a zone (`鲤城园` in
//! `鲤城园、石狮园等“一区十园”`).
//!
//! A zone name is read right to left from its zone word:
//!
//! ```text
//! [places …] [local name] [distinctive words] zone word
//!  东营市利津县                                经济开发区
//!             宁东         能源化工              基地
//! ```
//!
//! - the zone word comes from `zone/suffixes` (高新区, 经开区, 新区, 综合保税区
//!   …) or `zone/parks` (园区, 工业园, 化工园区, 新城 …: SPEC's park words);
//! - the name reaches left until a word that cannot be part of it
//!   ([`walk_left`]: punctuation, verbs and function words of
//!   `names/stop_words`; then `zone/markers`: levels, class words, verbs, a
//!   company name's 公司 or 集团);
//! - it starts at its places (the gazetteer's divisions and `names/regions`,
//!   see [`crate::places`]): the last run of places written together, so
//!   that a place in the words before the name (`甘肃能化兰州新区`, a place on
//!   the line before) is left out;
//! - with no place, at a local name: the two or three characters before
//!   the zone word and its distinctive words (`names/industries`:
//!   `宁东能源化工基地`), with nothing else between them and where the walk
//!   stopped (`合理布局工业园区` has no name);
//! - a bare suffix (`高新区`), a generic one (`国家高新区`, `省级开发区`,
//!   `各新区`, `新材料产业园区`) or a nickname (`光谷`) is not a zone.

use std::sync::LazyLock;

use crate::hint::Hint;
use crate::lexicon::{self, EndSearcher, Words};
use crate::names::{barrier_before, clean, is_generic, walk_left};
use crate::places::{contains_place, place_len, place_spans, starts_with_place};
use crate::text::{char_at, char_before, first_chars, is_han, without};

/// The zone word lists, compiled once.
struct Lists {
    /// `zone/suffixes` then `zone/parks`, and a searcher over them.
    suffixes: Vec<&'static str>,
    heads: EndSearcher,
    /// `zone/needs_place`: suffixes that name a zone only after a place.
    needs_place: Words,
    /// `zone/markers`: words after which a zone name starts (all matches,
    /// overlapping).
    markers: EndSearcher,
    /// `zone/generic`: words that alone make no zone name.
    generic: Words,
    /// How many of `suffixes` are zone words; the rest are park words.
    zone_suffixes: usize,
    /// The verbs of `common/introducing_verbs` and `subject/verbs`: no local
    /// name starts with one.
    verbs: Words,
    /// `zone/zone_words`: words that already make a name a zone.
    zone_words: Vec<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut suffixes = lexicon::ZONE_SUFFIXES.words();
    let zone_suffixes = suffixes.len();
    suffixes.extend(lexicon::ZONE_PARKS.words());
    Lists {
        heads: EndSearcher::new(&suffixes),
        suffixes,
        needs_place: lexicon::ZONE_NEEDS_PLACE.bucketed(),
        markers: EndSearcher::new(&lexicon::ZONE_MARKERS.words()),
        generic: lexicon::ZONE_GENERIC.bucketed(),
        zone_suffixes,
        verbs: {
            let mut v = lexicon::COMMON_INTRODUCING_VERBS.words();
            v.extend(lexicon::VERBS.words());
            v.sort_unstable();
            v.dedup();
            Words::new(&v)
        },
        zone_words: lexicon::ZONE_WORDS.words(),
    }
});

/// How far left of its zone word a zone name is read, in characters.
const MAX_NAME_CHARS: usize = 24;

/// The longest local name (a name that is no division: 张江, 白鸟湖, 城西北)
/// before a zone word, in characters.
const MAX_LOCAL_CHARS: usize = 3;

/// A zone found in the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ZoneMatch {
    pub start: usize,
    pub end: usize,
}

/// `s` without the industry and generic words it ends with: `宁东` for
/// `宁东能源化工`, `杨凌` for `杨凌农业高新技术产业`.
fn without_industries(s: &str) -> &str {
    let mut rest = s;
    // Words of two characters or more: a single 区 or 省 ends a place name.
    while let Some(w) = LISTS.generic.suffix_of(rest).filter(|w| w.chars().nth(1).is_some()) {
        rest = rest.get(..rest.len() - w.len()).unwrap_or("");
    }
    rest
}

/// Whether `name` (modifier + suffix) is a zone name, not a generic mention.
fn valid(name: &str, suffix: &str) -> bool {
    let modifier = name.strip_suffix(suffix).unwrap_or(name);
    let modifier = without(modifier, &['(', ')', '（', '）']);
    // 活力区, 科学城: distinctive enough for any two-character name.
    let distinctive = matches!(suffix, "活力区" | "科学城" | "发展区");
    if modifier.chars().count() < 2 || (!distinctive && is_generic(&modifier, &LISTS.generic)) {
        return false;
    }
    // 江苏省开发区, 湖南产业园区, 中国生物医药产业园区: a province or a
    // country alone (with industry words) before a word of many zones is
    // the zones of that province or country, not one zone.
    if matches!(suffix, "开发区" | "高新区" | "经开区" | "园区" | "工业园区" | "产业园区" | "化工园区")
        && is_province(without_industries(&modifier))
    {
        return false;
    }
    // 示范区, 片区 … need a place, or a zone word before them, or a local
    // name with distinctive words (华联石化片区).
    if LISTS.needs_place.contains(suffix)
        && !contains_place(&modifier)
        && !suffix_inside_zone(&modifier)
        && without_industries(&modifier).len() == modifier.len()
    {
        return false;
    }
    // A numeral right before the suffix: 一区, 两区; 三大园区.
    let last = modifier.chars().last();
    let numeral = |c: char| "一二两三四五六七八九十百".contains(c);
    let before_last = modifier.chars().rev().nth(1);
    !(last.is_some_and(numeral) || last == Some('大') && before_last.is_some_and(numeral))
}

/// Whether `s` is a province (not a municipality, which is a city too),
/// a region or a country, and nothing more: `江苏省`, `湖南`, `长三角`,
/// `中国`, `东盟`.
fn is_province(s: &str) -> bool {
    if place_len(s) != Some(s.len()) {
        return matches!(s, "全国" | "我国");
    }
    let province = |c: &u32| crate::gazetteer::division(*c).is_some_and(|d| d.parent.is_none() && !d.is_municipality());
    let by_gazetteer = crate::gazetteer::starts_with_place(s)
        .filter(|m| m.end == s.len())
        .is_some_and(|m| m.candidates.iter().all(province));
    by_gazetteer || crate::places::starts_with_region(s)
}

/// Whether pattern `pat` of the suffix automaton is a park word.
fn is_park(pat: usize) -> bool {
    pat >= LISTS.zone_suffixes
}

/// Whether a name already holds a zone word (`…自由贸易试验区临港新片区`).
fn suffix_inside_zone(s: &str) -> bool {
    LISTS.zone_words.iter().any(|w| s.contains(w))
}

/// `(滨江)` after a zone name belongs to it.
fn paren_suffix(t: &str, end: usize) -> usize {
    let Some(rest) = t.get(end..) else { return end };
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '(' | '（')) else { return end };
    let inner = rest.get(open.len_utf8()..).unwrap_or("");
    for (n, (k, c)) in inner.char_indices().enumerate() {
        if matches!(c, ')' | '）') {
            return if (1..=6).contains(&n) { end + open.len_utf8() + k + c.len_utf8() } else { end };
        }
        if !is_han(c) {
            return end;
        }
    }
    end
}

/// Whether the text between two places joins them into one run: nothing,
/// or a bracket or joiner (`海峡两岸(扬州)`, `中国—东盟`).
fn joins_places(gap: &str) -> bool {
    gap.chars().all(|c| matches!(c, '(' | ')' | '（' | '）' | '—' | '-' | '·'))
}

/// Where a zone name starts inside the stretch `[from, suffix)` a walk left
/// allows: after the last word that qualifies or introduces it, at the
/// first place of the last run of places, or else at a local name of at
/// most [`MAX_LOCAL_CHARS`] characters before the distinctive words.
/// Returns `suffix` when no name stands there.
fn name_start(t: &str, from: usize, suffix: usize, park_word: bool) -> usize {
    let mut s = from;
    let ext = t.get(from..suffix).unwrap_or("");
    // Markers inside a place name (和 in 呼和浩特) do not count; one that
    // runs past its end does (省级 in 江西省级).
    let places = place_spans(ext);
    for (m_start, m_end, _) in LISTS.markers.occurrences_in(ext) {
        if !places.iter().any(|&(ps, pe)| ps <= m_start && m_end <= pe) {
            s = s.max(from + m_end);
        }
    }
    let rest = t.get(s..suffix).unwrap_or("");
    // The places of the name: the last run of places written together,
    // which a marker did not cut.
    let spans: Vec<(usize, usize)> =
        places.iter().map(|&(a, b)| (from + a, from + b)).filter(|&(a, _)| a >= s).collect();
    // A division after other words starts the name anew (甘肃能化兰州新区);
    // a region after them does not (深圳前海深港现代服务业合作区).
    let mut run_start = None;
    let mut prev_end = None;
    for &(a, b) in &spans {
        let joined = prev_end.is_some_and(|pe| t.get(pe..a).is_some_and(joins_places));
        let region = run_start.is_some() && t.get(a..b).is_some_and(crate::places::starts_with_region);
        if !joined && !region {
            run_start = Some(a);
        }
        prev_end = Some(b);
    }
    if let Some(k) = run_start {
        // A local name may stand before a region (横琴粤澳深度合作区), not
        // before a division (a verb does: 对标苏州工业园区).
        let local = t.get(s..k).unwrap_or("");
        let region = t.get(k..suffix).is_some_and(crate::places::starts_with_region);
        // Only before a zone word: a park after a company's name and a
        // country (启迪东盟科技城) is the company's.
        if !park_word && region && is_local_name(local) {
            return s;
        }
        return k;
    }
    // Else a local name (圆梦新区, 白鸟湖新区, 宁东能源化工基地): at most three
    // characters before the distinctive words, and nothing before them up
    // to where the walk stopped (合理布局工业园区 has none), nor a line
    // break (a byline's name before 新区 on the next line).
    let head = without_industries(rest);
    if head.is_empty() || is_local_name(head) { s } else { suffix }
}

/// Whether `s` can be a local name: two or three Han characters (no line
/// break: a byline's name before 新区 on the next line), neither generic
/// nor a verb (促进国家高新区, 促成中国—东盟…).
fn is_local_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=MAX_LOCAL_CHARS).contains(&n)
        && s.chars().all(is_han)
        && !is_generic(s, &LISTS.generic)
        && LISTS.verbs.prefix_of(s).is_none()
}

/// The last characters of the zone words: where [`find`] looks.
pub(crate) fn head_ends() -> &'static crate::text::CharSet {
    LISTS.heads.last_chars()
}

/// Finds the zones of the normalized text `t`; `barriers` (dates) are never
/// part of a name. Zones in book titles count (`《X高新区建设方案》`).
/// `ends` are the offsets of the characters of [`head_ends`] in `t`.
#[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
pub(crate) fn find(t: &str, barriers: &[(usize, usize)], ends: &[usize]) -> Vec<ZoneMatch> {
    let lists = &*LISTS;
    // Head words come in order: the barrier before each is searched from
    // the last one's.
    let barrier_hint = Hint::new();
    let matches = lists.heads.find_all(t, ends);
    let mut out: Vec<ZoneMatch> = Vec::with_capacity(matches.len());
    // Suffix matches, to know where a name may reach back.
    // Where each match's name starts, once computed (the next match may ask).
    let mut starts: Vec<Option<usize>> = vec![None; matches.len()];
    for (k, &(hs, he, pat)) in matches.iter().enumerate() {
        let Some(&suffix) = lists.suffixes.get(pat) else { continue };
        // A suffix after punctuation or a digit has no name before it (most
        // bare 园区 of a report): nothing to walk.
        let named = char_before(t, hs)
            .is_some_and(|(_, c)| is_han(c) || c.is_ascii_alphabetic() || c.is_whitespace() || matches!(c, ')' | '）'));
        if !named {
            continue;
        }
        let floor = barrier_before(barriers, &barrier_hint, hs);
        let mut from = walk_left(t, hs, floor, MAX_NAME_CHARS, false);
        let mut part_of = None;
        // Reach across an earlier zone only when joined tightly to it:
        // 兰州新区精细化工园区, not 合作区扬州化工园区 or 市经开区圆梦新区.
        if let Some(&(ps, pe, ppat)) = k.checked_sub(1).and_then(|j| matches.get(j))
            && pe > from
            && pe <= hs
        {
            let gap = t.get(pe..hs).unwrap_or("");
            let prev_start = starts
                .get(k - 1)
                .copied()
                .flatten()
                .filter(|&p| p >= from)
                .unwrap_or_else(|| name_start(t, from, ps, is_park(ppat)));
            let prev_name = t.get(prev_start..pe).unwrap_or("");
            let prev_ok = lists.suffixes.get(ppat).is_some_and(|ps| valid(&clean(prev_name), ps));
            // A part of a zone named after it (…自由贸易试验区南京片区): the
            // part's own place does not start a new name.
            let part = matches!(suffix, "片区" | "区块") && gap.chars().count() <= 4 && gap.chars().all(is_han);
            let tight = (part || gap.chars().count() <= 3 && !starts_with_place(gap)) && prev_ok;
            if !tight {
                from = pe;
            } else if part {
                // The part's name starts where the zone's found name does.
                part_of = out.last().filter(|z| z.end == pe).map(|z| z.start);
            }
        }
        let mut start = part_of.unwrap_or_else(|| name_start(t, from, hs, is_park(pat)));
        if let Some(slot) = starts.get_mut(k) {
            *slot = Some(start);
        }
        // A name starts with a Han character (or a Latin letter).
        while let Some(c) = char_at(t, start) {
            if start < hs && !(is_han(c) || c.is_ascii_alphabetic()) {
                start += c.len_utf8();
            } else {
                break;
            }
        }
        let name = clean(t.get(start..he).unwrap_or(""));
        if !valid(&name, suffix) {
            continue;
        }
        let end = paren_suffix(t, he);
        // The longer name wins over one nested in it.
        while out.last().is_some_and(|z| z.start >= start && z.end <= end) {
            out.pop();
        }
        if out.last().is_some_and(|z| z.end > start) {
            continue;
        }
        out.push(ZoneMatch { start, end });
    }
    out.extend(sub_parks(t));
    out.sort_by_key(|z| (z.start, std::cmp::Reverse(z.end)));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// Whether `[s, e)` sits in a list of zones: a zone, `、`, then it (or the
/// other way round).
pub(crate) fn listed_with(t: &str, zones: &[ZoneMatch], s: usize, e: usize) -> bool {
    // Zones are sorted: only the last before and the first after matter.
    let k = zones.partition_point(|z| z.end <= s);
    let gap_is_comma = |a: usize, b: usize| t.get(a..b).is_some_and(|g| g.trim() == "、");
    let before = k.checked_sub(1).and_then(|i| zones.get(i)).is_some_and(|z| gap_is_comma(z.end, s));
    let j = zones.partition_point(|z| z.start < e);
    let after = zones.get(j).is_some_and(|z| gap_is_comma(e, z.start));
    before || after
}

/// Sub-parks listed before `一区N园`: `主园区、东山园、西湖园等“一区五园”`.
fn sub_parks(t: &str) -> Vec<ZoneMatch> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = t.get(from..).and_then(|r| memchr::memmem::find(r.as_bytes(), "一区".as_bytes())) {
        let at = from + k;
        from = at + "一区".len();
        if !first_chars(t.get(from..).unwrap_or(""), 4).contains('园') {
            continue;
        }
        // Walk back over `等“` to the list.
        let mut i = at;
        for w in ["“", "\"", "等"] {
            if t.get(..i).is_some_and(|b| b.ends_with(w)) {
                i -= w.len();
            }
        }
        // Items ending in 园, separated by 、.
        let mut end = i;
        loop {
            let item_start = {
                let mut s = end;
                let mut n = 0;
                while let Some((p, c)) = char_before(t, s) {
                    if !is_han(c) || n >= 4 {
                        break;
                    }
                    s = p;
                    n += 1;
                }
                s
            };
            let item = t.get(item_start..end).unwrap_or("");
            let n = item.chars().count();
            if item.ends_with('园') && (2..=4).contains(&n) && !item.starts_with('主') {
                out.push(ZoneMatch { start: item_start, end });
            }
            match char_before(t, item_start) {
                Some((p, '、')) => end = p,
                _ => break,
            }
        }
    }
    out
}
