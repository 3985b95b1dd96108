//! `--format html`: one self-contained review page, a workbench for the
//! facts of many articles.
//!
//! The page is written as the documents come. Each article is its text
//! with every fact highlighted (escaped, walked by byte offsets), followed
//! by its facts as JSON data in a `<script type="application/json">`
//! block; the page's script (`page.js`) reads that data and builds the side
//! lists, the filters, the sortable table, the CSV export and the summary.
//! The table of contents, which needs every name, comes last in the markup
//! and is placed on the left by CSS. Nothing is loaded from the network.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;
use zonefacts::{Document, Fact};

use super::fields::{Fields, Value, section_zone};
use super::json::Shown;
use super::readable;

/// The kinds with a colour of their own: (kind, background, border, label).
pub const KINDS: [(&str, &str, &str, &str); 7] = [
    ("money", "#ffe69a", "#b8860b", "money 金额"),
    ("count", "#c6efbd", "#2e8b2e", "count 数量"),
    ("measure", "#bde8f3", "#16809c", "measure 计量"),
    ("percent", "#ffd3b3", "#d2691e", "percent 比例"),
    ("date", "#ddd6ff", "#5b4bc4", "date 日期"),
    ("platform", "#ffc9de", "#c2185b", "platform 平台"),
    ("zone", "#c9dcff", "#1f5fbf", "zone 园区"),
];

/// A page larger than this gets a warning on stderr.
pub const WARN_BYTES: u64 = 20 << 20;

/// Escapes text for HTML element content and attribute values. Control
/// characters other than tab and line breaks become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A CSS class name for a kind: `k-money`; anything unexpected becomes `k-other`.
fn kind_class(kind: &str) -> String {
    if !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        format!("k-{kind}")
    } else {
        "k-other".to_string()
    }
}

/// The highlighted text of a document. Facts that cross another fact's
/// boundary (neither nested in it nor apart from it) or whose span is not
/// on character boundaries of the text are left out of the text and get
/// `false` in the returned vector; nested facts become nested `<mark>`s.
pub fn highlight(text: &str, doc: &Document, id: &str) -> (String, Vec<bool>) {
    let facts: &[Fact] = &doc.facts;
    let mut shown = vec![false; facts.len()];
    let mut order: Vec<usize> = (0..facts.len()).collect();
    order.sort_by_key(|&i| (facts[i].span.start, std::cmp::Reverse(facts[i].span.end), i));
    // Section starts, for a small marker where a new report of a page begins.
    let mut sections: Vec<(usize, usize)> = if doc.sections.len() > 1 {
        doc.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.span.start <= text.len() && text.is_char_boundary(s.span.start))
            .map(|(i, s)| (s.span.start, i))
            .collect()
    } else {
        Vec::new()
    };
    sections.sort();
    let mut sections = sections.into_iter().peekable();

    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    // Writes text[pos..to], with section markers at section starts.
    let mut advance = |out: &mut String, pos: &mut usize, to: usize| {
        while let Some(&(at, i)) = sections.peek() {
            if at > to {
                break;
            }
            escape_into(out, text.get(*pos..at).unwrap_or(""));
            *pos = at;
            let s = doc.sections.get(i);
            let label = s.and_then(|s| s.zone.clone().or_else(|| s.title.clone())).unwrap_or_default();
            let _ = write!(out, "<span class=\"sec\" data-section=\"{i}\">§{i} {}</span>", escape(&label));
            sections.next();
        }
        escape_into(out, text.get(*pos..to).unwrap_or(""));
        *pos = to;
    };
    let mut stack: Vec<usize> = Vec::new(); // ends of the open marks
    for i in order {
        let (start, end) = (facts[i].span.start, facts[i].span.end);
        let valid = start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && start >= pos;
        if !valid {
            continue;
        }
        while let Some(&open_end) = stack.last() {
            if open_end > start {
                break;
            }
            advance(&mut out, &mut pos, open_end);
            out.push_str("</mark>");
            stack.pop();
        }
        if stack.last().is_some_and(|&open_end| end > open_end) {
            continue; // crosses an open mark
        }
        advance(&mut out, &mut pos, start);
        let kind = facts[i].kind().as_str();
        let _ = write!(out, "<mark class=\"f {}\" id=\"{id}-f{}\">", kind_class(kind), i + 1);
        stack.push(end);
        if let Some(s) = shown.get_mut(i) {
            *s = true;
        }
    }
    while let Some(end) = stack.pop() {
        advance(&mut out, &mut pos, end);
        out.push_str("</mark>");
    }
    advance(&mut out, &mut pos, text.len());
    (out, shown)
}

