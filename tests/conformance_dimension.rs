//! Conformance of measure extraction with Recognizers-Text's Chinese
//! dimension cases (`../shared/peers/recognizers-text/dimension.jsonl`, read
//! at test time).
//!
//! `zonefacts::extract(Input)` must give exactly the expected measure facts:
//! same span (SPEC's qualifier words may extend ours, as in `近一吨`, and
//! then `approx` must be theirs), the expected amount converted to SPEC's
//! base unit (Kilogram → t ×0.001, Gram → t ×0.000001, Ton → t, Meter → km
//! ×0.001, Kilometer → km, Mu → mu, Kilowatt → W ×1000), and no other
//! measure fact.
//!
//! Out of scope, by rule (per expected result; a case is out when all its
//! results are, and facts overlapping a dropped result are ignored):
//! - cases .NET does not support (`NotSupported` naming dotnet: `一百千瓦`,
//!   `赫兹`, `千卡`, `一位`);
//! - units outside the unit words `zonefacts::MeasureUnit` documents (吨 千克
//!   公斤 克 / 度 千瓦时 / 瓦 千瓦 兆瓦 吉瓦 / 平方米 平方公里 / 公顷 / 亩 /
//!   立方米 方 / 米 公里 千米): 公分 and cm, Latin `m`, 斤, 两, bits and
//!   bytes, 微克;
//! - numbers split around the unit (`一吨半`, `两米半`): not SPEC's qualifier
//!   + number + unit;
//! - signed measures (`负0.2千米`): SPEC's values carry no sign.
//!
//! Run with `--nocapture` to see the summary and the failing cases, and with
//! `ZONEFACTS_CONFORMANCE_VERBOSE=1` to see every case's verdict.

mod conformance;

use conformance::{Tally, Want, check_quantities, decimal, first_rule, results, rt_label, rt_range, rules, str_field};
use zonefacts::MeasureUnit;

const SUITE: &str = "dimension";
const THRESHOLD: f64 = 0.95;

/// Scope rules on a result's text, in order; the first match decides.
const RULES: &[(&str, &str)] =
    &[(r"^[负負\-－]", "signed measures"), (r"[吨噸米]半$", "numbers split around the unit (一吨半)")];

/// A peer unit name: SPEC's base unit and the factor to it.
fn base_unit(peer: &str, written: &str) -> Option<(MeasureUnit, &'static str)> {
    // The documented unit words, so that `250m` (Latin) and `168公分` stay out.
    let chinese = |words: &[&str]| words.iter().any(|w| written.contains(w));
    Some(match peer {
        "Mu" if chinese(&["亩", "畝"]) => (MeasureUnit::Mu, "1"),
        "Ton" if chinese(&["吨", "噸"]) => (MeasureUnit::Tonne, "1"),
        "Kilogram" if chinese(&["千克", "公斤"]) => (MeasureUnit::Tonne, "0.001"),
        "Gram" if chinese(&["克"]) && !chinese(&["微克", "毫克", "千克"]) => (MeasureUnit::Tonne, "0.000001"),
        "Kilometer" if chinese(&["千米", "公里"]) => (MeasureUnit::Kilometre, "1"),
        "Meter" if chinese(&["米"]) => (MeasureUnit::Kilometre, "0.001"),
        "Kilowatt" if chinese(&["千瓦"]) => (MeasureUnit::Watt, "1000"),
        _ => return None,
    })
}

#[test]
fn conformance_dimension() {
    if !conformance::peers_or_skip(SUITE) {
        return;
    }
    let Some(cases) = conformance::load(SUITE, "recognizers-text/dimension.jsonl") else { return };
    let rules = rules(RULES);
    let mut tally = Tally::new(SUITE);
    for case in &cases {
        let input = str_field(case, "Input");
        let label = rt_label("dimension.jsonl", case, input);
        if tally.skip_unsupported(case, &label) {
            continue;
        }
        let res = results(case);
        let mut wants = Vec::new();
        let mut dropped = Vec::new();
        let mut first_reason = None;
        for r in res {
            let range = rt_range(input, r);
            let written = &input[range.clone()];
            let resolution = r.get("Resolution").unwrap_or_else(|| panic!("dimension result without Resolution: {r}"));
            let peer_unit = str_field(resolution, "unit");
            let value_s = str_field(resolution, "value");
            let reason = first_rule(&rules, written.trim()).or_else(|| {
                base_unit(peer_unit, written)
                    .is_none()
                    .then_some("units outside zonefacts::MeasureUnit's unit words (公分, cm, m, 斤, 两, bytes, 微克)")
            });
            if let Some(why) = reason {
                first_reason.get_or_insert(why);
                dropped.push(range);
                continue;
            }
            let Some((unit, factor)) = base_unit(peer_unit, written) else { continue };
            let v = decimal(value_s).unwrap_or_else(|| panic!("dimension value {value_s:?} is not a decimal"));
            let f = decimal(factor).unwrap_or_else(|| panic!("bad factor {factor}"));
            wants.push(Want { range, value: v * f, unit });
        }
        if !res.is_empty() && wants.is_empty() {
            tally.out_of_scope(first_reason.unwrap_or("no result"), &label);
            continue;
        }
        let doc = zonefacts::extract(input);
        let facts: Vec<_> = doc.measures().collect();
        tally.record(&label, check_quantities(input, "measure", &facts, &wants, &dropped));
    }
    tally.finish(THRESHOLD);
}
