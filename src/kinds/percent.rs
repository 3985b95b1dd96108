//! Percentages: `10.5%`, `百分之三十`, `2.3个百分点` (percentage points),
//! tenths (`三成`, `超四成`) and fractions (`四分之一`, `1/4`), all as a
//! number of percent.
//!
//! The percent words are `src/lexicon/percent/units.txt`.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::units::{Claimed, NumUnit};
use crate::lexicon;
use crate::model::PercentUnit;
use crate::scan::Candidate;
use crate::subject::{self, Cx, Rules};
use crate::text::char_at;

/// Percentages read their subject as rates.
pub(crate) const SUBJECT: &Rules = &subject::RATE;

static NOT_TENTHS: LazyLock<Vec<char>> = LazyLock::new(|| lexicon::PERCENT_NOT_TENTHS.chars());

/// Claims a candidate whose unit is `unit`, or tenths (`成`) when
/// `tenths`.
///
/// - The article 一 needs a qualifier.
/// - `%28`, `%2D`: URL escapes, not percentages.
/// - Tenths are one to ten, a single number, and 成 must stand alone, not
///   start a word (`成本`, `成为`: `percent/not_tenths`).
/// - A sign makes the value negative (`-3.2%`, `负3.9%`).
pub(crate) fn claim(t: &str, c: &Candidate, unit: PercentUnit, tenths: bool) -> Option<Claimed> {
    if c.is_lone_one(t) && !c.has_pre_qualifier() {
        return None;
    }
    if !c.percent_words && char_at(t, c.unit_end).is_some_and(|x| x.is_ascii_alphanumeric()) {
        return None;
    }
    let mut factor = Decimal::ONE;
    if tenths {
        if c.numeral.scaled || c.lo <= Decimal::ZERO || c.lo > Decimal::TEN || c.hi.is_some() {
            return None;
        }
        if char_at(t, c.unit_end).is_some_and(|x| NOT_TENTHS.contains(&x)) {
            return None;
        }
        factor = Decimal::TEN;
    }
    if c.negative {
        factor = -factor;
    }
    Some(Claimed { value: c.amount(factor)?, unit: NumUnit::Percent(unit) })
}

/// A byte range of the normalized text.
type Span = (usize, usize);

/// Verbs of keeping or reaching right before a rate whose indicator comes
/// after it (`保持8.2%的增速`, `实现12%的增长`).
const KEEPING: [&str; 2] = ["保持", "实现"];

/// A rate written `保持8.2%的增速`: the noun after `的` is a change
/// (`change::is_noun`), and the indicator that changed is read before the
/// verb (`园区经济保持8.2%的增速` → `园区经济`). Returns the indicator, if the
/// clause names one, and the change's span.
pub(crate) fn change_after(cx: &Cx<'_>) -> Option<(Option<Span>, Span)> {
    let noun = cx.after_de().filter(|&s| crate::change::is_noun(cx.text(s)))?;
    let before = cx.t.get(..cx.start)?;
    let verb = KEEPING.iter().find(|v| before.ends_with(**v))?;
    let vs = cx.start - verb.len();
    let indicator = Cx::new(cx.t, vs, vs, cx.floor, cx.cuts).before(&subject::AMOUNT);
    Some((indicator, noun))
}

/// The subject of a percentage: its comparison or indicator before it
/// (`占全市`, `水质达标率100%`), unless a verb of keeping or reaching comes
/// right before the figure (`保持8.2%的增速`), when the indicator is the
/// noun after `的`; with nothing before it, the noun it qualifies
/// (`超四成企业`, `六成以上园区`).
pub(crate) fn subject(cx: &Cx<'_>) -> Option<(usize, usize)> {
    cx.before(SUBJECT)
        .filter(|&(_, b)| !cx.t.get(..b).is_some_and(|s| KEEPING.iter().any(|v| s.ends_with(v))))
        .or_else(|| cx.after_de())
        .or_else(|| cx.after())
}
