//! Zones: the development zones a text names — `武进高新区`, `苏州工业园区`,
//! `杭州高新区(滨江)`, `福建泉州国家自主创新示范区` — with the place names
//! written before them, and the named sub-parks of a zone (`鲤城园` in
//! `鲤城园、石狮园等“一区十园”`).
//!
//! A bare suffix (`高新区`) or a generic one (`国家高新区`, `省级开发区`,
//! `各新区`) is not a zone, nor is a nickname (`光谷`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::Words;
use crate::names::{clean, is_generic, walk_left};
use crate::places::{contains_place, first_place, place_spans, starts_with_place};
use crate::text::{char_at, char_before, first_chars, is_han, without};

/// Zone suffixes, longest first where they overlap.
pub(crate) const SUFFIXES: &[&str] = &[
    "高新技术产业开发区", "高新技术开发区", "新技术产业开发区", "新技术开发区", "高新区", "高新南区", "高新西区",
    "高新东区", "高新北区", "经济技术开发区", "经济开发区", "经开区", "技术开发区", "开发区", "工业园区", "化工园区",
    "自贸区", "自由贸易试验区", "自由贸易区", "自贸试验区", "自贸港", "国家自主创新示范区", "自主创新示范区", "自创区",
    "示范区", "新区", "综合保税区", "综保区", "保税区", "保税港区", "合作区", "集聚区", "发展区", "活力区", "科学城",
    "区块", "片区", "试验区", "先行区", "功能区",
];

/// Suffixes that name a zone only with a place before them.
const NEEDS_PLACE: &[&str] = &["示范区", "片区", "试验区", "先行区", "功能区", "集聚区", "自贸港", "合作区"];

/// Words after which a zone name starts: what qualifies or introduces it
/// (`国家级乌鲁木齐经济技术开发区`, `全市共有工业园区`, `向兰州新区`).
const MARKERS: &[&str] = &[
    "国家级", "省级", "市级", "县级", "区级", "自治区级", "全国", "全省", "全市", "全区", "各", "该", "每个", "多数",
    "部分", "一批", "西部", "东部", "中部", "共有", "拥有", "现有", "十大", "百强", "最具", "最", "与", "和", "及",
    "向", "像", "赴", "在", "于", "居", "位居", "跻身", "紧抓", "紧扣", "赋予", "弘扬", "发挥", "优化", "增强", "明确",
    "通过", "具有", "奋进", "布局", "走出", "一条", "暨", "集", "为", "是", "以", "把", "将", "让", "对", "从", "由",
    "推动", "推进", "支持", "参观", "考察", "调研", "进入", "落户", "入驻", "成立", "设立", "建设", "打造", "获批",
    "成为", "作为", "围绕", "依托", "聚焦", "国内", "国际", "境内", "区内", "省内", "市内", "上述", "其他", "其它",
    "同类", "相关", "周边", "附近", "所在", "等",
];

/// Words that alone make no zone name.
const GENERIC: &[&str] = &[
    "国家级", "国家", "省级", "市级", "县级", "区级", "自治区级", "各", "该", "本", "全国", "全省", "全市", "全区",
    "其他", "其它", "多个", "各类", "一批", "重点", "特色", "综合", "省", "市", "县", "区", "绿色", "生态", "智慧",
    "现代", "主", "示范", "产业", "工业", "经济", "高新", "国际", "新", "老", "城市", "中心", "化工", "精细化工", "两",
    "三", "四", "五", "六", "七", "八", "九", "十", "多", "所在", "周边", "相关", "同类", "一流", "先进", "优秀",
    "国内", "省内", "市内", "区内", "高铁", "临空", "临港", "滨海", "沿海", "沿江", "跨境", "边境", "承接", "产业转移",
    "创新", "技术", "科技", "园区", "开发", "建设", "首批", "第一批", "第二批", "批", "家", "个", "级", "江苏省",
    "浙江省", "广东省", "安徽省", "价值", "投资", "高技术", "关键词", "优质", "龙头",
];

static MARKER_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(MARKERS)
        .unwrap_or_else(|e| panic!("zone markers do not compile: {e}"))
});

