//! `--format json`: each input's record serialized with serde, straight
//! from the library's facts into the output writer (indented).
//!
//! The library's own serde implementation goes through an owned mirror of
//! each fact (a copy of its strings); the wrappers here borrow instead and
//! write the same fields in the same order, so the output is byte for byte
//! what `serde_json` gives for the library's types (a test checks it). A
//! kind the tool does not know falls back to the library's serialization.
//! `--format jsonl` has a faster writer of its own (`jsonl.rs`), checked
//! against this one.

use std::fmt;

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};
use zonefacts::{Detail, Document, Fact, Section};

/// One input's record: `{"file", "encoding", "markup"?, "sections", "facts", "text"?}`.
pub struct Record<'a> {
    /// The input's name.
    pub file: &'a str,
    /// The encoding it was read in, when it was read from bytes.
    pub encoding: &'a str,
    /// `Some("html")` when the text was taken from HTML.
    pub markup: Option<&'a str>,
    /// What was extracted.
    pub doc: &'a Document<'a>,
    /// The text read, with `--with-text`.
    pub text: Option<&'a str>,
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Record", 6)?;
        st.serialize_field("file", self.file)?;
        st.serialize_field("encoding", self.encoding)?;
        if let Some(m) = self.markup {
            st.serialize_field("markup", m)?;
        }
        st.serialize_field("sections", &Sections(&self.doc.sections))?;
        st.serialize_field("facts", &Facts(&self.doc.facts))?;
        if let Some(t) = self.text {
            st.serialize_field("text", t)?;
        }
        st.end()
    }
}

struct Sections<'a>(&'a [Section]);

impl Serialize for Sections<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for sec in self.0 {
            seq.serialize_element(&SectionOut(sec))?;
        }
        seq.end()
    }
}

/// A section as SPEC's JSON writes it: reporters joined by `、`.
pub struct SectionOut<'a>(pub &'a Section);

impl Serialize for SectionOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sec = self.0;
        let mut st = s.serialize_struct("Section", 6)?;
        st.serialize_field("start", &sec.span.start)?;
        st.serialize_field("end", &sec.span.end)?;
        st.serialize_field("title", &sec.title)?;
        st.serialize_field("zone", &sec.zone)?;
        if let Some(k) = &sec.zone_key {
            st.serialize_field("zone_key", k)?;
        }
        if sec.reporters.is_empty() {
            st.serialize_field("reporter", &None::<&str>)?;
        } else {
            st.serialize_field("reporter", &Joined(&sec.reporters))?;
        }
        st.end()
    }
}

/// Reporters joined by `、`, written without building the string.
struct Joined<'a>(&'a [String]);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("、")?;
            }
            f.write_str(r)?;
        }
        Ok(())
    }
}

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

struct Facts<'a>(&'a [Fact<'a>]);

impl Serialize for Facts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0 {
            seq.serialize_element(&FactOut(f))?;
        }
        seq.end()
    }
}

/// A value written with its `Display`, straight into the output.
pub struct Shown<T>(pub T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A fact, borrowed, in the field order of the library's serialization.
pub struct FactOut<'a>(pub &'a Fact<'a>);

impl Serialize for FactOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        if !super::fields::known_kind(&f.detail) {
            return f.serialize(s);
        }
        let mut st = s.serialize_struct("Fact", 24)?;
        st.serialize_field("kind", f.kind().as_str())?;
        st.serialize_field("start", &f.span.start)?;
        st.serialize_field("end", &f.span.end)?;
        st.serialize_field("text", &f.text)?;
        let q = f.quantity();
        match (&q, &f.detail) {
            (Some(q), _) => {
                st.serialize_field("value", &Shown(q.value))?;
                st.serialize_field("unit", q.unit)?;
                st.serialize_field("approx", q.approx.as_str())?;
                if let Some(v) = q.subject {
                    st.serialize_field("subject", v)?;
                }
                if let Some(v) = q.change {
                    st.serialize_field("change", v)?;
                }
                if q.target {
                    st.serialize_field("target", &true)?;
                }
            }
            (None, Detail::Date(d)) => {
                st.serialize_field("value", &Shown(d.value))?;
                if let Some(m) = d.modifier {
                    st.serialize_field("mod", m.as_str())?;
                }
                if let Some(r) = d.relation {
                    st.serialize_field("relation", r.as_str())?;
                }
            }
            (None, Detail::Platform(p)) => {
                st.serialize_field("value", &p.name)?;
                st.serialize_field("type", &p.platform_type)?;
            }
            (None, Detail::Zone(z)) => {
                st.serialize_field("value", &z.name)?;
                st.serialize_field("key", &z.key)?;
                st.serialize_field("zone_type", z.zone_type.as_str())?;
                if let Some(l) = z.level {
                    st.serialize_field("level", l.as_str())?;
                }
                if let Some(p) = &z.place {
                    st.serialize_field("province", p.province.as_ref())?;
                    if let Some(c) = &p.city {
                        st.serialize_field("city", c.as_ref())?;
                    }
                    if let Some(c) = &p.county {
                        st.serialize_field("county", c.as_ref())?;
                    }
                    st.serialize_field("place_code", &Shown(p.code))?;
                }
            }
            (None, _) => {}
        }
        st.serialize_field("section", &f.section)?;
        if let Some(q) = &q {
            if let Some(d) = q.as_of {
                st.serialize_field("as_of", &Shown(d))?;
            }
            if let Some(z) = q.zone {
                st.serialize_field("zone", z)?;
            }
        }
        st.end()
    }
}

