//! `--format html`: one self-contained review page.
//!
//! The page is written as the documents come (the table of contents, which
//! needs every name, comes last in the markup and is placed on the left by
//! CSS). Every piece of input text is escaped; facts are highlighted by
//! walking the original text by their byte offsets.

use std::fmt::Write as _;
use std::io::{self, Write};

use zonefacts::Document;

use crate::row::Row;

/// The kinds with a colour of their own: (kind, background, border, label).
const KINDS: [(&str, &str, &str, &str); 7] = [
    ("money", "#ffe69a", "#b8860b", "money 金额"),
    ("count", "#c6efbd", "#2e8b2e", "count 数量"),
    ("measure", "#bde8f3", "#16809c", "measure 计量"),
    ("percent", "#ffd3b3", "#d2691e", "percent 比例"),
    ("date", "#ddd6ff", "#5b4bc4", "date 日期"),
    ("platform", "#ffc9de", "#c2185b", "platform 平台"),
    ("zone", "#c9dcff", "#1f5fbf", "zone 园区"),
];

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

/// The hover text of a fact: one `field: value` per line.
fn tooltip(r: &Row) -> String {
    let mut lines = vec![format!("{} · {}", r.kind, r.text.replace(['\r', '\n'], ""))];
    let mut push = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            lines.push(format!("{k}: {v}"));
        }
    };
    push("value", &r.value);
    push("unit", &r.unit);
    push("approx", &r.approx);
    push("subject", &r.subject);
    push("as_of", &r.as_of);
    push("type", &r.platform_type);
    push("mod", &r.modifier);
    push("relation", &r.relation);
    lines.push(format!("bytes {}–{} · section {}", r.start, r.end, r.section));
    lines.join("\n")
}

/// The highlighted text of a document. Facts that cross another fact's
/// boundary (neither nested in it nor apart from it) or whose span is not
/// on character boundaries of the text are left out of the text and get
/// `false` in the returned vector; nested facts become nested `<mark>`s.
pub fn highlight(text: &str, doc: &Document, rows: &[Row], id: &str) -> (String, Vec<bool>) {
    let mut shown = vec![false; rows.len()];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (rows[i].start, std::cmp::Reverse(rows[i].end), i));
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
        let r = &rows[i];
        let valid = r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
            && r.start >= pos;
        if !valid {
            continue;
        }
        while let Some(&end) = stack.last() {
            if end > r.start {
                break;
            }
            advance(&mut out, &mut pos, end);
            out.push_str("</mark>");
            stack.pop();
        }
        if stack.last().is_some_and(|&end| r.end > end) {
            continue; // crosses an open mark
        }
        advance(&mut out, &mut pos, r.start);
        let _ = write!(
            out,
            "<mark class=\"f {}\" id=\"{id}-f{}\" data-kind=\"{}\" title=\"{}\">",
            kind_class(&r.kind),
            i + 1,
            escape(&r.kind),
            escape(&tooltip(r))
        );
        stack.push(r.end);
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

/// Whether a value is a number or a range of numbers (right-aligned).
fn is_number(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'/')
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
}