/// Writes JSON for a `<script>` element: `<` becomes `\u003c`, so that no
/// string in the data can close the element (in JSON, `<` only occurs
/// inside strings).
struct ScriptSafe<W: Write>(W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'<') {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Counts the bytes written through it.
struct Counted<'a> {
    inner: &'a mut dyn Write,
    n: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The qualifiers of dates, platforms and zones, as in the JSON output.
#[derive(Serialize)]
struct Extras<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    platform_type: Option<&'a str>,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zone_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    county: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place_code: Option<Shown<u32>>,
}

/// One fact as the page's script reads it: an array, in this order (see
/// `page.js`): kind, text, exact value, value for reading, unit, approx,
/// subject, change, target, as_of, zone, the section's zone, section,
/// start, end, extras, highlighted (1) or not (0).
#[derive(Serialize)]
struct DataRow<'a>(
    &'a str,
    &'a str,
    Option<Shown<&'a Value<'a>>>,
    Option<String>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<bool>,
    Option<Shown<&'a zonefacts::DateValue>>,
    Option<&'a str>,
    Option<&'a str>,
    usize,
    usize,
    usize,
    Option<Extras<'a>>,
    u8,
);

/// One document's data block.
#[derive(Serialize)]
struct DocData<'a> {
    d: usize,
    name: &'a str,
    facts: Rows<'a>,
}

/// The facts of a document as data rows, built one at a time as they are
/// written (a document can have hundreds of thousands).
struct Rows<'a> {
    doc: &'a Document<'a>,
    shown: &'a [bool],
}

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.doc.facts.len()))?;
        for (fact, &shown) in self.doc.facts.iter().zip(self.shown) {
            let f = Fields::new(fact);
            seq.serialize_element(&data_row(self.doc, &f, shown))?;
        }
        seq.end()
    }
}

/// The data row of a fact.
fn data_row<'a>(doc: &'a Document, f: &'a Fields<'a>, shown: bool) -> DataRow<'a> {
    let z = f.zone_id.as_ref();
    let has_extras = f.platform_type.is_some() || f.modifier.is_some() || f.relation.is_some() || z.is_some();
    DataRow(
        f.kind,
        f.text,
        f.value.as_ref().map(Shown),
        match (&f.value, f.unit) {
            (Some(Value::Amount(a)), Some(u)) => Some(readable::quantity(f.kind, *a, u)),
            _ => None,
        },
        f.unit,
        f.approx,
        f.subject,
        f.change,
        f.target,
        f.as_of.map(Shown),
        f.zone,
        section_zone(doc, f.section),
        f.section,
        f.start,
        f.end,
        has_extras.then(|| Extras {
            platform_type: f.platform_type,
            modifier: f.modifier,
            relation: f.relation,
            key: z.map(|z| z.key),
            zone_type: z.map(|z| z.zone_type),
            level: z.and_then(|z| z.level),
            province: z.and_then(|z| z.province),
            city: z.and_then(|z| z.city),
            county: z.and_then(|z| z.county),
            place_code: z.and_then(|z| z.place_code).map(Shown),
        }),
        u8::from(shown),
    )
}

/// An entry of the table of contents.
struct TocEntry {
    id: String,
    name: String,
    facts: Option<usize>,
}

/// Writes the page piece by piece.
pub struct Page {
    toc: Vec<TocEntry>,
    written: u64,
    warned: bool,
}

