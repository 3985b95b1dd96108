//! Platforms: named innovation and industrial platforms — research
//! institutes, laboratories, centres, bases, parks inside a zone,
//! incubators, workstations, colleges, funds, towns and villages.
//!
//! A lexicon of head words (`研究院`, `实验室`, `创新中心`, `产业园`, `基金`,
//! each with its [`PlatformType`]) is matched in one pass; the name's left
//! boundary is found by [`walk_left`](crate::names::walk_left). Generic
//! mentions (`新型研发机构`, `科技创新中心`, `众创空间`), titles conferred
//! (`被认定为国家医疗器械国际创新园`), venues and government bodies
//! (`会展中心`, `投促中心`) are not platforms, and a name nested in a longer
//! one is not a second fact.

use std::sync::LazyLock;

use crate::hint::Hint;
use crate::lexicon::{self, EndSearcher, Words};
use crate::model::PlatformType;
use crate::names::{barrier_before, clean, in_book_title, is_conferred, is_generic, walk_left};
use crate::text::{char_at, char_before, is_han, last_chars, without};

/// The platform word lists, compiled once.
struct Lists {
    /// `platform/heads`: head words with the type each gives, and a
    /// searcher over them.
    heads: Vec<(&'static str, PlatformType)>,
    head_words: Words,
    head_searcher: EndSearcher,
    /// `platform/sub_units`: heads that name a part of the platform before
    /// them (a name goes on across that platform).
    sub_units: Words,
    /// `platform/not_platforms`: venues, government bodies, academies.
    not_platforms: Words,
    /// `platform/descriptive`: words that make a name a goal or a kind.
    descriptive: Words,
    /// `platform/generic`: words that alone make no platform name.
    generic: Words,
    /// `platform/generic` and `names/industries`: words that alone make no
    /// name of a park or a base (`新材料产业园`, `智能装备生产基地`).
    park_generic: Words,
    /// `platform/designations`: a name that starts with one is a title.
    designations: Vec<&'static str>,
    /// `platform/academies`: their 院 is no platform head.
    academies: Vec<&'static str>,
    /// `platform/place_fields`: the fields before 谷, 岛, 街.
    place_fields: Words,
    /// The heads marked `after_field` in `platform/heads`: place words
    /// that head a platform only right after a field of work.
    place_heads: Vec<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let rows = lexicon::PLATFORM_HEADS.rows();
    let heads: Vec<(&'static str, PlatformType)> =
        rows.iter().filter_map(|r| Some((*r.first()?, r.get(1)?.parse::<PlatformType>().ok()?))).collect();
    let place_heads =
        rows.iter().filter(|r| r.get(2) == Some(&"after_field")).filter_map(|r| r.first().copied()).collect();
    let words: Vec<&str> = heads.iter().map(|h| h.0).collect();
    Lists {
        head_words: Words::new(&words),
        head_searcher: EndSearcher::new(&words),
        heads,
        sub_units: lexicon::PLATFORM_SUB_UNITS.bucketed(),
        not_platforms: lexicon::PLATFORM_NOT_PLATFORMS.bucketed(),
        descriptive: lexicon::PLATFORM_DESCRIPTIVE.bucketed(),
        generic: lexicon::PLATFORM_GENERIC.bucketed(),
        park_generic: {
            let mut w = lexicon::PLATFORM_GENERIC.words();
            w.extend(lexicon::NAME_INDUSTRIES.words());
            w.sort_unstable();
            w.dedup();
            Words::new(&w)
        },
        designations: lexicon::PLATFORM_DESIGNATIONS.words(),
        academies: lexicon::PLATFORM_ACADEMIES.words(),
        place_fields: lexicon::PLATFORM_PLACE_FIELDS.bucketed(),
        place_heads,
    }
});

/// The type a name's head word gives it (the longest head word it ends
/// with), or [`PlatformType::Other`].
pub(crate) fn type_of(name: &str) -> PlatformType {
    let lists = &*LISTS;
    lists
        .head_words
        .suffix_of(name)
        .and_then(|w| lists.heads.iter().find(|h| h.0 == w))
        .map_or(PlatformType::Other, |h| h.1)
}

/// How far left of its head word a platform name is read, in characters.
const MAX_NAME_CHARS: usize = 32;

/// How far back the clause before a name is read for a description
/// (`全国规模最大的…基地`), in characters.
const DESCRIPTION_CHARS: usize = 24;

/// A platform found in the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlatformMatch {
    pub start: usize,
    pub end: usize,
    pub platform_type: PlatformType,
}