impl Page {
    pub fn begin(out: &mut dyn Write) -> io::Result<Page> {
        let mut css = String::from(CSS);
        for (kind, bg, border, _) in KINDS {
            let _ = write!(
                css,
                "\n.k-{kind}{{--bg:{bg};--bd:{border}}}\nbody.hide-{kind} mark.k-{kind}{{background:none;border-bottom-color:transparent}}"
            );
        }
        let mut legend = String::new();
        for (kind, _, _, label) in KINDS {
            let _ = write!(
                legend,
                "<label class=\"key k-{kind}\"><input type=\"checkbox\" checked data-kind=\"{kind}\"><span class=\"sw\"></span>{}<span class=\"n\" data-count=\"{kind}\"></span></label>",
                escape(label)
            );
        }
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"zonefacts extract {}\">\n<title>zonefacts — extracted facts</title>\n<style>{css}\n</style>\n</head>\n<body>\n<header class=\"top\"><h1>zonefacts <small>extracted facts</small></h1><div class=\"legend\" role=\"group\" aria-label=\"legend\">{legend}</div></header>\n<div class=\"layout\">\n<main>\n",
            env!("CARGO_PKG_VERSION")
        )?;
        Ok(Page { toc: Vec::new() })
    }

    /// Writes one document: its highlighted text, the side list, the table.
    pub fn document(&mut self, out: &mut dyn Write, name: &str, text: &str, doc: &Document) -> io::Result<()> {
        let id = format!("d{}", self.toc.len() + 1);
        self.toc.push(TocEntry { id: id.clone(), name: name.to_string(), facts: Some(doc.facts.len()) });
        let rows: Vec<Row> = doc.facts.iter().map(|f| Row::new(doc, f)).collect();
        let (body, shown) = highlight(text, doc, &rows, &id);
        let n = rows.len();
        let mut h = String::new();
        let _ = write!(
            h,
            "<article class=\"doc\" id=\"{id}\">\n<h2>{}</h2>\n<p class=\"meta\">{} fact{} · {} section{} · {} bytes</p>\n",
            escape(name),
            n,
            if n == 1 { "" } else { "s" },
            doc.sections.len(),
            if doc.sections.len() == 1 { "" } else { "s" },
            text.len()
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
        let _ = write!(h, "<div class=\"cols\">\n<div class=\"text\">{body}</div>\n<aside class=\"side\"><ol>");
        for (i, r) in rows.iter().enumerate() {
            let fid = format!("{id}-f{}", i + 1);
            let hidden = !shown.get(i).copied().unwrap_or(false);
            let _ = write!(
                h,
                "<li class=\"{}{}\" data-f=\"{fid}\" title=\"{}\"><a href=\"#{fid}\"><span class=\"chip\">{}</span> <b>{}</b>",
                kind_class(&r.kind),
                if hidden { " unshown" } else { "" },
                escape(&tooltip(r)),
                escape(&r.kind),
                escape(&r.text)
            );
            if let Some(v) = r.value.as_ref().filter(|v| **v != r.text.replace(['\r', '\n'], "")) {
                let _ = write!(h, " <span class=\"val\">= {}", escape(v));
                if let Some(u) = &r.unit {
                    let _ = write!(h, " {}", escape(u));
                }
                h.push_str("</span>");
            }
            if let Some(s) = &r.subject {
                let _ = write!(h, " <span class=\"subj\">{}</span>", escape(s));
            }
            if let Some(a) = r.approx.as_deref().filter(|a| *a != "exact") {
                let _ = write!(h, " <span class=\"approx\">{}</span>", escape(a));
            }
            if let Some(d) = &r.as_of {
                let _ = write!(h, " <span class=\"asof\">@{}</span>", escape(d));
            }
            for (k, v) in r.extras() {
                let _ = write!(h, " <span class=\"extra\">{k}={}</span>", escape(v));
            }
            if hidden {
                h.push_str(" <span class=\"note\">(overlaps another fact; not highlighted)</span>");
            }
            h.push_str("</a></li>");
        }
        if rows.is_empty() {
            h.push_str("<li class=\"empty\">no facts</li>");
        }
        h.push_str("</ol></aside>\n</div>\n");
        if !rows.is_empty() {
            h.push_str("<details class=\"facts\" open><summary>Table of facts</summary>\n<table class=\"facts\"><thead><tr><th>#</th><th>kind</th><th>text</th><th>value</th><th>unit</th><th>approx</th><th>subject</th><th>as_of</th><th>other</th><th>§</th><th>bytes</th></tr></thead><tbody>\n");
            for (i, r) in rows.iter().enumerate() {
                let o = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_default();
                let extras: Vec<String> = r.extras().iter().map(|(k, v)| format!("{k}={}", escape(v))).collect();
                let _ = writeln!(
                    h,
                    "<tr class=\"{}\" data-f=\"{id}-f{n}\"><td class=\"num\"><a href=\"#{id}-f{n}\">{n}</a></td><td><span class=\"chip\">{}</span></td><td class=\"t\">{}</td><td{}>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}–{}</td></tr>",
                    kind_class(&r.kind),
                    escape(&r.kind),
                    escape(&r.text),
                    if r.value.as_deref().is_some_and(is_number) { " class=\"num\"" } else { "" },
                    o(&r.value),
                    o(&r.unit),
                    o(&r.approx),
                    o(&r.subject),
                    o(&r.as_of),
                    extras.join(" "),
                    r.section,
                    r.start,
                    r.end,
                    n = i + 1
                );
            }
            h.push_str("</tbody></table></details>\n");
        }
        h.push_str("</article>\n");
        out.write_all(h.as_bytes())
    }

    /// Writes an input that could not be extracted.
    pub fn failed(&mut self, out: &mut dyn Write, name: &str, message: &str) -> io::Result<()> {
        let id = format!("d{}", self.toc.len() + 1);
        self.toc.push(TocEntry { id: id.clone(), name: name.to_string(), facts: None });
        write!(
            out,
            "<article class=\"doc failed\" id=\"{id}\">\n<h2>{}</h2>\n<p class=\"error\">not extracted: {}</p>\n</article>\n",
            escape(name),
            escape(message)
        )
    }

    /// Closes the page: the table of contents and the script.
    pub fn end(self, out: &mut dyn Write) -> io::Result<()> {
        let mut h = String::new();
        if self.toc.is_empty() {
            h.push_str("<p class=\"empty\">No input.</p>\n");
        }
        h.push_str("</main>\n<nav class=\"toc\" aria-label=\"contents\"><h2>Contents</h2><ol>\n");
        for e in &self.toc {
            let count = match e.facts {
                Some(n) => format!("<span class=\"n\">{n}</span>"),
                None => "<span class=\"n err\">error</span>".to_string(),
            };
            let _ = writeln!(h, "<li><a href=\"#{}\">{}</a>{count}</li>", e.id, escape(&e.name));
        }
        let _ = write!(h, "</ol></nav>\n</div>\n<script>{JS}</script>\n</body>\n</html>\n");
        out.write_all(h.as_bytes())
    }
}

