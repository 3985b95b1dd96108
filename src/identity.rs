//! Zone identity: from a zone's name as written, its canonical `key`, its
//! type, its level and its place (SPEC, *Zone identity*).
//!
//! A zone name is read as
//!
//! ```text
//! [place …] [level] [distinctive words] zone word [(note)]
//! 常州 武进   国家                        高新技术产业开发区
//! ```
//!
//! where the places come from the gazetteer, the level words are 国家,
//! 国家级 and 省级 (anywhere, also in a note: `珠海(国家)高新区`), and the zone
//! word is the name's last word from the table [`ZONE_WORDS`], which gives
//! the type and, for the long official forms, the short form the key uses
//! (高新技术产业开发区 → 高新区). Nothing here knows individual zones: what the
//! gazetteer and this grammar cannot decide stays as written.
//!
//! [`identify`] reads one name; [`inherit_places`] lets the mentions of a
//! document that name no place (`武进高新区`) take the place of a fuller
//! mention of the same zone (`常州武进国家高新技术产业开发区`).

use crate::gazetteer::{self, Level, PlaceMatch};
use crate::model::{Place, Zone, ZoneLevel, ZoneType};

/// What a zone's name says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Identity {
    /// The short canonical name, the same for every way of writing the zone:
    /// `武进高新区` for `常州武进国家高新技术产业开发区`.
    pub key: String,
    /// The type its zone word gives.
    pub zone_type: ZoneType,
    /// National or provincial, when the name says so.
    pub level: Option<ZoneLevel>,
    /// The divisions the name places it in, as far as it goes.
    pub place: Option<Place>,
}

impl Identity {
    /// The [`Zone`] of a name with this identity.
    pub fn into_zone(self, name: impl Into<String>) -> Zone {
        let mut zone = Zone::new(name, self.key);
        zone.zone_type = self.zone_type;
        zone.level = self.level;
        zone.place = self.place;
        zone
    }
}

use ZoneType::{
    Bonded, ChemicalPark, Cooperation, Demonstration, Economic, FreeTrade, HighTech, IndustrialPark, NewArea,
};

/// The zone words: `(as written, as the key writes it, type)`.
///
/// The types are SPEC's table. The key's form: SPEC's two abbreviations
/// (高新技术产业开发区 → 高新区, 经济技术开发区 → 经开区) and, by the same
/// rule that a key is "the same for every way of writing it", the other
/// official long forms that reports shorten: the variants of the high-tech
/// zone's name (高新技术开发区, 新技术产业开发区 of 东湖, 高技术产业开发区 of
/// 威海火炬, the provincial 高新技术产业园区); 经济开发区, which reports write
/// 经开区 as often as the national 经济技术开发区, and which no place has
/// beside a 经济技术开发区 of the same name; 综合保税区 → 综保区;
/// 自由贸易试验区 and its variants → 自贸区, 自由贸易港 → 自贸港; and
/// 自创区 → 自主创新示范区, the form SPEC keeps (`泉州自主创新示范区`).
/// Park words (园区, 工业园, 产业园 …) are keys as written: 工业园 and 工业园区
/// are not always the same park.
pub(crate) const ZONE_WORDS: &[(&str, &str, ZoneType)] = &[
    ("高新技术产业开发区", "高新区", HighTech),
    ("高新技术开发区", "高新区", HighTech),
    ("高新技术产业园区", "高新区", HighTech),
    ("高技术产业开发区", "高新区", HighTech),
    ("新技术产业开发区", "高新区", HighTech),
    ("新技术开发区", "高新区", HighTech),
    ("高新区", "高新区", HighTech),
    ("经济技术开发区", "经开区", Economic),
    ("经济开发区", "经开区", Economic),
    ("经开区", "经开区", Economic),
    ("开发区", "开发区", Economic),
    ("新区", "新区", NewArea),
    ("综合保税区", "综保区", Bonded),
    ("综保区", "综保区", Bonded),
    ("保税港区", "保税港区", Bonded),
    ("保税区", "保税区", Bonded),
    ("自由贸易试验区", "自贸区", FreeTrade),
    ("自贸试验区", "自贸区", FreeTrade),
    ("自由贸易区", "自贸区", FreeTrade),
    ("自贸区", "自贸区", FreeTrade),
    ("自由贸易港", "自贸港", FreeTrade),
    ("自贸港", "自贸港", FreeTrade),
    ("自主创新示范区", "自主创新示范区", Demonstration),
    ("自创区", "自主创新示范区", Demonstration),
    ("示范区", "示范区", Demonstration),
    ("合作区", "合作区", Cooperation),
    ("工业集中区", "工业集中区", IndustrialPark),
    ("集中区", "集中区", IndustrialPark),
    ("工业园区", "工业园区", IndustrialPark),
    ("产业园区", "产业园区", IndustrialPark),
    ("工业园", "工业园", IndustrialPark),
    ("产业园", "产业园", IndustrialPark),
    ("园区", "园区", IndustrialPark),
    ("片区", "片区", IndustrialPark),
    ("新城", "新城", IndustrialPark),
    ("科技城", "科技城", IndustrialPark),
    ("产业基地", "产业基地", IndustrialPark),
    ("基地", "基地", IndustrialPark),
    ("化工园", "化工园", ChemicalPark),
];

