//! Money: amounts with a currency (`378亿元`, `6.8亿美元`, `两千万元`,
//! `港币2960元`), and bare 万/亿 amounts whose indicator is money
//! (`营收突破500亿`).
//!
//! Its currency words are `src/lexicon/money/currencies.txt`; the
//! indicators that make a bare amount money, `money/indicators.txt`.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::units::{Claimed, NumUnit};
use crate::lexicon;
use crate::model::{Approx, Currency};
use crate::numeral::Form;
use crate::scan::Candidate;
use crate::subject::{self, Cx, Rules};
use crate::text::{char_at, is_han};

/// Money reads its subject as an amount.
pub(crate) const SUBJECT: &Rules = &subject::AMOUNT;

/// Claims a candidate whose unit is `cur`.
///
/// - A currency named before the amount wins over a bare 元 (`港币2960元`).
/// - A lone Chinese digit before 元 is not money (`二元结构`, `多元`,
///   `一元化`), but `一美元` and `近一元` are.
/// - `万元GDP能耗`: per ten thousand yuan, a rate's base, not an amount.
pub(crate) fn claim(t: &str, c: &Candidate, cur: Currency) -> Option<Claimed> {
    let bare_yuan = cur == Currency::Cny && c.prefix_currency.is_none();
    let cur = match (cur, c.prefix_currency) {
        (Currency::Cny, Some(p)) => p,
        _ => cur,
    };
    if bare_yuan
        && c.numeral.form == Form::Chinese
        && c.lo < Decimal::TEN
        && !c.numeral.scaled
        && !c.has_pre_qualifier()
    {
        return None;
    }
    if bare_yuan && c.is_lone_one(t) {
        return None;
    }
    if matches!(c.numeral_text(t), "万" | "亿" | "千" | "百")
        && !c.has_pre_qualifier()
        && c.approx == Approx::Exact
        && char_at(t, c.end).is_some_and(|x| is_han(x) || x.is_ascii_alphabetic())
    {
        return None;
    }
    Some(Claimed { value: c.amount(Decimal::ONE)?, unit: NumUnit::Money(cur) })
}

/// Claims a candidate with no unit word: a currency before it (`￥300`), or
/// a bare 万/亿 amount, which stays money only if its subject names money
/// (see [`is_money_subject`]).
pub(crate) fn claim_bare(c: &Candidate) -> Option<Claimed> {
    let cur = match c.prefix_currency {
        Some(cur) => cur,
        None if c.numeral.scaled && !c.negative => Currency::Cny,
        None => return None,
    };
    Some(Claimed { value: c.amount(Decimal::ONE)?, unit: NumUnit::Money(cur) })
}

static INDICATORS: LazyLock<Vec<&'static str>> = LazyLock::new(|| lexicon::MONEY_INDICATORS.words());

/// Whether a subject names a money indicator (`总投资`, `营收`): what makes a
/// bare 万/亿 amount money.
pub(crate) fn is_money_subject(t: &str, s: Option<(usize, usize)>) -> bool {
    s.and_then(|(a, b)| t.get(a..b)).is_some_and(|sub| INDICATORS.iter().any(|w| sub.contains(w)))
}

/// The subject of an amount of money: the indicator before it
/// (`总投资378亿元`), else the noun after it (`1亿元资金`), else the noun
/// after `的` (`50亿元以上的项目`). A threshold (`亿元以上项目`) names the
/// noun after it, unless a money indicator stands before it
/// (`税收500万元以上企业`: the threshold measures 税收).
pub(crate) fn subject(cx: &Cx<'_>, approx: Approx) -> Option<(usize, usize)> {
    if matches!(approx, Approx::AtLeast | Approx::AtMost)
        && cx.after().is_some()
        && !is_money_subject(cx.t, cx.before(SUBJECT))
    {
        return cx.after();
    }
    cx.before(SUBJECT).or_else(|| cx.after()).or_else(|| cx.after_de())
}
