//! Sections: the reports of a newspaper page that strings several together,
//! each with its title line (a zone name, `：`, a headline), its byline
//! (`▶ 本报记者 叶伟`, `本报讯(记者 于大勇)`, `(记者 X 通讯员 Y)`), its main
//! zone and its span. A plain article is one section, about the zone it
//! names most.

use std::sync::LazyLock;

use crate::lexicon;
use crate::text::is_han;

/// `section/byline_stops`: words that end the reporters' names in a byline.
static BYLINE_STOPS: LazyLock<Vec<&'static str>> = LazyLock::new(|| lexicon::SECTION_BYLINE_STOPS.words());
use crate::zone::ZoneMatch;

/// A byline's `记者` stands within its line's first characters.
const BYLINE_MARK_CHARS: usize = 24;

/// A byline names its reporters within this many characters.
const BYLINE_NAMES_CHARS: usize = 40;

/// A section's byline is among the first lines after its title.
const BYLINE_LINES: usize = 8;

/// A section in normalized offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SectionMatch {
    pub start: usize,
    pub end: usize,
    /// The title line, trimmed.
    pub title: Option<(usize, usize)>,
    /// The zone the section is about.
    pub zone: Option<(usize, usize)>,
    /// Reporters' names.
    pub reporters: Vec<(usize, usize)>,
}

/// The lines of `t` with their start offsets, trimmed of white space.
fn lines(t: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::with_capacity(crate::text::room(t.len(), 128));
    let mut start = 0;
    // The line breaks by memchr (the crate's, faster than `split`'s).
    let ends = memchr::memchr_iter(b'\n', t.as_bytes()).map(|k| k + 1).chain(std::iter::once(t.len()));
    for end in ends {
        if end <= start {
            continue;
        }
        let part = t.get(start..end).unwrap_or("");
        let line = part.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start().len();
        let s = start + lead;
        let e = start + line.trim_end().len();
        if e > s {
            v.push((s, e));
        }
        start = end;
    }
    v
}

/// Names after `记者` in a byline: runs of two to four Han characters,
/// until `通讯员`, `报道`, a bracket or the line's end.
fn reporter_names(t: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut i = from;
    // A byline names its reporters within its first forty characters.
    let text = crate::text::first_chars(t.get(from..to).unwrap_or(""), BYLINE_NAMES_CHARS);
    let to = from + text.len();
    let stop = BYLINE_STOPS.iter().filter_map(|w| text.find(w)).min().map_or(to, |k| from + k);
    while i < stop {
        let Some(c) = t.get(i..).and_then(|r| r.chars().next()) else { break };
        if is_han(c) {
            let s = i;
            let mut n = 0;
            while let Some(c) = t.get(i..stop).and_then(|r| r.chars().next()).filter(|c| is_han(*c)) {
                i += c.len_utf8();
                n += 1;
            }
            if (2..=4).contains(&n) {
                v.push((s, i));
            }
            continue;
        }
        if matches!(c, ')' | '）' | ']' | '】' | ':' | ',' | '。' | ';') {
            break;
        }
        i += c.len_utf8();
    }
    v
}

/// The reporters named in a line, if it is (or starts with) a byline.
fn byline(t: &str, (s, e): (usize, usize)) -> Option<Vec<(usize, usize)>> {
    let line = t.get(s..e)?;
    let head = crate::text::first_chars(line, BYLINE_MARK_CHARS);
    // Most lines hold no 记 at all: a character search (memchr) says so
    // before the two-character search.
    if !head.contains('记') {
        return None;
    }
    let k = head.find("记者")?;
    let before = head.get(..k)?.trim_start_matches(['▶', '►', '■', '●', ' ', '(', '（', '【', '[']);
    let is_byline = before.is_empty()
        || before.ends_with("本报")
        || before.ends_with("本报讯(")
        || before.ends_with("本报讯（")
        || before.ends_with("讯(")
        || before.ends_with('(')
        || before.ends_with("】")
        || before.ends_with("讯");
    if !is_byline {
        return None;
    }
    let from = s + k + "记者".len();
    let names = reporter_names(t, from, e);
    (!names.is_empty()).then_some(names)
}