/// The zone words bucketed by first and last character (a lookup compares
/// a few words, not all of them), and their rows by word.
struct ZoneWordIndex {
    words: crate::lexicon::Words,
    rows: Vec<(&'static str, &'static str, ZoneType)>,
}

static ZONE_WORD_INDEX: std::sync::LazyLock<ZoneWordIndex> = std::sync::LazyLock::new(|| {
    let words: Vec<&'static str> = ZONE_WORDS.iter().map(|w| w.0).collect();
    let mut rows = ZONE_WORDS.to_vec();
    rows.sort_by_key(|r| r.0);
    ZoneWordIndex { words: crate::lexicon::Words::new(&words), rows }
});

/// The zone word `w` found at `start` in a name.
fn zone_word(w: &str, start: usize) -> Option<Word> {
    let index = &*ZONE_WORD_INDEX;
    let i = index.rows.binary_search_by_key(&w, |r| r.0).ok()?;
    let &(w, canonical, zone_type) = index.rows.get(i)?;
    Some(Word { start, end: start + w.len(), canonical, zone_type })
}

/// A park word after one of these is a chemical park (化工园区, 化工产业园,
/// 石化基地, 化学工业园区, 石化产业基地): SPEC's `chemical_park` is the
/// industrial park of the chemical industry, whatever park word it takes.
const CHEMICAL: &[&str] = &["化工", "石化", "化学"];

/// Level words, longest first: 国家级 and 国家 make a zone national, 省级
/// provincial.
const LEVELS: &[(&str, ZoneLevel)] =
    &[("国家级", ZoneLevel::National), ("国家", ZoneLevel::National), ("省级", ZoneLevel::Provincial)];

/// The level a level word that `before` ends with gives (`国家级`, `省级`):
/// the level of a zone name written right after it.
pub(crate) fn level_before(before: &str) -> Option<ZoneLevel> {
    // 国家 alone before a name is the country's (国家高新区 is no name), so
    // only the words with 级 count.
    LEVELS.iter().find(|(w, _)| w.ends_with('级') && before.ends_with(w)).map(|&(_, l)| l)
}

/// A zone word found in a name: byte range and table row.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    canonical: &'static str,
    zone_type: ZoneType,
}

/// The zone word `s` ends with, longest first.
fn head_word(s: &str) -> Option<Word> {
    let w = ZONE_WORD_INDEX.words.suffix_of(s)?;
    zone_word(w, s.len() - w.len())
}