/// Whether a name ending at `end` and starting at `start` is a platform;
/// `ty` is the type its head word gives.
fn valid(t: &str, start: usize, head_start: usize, end: usize, ty: PlatformType) -> bool {
    let name = clean(t.get(start..end).unwrap_or(""));
    let lists = &*LISTS;
    if lists.not_platforms.suffix_of(&name).is_some() {
        return false;
    }
    // 中心城区, 产业园区: the head word is part of a longer word.
    if t.get(end..).is_some_and(|r| r.starts_with("城区") || r.starts_with("城市") || r.starts_with('区')) {
        return false;
    }
    if lists.descriptive.suffix_of(t.get(..start).unwrap_or("")).is_some()
        || lists.descriptive.prefix_of(&name).is_some()
    {
        return false;
    }
    let cleaned = clean(t.get(start..head_start).unwrap_or(""));
    let modifier = without(&cleaned, &['“', '”']);
    // A park or a base named only by its industry (文化创意产业园, 光伏组件
    // 生产基地) has no proper name: SPEC, "Parks: zone or platform"; nor
    // has a valley, island or street named only by its field (数字创意街).
    let place = t.get(head_start..end).is_some_and(|w| lists.place_heads.contains(&w));
    let generic = if matches!(ty, PlatformType::Park | PlatformType::Base) || place {
        &lists.park_generic
    } else {
        &lists.generic
    };
    // The proper name stands before the field of a place head (大绿谷 has none).
    let modifier: &str = match lists.place_fields.suffix_of(&modifier).filter(|_| place) {
        Some(field) => modifier.get(..modifier.len() - field.len()).unwrap_or(""),
        None => &modifier,
    };
    if modifier.chars().count() < 2 || is_generic(modifier, generic) {
        return false;
    }
    // 全国规模最大的…基地: a description, not a name.
    let before = t.get(..start).unwrap_or("");
    let clause = last_chars(before, DESCRIPTION_CHARS).rsplit([',', '。', ';', ':', '\n']).next().unwrap_or("");
    if clause.contains('的') && clause.contains('最') {
        return false;
    }
    // A chain of words joined by dashes (项目—产业链—集群—基地) is no name.
    if name.matches('—').count() > 1 {
        return false;
    }
    // 国家光电子信息产业基地, 省级…: a national or provincial designation;
    // but a national research centre or laboratory named by its field is
    // a platform (国家工程塑料研究中心; not 国家重点实验室, whose words are
    // generic).
    let research = ["研究中心", "工程中心", "技术中心", "实验室", "研究院"].iter().any(|h| name.ends_with(h));
    lists.designations.iter().all(|w| match name.strip_prefix(w) {
        None => true,
        Some(rest) => {
            let field = rest.get(..rest.len() - (end - head_start)).unwrap_or("");
            research && *w == "国家" && !is_generic(field, &lists.generic)
        }
    })
}

/// The last characters of the head words: where [`find`] looks.
pub(crate) fn head_ends() -> &'static crate::text::CharSet {
    LISTS.head_searcher.last_chars()
}

