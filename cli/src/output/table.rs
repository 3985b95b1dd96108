//! `--format table`: aligned columns for a terminal, CJK width-aware.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;
use zonefacts::Document;

use super::fields::Fields;

/// The widest a cell gets, in terminal columns; longer cells end in `...`.
const MAX_CELL: usize = 36;

/// A cell as one terminal line: line breaks shown as `\n`, other control
/// characters (which could drive the terminal) as `?`, cut to [`MAX_CELL`].
fn cell(s: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let piece: &str = match c {
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\n' | '\r' => "\\n",
            '\t' => " ",
            c if c.is_control() => "?",
            _ => "",
        };
        let w = if piece.is_empty() { c.width().unwrap_or(0) } else { piece.len() };
        if width + w > MAX_CELL {
            while width + 3 > MAX_CELL {
                match out.pop() {
                    Some(p) => width -= p.width().unwrap_or(0),
                    None => break,
                }
            }
            out.push_str("...");
            return out;
        }
        width += w;
        if piece.is_empty() { out.push(c) } else { out.push_str(piece) }
    }
    out
}

/// The display width of a string in a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// How a column's cells are aligned.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
    /// Numbers (and ranges `a/b`) right, anything else left, as a spreadsheet does.
    Numbers,
}

fn is_number(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'/')
}

/// Writes the rows as aligned columns: headers, a rule, one line per row.
fn write_grid(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>], align: &[Align]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, c) in cells.enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(width(c)));
            if i > 0 {
                s.push_str("  ");
            }
            let right = match align.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => false,
                Align::Right => true,
                Align::Numbers => is_number(c),
            };
            if right {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&pad);
            }
        }
        s.truncate(s.trim_end().len());
        s
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", line(&mut rule.iter().map(String::as_str)))?;
    for r in rows {
        writeln!(out, "{}", line(&mut r.iter().map(String::as_str)))?;
    }
    Ok(())
}

/// Writes one document: a title line, its sections, then its facts.
///
/// Columns: `#`, `§` (on a page of several sections), kind, text, value,
/// unit, approx, subject, change, as_of, zone (the figure's), target, and
/// `other` (a platform's type, a date's mod and relation, a zone's identity).
pub fn write_document(out: &mut dyn Write, name: &str, doc: &Document, first: bool) -> io::Result<()> {
    if !first {
        writeln!(out)?;
    }
    let n = doc.facts.len();
    writeln!(out, "== {} — {} fact{} ==", cell(name), n, if n == 1 { "" } else { "s" })?;
    if doc.sections.len() > 1 || doc.sections.iter().any(|s| s.title.is_some() || s.zone.is_some()) {
        for (i, s) in doc.sections.iter().enumerate() {
            let mut parts = Vec::new();
            if let Some(z) = &s.zone {
                match s.zone_key.as_deref().filter(|k| k != z) {
                    Some(k) => parts.push(format!("zone {} ({})", cell(z), cell(k))),
                    None => parts.push(format!("zone {}", cell(z))),
                }
            }
            if let Some(t) = &s.title {
                parts.push(cell(t));
            }
            if !s.reporters.is_empty() {
                parts.push(format!("reporter {}", cell(&s.reporters.join("、"))));
            }
            writeln!(out, "§{i}  {}", parts.join(" | "))?;
        }
    }
    if n == 0 {
        return Ok(());
    }
    let multi = doc.sections.len() > 1;
    let mut header = vec!["#"];
    if multi {
        header.push("§");
    }
    header.extend(["kind", "text", "value", "unit", "approx", "subject", "change", "as_of", "zone", "target", "other"]);
    let mut align = vec![Align::Right];
    if multi {
        align.push(Align::Right);
    }
    align.extend([Align::Left, Align::Left, Align::Numbers]);
    align.extend([Align::Left; 8]);
    let rows: Vec<Vec<String>> = doc
        .facts
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let r = Fields::new(f);
            let o = |v: Option<&str>| v.map(cell).unwrap_or_default();
            let mut other: Vec<String> = r.extras().iter().map(|(k, v)| format!("{k}={v}")).collect();
            other.extend(r.zone_identity());
            let mut row = vec![(i + 1).to_string()];
            if multi {
                row.push(r.section.to_string());
            }
            row.extend([
                r.kind.to_string(),
                cell(r.text),
                r.value.as_ref().map(|v| cell(&v.to_string())).unwrap_or_default(),
                o(r.unit),
                o(r.approx),
                o(r.subject),
                o(r.change),
                r.as_of.map(|d| d.to_string()).unwrap_or_default(),
                o(r.zone),
                if r.target == Some(true) { "target".to_string() } else { String::new() },
                cell(&other.join(" ")),
            ]);
            row
        })
        .collect();
    write_grid(out, &header, &rows, &align)
}