/// The zone words in `s`, leftmost-longest (a name holds a handful of
/// characters, so looking a word up at each position is cheap).
fn words_in(s: &str) -> Vec<Word> {
    let index = &*ZONE_WORD_INDEX;
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(rest) = s.get(at..) {
        let Some(c) = rest.chars().next() else { break };
        match index.words.prefix_of(rest).and_then(|w| zone_word(w, at)) {
            Some(w) => {
                at = w.end;
                out.push(w);
            }
            None => at += c.len_utf8(),
        }
    }
    out
}

/// The name normalized: simplified characters, ASCII brackets and digits
/// (the text layer's [`crate::text::fold_char`]), without white space (a name broken
/// across lines) or quotation marks.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let quote = |c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」');
    out.extend(name.chars().map(crate::text::fold_char).filter(|&c| !c.is_whitespace() && !quote(c)));
    out
}

/// Takes the level words out of `s` and says the level they give (the first
/// one written). 国 after 中 is the country's name (中国家具), not 国家.
fn take_level(s: &str) -> (String, Option<ZoneLevel>) {
    // Every level word starts with 国 or 省: most names hold neither.
    if !s.contains(['国', '省']) {
        let out = if s.contains("()") { s.replace("()", "") } else { s.to_string() };
        return (out, None);
    }
    let mut out = String::with_capacity(s.len());
    let mut level = None;
    let mut at = 0;
    while let Some(rest) = s.get(at..) {
        let Some(c) = rest.chars().next() else { break };
        let after_zhong = out.ends_with('中');
        let hit = LEVELS.iter().find(|(w, _)| rest.starts_with(w) && !(after_zhong && w.starts_with('国')));
        match hit {
            Some(&(w, l)) => {
                level = level.or(Some(l));
                at += w.len();
            }
            None => {
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    // A note that held only the level (`珠海(国家)高新…`) goes with it.
    (out.replace("()", ""), level)
}

/// `中国(上海)自由贸易试验区` → `上海自由贸易试验区`: the official names of
/// national pilot zones write their place in brackets after 中国.
fn unwrap_china(s: String) -> String {
    if !s.contains('中') {
        return s;
    }
    let Some(i) = s.find("中国(") else { return s };
    let inner_start = i + "中国(".len();
    let Some(len) = s.get(inner_start..).and_then(|r| r.find(')')) else { return s };
    let inner = s.get(inner_start..inner_start + len).unwrap_or("");
    let is_place = gazetteer::starts_with_place(inner).is_some_and(|m| m.end == inner.len());
    if !is_place {
        return s;
    }
    let (before, after) = (s.get(..i).unwrap_or(""), s.get(inner_start + len + 1..).unwrap_or(""));
    format!("{before}{inner}{after}")
}

/// Splits the parenthesised notes off the end: `杭州高新区(滨江)` →
/// `杭州高新区` and the note `滨江`.
fn split_notes(s: &str) -> (&str, Vec<&str>) {
    let mut main = s;
    let mut notes = Vec::new();
    while let Some(body) = main.strip_suffix(')') {
        let Some(open) = body.rfind('(') else { break };
        notes.push(body.get(open + 1..).unwrap_or(""));
        main = body.get(..open).unwrap_or("");
    }
    notes.reverse();
    (main, notes)
}

/// The place names of `s` that are not a piece of a zone word: `合作` (合作市)
/// in `合作区` is not a place, `滨海新区` (a district) around `新区` is.
fn places_outside(s: &str, words: &[Word]) -> Vec<PlaceMatch> {
    gazetteer::places(s)
        .filter(|m| {
            words.iter().all(|w| {
                let overlaps = m.start < w.end && w.start < m.end;
                let covers = m.start <= w.start && w.end <= m.end;
                !overlaps || covers
            })
        })
        .collect()
}

/// The division of a mention that lies on the resolved place's path, if any.
fn on_path(m: &PlaceMatch, path: &[u32]) -> Option<&'static gazetteer::Division> {
    m.candidates.iter().find(|c| path.contains(c)).and_then(|&c| gazetteer::division(c))
}

/// The unambiguous short form of a full name, if it has one: `利津` for
/// `利津县`, nothing for `吉安县` (the data gives it none, since `吉安` is
/// 吉安市) or for a short form two divisions share.
fn short_form(d: &gazetteer::Division) -> Option<&'static str> {
    d.short_forms()
        .find(|s| gazetteer::starts_with_place(s).is_some_and(|m| m.end == s.len() && m.candidates.len() == 1))
}

/// The places a name starts with: place names end to end from its first
/// character, each starting before the zone word (`常州`, `武进` of
/// `常州武进高新区`).
fn leading_places(mentions: &[PlaceMatch], body_end: usize) -> Vec<PlaceMatch> {
    let mut chain: Vec<PlaceMatch> = Vec::new();
    for m in mentions {
        let next = chain.last().map_or(0, |c| c.end);
        if m.start != next || m.start >= body_end {
            break;
        }
        chain.push(*m);
    }
    chain
}

/// Which of the leading places the key keeps, by SPEC's rule that a
/// province or city before a lower-level place is dropped:
///
/// - a place that a later leading place lies inside, on the resolved
///   reading, goes (`常州` before `武进`); places that do not nest stay
///   (`南京江北新区`: 江北 is a district of Ningbo or Chongqing, not of 南京);
/// - the last one goes too when it is province-level and two or more
///   characters of a local name follow it before the first zone word
///   (`上海张江高新区` → `张江高新区`): a place name has at least two
///   characters, and a local name after a province is a lower-level place
///   though the gazetteer does not list it. One character (`天津港保税区`)
///   or none (`上海自贸区`) keeps it.
fn kept_places(chain: &[PlaceMatch], path: &[u32], body: &str, words: &[Word]) -> Vec<bool> {
    let levels: Vec<Option<Level>> = chain.iter().map(|m| on_path(m, path).map(|d| d.level)).collect();
    let mut keep: Vec<bool> = levels
        .iter()
        .enumerate()
        .map(|(i, li)| {
            let below = |lj: &Option<Level>| matches!((li, lj), (Some(a), Some(b)) if b > a);
            !levels.iter().skip(i + 1).any(below)
        })
        .collect();
    if let (Some(last), Some(k)) = (chain.last(), keep.last_mut()) {
        let province = match on_path(last, path) {
            Some(d) => d.level == Level::Province,
            None => last.candidates.iter().filter_map(|&c| gazetteer::division(c)).all(|d| d.level == Level::Province),
        };
        let chain_end = last.end.min(body.len());
        let local_end = words.first().map_or(body.len(), |w| w.start).max(chain_end);
        let local = body.get(chain_end..local_end).map_or(0, |s| s.chars().count());
        if province && local >= 2 {
            *k = false;
        }
    }
    keep
}

/// The identity of a zone from its name as written (traditional or
/// simplified, full-width or not).
///
/// - `level`: from 国家, 国家级, 省级 anywhere in the name.
/// - `zone_type`: from the zone word that ends the name (before any note in
///   brackets), by [`ZONE_WORDS`]; a park word after 化工/石化/化学 is a
///   chemical park; no zone word is [`ZoneType::Other`].
/// - `place`: the gazetteer's reading of all the place names in it, notes
///   included (`杭州高新区(滨江)` is in 滨江区), by [`gazetteer::resolve`].
/// - `key`: the name without level words or trailing notes, `中国(X)` read
///   as `X`, zone words in their short form, and of the places it starts
///   with only the last one the others contain (`常州武进…` → `武进…`); a
///   full name kept there becomes its short form when that is unambiguous
///   (`东营市利津县经济开发区` → `利津经开区`). A province-level place alone
///   before two or more characters of a local name (`上海张江高新区`) is
///   dropped too: the local name is the lower-level place SPEC's rule means,
///   though no gazetteer lists it. A province-level name before only a
///   zone word (`上海自贸区`) or one character (`天津港保税区`) stays.
pub(crate) fn identify(name: &str) -> Identity {
    let (text, level) = take_level(&normalize(name));
    let text = unwrap_china(text);
    let (main, notes) = split_notes(&text);
    let head = head_word(main);
    let body_end = head.map_or(main.len(), |h| h.start);
    let body = main.get(..body_end).unwrap_or("");

    let mut words = words_in(body);
    words.extend(head);
    let mentions = places_outside(main, &words);
    let note_mentions = notes.iter().flat_map(|n| gazetteer::places(n));
    let all: Vec<PlaceMatch> = mentions.iter().copied().chain(note_mentions).collect();
    let code = gazetteer::resolve_code(all.iter().map(|m| m.candidates));
    let place = code.and_then(gazetteer::place);
    let path: Vec<u32> =
        code.into_iter().chain(code.into_iter().flat_map(gazetteer::ancestors).map(|d| d.code)).collect();

    let zone_type = match head {
        Some(h) if h.zone_type == IndustrialPark && CHEMICAL.iter().any(|c| body.ends_with(c)) => ChemicalPark,
        Some(h) => h.zone_type,
        None => ZoneType::Other,
    };

    let chain = leading_places(&mentions, body_end);
    let keep = kept_places(&chain, &path, body, &words);
    let mut key = String::with_capacity(main.len());
    for (m, kept) in chain.iter().zip(&keep) {
        if !kept {
            continue;
        }
        // A full name that ends before the zone word may be shortened;
        // `浦东新区`, which runs into it, stays as written.
        let written = body.get(m.start..m.end.min(body_end)).unwrap_or("");
        let short = if m.short || m.end > body_end { None } else { on_path(m, &path).and_then(short_form) };
        key.push_str(short.unwrap_or(written));
    }
    let chain_end = chain.last().map_or(0, |m| m.end.min(body_end));
    let rest = body.get(chain_end..).unwrap_or("");
    let mut at = 0;
    for w in words_in(rest) {
        key.push_str(rest.get(at..w.start).unwrap_or(""));
        key.push_str(w.canonical);
        at = w.end;
    }
    key.push_str(rest.get(at..).unwrap_or(""));
    if let Some(h) = head {
        key.push_str(h.canonical);
    }
    if key.is_empty() {
        key = if text.is_empty() { name.to_string() } else { text.clone() };
    }
    Identity { key, zone_type, level, place }
}

/// How many names [`identify_cached`] keeps per thread before it starts
/// again (a few hundred bytes each).
const CACHE_NAMES: usize = 4096;

thread_local! {
    /// The identities of the names read on this thread, by name.
    static READ: std::cell::RefCell<std::collections::HashMap<String, Identity>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// [`identify`], remembered per thread: a name is read once, not once per
/// document (an archive names the same zones article after article, and a
/// document the same zone again and again), and each reading costs about
/// ten thousand instructions of gazetteer lookups. `identify` reads nothing
/// but the name, so the answer is the same. The memory is bounded: the
/// cache is emptied when it holds [`CACHE_NAMES`] names.
pub(crate) fn identify_cached(name: &str) -> Identity {
    let cached = READ.try_with(|read| {
        let mut read = read.try_borrow_mut().ok()?;
        if let Some(id) = read.get(name) {
            return Some(id.clone());
        }
        if read.len() >= CACHE_NAMES {
            read.clear();
        }
        let id = identify(name);
        read.insert(name.to_string(), id.clone());
        Some(id)
    });
    cached.ok().flatten().unwrap_or_else(|| identify(name))
}

/// Rewrites the key of a mention that a fuller mention of the document
/// writes after a place (see [`inherit_places`]), and clears its place for
/// the fuller one's to fill it. One lookup per distinct key: linear.
fn same_zone_keys<T: HasIdentity>(zones: &mut [T]) {
    use std::collections::{HashMap, HashSet};
    let keys: HashSet<&str> = zones.iter().map(|z| z.key()).collect();
    // The shorter key -> the fuller one, or None when two fuller keys claim it.
    let mut fuller: HashMap<String, Option<String>> = HashMap::new();
    for &f in &keys {
        let Some(m) = gazetteer::starts_with_place(f) else { continue };
        let Some(short) = f.get(m.end..).filter(|s| !s.is_empty() && keys.contains(s)) else { continue };
        fuller
            .entry(short.to_string())
            .and_modify(|e| {
                if e.as_deref() != Some(f) {
                    *e = None;
                }
            })
            .or_insert_with(|| Some(f.to_string()));
    }
    if fuller.is_empty() {
        return;
    }
    for z in zones.iter_mut() {
        if let Some(Some(f)) = fuller.get(z.key()) {
            *z.key_mut() = f.clone();
            *z.place_mut() = None;
        }
    }
}

/// What [`inherit_places`] reads and fills.
pub(crate) trait HasIdentity {
    /// The zone's key.
    fn key(&self) -> &str;
    /// The zone's place, to read and to fill.
    fn place_mut(&mut self) -> &mut Option<Place>;
    /// The zone's key, to rewrite.
    fn key_mut(&mut self) -> &mut String;
}

impl HasIdentity for Identity {
    fn key(&self) -> &str {
        &self.key
    }

    fn key_mut(&mut self) -> &mut String {
        &mut self.key
    }

    fn place_mut(&mut self) -> &mut Option<Place> {
        &mut self.place
    }
}

impl HasIdentity for Zone {
    fn key(&self) -> &str {
        &self.key
    }

    fn key_mut(&mut self) -> &mut String {
        &mut self.key
    }

    fn place_mut(&mut self) -> &mut Option<Place> {
        &mut self.place
    }
}

/// Within one document, in reading order: a mention whose name holds no
/// place takes the place of the nearest mention before it with the same key
/// that has one (`武进高新区` after `常州武进国家高新技术产业开发区`), or failing
/// that of the nearest after it (a headline's short name before the body's
/// full one). Mentions with a place of their own keep it.
///
/// Before that, a mention whose key is what a fuller mention's key writes
/// after its leading place (`东湖高新区` after `武汉东湖高新区`) is the same
/// zone written without its city: it takes that key, and that mention's
/// place over what its own name suggests (东湖 alone reads as 南昌's 东湖区).
/// Where two fuller keys end the same way, the document does not say which
/// is meant, and the mention keeps its own.
pub(crate) fn inherit_places<T: HasIdentity>(zones: &mut [T]) {
    same_zone_keys(zones);
    // Most documents' mentions all have their place, or none has one: then
    // nothing is inherited.
    let with_place = zones.iter_mut().map(|z| usize::from(z.place_mut().is_some())).sum::<usize>();
    if with_place == 0 || with_place == zones.len() {
        return;
    }
    // Places of their own, read before any is filled in.
    let own: Vec<Option<Place>> = zones.iter_mut().map(|z| z.place_mut().clone()).collect();
    // Per key, the mentions that have a place, in reading order: each
    // mention looks up its nearest one with a binary search (a page of
    // thousands of mentions stays linear).
    let mut placed: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, z) in zones.iter().enumerate() {
        if own.get(i).is_some_and(Option::is_some) {
            placed.entry(z.key().to_string()).or_default().push(i);
        }
    }
    for i in 0..zones.len() {
        if own.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let Some(list) = zones.get(i).and_then(|z| placed.get(z.key())) else { continue };
        let k = list.partition_point(|&j| j < i);
        let from = k.checked_sub(1).and_then(|b| list.get(b)).or_else(|| list.get(k)).copied();
        if let (Some(j), Some(z)) = (from, zones.get_mut(i)) {
            *z.place_mut() = own.get(j).cloned().flatten();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-thread memory gives what reading the name gives, the first
    /// time and later, and after it is emptied for being full.
    #[test]
    fn remembered_identities_are_the_read_ones() {
        let names = ["常州武进国家高新技术产业开发区", "武进高新区", "苏州工业园区", "张江科技园", "哈尔滨新区"];
        for _ in 0..2 {
            for n in names {
                assert_eq!(identify_cached(n), identify(n), "{n}");
            }
        }
        for k in 0..CACHE_NAMES + 10 {
            let _ = identify_cached(&format!("第{k}工业园区"));
        }
        for n in names {
            assert_eq!(identify_cached(n), identify(n), "{n}");
        }
        READ.with(|read| assert!(read.borrow().len() <= CACHE_NAMES));
    }

    #[test]
    fn reads_a_full_national_name() {
        let id = identify("常州武进国家高新技术产业开发区");
        assert_eq!(id.key, "武进高新区");
        assert_eq!((id.zone_type, id.level), (HighTech, Some(ZoneLevel::National)));
        let p = id.place.unwrap_or_else(|| panic!("no place"));
        assert_eq!(
            (&*p.province, p.city.as_deref(), p.county.as_deref(), p.code),
            ("江苏省", Some("常州市"), Some("武进区"), 320412)
        );
    }

    #[test]
    fn documents_share_places_by_key() {
        // 张江 is no division: the short mentions have no place of their own.
        let names =
            ["张江高新区", "上海张江国家自主创新示范区", "上海张江高新区", "张江高新区", "中关村示范区", "武进高新区"];
        let mut ids: Vec<Identity> = names.iter().map(|n| identify(n)).collect();
        assert_eq!(ids[0].key, ids[2].key);
        assert!(ids[0].place.is_none() && ids[3].place.is_none());
        inherit_places(&mut ids);
        let codes: Vec<Option<u32>> = ids.iter().map(|i| i.place.as_ref().map(|p| p.code)).collect();
        // The first takes the later full mention's place; the fourth the
        // nearest before it; the other zones keep theirs (武进 is a place).
        assert_eq!(codes, [Some(310000), Some(310000), Some(310000), Some(310000), None, Some(320412)]);
    }

    /// One mention of `tests/data/zone_identity.toml` and what it must give.
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Case {
        name: String,
        key: String,
        #[serde(rename = "type")]
        zone_type: String,
        level: Option<String>,
        province: Option<String>,
        city: Option<String>,
        county: Option<String>,
        code: Option<u32>,
        /// For the extractor's runner (`tests/cases.rs`), not read here.
        #[serde(rename = "xfail")]
        _xfail: Option<String>,
    }

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Table {
        zone: Vec<Case>,
    }

    fn cases() -> Vec<Case> {
        let data = include_str!("../tests/data/zone_identity.toml");
        let table: Table = toml::from_str(data).unwrap_or_else(|e| panic!("zone_identity.toml: {e}"));
        table.zone
    }

    #[test]
    fn zone_identity_table() {
        let cases = cases();
        let mut failures = Vec::new();
        for c in &cases {
            let id = identify(&c.name);
            let got = (
                id.key.as_str(),
                id.zone_type.as_str(),
                id.level.map(ZoneLevel::as_str),
                id.place.as_ref().map(|p| &*p.province),
                id.place.as_ref().and_then(|p| p.city.as_deref()),
                id.place.as_ref().and_then(|p| p.county.as_deref()),
                id.place.as_ref().map(|p| p.code),
            );
            let want = (
                c.key.as_str(),
                c.zone_type.as_str(),
                c.level.as_deref(),
                c.province.as_deref(),
                c.city.as_deref(),
                c.county.as_deref(),
                c.code,
            );
            if got != want {
                failures.push(format!("{}\n    got  {got:?}\n    want {want:?}", c.name));
            }
            // The table's own place agrees with the gazetteer's data.
            if let Some(code) = c.code {
                let p = gazetteer::place(code).unwrap_or_else(|| panic!("{}: no division {code}", c.name));
                let data = (Some(&*p.province), p.city.as_deref(), p.county.as_deref());
                assert_eq!(data, (c.province.as_deref(), c.city.as_deref(), c.county.as_deref()), "{}", c.name);
            }
        }
        assert!(failures.is_empty(), "{} of {} mentions differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    }

    #[test]
    fn zone_identity_table_covers_what_it_must() {
        let cases = cases();
        assert!(cases.len() >= 150, "{} mentions", cases.len());
        for t in ["high_tech", "economic", "new_area", "bonded", "free_trade", "demonstration", "cooperation"]
            .into_iter()
            .chain(["industrial_park", "chemical_park", "other"])
        {
            assert!(cases.iter().any(|c| c.zone_type == t), "no {t} zone");
        }
        // Each of the 31 mainland provinces, municipalities and regions.
        for code in [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50]
            .into_iter()
            .chain([51, 52, 53, 54, 61, 62, 63, 64, 65])
        {
            assert!(cases.iter().any(|c| c.code.is_some_and(|k| k / 10000 == code)), "no zone in province {code}");
        }
        let has = |f: &dyn Fn(&Case) -> bool| cases.iter().any(f);
        assert!(has(&|c| c.level.as_deref() == Some("national")) && has(&|c| c.level.as_deref() == Some("provincial")));
        assert!(has(&|c| c.province.is_none()), "a zone with no place");
        assert!(has(&|c| c.county.is_some() && c.city.is_none()), "a municipality's or province's county");
        assert!(has(&|c| c.name.contains('區')), "traditional script");
    }

    #[test]
    fn grammar_details() {
        // 国 after 中 is 中国, not the level word 国家.
        let id = identify("中国家具产业园");
        assert_eq!((id.key.as_str(), id.level), ("中国家具产业园", None));
        // A place name inside a zone word is no place (合作 is 合作市).
        assert_eq!(identify("中德合作区").place, None);
        // White space and quotation marks of a broken or quoted name go.
        assert_eq!(identify("苏州工业\n园区").key, "苏州工业园区");
        // A full name with no short form of its own stays full (吉林 is the
        // province; the data gives 吉林市 none).
        assert_eq!(identify("吉林市高新区").key, "吉林市高新区");
        let zone = identify("常州武进国家高新技术产业开发区").into_zone("常州武进国家高新技术产业开发区");
        assert_eq!((zone.key.as_str(), zone.place.map(|p| p.code)), ("武进高新区", Some(320412)));
    }

    proptest::proptest! {
        /// Any string made of the pieces of zone names (places, level and
        /// zone words, brackets of both widths, traditional characters, odd
        /// characters) is read without panic into a non-empty key, and its
        /// place, if any, is a division of the gazetteer.
        #[test]
        fn any_name_reads(name in "[常州武进江苏省吉安县朝阳北京国家级高新技术产业开发区经济园合作中()（）蘇區 a1🙂\u{0}]{0,24}") {
            let id = identify(&name);
            proptest::prop_assert!(!id.key.is_empty() || name.is_empty());
            if let Some(p) = id.place {
                proptest::prop_assert!(gazetteer::division(p.code).is_some());
            }
        }
    }

    #[test]
    fn never_panics_and_never_gives_an_empty_key() {
        for name in [
            "", "(", ")", "()", "(国家)", "国家级", "中国(", "中国()", "中国(上海", "高新区", "((滨江))", "🙂区",
            "\u{0}",
        ] {
            let id = identify(name);
            assert!(!id.key.is_empty() || name.is_empty(), "{name:?}");
        }
    }
}
