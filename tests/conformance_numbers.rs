//! Conformance of the numeral engine with Recognizers-Text's Chinese number
//! cases (`../shared/peers/recognizers-text/number.jsonl`, read at test time).
//!
//! For each expected result, the characters of `Input` at the result's
//! offsets (not the peer's NFKC-lowered `Text`, so full-width digits are
//! exercised) are given to `zonefacts::numeral::parse`, which must return the
//! expected value exactly (compared as decimals, so `4.800` equals `4.8`). A
//! case passes when all its in-scope results do.
//!
//! Out of scope, by rule (a case is out when all its results are):
//! - negative cases (`Results: []`): they judge a free-text number detector
//!   (`一看`, `四川`, `万`); zonefacts has none, `numeral::parse` is handed a
//!   numeral, and numbers only become facts next to a unit;
//! - `IgnoreResolution` cases: the peer does not check the value;
//! - cases .NET does not support (`NotSupported` naming dotnet);
//! - fractions (`分之`, `3/5`): SPEC reads them as percentages, which the
//!   percent suite covers; their .NET values are rounded doubles anyway;
//! - signed numbers (`负`, `-`): SPEC's values carry no sign (a fall is
//!   written `下降3%`);
//! - exponents and Latin multipliers (`2e5`, `2^5`, `40k`, `-2.5 M`): not
//!   report numerals;
//! - `兆`: 10¹² here, but 10⁶ in mainland usage (`兆瓦`); the peer's reading
//!   contradicts SPEC's domain;
//! - `几`/`幾` (`二十几万`): a vague numeral, not among SPEC's qualifier words;
//! - `打` (dozen) and `半百`: counting words and idioms, not numerals;
//! - decimals without an integer part (`.5`, `-.5`).
//!
//! Run with `--nocapture` to see the summary and the failing cases, and with
//! `ZONEFACTS_CONFORMANCE_VERBOSE=1` to see every case's verdict.

mod conformance;

use conformance::{Tally, decimal, first_rule, results, rt_label, rt_range, rules, str_field};
use serde_json::Value;
use zonefacts::numeral;

const SUITE: &str = "numbers";
const THRESHOLD: f64 = 0.95;

/// Scope rules on a result's text, in order; the first match decides.
const RULES: &[(&str, &str)] = &[
    (r"分\s*之|/|／", "fractions (SPEC: fractions are percentages)"),
    (r"^[负負\-－]", "signed numbers"),
    (r"[eE^]|[0-9０-９]\s*[kKmMｋＫ]", "exponents and Latin multipliers"),
    (r"兆", "兆 (10^12 here, 10^6 in mainland usage)"),
    (r"[几幾]", "vague 几"),
    (r"打|半百", "dozens and idioms (打, 半百)"),
    (r"^\.", "decimals without an integer part"),
];

#[test]
fn conformance_numbers() {
    if !conformance::peers_or_skip(SUITE) {
        return;
    }
    let Some(cases) = conformance::load(SUITE, "recognizers-text/number.jsonl") else { return };
    let rules = rules(RULES);
    let mut tally = Tally::new(SUITE);
    for case in &cases {
        let input = str_field(case, "Input");
        let label = rt_label("number.jsonl", case, input);
        let res = results(case);
        if tally.skip_unsupported(case, &label) {
            continue;
        }
        if case.get("IgnoreResolution").and_then(Value::as_bool) == Some(true) {
            tally.out_of_scope("IgnoreResolution: value not checked by the peer", &label);
            continue;
        }
        if res.is_empty() {
            tally.out_of_scope("negative cases (no free-text number detector)", &label);
            continue;
        }
        let mut checked = Vec::new();
        let mut first_reason = None;
        for r in res {
            let range = rt_range(input, r);
            let written = &input[range];
            match first_rule(&rules, written.trim()) {
                Some(why) => {
                    first_reason.get_or_insert(why);
                }
                None => checked.push((written, r)),
            }
        }
        if checked.is_empty() {
            tally.out_of_scope(first_reason.unwrap_or("no result"), &label);
            continue;
        }
        let mut errors = Vec::new();
        for (written, r) in checked {
            let want_s = r
                .get("Resolution")
                .and_then(|res| res.get("value"))
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("number result without Resolution.value: {r}"));
            let want = decimal(want_s).unwrap_or_else(|| panic!("expected value {want_s:?} is not a decimal"));
            match numeral::parse(written) {
                Ok(got) if got == want => {}
                Ok(got) => errors.push(format!("parse({written:?}): expected {want_s}, got {got}")),
                Err(e) => errors.push(format!("parse({written:?}): expected {want_s}, got error: {e}")),
            }
        }
        tally.record(&label, if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) });
    }
    tally.finish(THRESHOLD);
}
