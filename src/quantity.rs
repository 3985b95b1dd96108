//! From candidates to numeric facts: each kind claims its candidates by its
//! own rules, then every fact gets its subject.

use rust_decimal::Decimal;

use crate::model::{Amount, Approx, Currency, MeasureUnit, PercentUnit};
use crate::numeral::Form;
use crate::scan::{Candidate, is_lone_one, is_place_name};
use crate::subject;
use crate::text::{char_at, is_han};
use crate::units::UnitKind;

/// The unit a numeric fact ends up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumUnit {
    Money(Currency),
    Count(&'static str),
    Measure(MeasureUnit),
    Percent(PercentUnit),
}

/// A numeric fact in normalized offsets.
#[derive(Clone, Debug)]
pub(crate) struct NumFact {
    pub start: usize,
    pub end: usize,
    pub value: Amount,
    pub unit: NumUnit,
    pub approx: Approx,
    pub subject: Option<(usize, usize)>,
}

/// Whether the numeral is only round powers (`百`, `千万`, `百亿`), which
/// need a qualifier (`近百家`) or a currency to be a figure.
fn round_power_only(t: &str, c: &Candidate) -> bool {
    c.numeral.form == Form::Chinese
        && !c.numeral.has_digit
        && t.get(c.num_start..c.num_start + c.numeral.len)
            .is_some_and(|s| s.chars().all(|ch| matches!(ch, '百' | '千' | '万' | '亿')))
}

fn amount(c: &Candidate, factor: Decimal) -> Option<Amount> {
    let lo = c.lo.checked_mul(factor)?.normalize();
    Some(match c.hi {
        Some(h) => Amount::Range(lo, h.checked_mul(factor)?.normalize()),
        None => Amount::Point(lo),
    })
}

