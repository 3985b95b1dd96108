//! Conformance of money extraction with the peers' cases, read at test time
//! from `../shared/peers`:
//!
//! - `recognizers-text/currency.jsonl`: `zonefacts::extract(Input)` must give
//!   exactly the expected money facts: same span (SPEC's qualifier words such
//!   as `约`, `近`, `左右` may extend ours, and then `approx` must be theirs),
//!   same value, same ISO currency, and no other money fact;
//! - `jionlp/money-parser.jsonl`: the input is one money expression; it must
//!   give exactly one money fact, with JioNLP's `num` (rounded to cents, as
//!   JioNLP prints it) and currency. `definition` maps to SPEC's `approx`:
//!   `accurate` → exact; `blur` with one number → about; `blur` with `[lo,
//!   hi]` from `多`/`余` → SPEC's `more_than` with the lower bound (JioNLP's
//!   upper bound is its own convention: SPEC wins); `blur` with an explicit
//!   range (`到`, `至`, `-`, `~`) → the interval `lo/hi`; `blur+` → more_than
//!   or at_least; `blur-` → less_than or at_most;
//! - `jionlp/money-extractor.jsonl`: spans only (character offsets, end
//!   exclusive), same span rule, and no other money fact.
//!
//! Out of scope, by rule (per expected result; a case is out when all its
//! results are, and facts overlapping a dropped result are ignored):
//! - cases .NET does not support (`NotSupported` naming dotnet);
//! - currencies outside `zonefacts::Currency`'s documented ISO list (CNY USD
//!   EUR HKD JPY GBP KRW AUD CAD TWD RUB SGD MOP): 瑞士法郎, 奈拉, 泰铢,
//!   比特币, and `$20` (no ISO code from the peer);
//! - amounts with sub-units (`5元3毛`, `50元6角三分`, `两美元又三美分`,
//!   `10日元5日本銭`): SPEC's money is a number and one unit;
//! - `块` without `钱` (`三块`): in SPEC's reports 块 is the classifier of
//!   plots (`三块地`); `块钱` is in scope;
//! - Latin abbreviations (`15k`, `30w`, `10~15k元`);
//! - no currency word and no money context (`三百万`, `肆佰叁拾萬`, `小于40万`):
//!   SPEC reads a bare 万/亿 as money only after 投资, 产值, 营收…;
//! - two different currency words on one amount (`三万元欧元`, `9000元日币`):
//!   a peer-specific reading of a malformed phrase;
//! - vague and adjacent-digit amounts (`几十万`, `数十亿`, `十几块`, `八九亿`,
//!   `三五百`, `四五千`): not among SPEC's qualifier words;
//! - `兆` (10¹² to the peer, 10⁶ in mainland usage);
//! - a peer value that is a rounded .NET double (`2.02107211321364E+23`): SPEC
//!   values are exact;
//! - a currency name with no amount (`人民币 美元`): not money in SPEC, so
//!   such results are turned into "no money fact here" rather than dropped.
//!
//! Run with `--nocapture` to see the summary and the failing cases, and with
//! `ZONEFACTS_CONFORMANCE_VERBOSE=1` to see every case's verdict.

mod conformance;

use std::ops::Range;

use conformance::{
    SpanFit, Tally, char_range, decimal, first_rule, overlaps, results, rt_label, rt_range, rules, span_fit, str_field,
};
use serde_json::Value;
use zonefacts::{Amount, Approx, Decimal, Document};

const SUITE: &str = "money";
const THRESHOLD: f64 = 0.95;

/// ISO codes that `zonefacts::Currency` documents.
const ISO: &[&str] = &["CNY", "USD", "EUR", "HKD", "JPY", "GBP", "KRW", "AUD", "CAD", "TWD", "RUB", "SGD", "MOP"];

/// Scope rules on an expression (a peer's result text or a JioNLP input), in
/// order; the first match decides.
const RULES: &[(&str, &str)] = &[
    (r"[元块塊圆圓美][^钱錢]*[角毛分]|美分|日本銭|又", "amounts with sub-units (元…角…分)"),
    (r"[kKｋＫwW]", "Latin abbreviations (15k, 30w)"),
    (r"几|幾|数十|數十|八九|三五|四五", "vague and adjacent-digit amounts (几十, 数十, 八九亿)"),
    (r"兆", "兆 (10^12 here, 10^6 in mainland usage)"),
    (r"瑞士法郎|奈拉|泰铢|比特币|\$", "currencies outside zonefacts::Currency (CHF, NGN, THB, bitcoin, bare $)"),
    (r"元欧元|元日币", "two currency words on one amount (三万元欧元)"),
    (r"[块塊]$", "块 without 钱 (SPEC: 块 is a classifier of plots)"),
];

/// JioNLP's currency words, as ISO codes.
fn jionlp_iso(case_word: &str) -> Option<&'static str> {
    Some(match case_word {
        "元" => "CNY",
        "港元" => "HKD",
        "美元" => "USD",
        "日元" => "JPY",
        "新台币" => "TWD",
        "欧元" => "EUR",
        "卢布" => "RUB",
        "澳元" => "AUD",
        "韩元" => "KRW",
        _ => return None,
    })
}