impl Page {
    /// Writes the head of the page: styles, the header with the legend,
    /// the search box, the filters and the view switch.
    pub fn begin(out: &mut dyn Write) -> io::Result<Page> {
        let mut css = String::from(include_str!("page.css"));
        for (kind, bg, border, _) in KINDS {
            let _ = write!(
                css,
                "\n.k-{kind}{{--bg:{bg};--bd:{border}}}\nbody.hide-{kind} mark.k-{kind}{{background:none;border-bottom-color:transparent;box-shadow:none}}"
            );
        }
        let mut legend = String::new();
        for (kind, _, _, label) in KINDS {
            let _ = write!(
                legend,
                "<label class=\"key k-{kind}\" title=\"show or hide {kind} facts\"><input type=\"checkbox\" checked data-kind=\"{kind}\"><span class=\"sw\"></span>{}<span class=\"n\" data-count=\"{kind}\"></span></label>",
                escape(label)
            );
        }
        let h = format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"zonefacts {version}\">\n<title>zonefacts — extracted facts</title>\n<style>{css}\n</style>\n</head>\n<body>\n\
<header class=\"top\">\n<div class=\"bar\"><h1>zonefacts</h1>\
<nav class=\"views\" aria-label=\"views\"><button type=\"button\" data-view=\"articles\" class=\"on\">Articles</button><button type=\"button\" data-view=\"table\">Table</button><button type=\"button\" data-view=\"summary\">Summary</button></nav>\
<input type=\"search\" id=\"q\" placeholder=\"Search text, indicator, zone, value…\" aria-label=\"search\" autocomplete=\"off\">\
<button type=\"button\" id=\"reset\">Reset</button><button type=\"button\" id=\"export\" title=\"download the facts shown as CSV\">Export CSV</button>\
<span id=\"count\" class=\"count\"></span></div>\n\
<div class=\"filters\">\
<label>zone <select id=\"f-zone\" data-filter=\"zone\"><option value=\"\">all</option></select></label>\
<label>indicator <select id=\"f-subject\" data-filter=\"subject\"><option value=\"\">all</option></select></label>\
<label>period <select id=\"f-period\" data-filter=\"period\"><option value=\"\">all</option></select></label>\
<label>target <select id=\"f-target\" data-filter=\"target\"><option value=\"\">all</option><option value=\"result\">results</option><option value=\"target\">targets</option></select></label>\
<label>article <select id=\"f-doc\" data-filter=\"doc\"><option value=\"\">all</option></select></label>\
</div>\n<div class=\"legend\" role=\"group\" aria-label=\"kinds\">{legend}</div>\n</header>\n<div class=\"layout\">\n<main>\n<section id=\"v-articles\" class=\"view\">\n",
            version = env!("CARGO_PKG_VERSION"),
        );
        out.write_all(h.as_bytes())?;
        Ok(Page { toc: Vec::new(), written: h.len() as u64, warned: false })
    }

    fn put(&mut self, out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
        self.written += bytes.len() as u64;
        out.write_all(bytes)
    }

    /// Writes one document: its highlighted text, the place of its side
    /// list, and its facts as data.
    pub fn document(
        &mut self,
        out: &mut dyn Write,
        name: &str,
        text: &str,
        doc: &Document,
        encoding: &str,
        markup: Option<&str>,
    ) -> io::Result<()> {
        let index = self.toc.len();
        let id = format!("d{}", index + 1);
        self.toc.push(TocEntry { id: id.clone(), name: name.to_string(), facts: Some(doc.facts.len()) });
        let (body, shown) = highlight(text, doc, &id);
        let n = doc.facts.len();
        let mut h = String::with_capacity(1024);
        let _ = write!(
            h,
            "<article class=\"doc\" id=\"{id}\" data-doc=\"{index}\">\n<h2>{}</h2>\n<p class=\"meta\">{} fact{} · {} section{} · {} bytes · {}{}</p>\n",
            escape(name),
            n,
            if n == 1 { "" } else { "s" },
            doc.sections.len(),
            if doc.sections.len() == 1 { "" } else { "s" },
            text.len(),
            escape(encoding),
            if markup.is_some() { " · text taken from HTML" } else { "" }
        );
        let informative = doc.sections.len() > 1 || doc.sections.iter().any(|s| s.title.is_some() || s.zone.is_some());
        if informative {
            h.push_str("<ol class=\"sections\" start=\"0\">");
            for s in &doc.sections {
                h.push_str("<li>");
                if let Some(z) = &s.zone {
                    let _ = write!(h, "<span class=\"zone\">{}</span> ", escape(z));
                }
                match &s.title {
                    Some(t) => {
                        let _ = write!(h, "<span class=\"title\">{}</span>", escape(t));
                    }
                    None => h.push_str("<span class=\"title none\">(no title)</span>"),
                }
                if !s.reporters.is_empty() {
                    let _ = write!(h, " <span class=\"rep\">记者 {}</span>", escape(&s.reporters.join("、")));
                }
                h.push_str("</li>");
            }
            h.push_str("</ol>\n");
        }
        let _ = write!(h, "<div class=\"cols\">\n<div class=\"text\">");
        // Written in pieces: the page of a big input is big, and none of
        // it is held twice.
        let mut w = Counted { inner: out, n: 0 };
        w.write_all(h.as_bytes())?;
        w.write_all(body.as_bytes())?;
        drop(body);
        write!(
            w,
            "</div>\n<aside class=\"side\"><ol class=\"list\" data-doc=\"{index}\"></ol></aside>\n</div>\n<script type=\"application/json\" class=\"zf-data\">"
        )?;
        let data = DocData { d: index, name, facts: Rows { doc, shown: &shown } };
        serde_json::to_writer(ScriptSafe(&mut w), &data).map_err(io::Error::other)?;
        w.write_all(b"</script>\n</article>\n")?;
        self.written += w.n;
        Ok(())
    }

    /// Writes an input that could not be extracted.
    pub fn failed(&mut self, out: &mut dyn Write, name: &str, message: &str) -> io::Result<()> {
        let index = self.toc.len();
        let id = format!("d{}", index + 1);
        self.toc.push(TocEntry { id: id.clone(), name: name.to_string(), facts: None });
        let h = format!(
            "<article class=\"doc failed\" id=\"{id}\" data-doc=\"{index}\">\n<h2>{}</h2>\n<p class=\"error\">not extracted: {}</p>\n</article>\n",
            escape(name),
            escape(message)
        );
        self.put(out, h.as_bytes())
    }

    /// The warning for a page grown over [`WARN_BYTES`], once.
    pub fn size_warning(&mut self) -> Option<String> {
        if self.warned || self.written <= WARN_BYTES {
            return None;
        }
        self.warned = true;
        Some(format!(
            "the HTML page is over {} MB after {} input{}; browsers get slow on pages this large: \
             consider --format csv, or one page per few hundred articles",
            WARN_BYTES >> 20,
            self.toc.len(),
            if self.toc.len() == 1 { "" } else { "s" }
        ))
    }

    /// Closes the page: the table and summary views, the table of contents
    /// and the script.
    pub fn end(mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut h = String::new();
        if self.toc.is_empty() {
            h.push_str("<p class=\"empty\">No input.</p>\n");
        }
        h.push_str(
            "</section>\n<section id=\"v-table\" class=\"view\" hidden>\n<table class=\"facts\" id=\"facts\"><thead><tr></tr></thead><tbody></tbody></table>\n<p class=\"more\" id=\"more\"></p>\n</section>\n<section id=\"v-summary\" class=\"view\" hidden>\n<div id=\"summary-body\" class=\"summary\"></div>\n</section>\n</main>\n<nav class=\"toc\" aria-label=\"contents\"><h2>Contents</h2><ol>\n",
        );
        for e in &self.toc {
            let count = match e.facts {
                Some(n) => format!("<span class=\"n\">{n}</span>"),
                None => "<span class=\"n err\">error</span>".to_string(),
            };
            let _ = writeln!(h, "<li><a href=\"#{}\">{}</a>{count}</li>", e.id, escape(&e.name));
        }
        let _ = write!(h, "</ol></nav>\n</div>\n<script>{}</script>\n</body>\n</html>\n", include_str!("page.js"));
        self.put(out, h.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zonefacts::{DateFact, DateValue, Detail, Platform, PlatformType, Section, Span};

    fn fact(detail: Detail, text: &str, start: usize, end: usize) -> Fact<'_> {
        Fact::new(Span::new(start, end), text.get(start..end).unwrap_or(""), 0, detail)
    }

    /// The text of some HTML with its tags removed (entities kept).
    fn strip_tags(html: &str) -> String {
        let mut plain = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        plain
    }

    #[test]
    fn highlight_nests_skips_crossing_and_escapes() {
        let text = "<b>2024松岭创新中心</b>成立于2024年&\"'";
        let date =
            |s: &str| Detail::Date(DateFact { value: s.parse::<DateValue>().unwrap(), modifier: None, relation: None });
        let platform = Detail::Platform(Platform::new("2024松岭创新中心", PlatformType::Center));
        let p0 = text.find("2024").unwrap();
        let p_end = text.find("</b>").unwrap();
        let y = text.rfind("2024").unwrap();
        let mut doc = Document::new(
            vec![Section::new(Span::new(0, text.len()))],
            vec![
                // A platform name with a date inside it: nested marks.
                fact(platform, text, p0, p_end),
                fact(date("2024"), text, p0, p0 + 4),
                // Crosses the end of the date above: left out of the text.
                fact(date("2024"), text, p0 + 2, p0 + 7),
                fact(date("2024"), text, y, y + "2024年".len()),
                fact(date("2024"), text, y + 1, y + 2),
                // Past the end of the text: left out.
                fact(date("2024"), text, 1, text.len() + 5),
            ],
        );
        // Not on a character boundary (inside 松): left out.
        let q = text.find('松').unwrap();
        doc.facts.push(fact(date("2024"), text, q + 1, q + 3));
        let (html, shown) = highlight(text, &doc, "d1");
        assert_eq!(shown, [true, true, false, true, true, false, false]);
        assert!(html.starts_with("&lt;b&gt;<mark class=\"f k-platform\" id=\"d1-f1\">"), "{html}");
        assert!(html.contains("<mark class=\"f k-date\" id=\"d1-f2\">"));
        assert!(html.contains("&amp;&quot;&#39;"));
        assert!(!html.contains("<b>"));
        // Tags balance and nest.
        let mut depth = 0i32;
        let mut rest = html.as_str();
        while let Some(i) = rest.find('<') {
            rest = &rest[i..];
            if rest.starts_with("</mark>") {
                depth -= 1;
            } else if rest.starts_with("<mark") {
                depth += 1;
            }
            assert!(depth >= 0);
            rest = &rest[1..];
        }
        assert_eq!(depth, 0);
        // Removing the tags and unescaping gives the text back.
        let plain = strip_tags(&html)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        assert_eq!(plain, text);
    }

    #[test]
    fn data_cannot_close_its_script_element() {
        let text = "</script><script>alert(1)</script>总投资5亿元";
        let doc = zonefacts::extract(text);
        let mut out = Vec::new();
        let mut page = Page::begin(&mut out).unwrap();
        page.document(&mut out, "</script>.txt", text, &doc, "utf-8", None).unwrap();
        assert_eq!(page.written, out.len() as u64, "every byte counted for the size warning");
        assert!(page.size_warning().is_none());
        page.end(&mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        let data_start = html.find("class=\"zf-data\">").unwrap();
        let data_end = data_start + html[data_start..].find("</script>").unwrap();
        let data = &html[data_start + "class=\"zf-data\">".len()..data_end];
        let v: serde_json::Value = serde_json::from_str(data).unwrap();
        assert_eq!(v["name"], "</script>.txt");
        assert_eq!(v["facts"][0][1], "5亿元");
        assert_eq!(v["facts"][0][3], "5亿元");
    }
}
