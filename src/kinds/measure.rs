//! Measures: physical quantities normalized to a base unit, exactly: mass
//! in tonnes, energy in kWh, power in watts, area in m², hectares or mu,
//! volume in m³, length in km.
//!
//! The units are `src/lexicon/measure/units.txt`. Product and facility
//! specifications are not measures: units that only describe a product
//! (`英寸`, `千伏`) are not in the table, and a unit followed by `级`
//! (`五千吨级码头`) is a grade (the scan leaves it out).

use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::units::{Claimed, NumUnit};
use crate::lexicon::{self, Hits, Words};
use crate::model::MeasureUnit;
use crate::numeral::Form;
use crate::scan::Candidate;
use crate::subject::{self, Cx, Rules};
use crate::text::{char_at, is_han};

/// Measures read their subject as amounts.
pub(crate) const SUBJECT: &Rules = &subject::AMOUNT;

/// How far back the clause before `度` is searched for electricity words.
const ENERGY_WINDOW_CHARS: usize = 40;

struct Lists {
    energy_context: Vec<&'static str>,
    indicators: Words,
    carriers: Words,
    carrier_search: lexicon::EndSearcher,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    energy_context: lexicon::MEASURE_ENERGY_CONTEXT.words(),
    indicators: lexicon::MEASURE_INDICATORS.bucketed(),
    carriers: lexicon::MEASURE_CARRIERS.bucketed(),
    carrier_search: lexicon::EndSearcher::new(&lexicon::MEASURE_CARRIERS.words()),
});

/// Whether a measure's indicator names what a capacity or area is of
/// (`年产`, `占地`, `排放`: `measure/indicators`).
pub(crate) fn is_measure_subject(t: &str, s: Option<(usize, usize)>) -> bool {
    s.and_then(|(a, b)| t.get(a..b)).is_some_and(|sub| LISTS.indicators.suffix_of(sub).is_some())
}

/// The product a mass or volume measures, when the figure modifies a
/// noun phrase (`年产15万吨高性能铜箔材料项目` → `高性能铜箔材料`): the
/// phrase without what carries it (`measure/carriers`), and without a
/// second product with a capacity of its own (`…及五千吨级…`).
fn product_after(cx: &Cx<'_>) -> Option<(usize, usize)> {
    let (mut a, mut b) = cx.after()?;
    // 25万吨磷酸二铵技改等项目: the product is the example before 等.
    if a > cx.end
        && let Some(k) = cx.t.get(cx.end..a).and_then(|s| s.find('等'))
    {
        (a, b) = (cx.end, cx.end + k);
    }
    // A list of products or projects: the figure measures the first.
    if let Some(k) = cx.text((a, b)).find('、') {
        b = a + k;
    }
    // The product ends where what carries it starts (煤制气项目是…).
    if let Some(&(m_start, _, _)) = LISTS.carrier_search.find_all_in(cx.text((a, b)), &mut Hits::new()).first()
        && m_start > 0
    {
        b = a + m_start;
    }
    let phrase = cx.text((a, b));
    // A second product with its own figure: 一万吨A及五千吨级B.
    if let Some(k) = phrase.char_indices().find_map(|(k, c)| {
        (matches!(c, '及' | '和' | '、')
            && phrase
                .get(k + c.len_utf8()..)
                .and_then(|r| r.chars().next())
                .is_some_and(crate::numeral::starts_numeral))
        .then_some(k)
    }) {
        b = a + k;
    }
    loop {
        let rest = cx.t.get(a..b).unwrap_or("");
        match LISTS.carriers.suffix_of(rest) {
            Some(w) if w.len() < rest.len() => b -= w.len(),
            _ => break,
        }
    }
    (b > a).then_some((a, b))
}

/// The clause before `start`, at most `n` characters back in the sentence.
fn clause_before(t: &str, start: usize, floor: usize, n: usize) -> &str {
    let mut a = start;
    for _ in 0..n {
        match crate::text::char_before(t, a) {
            Some((i, c)) if i >= floor && !matches!(c, '。' | ';' | '!' | '?') => a = i,
            _ => break,
        }
    }
    t.get(a..start).unwrap_or("")
}

/// Claims a candidate whose unit is `unit` (value × `factor` in it).
///
/// - The article 一 or a bare round power needs a qualifier (`近百吨`).
/// - 方 is a cubic metre only after digits and before no other word
///   (not `3方面`).
/// - 度 is energy only where the clause speaks of electricity
///   (`measure/energy_context`) or 电 follows.
pub(crate) fn claim(
    t: &str,
    c: &Candidate,
    floor: usize,
    unit: MeasureUnit,
    factor: Decimal,
    energy: bool,
) -> Option<Claimed> {
    if (c.is_lone_one(t) || c.is_round_power_only(t)) && !c.has_pre_qualifier() || c.negative {
        return None;
    }
    let word = t.get(c.unit_end.saturating_sub(3)..c.unit_end).unwrap_or("");
    if word == "方" && (c.numeral.form == Form::Chinese || char_at(t, c.unit_end).is_some_and(is_han)) {
        return None;
    }
    if energy {
        let ctx = clause_before(t, c.start, floor, ENERGY_WINDOW_CHARS);
        let after = t.get(c.unit_end..).unwrap_or("");
        if !LISTS.energy_context.iter().any(|w| ctx.contains(w)) && !after.starts_with('电') {
            return None;
        }
    }
    Some(Claimed { value: c.amount(factor)?, unit: NumUnit::Measure(unit) })
}

/// The subject of a measure. A mass or volume that modifies a noun phrase
/// measures its product (`年产15万吨高性能铜箔材料项目` → `高性能铜箔材料`,
/// `16亿立方米煤制气项目` → `煤制气`). Otherwise the indicator before it when
/// it names what a capacity or area is of (`年产300万吨`, `占地1500亩`:
/// `measure/indicators`), else the noun after it (`5万平方米厂房`), else the
/// words before it.
pub(crate) fn subject(cx: &Cx<'_>, unit: MeasureUnit) -> Option<(usize, usize)> {
    if matches!(unit, MeasureUnit::Tonne | MeasureUnit::CubicMetre)
        && let Some(product) = product_after(cx)
    {
        return Some(product);
    }
    let before = cx.before(SUBJECT);
    let indicator = is_measure_subject(cx.t, before);
    if indicator { before } else { cx.after().or(before) }
}