/// What one peer result expects of our money facts.
struct Want {
    range: Range<usize>,
    value: Option<Decimal>,
    iso: Option<String>,
}

/// Checks that `doc`'s money facts are exactly `wants` (with the span rule),
/// ignoring facts that overlap a `dropped` (out-of-scope) result.
fn check_facts(
    input: &str,
    doc: &Document,
    wants: &[Want],
    dropped: &[Range<usize>],
    tails: &[&str],
) -> Result<(), String> {
    let mut errors = Vec::new();
    let mut used = vec![false; doc.money().count()];
    for w in wants {
        let want_text = &input[w.range.clone()];
        let found = doc.money().enumerate().find_map(|(i, m)| {
            let r = m.span().range();
            span_fit(input, r.clone(), w.range.clone(), tails).map(|fit| (i, m, fit))
        });
        let Some((i, m, fit)) = found else {
            let got: Vec<_> = doc.money().map(|m| format!("{:?}={} {}", m.text(), m.value, m.unit)).collect();
            errors.push(format!("expected money {want_text:?}, got {got:?}"));
            continue;
        };
        if let Some(flag) = used.get_mut(i) {
            *flag = true;
        }
        if let Some(v) = w.value
            && m.value != Amount::Point(v)
        {
            errors.push(format!("{want_text:?}: expected value {}, got {}", v.normalize(), m.value));
        }
        if let Some(iso) = &w.iso
            && m.unit.code() != iso
        {
            errors.push(format!("{want_text:?}: expected {iso}, got {}", m.unit));
        }
        if let SpanFit::Qualified(a) = fit
            && m.approx != a
        {
            errors.push(format!("{:?}: qualifier implies {}, got {}", m.text(), a.as_str(), m.approx.as_str()));
        }
    }
    for (i, m) in doc.money().enumerate() {
        let r = m.span().range();
        if !used.get(i).copied().unwrap_or(true) && !dropped.iter().any(|d| overlaps(d, &r)) {
            errors.push(format!("unexpected money {:?}={} {}", m.text(), m.value, m.unit));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
}

fn recognizers(tally: &mut Tally, rules: &[(regex::Regex, &'static str)]) -> bool {
    let Some(cases) = conformance::load(SUITE, "recognizers-text/currency.jsonl") else { return false };
    for case in &cases {
        let input = str_field(case, "Input");
        let label = rt_label("currency.jsonl", case, input);
        if tally.skip_unsupported(case, &label) {
            continue;
        }
        let res = results(case);
        let mut wants = Vec::new();
        let mut dropped = Vec::new();
        let mut first_reason = None;
        let mut nameless = 0;
        for r in res {
            let range = rt_range(input, r);
            let written = &input[range.clone()];
            let resolution = r.get("Resolution").unwrap_or_else(|| panic!("currency result without Resolution: {r}"));
            let value_s = resolution.get("value").and_then(Value::as_str);
            let iso = resolution.get("isoCurrency").and_then(Value::as_str);
            let reason = first_rule(rules, written.trim()).or_else(|| match (value_s, iso) {
                (_, None) => Some("currencies outside zonefacts::Currency (CHF, NGN, THB, bitcoin, bare $)"),
                (_, Some(code)) if !ISO.contains(&code) => {
                    Some("currencies outside zonefacts::Currency (CHF, NGN, THB, bitcoin, bare $)")
                }
                (Some(v), _) if v.contains('E') => Some("peer value is a rounded .NET double"),
                _ => None,
            });
            if let Some(why) = reason {
                first_reason.get_or_insert(why);
                dropped.push(range);
                continue;
            }
            match value_s {
                // A currency name alone: SPEC has no money fact there.
                None => nameless += 1,
                Some(v) => wants.push(Want {
                    range,
                    value: Some(decimal(v).unwrap_or_else(|| panic!("currency value {v:?} is not a decimal"))),
                    iso: iso.map(str::to_string),
                }),
            }
        }
        if !res.is_empty() && wants.is_empty() && nameless == 0 {
            tally.out_of_scope(first_reason.unwrap_or("no result"), &label);
            continue;
        }
        let doc = zonefacts::extract(input);
        tally.record(&label, check_facts(input, &doc, &wants, &dropped, &[]));
    }
    true
}

fn jionlp_parser(tally: &mut Tally, rules: &[(regex::Regex, &'static str)]) -> bool {
    let Some(cases) = conformance::load(SUITE, "jionlp/money-parser.jsonl") else { return false };
    for case in &cases {
        let input = str_field(case, "input");
        let label = format!("money-parser.jsonl {input:?}");
        let expected = case.get("expected").unwrap_or_else(|| panic!("no expected: {case}"));
        let word = str_field(expected, "case");
        let definition = str_field(expected, "definition");
        let reason = first_rule(rules, input).or_else(|| {
            if jionlp_iso(word).is_none() {
                Some("currencies outside zonefacts::Currency (CHF, NGN, THB, bitcoin, bare $)")
            } else if !input.contains(['元', '圆', '圓', '币', '幣', '钱', '錢', '卢', '布']) {
                Some("no currency word and no money context (三百万)")
            } else {
                None
            }
        });
        if let Some(why) = reason {
            tally.out_of_scope(why, &label);
            continue;
        }
        let iso = jionlp_iso(word).unwrap_or("CNY");
        let num = expected.get("num").unwrap_or_else(|| panic!("no num: {case}"));
        let parse = |v: &Value| -> Decimal {
            let s = v.as_str().unwrap_or_else(|| panic!("num is not a string: {v}"));
            decimal(s).unwrap_or_else(|| panic!("num {s:?} is not a decimal"))
        };
        let (lo, hi) = match num {
            Value::Array(pair) if pair.len() == 2 => (parse(&pair[0]), Some(parse(&pair[1]))),
            v => (parse(v), None),
        };
        let more_words = input.contains(['多', '余', '餘']);
        // (the value we must give, the approx values SPEC allows)
        let (want_value, allowed): (Amount, &[Approx]) = match (definition, hi) {
            ("accurate", None) => (Amount::Point(lo), &[Approx::Exact]),
            ("blur", None) => (Amount::Point(lo), &[Approx::About]),
            ("blur", Some(_)) if more_words => (Amount::Point(lo), &[Approx::MoreThan, Approx::About]),
            ("blur", Some(h)) => (Amount::Range(lo, h), &[Approx::Exact]),
            ("blur+", None) => (Amount::Point(lo), &[Approx::MoreThan, Approx::AtLeast]),
            ("blur-", None) => (Amount::Point(lo), &[Approx::LessThan, Approx::AtMost]),
            _ => panic!("unexpected JioNLP definition {definition:?} with num {num}"),
        };
        let doc = zonefacts::extract(input);
        let facts: Vec<_> = doc.money().collect();
        let verdict = match facts.as_slice() {
            [m] => {
                let cents = |a: Amount| match a {
                    Amount::Point(v) => Amount::Point(v.round_dp(2)),
                    Amount::Range(a, b) => Amount::Range(a.round_dp(2), b.round_dp(2)),
                };
                let mut errors = Vec::new();
                if cents(m.value) != cents(want_value) {
                    errors.push(format!("expected value {want_value}, got {}", m.value));
                }
                if m.unit.code() != iso {
                    errors.push(format!("expected {iso}, got {}", m.unit));
                }
                if !allowed.contains(&m.approx) {
                    let names: Vec<_> = allowed.iter().map(|a| a.as_str()).collect();
                    errors.push(format!(
                        "JioNLP {definition:?}: expected approx {}, got {}",
                        names.join("|"),
                        m.approx.as_str()
                    ));
                }
                if errors.is_empty() { Ok(()) } else { Err(format!("{:?}: {}", m.text(), errors.join("; "))) }
            }
            other => {
                let got: Vec<_> = other.iter().map(|m| format!("{:?}={} {}", m.text(), m.value, m.unit)).collect();
                Err(format!("expected one money fact ({want_value} {iso}), got {got:?}"))
            }
        };
        tally.record(&label, verdict);
    }
    true
}

fn jionlp_extractor(tally: &mut Tally, rules: &[(regex::Regex, &'static str)]) -> bool {
    let Some(cases) = conformance::load(SUITE, "jionlp/money-extractor.jsonl") else { return false };
    for case in &cases {
        let input = str_field(case, "input");
        let label = format!("money-extractor.jsonl {input:?}");
        let expected = case.get("expected").and_then(Value::as_array).unwrap_or_else(|| panic!("no expected: {case}"));
        let mut wants = Vec::new();
        let mut dropped = Vec::new();
        let mut first_reason = None;
        for e in expected {
            let offset = e.get("offset").and_then(Value::as_array).unwrap_or_else(|| panic!("no offset: {e}"));
            let at = |i: usize| {
                offset
                    .get(i)
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or_else(|| panic!("bad offset: {e}"))
            };
            let range = char_range(input, at(0), at(1)).unwrap_or_else(|| panic!("offsets outside input: {e}"));
            if let Some(why) = first_rule(rules, input[range.clone()].trim()) {
                first_reason.get_or_insert(why);
                dropped.push(range);
            } else {
                wants.push(Want { range, value: None, iso: None });
            }
        }
        if !expected.is_empty() && wants.is_empty() {
            tally.out_of_scope(first_reason.unwrap_or("no result"), &label);
            continue;
        }
        let doc = zonefacts::extract(input);
        tally.record(&label, check_facts(input, &doc, &wants, &dropped, &["整"]));
    }
    true
}

#[test]
fn conformance_money() {
    if !conformance::peers_or_skip(SUITE) {
        return;
    }
    let rules = rules(RULES);
    let mut tally = Tally::new(SUITE);
    let found =
        [recognizers(&mut tally, &rules), jionlp_parser(&mut tally, &rules), jionlp_extractor(&mut tally, &rules)];
    if found.contains(&true) {
        tally.finish(THRESHOLD);
    }
}