static GENERIC_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(GENERIC));

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
    if modifier.chars().count() < 2 || (!distinctive && is_generic(&modifier, &GENERIC_WORDS)) {
        return false;
    }
    // 江苏省开发区: the province's zones, not one zone.
    if modifier.ends_with('省')
        && modifier.chars().count() <= 4
        && matches!(suffix, "开发区" | "高新区" | "经开区" | "园区" | "工业园区")
    {
        return false;
    }
    if NEEDS_PLACE.contains(&suffix) && !contains_place(&modifier) && !suffix_inside_zone(&modifier) {
        return false;
    }
    // A numeral right before the suffix: 一区, 两区.
    !modifier.chars().last().is_some_and(|c| "一二两三四五六七八九十百".contains(c))
}

/// Whether a name already holds a zone word (`…自由贸易试验区临港新片区`).
fn suffix_inside_zone(s: &str) -> bool {
    ["自贸", "自由贸易", "综保", "保税", "高新", "开发区"].iter().any(|w| s.contains(w))
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
    for m in MARKER_AC.find_overlapping_iter(ext) {
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
pub(crate) fn find(t: &str, matches: &[(usize, usize, usize)], barriers: &[(usize, usize)]) -> Vec<ZoneMatch> {
    let mut out: Vec<ZoneMatch> = Vec::new();
    // Suffix matches, to know where a name may reach back.
    for (k, &(hs, he, pat)) in matches.iter().enumerate() {
        let Some(&suffix) = SUFFIXES.get(pat) else { continue };
        let floor = barrier_before(barriers, hs);
        let mut from = walk_left(t, hs, floor, 24, false);
        // Reach across an earlier zone only when joined tightly to it:
        // 兰州新区精细化工园区, not 合作区扬州化工园区 or 市经开区圆梦新区.
        if let Some(&(ps, pe, ppat)) = k.checked_sub(1).and_then(|j| matches.get(j))
            && pe > from
            && pe <= hs
        {
            let gap = t.get(pe..hs).unwrap_or("");
            let prev_name = t.get(name_start(t, from, ps)..pe).unwrap_or("");
            let prev_ok = SUFFIXES.get(ppat).is_some_and(|ps| valid(&clean(prev_name), ps));
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

/// Sub-parks listed before `一区N园`: `主园区、鲤城园、石狮园等“一区十园”`.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn zones(s: &str) -> Vec<String> {
        find(s, &crate::names::head_words(s).0, &[]).into_iter().map(|z| s[z.start..z.end].to_string()).collect()
    }

    #[test]
    fn named_zones() {
        assert_eq!(zones("武进高新区:推进高质量发展"), ["武进高新区"]);
        assert_eq!(zones("赴苏州工业园区、杭州高新区(滨江)考察"), ["苏州工业园区", "杭州高新区(滨江)"]);
        assert_eq!(zones("与乌鲁木齐经济技术开发区合并"), ["乌鲁木齐经济技术开发区"]);
        assert_eq!(zones("抓住福建泉州国家自主创新示范区获批机遇"), ["福建泉州国家自主创新示范区"]);
        assert_eq!(zones("面积100平方公里的兰州新区精细化工园区今天启动"), ["兰州新区精细化工园区"]);
        assert_eq!(zones("位于市经开区圆梦新区,"), ["圆梦新区"]);
        assert_eq!(zones("在珠海(国家)高新技术产业开发区管委会"), ["珠海(国家)高新技术产业开发区"]);
    }

    #[test]
    fn not_zones() {
        assert!(zones("国家高新区高质量发展").is_empty());
        assert!(zones("保持在江苏省开发区前列").is_empty());
        assert!(zones("各新区围绕优势领域").is_empty());
        assert!(zones("推进智能网联汽车示范区建设").is_empty());
        assert!(zones("该高新区拥有").is_empty());
        assert!(zones("建设国家自主创新示范区为核心任务").is_empty());
    }

    #[test]
    fn sub_parks_of_a_zone() {
        let s = "本区包括主园区、城东园、江口园等“一区十园”";
        assert_eq!(zones(s), ["城东园", "江口园"]);
    }
}
