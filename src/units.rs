//! The unit table shared by the numeric kinds: currencies (money),
//! classifiers (count), physical units (measure) and percent signs.
//!
//! Each kind's module owns its part of the table; this module joins them
//! into one automaton that finds the longest unit at a position.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use rust_decimal::Decimal;

use crate::model::{Currency, MeasureUnit, PercentUnit};

/// What a unit word makes of the number before it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum UnitKind {
    /// A currency: the number is money.
    Money(Currency),
    /// A classifier: the number counts things. The string is its simplified form.
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

/// A unit found after a number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitMatch {
    pub kind: UnitKind,
    /// Bytes of text the unit covers.
    pub len: usize,
}

struct Table {
    ac: AhoCorasick,
    kinds: Vec<UnitKind>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    let mut kinds = Vec::new();
    for &(w, c) in crate::money::CURRENCY_WORDS {
        words.push(w);
        kinds.push(UnitKind::Money(c));
    }
    for &(w, canonical) in crate::count::CLASSIFIERS {
        words.push(w);
        kinds.push(UnitKind::Count(canonical));
    }
    for &(w, unit, factor, ctx) in crate::measure::UNITS {
        words.push(w);
        kinds.push(UnitKind::Measure {
            unit,
            factor: Decimal::from_str_exact(factor).unwrap_or(Decimal::ONE),
            needs_energy_context: ctx,
        });
    }
    for &(w, k) in crate::percent::UNITS {
        words.push(w);
        kinds.push(k);
    }
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(aho_corasick::StartKind::Anchored)
        .build(&words)
        .unwrap_or_else(|e| panic!("unit table does not compile: {e}"));
    Table { ac, kinds }
});

/// The longest unit word at the start of `s`.
pub(crate) fn unit_at(s: &str) -> Option<UnitMatch> {
    let table = &*TABLE;
    let m = table.ac.find(Input::new(s).anchored(Anchored::Yes))?;
    let kind = *table.kinds.get(m.pattern().as_usize())?;
    Some(UnitMatch { kind, len: m.end() })
}

/// Unit words that begin with a numeral character (千瓦, 百分点): a numeral
/// must stop before them, or `10万千瓦` would read as 101000 瓦.
pub(crate) const NUMERAL_LED_UNITS: &[&str] =
    &["千瓦", "千克", "千米", "千伏", "千卡", "千焦", "百分", "千公顷", "千平方"];

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