const CSS: &str = r#"
:root{--fg:#1d1d1f;--muted:#6b6b74;--line:#e2e2e8;--panel:#f7f7fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:var(--fg);background:#fff}
header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}
header.top h1{font-size:1.1rem;margin:0}
header.top h1 small{color:var(--muted);font-weight:normal}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .8rem;font-size:.85rem}
.key{display:inline-flex;align-items:center;gap:.3rem;cursor:pointer;user-select:none}
.key .sw{display:inline-block;width:1.1em;height:1.1em;background:var(--bg);border:2px solid var(--bd);border-radius:3px}
.key .n{color:var(--muted)}
.layout{display:grid;grid-template-columns:minmax(0,1fr)}
body:has(nav.toc li + li) .layout{grid-template-columns:15rem minmax(0,1fr)}
nav.toc{display:none;order:-1;position:sticky;top:3rem;align-self:start;max-height:calc(100vh - 3rem);overflow:auto;padding:1rem;border-right:1px solid var(--line);background:var(--panel);font-size:.85rem}
body:has(nav.toc li + li) nav.toc{display:block}
nav.toc h2{font-size:.95rem;margin:0 0 .5rem}
nav.toc ol{margin:0;padding-left:1.6rem}
nav.toc li{margin:.15rem 0;word-break:break-all}
nav.toc .n{float:right;color:var(--muted);margin-left:.4rem}
nav.toc .n.err{color:#b00020}
main{padding:0 1.2rem 3rem;min-width:0}
article.doc{border-bottom:3px solid var(--line);padding:1rem 0 1.5rem}
article.doc h2{margin:.2rem 0;font-size:1.15rem;word-break:break-all}
.meta{margin:0;color:var(--muted);font-size:.85rem}
ol.sections{margin:.4rem 0;padding-left:2.2rem;font-size:.9rem;color:#333}
ol.sections .zone{font-weight:600;color:#1f5fbf}
ol.sections .none{color:var(--muted)}
ol.sections .rep{color:var(--muted)}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.2rem;align-items:start;margin-top:.6rem}
@media (max-width:1000px){.cols{grid-template-columns:minmax(0,1fr)}}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.9;font-size:1rem;padding:.8rem 1rem;border:1px solid var(--line);border-radius:6px;background:#fff}
mark.f{background:var(--bg,#eee);color:inherit;border-bottom:2px solid var(--bd,#999);border-radius:2px;padding:0 1px;cursor:help}
mark.f mark.f{border-bottom-width:3px;padding:0;box-shadow:inset 0 -3px 0 var(--bd,#999)}
mark.f.hot,li.hot,tr.hot td{outline:2px solid #111;outline-offset:1px}
.sec{display:inline-block;font-size:.75rem;background:#1f5fbf;color:#fff;border-radius:3px;padding:0 .4rem;margin:0 .3rem;line-height:1.5;vertical-align:middle}
aside.side{position:sticky;top:3.5rem;max-height:calc(100vh - 4.5rem);overflow:auto;border:1px solid var(--line);border-radius:6px;background:var(--panel);font-size:.82rem}
aside.side ol{list-style:none;margin:0;padding:.3rem}
aside.side li{padding:.2rem .35rem;border-left:4px solid var(--bd,#999);margin:.15rem 0;background:#fff;border-radius:0 3px 3px 0}
aside.side li a{color:inherit;text-decoration:none;display:block}
aside.side li.unshown{opacity:.75;border-left-style:dashed}
.chip{display:inline-block;font-size:.72rem;padding:0 .35rem;border-radius:3px;background:var(--bg,#eee);border:1px solid var(--bd,#999);line-height:1.4}
.val{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.78rem}
.subj{color:#0b5394}
.subj::before{content:"["}
.subj::after{content:"]"}
.approx,.extra{color:var(--muted);font-style:italic}
.asof{color:#5b4bc4}
.note{color:#b00020}
details.facts{margin-top:1rem}
details.facts summary{cursor:pointer;font-weight:600}
table.facts{border-collapse:collapse;width:100%;font-size:.82rem;margin-top:.4rem}
table.facts th,table.facts td{border:1px solid var(--line);padding:.15rem .4rem;text-align:left;vertical-align:top}
table.facts th{background:var(--panel);position:sticky;top:2.9rem}
table.facts td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table.facts td.t{white-space:pre-wrap}
.error{color:#b00020}
.k-other{--bg:#e8e8e8;--bd:#888}"#;

const JS: &str = r#"
(function(){
  var body=document.body;
  // Legend: counts per kind, and checkboxes that hide a kind's highlights.
  document.querySelectorAll('.legend input[data-kind]').forEach(function(box){
    var k=box.getAttribute('data-kind');
    var n=document.querySelectorAll('aside.side li.k-'+k).length;
    var c=document.querySelector('.legend [data-count="'+k+'"]');
    if(c){c.textContent=' '+n;}
    box.addEventListener('change',function(){body.classList.toggle('hide-'+k,!box.checked);});
  });
  // Hovering a fact lights it up in the text, the side list and the table.
  function light(id,on){
    if(!id){return;}
    var m=document.getElementById(id);
    if(m){m.classList.toggle('hot',on);}
    document.querySelectorAll('[data-f="'+id+'"]').forEach(function(e){e.classList.toggle('hot',on);});
  }
  function hook(sel,getId){
    document.querySelectorAll(sel).forEach(function(e){
      e.addEventListener('mouseenter',function(){light(getId(e),true);});
      e.addEventListener('mouseleave',function(){light(getId(e),false);});
    });
  }
  hook('mark.f',function(e){return e.id;});
  hook('[data-f]',function(e){return e.getAttribute('data-f');});
})();
"#;
