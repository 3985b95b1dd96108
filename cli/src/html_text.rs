//! The text of an HTML page, as a reader sees it: what facts are extracted
//! from when the input is a `.html` or `.htm` file.
//!
//! - Markup is dropped, and so is everything a reader does not see: the
//!   `<head>` (title and meta included), scripts, styles, `<noscript>`,
//!   `<template>`, `<svg>`, `<select>` and comments.
//! - Character references are decoded (`&amp;`, `&#20159;`, `&#x4ebf;`,
//!   `&nbsp;` as a plain space, and the common named ones); an unknown one
//!   is kept as written.
//! - White space collapses as a browser collapses it (one space for a run),
//!   except in `<pre>`; a run that holds a line break between two CJK
//!   characters disappears (`亿\n元` in the source is `亿元` on screen).
//! - Each block element (`<p>`, `<div>`, `<br>`, `<li>`, `<h1>`, `<tr>`, …)
//!   starts a new line; table cells are separated by a tab.
//!
//! Offsets in the output of the tool then point into this text, not into
//! the HTML (`--with-text` prints it).

/// Elements whose content is not markup and is dropped whole.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];
/// Elements whose content is markup that a reader does not see.
const HIDDEN: &[&str] = &["noscript", "template", "svg", "math", "select", "object"];
/// Elements that start and end a line.
const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    "legend", "body", "html",
];
/// Table cells.
const CELL: &[&str] = &["td", "th"];

/// What separates the next text from the text before it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    /// White space without a line break.
    Space,
    /// White space with a line break (removed between CJK characters).
    SpaceBreak,
    /// A table cell boundary.
    Tab,
    /// A block boundary.
    Line,
}

struct Writer {
    out: String,
    gap: Gap,
}

impl Writer {
    fn gap(&mut self, g: Gap) {
        self.gap = self.gap.max(g);
    }

    fn push(&mut self, c: char) {
        let last = self.out.chars().next_back();
        match self.gap {
            _ if last.is_none() => {}
            Gap::None => {}
            Gap::Space => {
                if last != Some('\n') {
                    self.out.push(' ');
                }
            }
            Gap::SpaceBreak => {
                if last != Some('\n') && !(last.is_some_and(is_cjk) && is_cjk(c)) {
                    self.out.push(' ');
                }
            }
            Gap::Tab => {
                if last != Some('\n') {
                    self.out.push('\t');
                }
            }
            Gap::Line => {
                if last != Some('\n') {
                    self.out.push('\n');
                }
            }
        }
        self.gap = Gap::None;
        self.out.push(c);
    }

    /// Text as written, white space kept (in `<pre>`).
    fn push_raw(&mut self, c: char) {
        if self.gap == Gap::Line && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.gap = Gap::None;
        self.out.push(c);
    }
}

/// CJK characters and punctuation, between which a source line break is
/// not a space.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// The text of an HTML document. Never fails: anything that is not markup
/// is text.
pub fn to_text(html: &str) -> String {
    let mut w = Writer { out: String::with_capacity(html.len() / 2), gap: Gap::None };
    let mut in_head = false;
    let mut hidden = 0usize;
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text(&mut w, rest, hidden > 0 || in_head, pre > 0);
            break;
        };
        text(&mut w, &rest[..lt], hidden > 0 || in_head, pre > 0);
        rest = &rest[lt..];
        // Comments, doctypes, processing instructions, CDATA.
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = if rest.starts_with("<![CDATA[") {
                rest.find("]]>").map(|i| i + 3)
            } else {
                rest.find('>').map(|i| i + 1)
            };
            rest = end.map_or("", |i| &rest[i..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A `<` that starts no tag is text.
            if hidden == 0 && !in_head {
                if pre > 0 { w.push_raw('<') } else { w.push('<') }
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        let name = tag.name.as_str();
        if !tag.closing && RAW.contains(&name) {
            // Skip to the matching end tag, whatever is in between.
            rest = skip_raw(rest, name);
            continue;
        }
        match name {
            "head" => in_head = !tag.closing,
            "body" => in_head = false,
            "pre" | "listing" => pre = if tag.closing { pre.saturating_sub(1) } else { pre + 1 },
            _ => {}
        }
        if HIDDEN.contains(&name) && !tag.self_closing {
            hidden = if tag.closing { hidden.saturating_sub(1) } else { hidden + 1 };
        }
        if BLOCK.contains(&name) || name == "listing" {
            w.gap(Gap::Line);
        } else if CELL.contains(&name) && !tag.closing {
            w.gap(Gap::Tab);
        }
    }
    w.out
}

/// Writes a run of text between tags.
fn text(w: &mut Writer, s: &str, hidden: bool, pre: bool) {
    if hidden || s.is_empty() {
        return;
    }
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let (ch, len) = if c == '&' { entity(rest).unwrap_or(('&', 1)) } else { (c, c.len_utf8()) };
        rest = &rest[len..];
        if pre {
            w.push_raw(if ch == '\u{a0}' { ' ' } else { ch });
        } else if is_space(ch) {
            w.gap(if ch == '\n' || ch == '\r' { Gap::SpaceBreak } else { Gap::Space });
        } else if ch == '\u{a0}' {
            w.gap(Gap::Space);
        } else {
            w.push(ch);
        }
    }
}