fn has_pre_qualifier(c: &Candidate) -> bool {
    c.start < c.num_start
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

fn money(t: &str, c: &Candidate, cur: Currency) -> Option<(Amount, NumUnit)> {
    if is_lone_one(t, c) {
        return None;
    }
    // 二元结构, 三元: a lone Chinese digit before 元 is not money.
    if c.numeral.form == Form::Chinese && c.lo < Decimal::TEN && !c.numeral.scaled {
        return None;
    }
    Some((amount(c, Decimal::ONE)?, NumUnit::Money(cur)))
}

fn count(t: &str, c: &Candidate, cl: &'static str) -> Option<(Amount, NumUnit)> {
    if is_lone_one(t, c) || is_place_name(t, c) || (round_power_only(t, c) && !has_pre_qualifier(c)) {
        return None;
    }
    if c.lo.fract() != Decimal::ZERO || c.negative {
        return None;
    }
    let after = t.get(c.unit_end..).unwrap_or("");
    if cl == "个" && crate::count::DURATION_AFTER_GE.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    if matches!(cl, "位" | "名") {
        let before = t.get(..c.start).unwrap_or("");
        if before.ends_with('前') || crate::count::RANK_CHANGE.iter().any(|w| before.ends_with(w)) {
            return None;
        }
    }
    Some((amount(c, Decimal::ONE)?, NumUnit::Count(cl)))
}

fn measure(t: &str, c: &Candidate, floor: usize, unit: MeasureUnit, factor: Decimal, energy: bool) -> Option<(Amount, NumUnit)> {
    if is_lone_one(t, c) || (round_power_only(t, c) && !has_pre_qualifier(c)) || c.negative {
        return None;
    }
    let word = t.get(c.unit_end.saturating_sub(3)..c.unit_end).unwrap_or("");
    if word == "方" {
        // 方 is a cubic metre only after digits and before no other word: not 3方面.
        if c.numeral.form == Form::Chinese || char_at(t, c.unit_end).is_some_and(is_han) {
            return None;
        }
    }
    if energy {
        let ctx = clause_before(t, c.start, floor, 40);
        let after = t.get(c.unit_end..).unwrap_or("");
        if !crate::measure::ENERGY_CONTEXT.iter().any(|w| ctx.contains(w)) && !after.starts_with('电') {
            return None;
        }
    }
    Some((amount(c, factor)?, NumUnit::Measure(unit)))
}

fn percent(t: &str, c: &Candidate, unit: PercentUnit, tenths: bool) -> Option<(Amount, NumUnit)> {
    if is_lone_one(t, c) {
        return None;
    }
    let mut factor = Decimal::ONE;
    if tenths {
        // 三成, 超四成: an integer from one to ten tenths.
        if c.numeral.scaled || c.lo.fract() != Decimal::ZERO || c.lo < Decimal::ONE || c.lo > Decimal::TEN || c.hi.is_some() {
            return None;
        }
        // 成 starting a word (成本, 成果, 成为) is not tenths.
        if char_at(t, c.unit_end).is_some_and(|x| matches!(x, '本' | '果' | '为' | '员' | '功' | '交' | '立' | '型' | '效' | '熟' | '长' | '品' | '都' | '就')) {
            return None;
        }
        factor = Decimal::TEN;
    }
    if c.negative {
        factor = -factor;
    }
    Some((amount(c, factor)?, NumUnit::Percent(unit)))
}

/// Whether a subject names a money indicator (for bare 万/亿 amounts).
fn is_money_subject(t: &str, s: Option<(usize, usize)>) -> bool {
    s.and_then(|(a, b)| t.get(a..b))
        .is_some_and(|sub| crate::money::MONEY_INDICATORS.iter().any(|w| sub.contains(w)))
}

/// A subject that is only a verb says nothing about what is measured.
fn useful(t: &str, s: Option<(usize, usize)>) -> Option<(usize, usize)> {
    let (a, b) = s?;
    let sub = t.get(a..b)?;
    let verb_only = ["设立", "投入", "实施", "建设", "新建", "引进", "投资建设", "完成", "实现", "获得", "安排", "下达", "争取", "拨付", "发放", "兑现", "募集", "签约", "新签约"]
        .contains(&sub);
    (!verb_only).then_some((a, b))
}

/// Turns candidates into numeric facts. `sentence_start` gives the start of
/// the sentence holding an offset; `cuts` are spans (dates) a subject must
/// start after.
pub(crate) fn facts(
    t: &str,
    cands: &[Candidate],
    sentence_start: &dyn Fn(usize) -> usize,
    cuts: &[(usize, usize)],
    want: &dyn Fn(NumUnit) -> bool,
) -> Vec<NumFact> {
    let mut out: Vec<NumFact> = Vec::with_capacity(cands.len());
    for c in cands {
        let floor = sentence_start(c.start);
        let prev = out.last().filter(|p| p.end <= c.start && p.end >= floor);
        let sub_floor = prev.map_or(floor, |p| p.end);
        let claimed = match c.unit {
            Some(UnitKind::Money(cur)) => money(t, c, cur),
            Some(UnitKind::Count(cl)) => count(t, c, cl),
            Some(UnitKind::Measure {
                unit,
                factor,
                needs_energy_context,
            }) => measure(t, c, floor, unit, factor, needs_energy_context),
            Some(UnitKind::Percent(u)) => percent(t, c, u, false),
            Some(UnitKind::Tenths) => percent(t, c, PercentUnit::Percent, true),
            None if c.numeral.scaled && !c.negative => amount(c, Decimal::ONE).map(|a| (a, NumUnit::Money(Currency::Cny))),
            None => None,
        };
        let Some((value, unit)) = claimed else { continue };
        if !want(unit) {
            continue;
        }
        let before = || useful(t, subject::before(t, c.start, sub_floor, cuts));
        let after_np = || subject::after(t, c.end);
        let mut subj = match unit {
            NumUnit::Count(_) => after_np().or_else(before),
            NumUnit::Percent(_) => before(),
            NumUnit::Money(_) | NumUnit::Measure(_) => before().or_else(after_np),
        };
        // Mass and volume measured on a project are measures of its product:
        // 16亿立方米煤制气项目 → 煤制气.
        if let (NumUnit::Measure(MeasureUnit::Tonne | MeasureUnit::CubicMetre), Some((a, b))) = (unit, subj)
            && a >= c.end
            && let Some(sub) = t.get(a..b)
            && let Some(stem) = sub.strip_suffix("项目")
            && !stem.is_empty()
        {
            subj = Some((a, b - "项目".len()));
        }
        // Nothing before it but 的 or a link after a figure of the same
        // clause: it shares that figure's subject (`年任务75亿元的23.7%`).
        if subj.is_none()
            && let Some(p) = prev
            && t.get(p.end..c.start).is_some_and(|between| {
                let b = between.trim();
                b.chars().count() <= 3 && !b.contains([',', ';', '。', '、'])
            })
        {
            subj = p.subject;
        }
        if c.unit.is_none() && !is_money_subject(t, subj) {
            continue;
        }
        let approx = c.approx;
        out.push(NumFact {
            start: c.start,
            end: c.end,
            value,
            unit,
            approx,
            subject: subj,
        });
    }
    out
}