/// Whether a line is a section title: `<zone>：<headline>`, short, not a sentence.
fn title_zone(t: &str, (s, e): (usize, usize), zones: &[ZoneMatch]) -> Option<(usize, usize)> {
    let line = t.get(s..e)?;
    if e - s > 200 || line.chars().count() > 50 || line.ends_with(['。', ';', ',', '!', '?']) {
        return None;
    }
    let colon = memchr::memchr(b':', line.as_bytes())?;
    let first = zones.partition_point(|z| z.start < s);
    let zone = zones.get(first).filter(|z| z.end <= s + colon)?;
    let headline = line.get(colon + 1..)?.trim();
    (headline.chars().count() >= 2 && t.get(zone.end..s + colon)?.trim().is_empty()).then_some((zone.start, zone.end))
}

/// The zone named most often in `[s, e)` (the first on a tie).
fn main_zone(t: &str, zones: &[ZoneMatch], s: usize, e: usize) -> Option<(usize, usize)> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut best: Option<(&ZoneMatch, usize)> = None;
    for z in zones.iter().filter(|z| z.start >= s && z.end <= e) {
        let n = counts.entry(t.get(z.start..z.end).unwrap_or("")).or_insert(0);
        *n += 1;
        if best.is_none_or(|(_, bn)| *n > bn) {
            best = Some((z, *n));
        }
    }
    best.map(|(z, _)| (z.start, z.end))
}

/// A title line: its line index, its span, and the span of its zone.
type Title = (usize, (usize, usize), (usize, usize));

/// Splits the normalized text `t` into sections.
#[inline(never)] // a stage: kept out of line so that profiles show it (bench/profile.sh)
pub(crate) fn find(t: &str, zones: &[ZoneMatch]) -> Vec<SectionMatch> {
    if t.is_empty() {
        return Vec::new();
    }
    let ls = lines(t);
    // A title is a `<zone>：headline` line; on a page of several reports it
    // is followed by a byline within a few lines.
    let mut titles: Vec<Title> = Vec::new();
    for (k, &l) in ls.iter().enumerate() {
        if let Some(z) = title_zone(t, l, zones) {
            titles.push((k, l, z));
        }
    }
    // Lines are sorted: a byline is among the first lines from `from`.
    let first_byline = |from: usize, to: usize| -> Vec<(usize, usize)> {
        let k = ls.partition_point(|l| l.0 < from);
        let rest = ls.get(k..).unwrap_or(&[]);
        rest.iter().take_while(|l| l.0 < to).take(BYLINE_LINES).find_map(|&l| byline(t, l)).unwrap_or_default()
    };
    if titles.len() >= 2 {
        let mut out = Vec::new();
        for (n, &(_, line, zone)) in titles.iter().enumerate() {
            let start = if n == 0 { 0 } else { line.0 };
            let end = titles.get(n + 1).map_or(t.len(), |x| x.1.0);
            out.push(SectionMatch {
                start,
                end,
                title: Some(line),
                zone: Some(zone),
                reporters: first_byline(line.0, end),
            });
        }
        return out;
    }
    // One article: its title is a short first line, its zone the one it names most.
    let title = ls.first().copied().filter(|&(s, e)| {
        let line = t.get(s..e).unwrap_or("");
        line.chars().count() <= 60 && !line.ends_with(['。', ';', ',', '!', '?', ':']) && byline(t, (s, e)).is_none()
    });
    let zone = titles.first().map(|x| x.2).or_else(|| main_zone(t, zones, 0, t.len()));
    vec![SectionMatch { start: 0, end: t.len(), title, zone, reporters: first_byline(0, t.len()) }]
}
