//! Conformance of percent extraction with Recognizers-Text's Chinese percent
//! cases (`../shared/peers/recognizers-text/percent.jsonl`, read at test
//! time).
//!
//! `zonefacts::extract(Input)` must give exactly the expected percent facts:
//! same span (SPEC's qualifier words may extend ours, and then `approx` must
//! be theirs), the expected number of percent (`"2.4%"` → `2.4`; `千分之一` →
//! `0.1`; `九成` → `90`), SPEC's unit (`pp` for `个百分点`, where the peer says
//! `%`; `%` otherwise), and no other percent fact.
//!
//! Out of scope, by rule (per expected result; a case is out when all its
//! results are, and facts overlapping a dropped result are ignored):
//! - cases .NET does not support (`NotSupported` naming dotnet);
//! - discounts in `折` (`75折`, `打对折`, and the negative `十折`): SPEC's
//!   percentages are rates and tenths (`成`), not prices;
//! - signed percentages (`-22.2%`, `负3.9%`): SPEC's values carry no sign (a
//!   fall is written `下降3.9%`);
//! - Latin multipliers (`百分之15k`, `12k个百分点`);
//! - `半` as a numeral and numbers split around the unit (`半成`, `三成半`,
//!   `七成 六`): not SPEC's qualifier + number + unit;
//! - adjacent-digit approximations (`百分之二三十`, `二三十个百分点`, negatives
//!   to the peer): not among SPEC's qualifier words;
//! - `五百分之2.2`, a negative to the peer, is a fraction, which SPEC reads as
//!   a percentage: the peer contradicts SPEC;
//! - a range with one unit (`5-20%`): SPEC makes it one interval fact
//!   (`5/20`), the peer returns `20%` alone.
//!
//! Run with `--nocapture` to see the summary and the failing cases, and with
//! `ZONEFACTS_CONFORMANCE_VERBOSE=1` to see every case's verdict.

mod conformance;

use conformance::{
    Tally, Want, check_quantities, decimal, first_rule, re, results, rt_label, rt_range, rules, str_field,
};
use serde_json::Value;
use zonefacts::PercentUnit;

const SUITE: &str = "percent";
const THRESHOLD: f64 = 0.95;

/// Scope rules on a result's text, in order; the first match decides.
const RULES: &[(&str, &str)] = &[
    (r"折", "discounts in 折"),
    (r"^[负負\-－]", "signed percentages"),
    (r"[kKｋＫ]", "Latin multipliers (15k)"),
    (r"半|成\s*[0-9一二三四五六七八九]", "半 and numbers split around the unit (三成半, 七成 六)"),
];

/// Scope rules on a negative case's input.
const NEGATIVE_RULES: &[(&str, &str)] = &[
    (r"折", "discounts in 折"),
    (r"二三十", "adjacent-digit approximations (百分之二三十)"),
    (r"百分之[0-9.]+$", "peer negative that SPEC reads as a fraction (五百分之2.2)"),
];

#[test]
fn conformance_percent() {
    if !conformance::peers_or_skip(SUITE) {
        return;
    }
    let Some(cases) = conformance::load(SUITE, "recognizers-text/percent.jsonl") else { return };
    let rules_ = rules(RULES);
    let negative_rules = rules(NEGATIVE_RULES);
    let one_unit_range = re(r"[0-9]\s*[-—~～至到]\s*[0-9.]+\s*[%％]");
    let mut tally = Tally::new(SUITE);
    for case in &cases {
        let input = str_field(case, "Input");
        let label = rt_label("percent.jsonl", case, input);
        if tally.skip_unsupported(case, &label) {
            continue;
        }
        let res = results(case);
        if res.is_empty()
            && let Some(why) = first_rule(&negative_rules, input)
        {
            tally.out_of_scope(why, &label);
            continue;
        }
        if one_unit_range.is_match(input) {
            tally.out_of_scope("a range with one unit (5-20%): SPEC makes it one interval fact", &label);
            continue;
        }
        let mut wants = Vec::new();
        let mut dropped = Vec::new();
        let mut first_reason = None;
        for r in res {
            let range = rt_range(input, r);
            let written = &input[range.clone()];
            if let Some(why) = first_rule(&rules_, written.trim()) {
                first_reason.get_or_insert(why);
                dropped.push(range);
                continue;
            }
            let v = r
                .get("Resolution")
                .and_then(|res| res.get("value"))
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("percent result without Resolution.value: {r}"));
            let number = v.strip_suffix('%').unwrap_or_else(|| panic!("percent value {v:?} does not end in %"));
            let value = decimal(number).unwrap_or_else(|| panic!("percent value {v:?} is not a decimal"));
            let squeezed: String = written.chars().filter(|c| !c.is_whitespace()).collect();
            let unit = if squeezed.contains("百分点") || squeezed.contains("百分點") {
                PercentUnit::Point
            } else {
                PercentUnit::Percent
            };
            wants.push(Want { range, value, unit });
        }
        if !res.is_empty() && wants.is_empty() {
            tally.out_of_scope(first_reason.unwrap_or("no result"), &label);
            continue;
        }
        let doc = zonefacts::extract(input);
        let facts: Vec<_> = doc.percents().collect();
        tally.record(&label, check_quantities(input, "percent", &facts, &wants, &dropped));
    }
    tally.finish(THRESHOLD);
}
