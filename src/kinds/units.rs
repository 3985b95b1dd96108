//! The unit words of the numeric kinds, joined into one automaton that
//! finds the longest unit at a position, and the types that say what a unit
//! makes of the number before it.
//!
//! Each kind's words are a file of the lexicon: `money/currencies`,
//! `count/classifiers`, `measure/units`, `percent/units`.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use crate::lexicon;
use crate::model::{Amount, Currency, Kind, MeasureUnit, PercentUnit};

/// What a unit word makes of the number before it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum UnitKind {
    /// A currency: the number is money.
    Money(Currency),
    /// A classifier: the number counts things.
    Count(&'static str),
    /// A physical unit: value × `factor` is the amount in `unit`.
    Measure {
        unit: MeasureUnit,
        factor: Decimal,
        /// `度`: energy only where the clause speaks of electricity.
        needs_energy_context: bool,
    },
    /// `%` or percentage points.
    Percent(PercentUnit),
    /// `成`: tenths, a percentage × 10.
    Tenths,
}

/// The unit a numeric fact ends up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumUnit {
    Money(Currency),
    Count(&'static str),
    Measure(MeasureUnit),
    Percent(PercentUnit),
}

impl NumUnit {
    /// The kind of fact a figure of this unit is.
    pub fn kind(self) -> Kind {
        match self {
            NumUnit::Money(_) => Kind::Money,
            NumUnit::Count(_) => Kind::Count,
            NumUnit::Measure(_) => Kind::Measure,
            NumUnit::Percent(_) => Kind::Percent,
        }
    }
}

/// A candidate a kind has claimed: its exact value and unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Claimed {
    pub value: Amount,
    pub unit: NumUnit,
}

/// A unit found after a number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitMatch {
    pub kind: UnitKind,
    /// Bytes of text the unit covers.
    pub len: usize,
}

/// A currency word before an amount (`港币2960元`, `￥300`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct PrefixCurrency {
    pub word: &'static str,
    pub currency: Currency,
}

struct Table {
    /// The unit words, bucketed by first character (an anchored
    /// leftmost-longest automaton gave the same, at ten times the cost).
    words: lexicon::Words,
    /// The kind of each row, in the order of the rows `words` was built
    /// from.
    kinds: Vec<UnitKind>,
    prefixes: Vec<PrefixCurrency>,
    prefix_words: lexicon::Words,
}

/// Reads the four kinds' unit files. A row that does not parse is left out
/// (the lexicon test checks that none is).
fn rows() -> (Vec<(&'static str, UnitKind)>, Vec<PrefixCurrency>) {
    let mut words = Vec::new();
    let mut prefixes = Vec::new();
    for row in lexicon::MONEY_CURRENCIES.rows() {
        let (Some(&w), Some(Ok(c))) = (row.first(), row.get(1).map(|c| c.parse::<Currency>())) else { continue };
        let flag = row.get(2).copied();
        if matches!(flag, Some("before" | "only-before")) {
            prefixes.push(PrefixCurrency { word: w, currency: c });
        }
        if flag != Some("only-before") {
            words.push((w, UnitKind::Money(c)));
        }
    }
    for w in lexicon::COUNT_CLASSIFIERS.words() {
        words.push((w, UnitKind::Count(w)));
    }
    for row in lexicon::MEASURE_UNITS.rows() {
        let (Some(&w), Some(Ok(unit)), Some(Ok(factor))) =
            (row.first(), row.get(1).map(|u| u.parse::<MeasureUnit>()), row.get(2).map(|f| Decimal::from_str_exact(f)))
        else {
            continue;
        };
        words.push((w, UnitKind::Measure { unit, factor, needs_energy_context: row.get(3) == Some(&"energy") }));
    }
    for row in lexicon::PERCENT_UNITS.rows() {
        let (Some(&w), Some(&k)) = (row.first(), row.get(1)) else { continue };
        let kind = match k {
            "tenths" => UnitKind::Tenths,
            unit => match unit.parse::<PercentUnit>() {
                Ok(u) => UnitKind::Percent(u),
                Err(_) => continue,
            },
        };
        words.push((w, kind));
    }
    (words, prefixes)
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let (rows, mut prefixes) = rows();
    // A word listed twice keeps its first row (as the automaton did): the
    // index a lookup gives is that row's.
    let words = lexicon::Words::new(&rows.iter().map(|r| r.0).collect::<Vec<_>>());
    let kinds = rows.into_iter().map(|r| r.1).collect();
    prefixes.sort_by_key(|p| p.word);
    let prefix_words = lexicon::Words::new(&prefixes.iter().map(|p| p.word).collect::<Vec<_>>());
    Table { words, kinds, prefixes, prefix_words }
});

/// The longest unit word at the start of `s`.
pub(crate) fn unit_at(s: &str) -> Option<UnitMatch> {
    let table = &*TABLE;
    let (w, row) = table.words.prefix_of_indexed(s)?;
    let &kind = table.kinds.get(row)?;
    Some(UnitMatch { kind, len: w.len() })
}

/// The longest currency word that may stand before an amount and that
/// `before` ends with (`港币`, `￥`).
pub(crate) fn prefix_currency_at_end(before: &str) -> Option<PrefixCurrency> {
    let table = &*TABLE;
    let w = table.prefix_words.suffix_of(before)?;
    let i = table.prefixes.binary_search_by_key(&w, |p| p.word).ok()?;
    table.prefixes.get(i).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        let (rows, prefixes) = rows();
        let listed = lexicon::MONEY_CURRENCIES.words().len()
            + lexicon::COUNT_CLASSIFIERS.words().len()
            + lexicon::MEASURE_UNITS.words().len()
            + lexicon::PERCENT_UNITS.words().len();
        let only_before = prefixes.iter().filter(|p| unit_at(p.word).is_none_or(|u| u.len != p.word.len())).count();
        assert_eq!(rows.len() + only_before, listed);
    }

    #[test]
    fn longest_match() {
        let m = unit_at("平方公里的").unwrap();
        assert_eq!(m.len, "平方公里".len());
        assert!(matches!(m.kind, UnitKind::Measure { unit: MeasureUnit::SquareMetre, .. }));
        let m = unit_at("个百分点").unwrap();
        assert_eq!(m.kind, UnitKind::Percent(PercentUnit::Point));
        let m = unit_at("个项目").unwrap();
        assert_eq!(m.kind, UnitKind::Count("个"));
        let m = unit_at("美元").unwrap();
        assert_eq!(m.kind, UnitKind::Money(Currency::Usd));
        assert!(unit_at("项目").is_some());
        assert!(unit_at("英寸").is_none());
        assert!(unit_at(" 元").is_none());
        assert!(unit_at("￥").is_none());
    }

    /// The bucketed lookup gives what an anchored leftmost-longest automaton
    /// over the rows gave.
    #[test]
    fn same_as_the_automaton() {
        use aho_corasick::{AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
        let (rows, _) = rows();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(rows.iter().map(|r| r.0))
            .unwrap();
        let mut probes: Vec<String> = vec![String::new(), " 元".into(), "的".into()];
        for (w, _) in &rows {
            for tail in ["", "的", "元", "米", "以上", "%"] {
                probes.push(format!("{w}{tail}"));
            }
            probes.push(w.chars().take(1).collect());
            probes.push(w.chars().skip(1).collect());
        }
        for p in &probes {
            let want = ac
                .find(Input::new(p.as_str()).anchored(Anchored::Yes))
                .map(|m| (m.end(), rows[m.pattern().as_usize()].1));
            let got = unit_at(p).map(|u| (u.len, u.kind));
            assert_eq!(got, want, "{p}");
        }
    }
}
