//! A fact as the flat strings of SPEC's JSON, for the tabular formats.

use serde_json::Value;
use zonefacts::{Document, Fact};

/// The columns of `--format csv`, in order.
pub const CSV_COLUMNS: [&str; 15] = [
    "file", "section", "zone", "kind", "text", "value", "unit", "approx", "subject", "as_of", "start", "end", "type",
    "mod", "relation",
];

/// One fact, flattened. Built from the fact's serialization, so every
/// format shows exactly what the JSON says.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub approx: Option<String>,
    pub subject: Option<String>,
    pub as_of: Option<String>,
    pub platform_type: Option<String>,
    pub modifier: Option<String>,
    pub relation: Option<String>,
    pub section: usize,
    /// The zone of the fact's section.
    pub zone: Option<String>,
}

fn field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        other => Some(other.to_string()),
    }
}

impl Row {
    pub fn new(doc: &Document, fact: &Fact) -> Row {
        let mut row = Row {
            kind: fact.kind().as_str().to_string(),
            start: fact.span.start,
            end: fact.span.end,
            text: fact.text.clone(),
            section: fact.section,
            zone: doc.sections.get(fact.section).and_then(|s| s.zone.clone()),
            ..Row::default()
        };
        if let Ok(Value::Object(obj)) = serde_json::to_value(fact) {
            row.value = field(&obj, "value");
            row.unit = field(&obj, "unit");
            row.approx = field(&obj, "approx");
            row.subject = field(&obj, "subject");
            row.as_of = field(&obj, "as_of");
            row.platform_type = field(&obj, "type");
            row.modifier = field(&obj, "mod");
            row.relation = field(&obj, "relation");
        }
        row
    }

    /// The CSV record of the row, in [`CSV_COLUMNS`] order.
    pub fn csv_record(&self, file: &str) -> [String; 15] {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        [
            file.to_string(),
            self.section.to_string(),
            s(&self.zone),
            self.kind.clone(),
            self.text.clone(),
            s(&self.value),
            s(&self.unit),
            s(&self.approx),
            s(&self.subject),
            s(&self.as_of),
            self.start.to_string(),
            self.end.to_string(),
            s(&self.platform_type),
            s(&self.modifier),
            s(&self.relation),
        ]
    }

    /// Extra qualifiers of dates and platforms: `type`, `mod`, `relation`.
    pub fn extras(&self) -> Vec<(&'static str, &str)> {
        [("type", &self.platform_type), ("mod", &self.modifier), ("relation", &self.relation)]
            .into_iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
            .collect()
    }
}