/// A start or end tag at the start of `s`.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl Tag {
    fn parse(s: &str) -> Option<Tag> {
        let b = s.as_bytes();
        let mut i = 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':') {
            i += 1;
        }
        if i == start || !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name = s[start..i].to_ascii_lowercase();
        // Attributes: skip to the `>` that is not inside quotes.
        let mut quote = None;
        while let Some(&c) = b.get(i) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => {
                    let self_closing = i > 0 && b.get(i - 1) == Some(&b'/');
                    return Some(Tag { name, closing, self_closing, len: i + 1 });
                }
                None => {}
            }
            i += 1;
        }
        // No `>`: the rest of the input is the tag.
        Some(Tag { name, closing, self_closing: false, len: s.len() })
    }
}

/// The input after the end tag `</name>` (any case), or nothing.
fn skip_raw<'a>(s: &'a str, name: &str) -> &'a str {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("</")) {
        let at = from + i;
        let after = at + 2;
        let matches = b.get(after..after + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && !b.get(after + name.len()).is_some_and(|c| c.is_ascii_alphanumeric());
        if matches {
            return match s[after..].find('>') {
                Some(j) => &s[after + j + 1..],
                None => "",
            };
        }
        from = after;
    }
    ""
}

/// The character a reference at the start of `s` stands for, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(34).position(|b| b == b';')?;
    let body = s.get(1..semi)?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        match code {
            0 => '\u{fffd}',
            // Windows-1252 for the C1 range, as browsers do.
            0x80..=0x9f => encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[code as u8]).0.chars().next()?,
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        }
    } else {
        named(body)?
    };
    Some((c, semi + 1))
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "deg" => '°',
        "permil" => '‰',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sup2" => '²',
        "sup3" => '³',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "le" => '≤',
        "ge" => '≥',
        "rarr" => '→',
        "larr" => '←',
        "sect" => '§',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_entities_and_hidden_parts() {
        let html = "<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style>\
                    <script>var a = '<p>x</p>';</script></head>\n<body>\n<h1>青溪高新区 &amp; 园区</h1>\
                    <!-- note --><p>总投资216&#20159;&#x5143;,\n  同比增长8.6%。</p><div>研发投入\n  达4.2%</div>\
                    <ul><li>一</li><li>二</li></ul><noscript>请启用</noscript><p>a&nbsp;b &copy; &bogus; &#0;</p>";
        assert_eq!(
            to_text(html),
            "青溪高新区 & 园区\n总投资216亿元, 同比增长8.6%。\n研发投入达4.2%\n一\n二\na b © &bogus; \u{fffd}"
        );
    }

    #[test]
    fn tables_pre_and_odd_markup() {
        let html = "<table><tr><td>营业收入</td><td>52亿元</td></tr><tr><th>增速</th><td>12%</td></tr></table>\
                    <pre>  a\n  b</pre>x < y <3 <a href=\"/x?a>b\" title='>'>link</a><br/>end";
        assert_eq!(to_text(html), "营业收入\t52亿元\n增速\t12%\n  a\n  b\nx < y <3 link\nend");
    }

    #[test]
    fn unclosed_things_do_not_panic() {
        for html in ["<", "<p", "<!--", "<script>abc", "&", "&#", "&#x110000;", "<a b='", "<![CDATA[x", "</", "é<"] {
            let _ = to_text(html);
        }
        assert_eq!(to_text("a<script>b</scriptx></script>c"), "ac");
        assert_eq!(to_text("<SCRIPT>b</SCRIPT>c"), "c");
    }
}