#[cfg(test)]
pub mod tests_support {
    use std::borrow::Cow;
    use zonefacts::date::{DateFact, DateMod, Relation};
    use zonefacts::{
        Amount, Approx, Currency, Detail, Document, Fact, Place, Platform, PlatformType, Quantity, Span, Zone,
        ZoneLevel, ZoneType,
    };

    /// What the library extracts from a made-up page, plus facts with
    /// every optional field set and strings that need escaping.
    pub fn rich_document() -> Document<'static> {
        let text = "青溪高新区：产业跑出加速度\n\n本报记者 林远、周宁\n\n2023年,青溪高新区新签约项目42个,总投资216亿元,\
                    同比增长8.6%。截至2023年底,青溪新材料研究院投用,光伏装机3.5万千瓦,建设用地约1200亩,3-5亿元。";
        let mut doc = zonefacts::extract(text);
        assert!(doc.facts.len() > 6);
        let mut money: Quantity<Currency> = Quantity::new(Amount::Point(12.into()), Currency::Usd, Approx::MoreThan);
        money.subject = Some("营业\"收入".into());
        money.change = Some("同比增长".into());
        money.target = true;
        money.as_of = Some("2025".parse().unwrap());
        money.zone = Some("青溪高新区".into());
        doc.facts.push(Fact::new(Span::new(0, 3), "abc", 0, Detail::Money(money)));
        let mut zone = Zone::new("江苏省青溪国家高新技术产业开发区", "青溪高新区");
        zone.zone_type = ZoneType::HighTech;
        zone.level = Some(ZoneLevel::National);
        zone.place = Some(Place::new("江苏省", Some(Cow::Borrowed("常州市")), Some(Cow::Borrowed("武进区")), 320412));
        doc.facts.push(Fact::new(Span::new(0, 3), "abc", 0, Detail::Zone(zone)));
        let date = DateFact {
            value: "XXXX-06".parse().unwrap(),
            modifier: Some(DateMod::End),
            relation: Some(Relation::AsOf),
        };
        doc.facts.push(Fact::new(Span::new(0, 3), "a\"\\\n\u{1}", 0, Detail::Date(date)));
        doc.facts.push(Fact::new(Span::new(0, 3), "abc", 0, Detail::Platform(Platform::new("x", PlatformType::Fund))));
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte-for-byte the library's serialization, on what it extracts and
    /// on facts with every optional field set.
    #[test]
    fn same_bytes_as_the_library() {
        let doc = tests_support::rich_document();
        for f in &doc.facts {
            assert_eq!(serde_json::to_string(&FactOut(f)).unwrap(), serde_json::to_string(f).unwrap());
        }
        assert!(doc.sections.iter().any(|s| s.reporters.len() == 2), "{:?}", doc.sections);
        for s in &doc.sections {
            assert_eq!(serde_json::to_string(&SectionOut(s)).unwrap(), serde_json::to_string(s).unwrap());
        }
        // The whole record: the library's document with the file fields first.
        let rec = Record { file: "a.txt", encoding: "utf-8", markup: None, doc: &doc, text: None };
        let lib = serde_json::to_string(&doc).unwrap();
        assert_eq!(
            serde_json::to_string(&rec).unwrap(),
            format!("{{\"file\":\"a.txt\",\"encoding\":\"utf-8\",{}", &lib[1..])
        );
        // Pretty too.
        let pretty = serde_json::to_string_pretty(&rec).unwrap();
        let lib = serde_json::to_string_pretty(&doc).unwrap();
        assert_eq!(pretty, format!("{{\n  \"file\": \"a.txt\",\n  \"encoding\": \"utf-8\",{}", &lib[1..]));
    }
}