/// Finds the platforms of the normalized text `t`. `barriers` are spans a
/// name cannot reach into (numeric facts, dates, zones are allowed inside);
/// `titles` are book titles.
/// `ends` are the offsets of the characters of [`head_ends`] in `t`.
#[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
pub(crate) fn find(
    t: &str,
    barriers: &[(usize, usize)],
    titles: &[(usize, usize)],
    ends: &[usize],
) -> Vec<PlatformMatch> {
    let lists = &*LISTS;
    let head_words = lists.head_searcher.find_all(t, ends);
    // Head words inside words that are not platforms (学院 in 科学院) are skipped.
    let heads: Vec<(usize, usize, PlatformType, &str)> = head_words
        .iter()
        .filter_map(|&(s, e, k)| {
            let (w, ty) = lists.heads.get(k)?;
            let before = t.get(..e).unwrap_or("");
            if w.ends_with('院') && lists.academies.iter().any(|x| before.ends_with(x)) {
                return None;
            }
            // 山谷, 半岛, 大街 are places: 谷, 岛, 街 need a field before them.
            if lists.place_heads.contains(w) && lists.place_fields.suffix_of(t.get(..s).unwrap_or("")).is_none() {
                return None;
            }
            Some((s, e, *ty, *w))
        })
        .collect();
    let mut out: Vec<PlatformMatch> = Vec::with_capacity(head_words.len());
    // Head words come in order: the barrier before each is searched from
    // the last one's.
    let barrier_hint = Hint::new();
    for (k, &(hs, he, ty, word)) in heads.iter().enumerate() {
        // The name goes on past a head word that is only its beginning
        // (中心 in 中心城区) — handled in `valid` — or ends here.
        let floor = barrier_before(barriers, &barrier_hint, hs);
        let mut start = walk_left(t, hs, floor, MAX_NAME_CHARS, true);
        // Cross an earlier platform only when this one is part of it
        // (分中心, 工作站) or joined tightly to it (中汽中心常州基地).
        let mut j = k;
        while let Some(&(_, pe, _, _)) = j.checked_sub(1).and_then(|x| heads.get(x)) {
            if pe <= start {
                break;
            }
            let gap = t.get(pe..hs).unwrap_or("");
            let joined = lists.sub_units.contains(word) || gap.chars().count() <= 4 || gap.starts_with('·');
            if !joined {
                start = pe;
                break;
            }
            j -= 1;
        }
        // Quotes that open the name stay; other punctuation does not.
        while let Some(c) = char_at(t, start) {
            if start < hs && !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '「')) {
                start += c.len_utf8();
            } else {
                break;
            }
        }
        // 市新能源汽车配套产业园: a bare 市 or 县 before a name is not part of it.
        if matches!(char_at(t, start), Some('市' | '县' | '区' | '省'))
            && char_before(t, start).is_none_or(|(_, c)| !is_han(c))
            && t.get(start..hs).is_some_and(|m| m.chars().count() >= 4)
        {
            start += '市'.len_utf8();
        }
        // 为国家…: a preposition, not part of the name.
        if char_at(t, start) == Some('为') && start < hs {
            start += '为'.len_utf8();
        }
        // An open quote whose closing mark is not in the name stays outside.
        if t.get(start..he).is_some_and(|n| n.starts_with('“') && !n.contains('”')) {
            start += '“'.len_utf8();
        }
        // 所 heads a name only after an academy, which starts the name
        // (与中科院大连化物所 → 中科院大连化物所).
        if word == "所" {
            let name = t.get(start..hs).unwrap_or("");
            match ["中科院", "中国科学院"].iter().filter_map(|a| name.find(a)).min() {
                Some(k) => start += k,
                None => continue,
            }
        }
        if !valid(t, start, hs, he, ty) || is_conferred(t, start) || in_book_title(titles, start) {
            continue;
        }
        // The longer name wins over one nested in it.
        while out.last().is_some_and(|p| p.start >= start && p.end <= he) {
            out.pop();
        }
        if out.last().is_some_and(|p| p.end > start) {
            continue;
        }
        out.push(PlatformMatch { start, end: he, platform_type: ty });
    }
    out
}
