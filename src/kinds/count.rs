//! Counts: a number with a classifier (量词) that counts things or people:
//! `77名`, `60余个`, `32家`, `17.6万人`.
//!
//! The classifiers are `src/lexicon/count/classifiers.txt`, whose header
//! says which look-alike words are left out on purpose and why.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::units::{Claimed, NumUnit};
use crate::lexicon::{self, Words};
use crate::scan::Candidate;
use crate::subject::{self, Cx, Rules};

/// Counts read their subject as amounts.
pub(crate) const SUBJECT: &Rules = &subject::AMOUNT;

struct Lists {
    duration_after_ge: Words,
    rank_change: Words,
    after_ren: Vec<char>,
    numeral_places: Vec<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    duration_after_ge: lexicon::COUNT_DURATION_AFTER_GE.bucketed(),
    rank_change: lexicon::COUNT_RANK_CHANGE.bucketed(),
    after_ren: lexicon::COUNT_AFTER_REN.chars(),
    numeral_places: lexicon::COUNT_NUMERAL_PLACES.words(),
});

/// Whether the numeral of `c` starts a place name (`三门峡`, `五台山`).
fn is_place_name(t: &str, c: &Candidate) -> bool {
    c.numeral.form == crate::numeral::Form::Chinese
        && LISTS.numeral_places.iter().any(|p| t.get(c.num_start..).is_some_and(|r| r.starts_with(p)))
}

/// Claims a candidate whose classifier is `cl`. A count is a whole,
/// positive number of things; it is none of these:
///
/// - the article 一 (`一批`), a place name (`三门峡`), a bare round power
///   without a qualifier (`百家`, but `近百家` counts);
/// - a duration (`9个月`, `3个季度`: `count/duration_after_ge`);
/// - zero (`零部件`), digits (`两位数`), a noun (`十万人才`:
///   `count/after_ren`; `5亿项目`), the three sectors (`三次产业`);
/// - a rank or a change of rank (`前10名`, `上升3位`: `count/rank_change`).
pub(crate) fn claim(t: &str, c: &Candidate, cl: &'static str) -> Option<Claimed> {
    if c.is_lone_one(t) || is_place_name(t, c) || (c.is_round_power_only(t) && !c.has_pre_qualifier()) {
        return None;
    }
    if c.lo.fract() != Decimal::ZERO || c.negative {
        return None;
    }
    let after = t.get(c.unit_end..).unwrap_or("");
    let lists = &*LISTS;
    if cl == "个" && lists.duration_after_ge.prefix_of(after).is_some() {
        return None;
    }
    if c.lo.is_zero()
        || (cl == "位" && after.starts_with('数'))
        || (cl == "次" && (after.starts_with("产业") || after.starts_with("结构")))
        // 5亿项目: 项 starts the noun 项目 (but 3项目标 counts 目标).
        || (cl == "项" && after.starts_with('目') && !after.starts_with("目标"))
        || (cl == "人" && after.chars().next().is_some_and(|x| lists.after_ren.contains(&x)))
    {
        return None;
    }
    if matches!(cl, "位" | "名") {
        let before = t.get(..c.start).unwrap_or("");
        if before.ends_with('前') || lists.rank_change.suffix_of(before).is_some() {
            return None;
        }
    }
    Some(Claimed { value: c.amount(Decimal::ONE)?, unit: NumUnit::Count(cl) })
}

/// The subject of a count: what it counts, the noun right after the
/// classifier (`32家企业`), else the indicator before it (`新签约项目60余个`).
pub(crate) fn subject(cx: &Cx<'_>) -> Option<(usize, usize)> {
    cx.after().or_else(|| cx.before(SUBJECT))
}
