//! Zones: the development zones a text names — `武进高新区`, `苏州工业园区`,
//! `杭州高新区(滨江)`, `福建泉州国家自主创新示范区` — with the place names
//! written before them, and the named sub-parks of a zone (`鲤城园` in
//! `鲤城园、石狮园等“一区十园”`).
//!
//! A bare suffix (`高新区`) or a generic one (`国家高新区`, `省级开发区`,
//! `各新区`) is not a zone, nor is a nickname (`光谷`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::{self, Words};
use crate::names::{clean, is_generic, walk_left};
use crate::places::{contains_place, first_place, place_spans, starts_with_place};
use crate::text::{char_at, char_before, first_chars, is_han, without};

/// The zone word lists, compiled once.
struct Lists {
    /// `zone/suffixes`, and an automaton over them.
    suffixes: Vec<&'static str>,
    heads: AhoCorasick,
    /// `zone/needs_place`: suffixes that name a zone only after a place.
    needs_place: Words,
    /// `zone/markers`: words after which a zone name starts (all matches,
    /// overlapping).
    markers: AhoCorasick,
    /// `zone/generic`: words that alone make no zone name.
    generic: Words,
    /// `zone/zone_words`: words that already make a name a zone.
    zone_words: Vec<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let suffixes = lexicon::ZONE_SUFFIXES.words();
    Lists {
        heads: lexicon::searcher(&suffixes),
        suffixes,
        needs_place: lexicon::ZONE_NEEDS_PLACE.bucketed(),
        markers: AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(lexicon::ZONE_MARKERS.words())
            .unwrap_or_else(|e| panic!("zone markers do not compile: {e}")),
        generic: lexicon::ZONE_GENERIC.bucketed(),
        zone_words: lexicon::ZONE_WORDS.words(),
    }
});

/// How far left of its zone word a zone name is read, in characters.
const MAX_NAME_CHARS: usize = 24;

/// A zone found in the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ZoneMatch {
    pub start: usize,
    pub end: usize,
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
    // 江苏省开发区: the province's zones, not one zone.
    if modifier.ends_with('省')
        && modifier.chars().count() <= 4
        && matches!(suffix, "开发区" | "高新区" | "经开区" | "园区" | "工业园区")
    {
        return false;
    }
    if LISTS.needs_place.contains(suffix) && !contains_place(&modifier) && !suffix_inside_zone(&modifier) {
        return false;
    }
    // A numeral right before the suffix: 一区, 两区.
    !modifier.chars().last().is_some_and(|c| "一二两三四五六七八九十百".contains(c))
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

/// The end of the last barrier (a date) before `i`.
fn barrier_before(barriers: &[(usize, usize)], i: usize) -> usize {
    let k = barriers.partition_point(|b| b.1 <= i);
    k.checked_sub(1).and_then(|j| barriers.get(j)).map_or(0, |b| b.1)
}

/// Where a zone name starts inside the stretch `[from, suffix)` a walk left
/// allows: after the last word that qualifies or introduces it, at the
/// first place name, or else at most three characters before the suffix.
fn name_start(t: &str, from: usize, suffix: usize) -> usize {
    let mut s = from;
    let ext = t.get(from..suffix).unwrap_or("");
    // Markers inside a place name (和 in 呼和浩特) do not count.
    let places = place_spans(ext);
    for m in LISTS.markers.find_overlapping_iter(ext) {
        let k = m.start();
        if !places.iter().any(|&(ps, pe)| ps <= k && k < pe) {
            s = s.max(from + m.end());
        }
    }
    let rest = t.get(s..suffix).unwrap_or("");
    // The first place name, if any, starts the name.
    if let Some(k) = first_place(rest) {
        return s + k;
    }
    // Else a short name (圆梦新区, 白鸟湖新区): three characters at most, or
    // none when more text stands before them (合理布局工业园区).
    if rest.chars().filter(|c| is_han(*c)).count() > 3 {
        return suffix;
    }
    let mut i = suffix;
    let mut n = 0;
    while let Some((p, c)) = char_before(t, i) {
        if p < s || n >= 3 && is_han(c) {
            break;
        }
        if is_han(c) {
            n += 1;
        }
        i = p;
    }
    i
}

/// Finds the zones of the normalized text `t`; `barriers` (dates) are never
/// part of a name. Zones in book titles count (`《X高新区建设方案》`).
pub(crate) fn find(t: &str, barriers: &[(usize, usize)]) -> Vec<ZoneMatch> {
    let lists = &*LISTS;
    let matches = crate::names::heads(&lists.heads, t);
    let mut out: Vec<ZoneMatch> = Vec::new();
    // Suffix matches, to know where a name may reach back.
    for (k, &(hs, he, pat)) in matches.iter().enumerate() {
        let Some(&suffix) = lists.suffixes.get(pat) else { continue };
        let floor = barrier_before(barriers, hs);
        let mut from = walk_left(t, hs, floor, MAX_NAME_CHARS, false);
        // Reach across an earlier zone only when joined tightly to it:
        // 兰州新区精细化工园区, not 合作区扬州化工园区 or 市经开区圆梦新区.
        if let Some(&(ps, pe, ppat)) = k.checked_sub(1).and_then(|j| matches.get(j))
            && pe > from
            && pe <= hs
        {
            let gap = t.get(pe..hs).unwrap_or("");
            let prev_name = t.get(name_start(t, from, ps)..pe).unwrap_or("");
            let prev_ok = lists.suffixes.get(ppat).is_some_and(|ps| valid(&clean(prev_name), ps));
            let tight = gap.chars().count() <= 3 && !starts_with_place(gap) && prev_ok;
            if !tight {
                from = pe;
            }
        }
        let mut start = name_start(t, from, hs);
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
