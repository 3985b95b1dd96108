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

/// A subject: a span of the text, perhaps after a shared prefix from a
/// list (`高于` + `全省`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Subj {
    pub prefix: Option<(usize, usize)>,
    pub span: (usize, usize),
}

impl Subj {
    fn plain(span: (usize, usize)) -> Subj {
        Subj { prefix: None, span }
    }
}

/// A numeric fact in normalized offsets.
#[derive(Clone, Debug)]
pub(crate) struct NumFact {
    pub start: usize,
    pub end: usize,
    pub value: Amount,
    pub unit: NumUnit,
    pub approx: Approx,
    pub subject: Option<Subj>,
    /// Index of the candidate, to find enumerations.
    shared_unit: bool,
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
    // 港币2960元: the currency named before the amount.
    let bare_yuan = cur == Currency::Cny && c.prefix_currency.is_none();
    let cur = match (cur, c.prefix_currency) {
        (Currency::Cny, Some(p)) => p,
        _ => cur,
    };
    // 二元结构, 多元, 一元化: a lone Chinese digit before 元 is not money
    // (but 一美元, 近一元 are).
    if bare_yuan && c.numeral.form == Form::Chinese && c.lo < Decimal::TEN && !c.numeral.scaled && !has_pre_qualifier(c)
    {
        return None;
    }
    if bare_yuan && is_lone_one(t, c) {
        return None;
    }
    // 万元GDP能耗: per ten thousand yuan, a rate's base, not an amount.
    let numeral = t.get(c.num_start..c.num_start + c.numeral.len).unwrap_or("");
    if matches!(numeral, "万" | "亿" | "千" | "百")
        && !has_pre_qualifier(c)
        && c.approx == Approx::Exact
        && char_at(t, c.end).is_some_and(|x| is_han(x) || x.is_ascii_alphabetic())
    {
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
    // 零部件: zero counts nothing; 两位数: digits, not people; 十万人才: a
    // noun; 三次产业: the three sectors.
    if c.lo.is_zero()
        || (cl == "位" && after.starts_with('数'))
        || (cl == "次" && (after.starts_with("产业") || after.starts_with("结构")))
        || (cl == "人"
            && ["才", "员", "口", "民", "工", "文", "气", "居", "力", "群", "士"].iter().any(|w| after.starts_with(w)))
    {
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

fn measure(
    t: &str,
    c: &Candidate,
    floor: usize,
    unit: MeasureUnit,
    factor: Decimal,
    energy: bool,
) -> Option<(Amount, NumUnit)> {
    if (is_lone_one(t, c) || round_power_only(t, c)) && !has_pre_qualifier(c) || c.negative {
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
    if is_lone_one(t, c) && !has_pre_qualifier(c) {
        return None;
    }
    // %28, %2D: URL escapes, not percentages.
    if !c.percent_words && char_at(t, c.unit_end).is_some_and(|x| x.is_ascii_alphanumeric()) {
        return None;
    }
    let mut factor = Decimal::ONE;
    if tenths {
        // 三成, 超四成, 9.5成: one to ten tenths.
        if c.numeral.scaled || c.lo <= Decimal::ZERO || c.lo > Decimal::TEN || c.hi.is_some() {
            return None;
        }
        // 成 starting a word (成本, 成果, 成为) is not tenths.
        if char_at(t, c.unit_end).is_some_and(|x| {
            matches!(x, '本' | '果' | '为' | '员' | '功' | '交' | '立' | '型' | '效' | '熟' | '长' | '品' | '都' | '就')
        }) {
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
    s.and_then(|(a, b)| t.get(a..b)).is_some_and(|sub| crate::money::MONEY_INDICATORS.iter().any(|w| sub.contains(w)))
}

/// Words at the end of a measure's subject that name what a capacity or
/// area is of (`年产300万吨`, `占地1500亩`): the subject is then before
/// the figure even when a noun follows it.
const MEASURE_INDICATORS: &[&str] = &[
    "年产", "产能", "占地", "用地", "面积", "规模", "产量", "容量", "装机", "长度", "里程", "用电", "用量", "发电量",
    "用电量", "排放", "使用", "消费", "减少", "节约", "处理", "吞吐", "储量", "总量", "空间", "建筑", "供地", "收储",
    "开发",
];

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
    let mut out: Vec<NumFact> = Vec::with_capacity(cands.len() / 2);
    for c in cands {
        let floor = sentence_start(c.start);
        let prev = out.last().filter(|p| p.end <= c.start && p.end >= floor);
        let sub_floor = prev.map_or(floor, |p| p.end);
        let claimed = match c.unit {
            Some(UnitKind::Money(cur)) => money(t, c, cur),
            Some(UnitKind::Count(cl)) => count(t, c, cl),
            Some(UnitKind::Measure { unit, factor, needs_energy_context }) => {
                measure(t, c, floor, unit, factor, needs_energy_context)
            }
            Some(UnitKind::Percent(u)) => percent(t, c, u, false),
            Some(UnitKind::Tenths) => percent(t, c, PercentUnit::Percent, true),
            None if c.prefix_currency.is_some() => {
                amount(c, Decimal::ONE).map(|a| (a, NumUnit::Money(c.prefix_currency.unwrap_or(Currency::Cny))))
            }
            None if c.numeral.scaled && !c.negative => {
                amount(c, Decimal::ONE).map(|a| (a, NumUnit::Money(Currency::Cny)))
            }
            None => None,
        };
        let Some((value, unit)) = claimed else { continue };
        if !want(unit) {
            continue;
        }
        let mode = if matches!(unit, NumUnit::Percent(_)) { subject::Mode::Rate } else { subject::Mode::Amount };
        // Each side is looked at once, and only if needed.
        let before_cell = std::cell::OnceCell::new();
        let after_cell = std::cell::OnceCell::new();
        let before = || *before_cell.get_or_init(|| subject::before(t, c.start, sub_floor, cuts, mode));
        let after_np = || *after_cell.get_or_init(|| subject::after(t, c.end));
        let mut subj = match unit {
            NumUnit::Count(_) => after_np().or_else(before),
            NumUnit::Percent(_) => before()
                .filter(|&(_, b)| {
                    // 保持8.2%的增速: a verb before, the indicator after.
                    !t.get(..b).is_some_and(|s| s.ends_with("保持") || s.ends_with("实现"))
                })
                .or_else(|| {
                    t.get(c.end..)
                        .filter(|r| r.starts_with('的'))
                        .and_then(|_| subject::after(t, c.end + '的'.len_utf8()))
                }),
            // 在建亿元以上项目: a threshold names the noun after it, unless an
            // indicator stands before it (税收500万元以上企业).
            NumUnit::Money(_)
                if matches!(c.approx, Approx::AtLeast | Approx::AtMost)
                    && after_np().is_some()
                    && !is_money_subject(t, before()) =>
            {
                after_np()
            }
            NumUnit::Money(_) => before().or_else(after_np).or_else(|| {
                // 50亿元以上的项目: a threshold names the projects after it.
                t.get(c.end..).filter(|r| r.starts_with('的')).and_then(|_| subject::after(t, c.end + '的'.len_utf8()))
            }),
            NumUnit::Measure(_) => {
                let b = before();
                let indicator =
                    b.and_then(|(x, y)| t.get(x..y)).is_some_and(|s| MEASURE_INDICATORS.iter().any(|w| s.ends_with(w)));
                if indicator { b } else { after_np().or(b) }
            }
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
        // 竣工1个: the count of what the verb did.
        if subj.is_none() {
            subj = subject::lone_verb(t, c.start, sub_floor);
        }
        // 5000万元以上项目841个: the threshold is part of what is counted.
        if let (Some((a, b)), Some(p)) = (subj, prev)
            && matches!(p.unit, NumUnit::Money(_))
            && (a == p.end || (t.get(p.end..a) == Some("的")))
            && a < b
        {
            subj = Some((p.start, b));
        }
        // Nothing before it but 的 or a link after a figure of the same
        // clause: it shares that figure's subject (`年任务75亿元的23.7%`).
        // So does a figure whose clause is only a link after it
        // (`突破2000亿元,达到2136.4亿元`).
        if subj.is_none()
            && let Some(p) = prev
            && t.get(p.end..c.start).is_some_and(|between| {
                let b = between.trim();
                let link = b.trim_start_matches([',', ' ']);
                let links_only = ["达到", "达", "为", "增至", "增加到", "提高到", "升至"].contains(&link);
                (b.chars().count() <= 3 && !b.contains([',', ';', '。', '、'])) || (b.starts_with(',') && links_only)
            })
        {
            subj = p.subject.map(|s| s.span);
            // 完成年任务75亿元的23.7%: the rate of completing the task.
            if let (NumUnit::Percent(_), Some((a, b))) = (unit, subj) {
                subj = Some((subject::indicator_start(t, floor.min(a), a, b, mode), b));
            }
        }
        if c.unit.is_none() && c.prefix_currency.is_none() && !is_money_subject(t, subj) {
            continue;
        }
        let approx = c.approx;
        out.push(NumFact {
            start: c.start,
            end: c.end,
            value,
            unit,
            approx,
            subject: subj.map(Subj::plain),
            shared_unit: c.shared_unit,
        });
    }
    enumerations(t, &mut out, sentence_start, cuts);
    out.shrink_to_fit();
    out
}

/// Figures listed with `、` (`2万头、0.4万头`, `2.9、4.7、2.8个百分点`) take
/// their subjects from a list of the same length before them, in order, or
/// else share the first one's.
fn enumerations(t: &str, facts: &mut [NumFact], sentence_start: &dyn Fn(usize) -> usize, cuts: &[(usize, usize)]) {
    let mut i = 0;
    while i < facts.len() {
        let mut j = i + 1;
        while let (Some(p), Some(n)) = (facts.get(j - 1), facts.get(j)) {
            let gap = t.get(p.end..n.start).unwrap_or("").trim();
            let linked = gap == "、" || (n.unit == p.unit && (gap == "和" || gap == "及"));
            if !linked || n.unit != p.unit && !p.shared_unit {
                break;
            }
            j += 1;
        }
        let k = j - i;
        if k >= 2
            && let Some(first) = facts.get(i)
        {
            let floor = sentence_start(first.start);
            let floor = facts.get(..i).and_then(|f| f.last()).map_or(floor, |p| p.end.max(floor));
            if let Some(items) = subject::list_before(t, first.start, floor, cuts, k) {
                let prefix = items.first().and_then(|&f| subject::shared_prefix(t, f)).map(|w| {
                    let s = items.first().map_or(0, |f| f.0);
                    (s, s + w.len())
                });
                for (n, (f, item)) in facts.iter_mut().skip(i).take(k).zip(items).enumerate() {
                    let has_prefix = prefix.is_some_and(|(ps, pe)| {
                        t.get(item.0..item.1).is_some_and(|s| t.get(ps..pe).is_some_and(|p| s.starts_with(p)))
                    });
                    f.subject = Some(Subj { prefix: if n > 0 && !has_prefix { prefix } else { None }, span: item });
                }
            } else {
                let shared = first.subject;
                for f in facts.iter_mut().skip(i + 1).take(k - 1) {
                    if shared.is_some() {
                        f.subject = shared;
                    }
                }
            }
        }
        i = j;
    }
}
