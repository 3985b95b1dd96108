//! Conformance of date extraction with the peers' date cases, read at test
//! time from `../shared/peers`:
//!
//! - Recognizers-Text `datetime-date-parser.jsonl`,
//!   `datetime-dateperiod-parser.jsonl` and `datetime-model.jsonl` (model
//!   cases whose input a parser file already has are skipped);
//! - JioNLP `time-parser.jsonl` (the input is one time expression).
//!
//! How a case is compared:
//! - a peer value with an unknown year (timex `XXXX-01-19`, `(XXXX-03-01,
//!   XXXX-05-01,P2M)`) is compared as SPEC's value string (`XXXX-01-19`,
//!   `XXXX-03/XXXX-05`), extracting without a document date, as SPEC's gold
//!   does;
//! - otherwise the case's reference date (Recognizers-Text
//!   `ReferenceDateTime`, JioNLP `time_base` read in UTC+8) is our document
//!   date, and the first and last calendar days of our value
//!   (`first_day`/`last_day`) must equal the peer's. A written range is
//!   inclusive in SPEC (`2021—2023` is `2021/2023`), so Recognizers-Text's
//!   exclusive year and month ends (`从2016到2018` → `(2016-01-01,2018-01-01,
//!   P2Y)`) are read as the last year or month written; an implicit period
//!   (`今年第一季度`, `上半年`) keeps the exclusive end;
//! - `年初`, `年底`, `季度末`, `月底`, `伊始`: SPEC gives the period with a
//!   `mod` (start / end); JioNLP gives a window inside it (`年底` → Nov 1 to
//!   Dec 31). Our value must contain the window and have the right `mod`;
//! - `截至`/`截止` must give `relation: as_of`, `自…以来` and `从/自…起`
//!   `since`; an open end (`起`, `至今`) compares the first day only;
//! - each expected date must be covered by exactly one of our date facts,
//!   and no other date fact may appear (facts overlapping an out-of-scope
//!   result are ignored); durations must give no date fact (SPEC: durations
//!   are not facts), and so must a bare four-digit number (`2018`: SPEC reads
//!   it as a year only in a date shape).
//!
//! Out of scope, by rule (per expected result; a case is out when all its
//! results are):
//! - cases .NET does not support (`NotSupported` naming dotnet) and JioNLP
//!   cases run with options (`ret_future`, `lunar_date`, periods);
//! - clock times and parts of the day (`下午3点`, `9:30`, `早间`), recurring
//!   sets (`每年`, `每周三`);
//! - lunar dates, holidays and solar terms (`正月初一`, `农历`, `春节`,
//!   `母亲节`, `冬至`), seasons (`2021年春`, `暑假`);
//! - weeks and weekdays (`下周`, `星期一`, `第2周`);
//! - centuries, decades and era names (`上世纪80年代`, `康熙三年`);
//! - days and months relative to today and "now" (`明天`, `最近`, `上个月`,
//!   `本季度`), anaphoric years (`次年`, `这一年`, `今明两年`): SPEC resolves only
//!   relative years (`今年`, `去年`, `明年`, `前年`) from the document date;
//! - spans and offsets from now (`近三年`, `过去十年`, `3年后`, `未来两天`);
//! - before/after a date (`2025年前`, `年底前`, `或之后`): SPEC has no such
//!   relation;
//! - years of two or three digits (`07年`, `三三年`, `789年`): SPEC's years are
//!   written in full and the library does not guess a century;
//! - a day without 日/号 (`八月十五`, `1月3`): JioNLP reads it as lunar;
//! - a bare day with a JioNLP document date (`30日`): SPEC resolves only the
//!   year from the document date, the peer also borrows the month;
//! - numeric dates outside SPEC's shapes (`13.5.2015`, `3-7-07`, `12/1`,
//!   `20240307`, `2010 01 29`, `6·30`, `1994.01-19`);
//! - enumerations of days read as one span (`9月10号，11号`), between-forms
//!   (`2007年与2009年之间`), ordinal months and days (`第8个月`, `首月`,
//!   `4月前4天`), ten-day periods (`上旬`), the last N months (`后三月`: SPEC
//!   names only `前N`), `伊始` (SPEC's mod words are 初, 中, 底, 末), Latin
//!   letters (`Q1季度`);
//! - comparison words before the date (`比较一下2009年`): SPEC's comparison
//!   bases (`比`, `较`) are not dates;
//! - impossible calendar dates (`2月30日`, `2019年2月29日`).
//!
//! Run with `--nocapture` to see the summary and the failing cases, and with
//! `ZONEFACTS_CONFORMANCE_VERBOSE=1` to see every case's verdict.

mod conformance;

use std::collections::HashSet;
use std::ops::Range;

use conformance::{Tally, char_range, first_rule, overlaps, re, results, rt_label, rt_range, rules, str_field};
use regex::Regex;
use serde_json::Value;
use zonefacts::date::{CalendarDate, DateMod, DateValue, PartialDate, Period, Relation};
use zonefacts::{Document, Extractor};

const SUITE: &str = "dates";
const THRESHOLD: f64 = 0.90;

/// Scope rules on an expression (a Recognizers-Text result's text or a
/// JioNLP input), in order; the first match decides.
const RULES: &[(&str, &str)] = &[
    (
        r"[0-9０-９]\s*[:：]\s*[0-9０-９]|[点點时時]|刻|分半|早上|上午|中午|下午|晚上|凌晨|半夜|夜|午|黎明|傍晚|早间|早$|今晚|昨晚|当晚|今晨|今早|分钟|小时|钟头|秒|(?i)[ap]\.?m",
        "clock times and parts of the day",
    ),
    (r"^每|每年|每月|每周|每天", "recurring sets (每年)"),
    (
        r"农历|阴历|正月|腊月|闰|廿|初[一二三四五六七八九十]|除夕|大年|春节|元宵|端午|中秋|七夕|重阳|清明|[节節]|冬至|夏至|大寒|小寒|芒种|立春|^十一$|国庆|元旦",
        "lunar dates, holidays and solar terms",
    ),
    (r"[春夏秋冬][季天]?$|[春夏秋冬]季|暑假|寒假", "seasons"),
    (r"周|週|星期|礼拜|禮拜", "weeks and weekdays"),
    (r"世纪|世紀|年代|神龙|康熙|雍正|民国|乾隆", "centuries, decades and era names"),
    (
        r"今天|明天|后天|後天|昨天|前天|今日|明日|昨日|本日|当天|当日|全天|白天|现在|最近|马上|到今天|本月|上月|下月|上个月|下个月|上一个月|这个月|当月|同月|上个?季度|本季度|下个?季度|这个?季度|上半月|下半月|上个半年|上一年|这一年|次年|当年|同年|今明两年",
        "days and months relative to today, anaphoric years",
    ),
    (
        r"(^|[^0-9０-９])[0-9０-９]{2,3}\s*年|(^|[^〇零一二三四五六七八九十百千万两])[〇零一二三四五六七八九]{2,3}年",
        "years of two or three digits (07年, 三三年)",
    ),
    (r"后[0-9一二三四五六七八九十两]+个?月", "the last N months (后三月)"),
    (
        r"第[0-9一二三四五六七八九十]+个月|首月|第[0-9一二三四五六七八九十]+[天年]|最後|最后|前\s*[0-9一二三四五六七八九十两]+\s*天",
        "ordinal months and days (第8个月, 首月, 前4天)",
    ),
    (
        r"(^|[^0-9])[0-9]{1,3}\s*[个多半]*\s*(年|月|天|日|周|季度|工作日|交易日)\s*[多半]?\s*(以内|之内|内|以来|前|后|以前|以后|之前|之后)|(^|[^〇零一二三四五六七八九十百千万两])[一二两三四五六七八九十百千万几半仨]+\s*[个多半]*\s*(年|月|天|日|周|季度|工作日|交易日)\s*[多半]?\s*(以内|之内|内|以来|前|后|以前|以后|之前|之后)|多\s*个?\s*(年|月|天|周)\s*(以内|之内|内|以来|前|后|以前|以后|之前|之后)|^(近|过去|未来|今后|再过|过|前|后|最近|上|下)[的\s]*[0-9一二两三四五六七八九十仨]+\s*个?\s*(年|月|天|日|周)",
        "spans and offsets from now (近三年, 3年后)",
    ),
    (
        r"(\d{4}\s*年|[〇零一二三四五六七八九]{4}年|月份?|[日号號]|底|初|季度)\s*(或|及)?(以前|之前|前|以后|之后|后)$|(或|及)(以前|之前|以后|之后)",
        "before/after a date (2025年前, 或之后)",
    ),
    (
        r"月\s*[0-9０-９一二三四五六七八九十廿]+\s*($|[^0-9０-９一二三四五六七八九十日号號份\-－—~～至到])|月\s*[0-9０-９一二三四五六七八九十]+\s*[至到]",
        "a day without 日/号 (八月十五)",
    ),
    (r"[号號日]\s*[，,、]\s*[0-9０-９]+\s*[号號日]", "enumerations of days read as one span"),
    (r"间|間", "between-forms (与…之间)"),
    (r"上旬|中旬|下旬", "ten-day periods (上旬)"),
    (r"伊始", "伊始 (SPEC's mod words are 初, 中, 底, 末)"),
    (r"[A-Za-z]", "Latin letters (Q1季度)"),
];

const NUMERIC_SHAPES: &str = "numeric dates outside SPEC's shapes (13.5.2015, 12/1, 20240307)";

/// SPEC's numeric date shapes: `2021-11-05`, `2021.11.05`, `2021/11/05`,
/// `2021.11`, `2021/11`.
const ALLOWED_NUMERIC: &str = r"[0-9]{4}([-./])[0-9]{1,2}([-./])[0-9]{1,2}|[0-9]{4}[./][0-9]{1,2}";

/// Numeric shapes that are not SPEC's (checked after removing the allowed ones).
const OTHER_NUMERIC: &str = r"^[0-9]{8}$|[0-9]{4}\s[0-9]{2}\s[0-9]{2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4}|[0-9]{1,2}/[0-9]{1,2}|·|(^|[^0-9])[0-9]{1,2}-[0-9]{1,2}($|[^0-9日号號月])|[0-9]{4}\.[0-9]{1,2}-[0-9]{1,2}$";

struct Scope {
    rules: Vec<(Regex, &'static str)>,
    allowed_numeric: Regex,
    other_numeric: Regex,
    mixed_separators: Regex,
}

impl Scope {
    fn new() -> Scope {
        Scope {
            rules: rules(RULES),
            allowed_numeric: re(ALLOWED_NUMERIC),
            other_numeric: re(OTHER_NUMERIC),
            mixed_separators: re(r"[0-9]{4}\.[0-9]{1,2}-[0-9]{1,2}$|[0-9]{4}-[0-9]{1,2}-[0-9]{3,}"),
        }
    }

    /// Why `text` is out of scope, if it is.
    fn reason(&self, text: &str) -> Option<&'static str> {
        if let Some(why) = first_rule(&self.rules, text) {
            return Some(why);
        }
        if self.mixed_separators.is_match(text) {
            return Some(NUMERIC_SHAPES);
        }
        let rest = self.allowed_numeric.replace_all(text, "＃");
        if self.other_numeric.is_match(&rest) {
            return Some(NUMERIC_SHAPES);
        }
        None
    }
}

/// What one expected result asks of our date facts.
#[derive(Debug)]
enum Expect {
    /// No date fact may overlap it.
    NoDate,
    /// One date fact with this value string (extracted without a document date).
    Value(String),
    /// One date fact whose first and last days are these (the last only when
    /// given); with `within`, our days must contain them and our `mod` be it.
    Days { first: CalendarDate, last: Option<CalendarDate>, within: Option<DateMod>, relation: Option<Relation> },
}

struct Want {
    range: Range<usize>,
    expect: Expect,
}

fn day_name(d: Option<CalendarDate>) -> String {
    d.map_or_else(|| "?".to_string(), |d| d.to_string())
}

/// Checks `wants` against the two extractions of `input` (without and with
/// the document date), ignoring facts that overlap a `dropped` result.
fn check(
    input: &str,
    plain: &Document,
    dated: &Document,
    wants: &[Want],
    dropped: &[Range<usize>],
) -> Result<(), String> {
    let mut errors = Vec::new();
    let mut covered: Vec<Range<usize>> = dropped.to_vec();
    for w in wants {
        let want_text = input.get(w.range.clone()).unwrap_or("");
        covered.push(w.range.clone());
        let doc = match w.expect {
            Expect::Days { .. } => dated,
            _ => plain,
        };
        let hits: Vec<_> = doc.dates().filter(|d| overlaps(&d.span().range(), &w.range)).collect();
        let shown: Vec<_> = hits.iter().map(|d| format!("{:?}={}", d.text(), d.value)).collect();
        match (&w.expect, hits.as_slice()) {
            (Expect::NoDate, []) => {}
            (Expect::NoDate, _) => errors.push(format!("{want_text:?} is not a date (SPEC), got {shown:?}")),
            (_, []) => errors.push(format!("expected a date for {want_text:?} ({:?}), got none", w.expect)),
            (_, [_, _, ..]) => errors.push(format!("expected one date fact for {want_text:?}, got {shown:?}")),
            (Expect::Value(v), [d]) => {
                if d.value.to_string() != *v {
                    errors.push(format!("{want_text:?}: expected {v}, got {:?}={}", d.text(), d.value));
                }
            }
            (Expect::Days { first, last, within, relation }, [d]) => {
                let (ours_first, ours_last) = (d.value.start().first_day(), d.value.end().last_day());
                let ok_days = match within {
                    Some(m) => {
                        d.modifier == Some(*m)
                            && ours_first.is_some_and(|f| f <= *first)
                            && match (ours_last, last) {
                                (Some(ol), Some(l)) => *l <= ol,
                                (Some(_), None) => true,
                                (None, _) => false,
                            }
                    }
                    None => ours_first == Some(*first) && last.is_none_or(|l| ours_last == Some(l)),
                };
                if !ok_days {
                    let want = match within {
                        Some(m) => format!(
                            "a value containing {first}..{} with mod {m:?}",
                            last.map_or_else(|| "open".to_string(), |l| l.to_string())
                        ),
                        None => format!("{first}..{}", last.map_or_else(|| "open".to_string(), |l| l.to_string())),
                    };
                    errors.push(format!(
                        "{want_text:?}: expected {want}, got {:?}={} ({}..{}, mod {:?})",
                        d.text(),
                        d.value,
                        day_name(ours_first),
                        day_name(ours_last),
                        d.modifier
                    ));
                }
                if relation.is_some() && d.relation != *relation {
                    errors.push(format!("{want_text:?}: expected relation {relation:?}, got {:?}", d.relation));
                }
            }
        }
    }
    for d in plain.dates() {
        let r = d.span().range();
        if !covered.iter().any(|c| overlaps(c, &r)) {
            errors.push(format!("unexpected date {:?}={}", d.text(), d.value));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Option<CalendarDate> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    CalendarDate::new(i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
}

/// The date of `YYYY-MM-DD…` (a timestamp or a timex).
fn date_prefix(s: &str) -> Option<CalendarDate> {
    s.get(..10)?.parse().ok()
}

/// The day before `d`.
fn day_before(d: CalendarDate) -> Option<CalendarDate> {
    if d.day() > 1 {
        return CalendarDate::new(d.year(), d.month(), d.day() - 1).ok();
    }
    let (y, m) = if d.month() > 1 { (d.year(), d.month() - 1) } else { (d.year() - 1, 12) };
    PartialDate { year: Some(y), period: Period::Month(m) }.last_day()
}

/// JioNLP's `time_base`: a Unix time read in UTC+8, a `[y, m, d, …]` list
/// with -1 for unknown parts, a `{"year": …}` map, or an ISO string.
fn jionlp_base(v: Option<&Value>) -> Option<CalendarDate> {
    let part = |x: Option<&Value>| x.and_then(Value::as_i64).filter(|n| *n > 0);
    let ymd = |y: Option<i64>, m: Option<i64>, d: Option<i64>| {
        let y = i32::try_from(y?).ok()?;
        let m = u8::try_from(m.unwrap_or(1)).ok()?;
        let d = u8::try_from(d.unwrap_or(1)).ok()?;
        CalendarDate::new(y, m, d).ok()
    };
    match v? {
        Value::Number(n) => {
            let secs = n.as_f64()?;
            // Whole seconds since the epoch, shifted to UTC+8.
            let days = ((secs.floor() as i64) + 8 * 3600).div_euclid(86_400);
            civil_from_days(days)
        }
        Value::Array(a) => ymd(part(a.first()), part(a.get(1)), part(a.get(2))),
        Value::Object(o) => ymd(part(o.get("year")), part(o.get("month")), part(o.get("day"))),
        Value::String(s) => date_prefix(s),
        _ => None,
    }
}

/// Whether `text` writes a range with two ends.
fn explicit_range(text: &str) -> bool {
    text.contains(['到', '至', '-', '－', '—', '–', '~', '～'])
}

/// A Recognizers-Text timex as an [`Expect`], or why it is out of scope.
fn rt_expect(text: &str, timex: &str) -> Result<Expect, &'static str> {
    let impossible = "impossible calendar dates (2月30日)";
    if let Some(inner) = timex.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        let mut parts = inner.split(',');
        let (a, b, dur) = match (parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), Some(d)) => (a, b, d),
            _ => return Err("timex outside SPEC's values"),
        };
        let unit = dur.chars().last().unwrap_or('?');
        let explicit = explicit_range(text);
        if a.starts_with("XXXX") || b.starts_with("XXXX") {
            if !explicit {
                return Err("timex outside SPEC's values");
            }
            let (sa, sb) = match unit {
                'D' => (a.to_string(), b.to_string()),
                'M' => (a.get(..7).unwrap_or(a).to_string(), b.get(..7).unwrap_or(b).to_string()),
                _ => return Err("timex outside SPEC's values"),
            };
            let value = format!("{sa}/{sb}");
            return match value.parse::<DateValue>() {
                Ok(_) => Ok(Expect::Value(value)),
                Err(_) => Err(impossible),
            };
        }
        let (Some(first), Some(end)) = (date_prefix(a), date_prefix(b)) else { return Err(impossible) };
        let last = if explicit {
            match unit {
                'Y' => PartialDate::year(end.year()).last_day(),
                'M' => PartialDate { year: Some(end.year()), period: Period::Month(end.month()) }.last_day(),
                'D' => Some(end),
                _ => return Err("timex outside SPEC's values"),
            }
        } else {
            day_before(end)
        };
        return Ok(Expect::Days { first, last, within: None, relation: None });
    }
    if timex.contains('X') {
        return match timex.parse::<DateValue>() {
            Ok(_) => Ok(Expect::Value(timex.to_string())),
            Err(_) if timex.starts_with("XXXX") && !timex.contains('W') => Err(impossible),
            Err(_) => Err("timex outside SPEC's values"),
        };
    }
    match timex.parse::<PartialDate>() {
        Ok(p) => match (p.first_day(), p.last_day()) {
            (Some(first), Some(last)) => Ok(Expect::Days { first, last: Some(last), within: None, relation: None }),
            _ => Err(impossible),
        },
        Err(_) if timex.len() == 10 && timex.as_bytes().get(4) == Some(&b'-') => Err(impossible),
        Err(_) => Err("timex outside SPEC's values"),
    }
}

fn recognizers(tally: &mut Tally, scope: &Scope, ex: &Extractor) -> bool {
    let mut any = false;
    let mut seen: HashSet<String> = HashSet::new();
    let since = re(r"以来|[自从從].*起");
    let as_of = re(r"截至|截止");
    let compare = re(r"[比较較][^，。,；;]{0,6}$");
    let bare_year = re(r"^[=\s]*[0-9]{4}$");
    for file in ["datetime-date-parser.jsonl", "datetime-dateperiod-parser.jsonl", "datetime-model.jsonl"] {
        let Some(cases) = conformance::load(SUITE, &format!("recognizers-text/{file}")) else { continue };
        any = true;
        let is_model = file == "datetime-model.jsonl";
        for case in &cases {
            let input = str_field(case, "Input");
            if is_model && seen.contains(input) {
                continue;
            }
            if !is_model {
                seen.insert(input.to_string());
            }
            let label = rt_label(file, case, input);
            if tally.skip_unsupported(case, &label) {
                continue;
            }
            let reference = case
                .get("Context")
                .and_then(|c| c.get("ReferenceDateTime"))
                .and_then(Value::as_str)
                .and_then(date_prefix);
            let mut wants = Vec::new();
            let mut dropped = Vec::new();
            let mut first_reason = None;
            for r in results(case) {
                let range = rt_range(input, r);
                let text = input[range.clone()].trim();
                let kind = r
                    .get("TypeName")
                    .or_else(|| r.get("Type"))
                    .and_then(Value::as_str)
                    .map(|t| t.trim_start_matches("datetimeV2."))
                    .unwrap_or_else(|| panic!("date result without a type: {r}"));
                let (timex, modifier) = match r.get("Value") {
                    Some(v) => (v.get("Timex").and_then(Value::as_str), None),
                    None => {
                        let first = r.get("Resolution").and_then(|res| res.get("values")).and_then(|v| v.get(0));
                        (
                            first.and_then(|v| v.get("timex")).and_then(Value::as_str),
                            first.and_then(|v| v.get("Mod")).and_then(Value::as_str),
                        )
                    }
                };
                let before = input.get(..range.start).unwrap_or("");
                let verdict: Result<Expect, &'static str> = if kind == "duration" {
                    Ok(Expect::NoDate)
                } else if !matches!(kind, "date" | "daterange") {
                    Err("clock times and parts of the day")
                } else if bare_year.is_match(text) {
                    Ok(Expect::NoDate)
                } else if let Some(why) = scope.reason(text) {
                    Err(why)
                } else if compare.is_match(before) {
                    Err("comparison words before the date (比较)")
                } else {
                    match modifier {
                        Some("before") if as_of.is_match(text) => None,
                        Some("before" | "after" | "until") => Some(Err("before/after a date (2025年前, 或之后)")),
                        _ => None,
                    }
                    .unwrap_or_else(|| {
                        let timex = timex.unwrap_or_else(|| panic!("date result without a timex: {r}"));
                        rt_expect(text, timex).map(|e| match e {
                            Expect::Days { first, last, within, .. } => {
                                let relation = if as_of.is_match(text) {
                                    Some(Relation::AsOf)
                                } else if since.is_match(text) {
                                    Some(Relation::Since)
                                } else {
                                    None
                                };
                                Expect::Days { first, last, within, relation }
                            }
                            other => other,
                        })
                    })
                };
                match verdict {
                    Ok(expect) => wants.push(Want { range, expect }),
                    Err(why) => {
                        first_reason.get_or_insert(why);
                        dropped.push(range);
                    }
                }
            }
            if !results(case).is_empty() && wants.is_empty() {
                tally.out_of_scope(first_reason.unwrap_or("no result"), &label);
                continue;
            }
            if wants.iter().any(|w| matches!(w.expect, Expect::Days { .. })) && reference.is_none() {
                panic!("{label}: a dated expectation without ReferenceDateTime");
            }
            let plain = ex.extract(input);
            let dated = match reference {
                Some(d) => ex.extract_with_date(input, d),
                None => plain.clone(),
            };
            tally.record(&label, check(input, &plain, &dated, &wants, &dropped));
        }
    }
    any
}

fn jionlp(tally: &mut Tally, scope: &Scope, ex: &Extractor) -> bool {
    let Some(cases) = conformance::load(SUITE, "jionlp/time-parser.jsonl") else { return false };
    let timestamp = re(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$");
    let bare_year = re(r"^[0-9]{4}$");
    let bare_day = re(r"^[0-9一二三四五六七八九十]+[日号號]$");
    let open_end = re(r"起|至今");
    let since = re(r"[自从從].*(起|以来)|以来");
    let period_mod = re(r"(年|月|季度)(初|底|末)(左右)?$");
    for case in &cases {
        let input = str_field(case, "input");
        let args = case.get("args").unwrap_or(&Value::Null);
        let expected = case.get("expected").unwrap_or_else(|| panic!("no expected: {case}"));
        let kind = str_field(expected, "type");
        let label = format!("time-parser.jsonl {input:?}");
        let reference = jionlp_base(args.get("time_base"));
        let verdict: Result<Expect, &'static str> =
            if ["ret_future", "lunar_date", "period_results_num"].iter().any(|k| args.get(*k).is_some()) {
                Err("JioNLP options (ret_future, lunar_date, periods)")
            } else if kind == "time_period" {
                Err("recurring sets (每年)")
            } else if kind == "time_delta" || bare_year.is_match(input) {
                // Durations (SPEC: not facts) and a bare `2018` (a year only in a date shape).
                Ok(Expect::NoDate)
            } else if let Some(why) = (!timestamp.is_match(input)).then(|| scope.reason(input)).flatten() {
                Err(why)
            } else if bare_day.is_match(input) {
                Err("a bare day with a JioNLP document date (30日)")
            } else {
                let time = expected.get("time").and_then(Value::as_array).unwrap_or_else(|| panic!("no time: {case}"));
                let bound = |i: usize| time.get(i).and_then(Value::as_str).and_then(date_prefix);
                match bound(0) {
                    None => Err("spans and offsets from now (近三年, 3年后)"),
                    Some(first) => {
                        let within = period_mod.captures(input).map(|c| match c.get(2).map(|m| m.as_str()) {
                            Some("初") => DateMod::Start,
                            _ => DateMod::End,
                        });
                        let open = open_end.is_match(input);
                        let relation = since.is_match(input).then_some(Relation::Since);
                        Ok(Expect::Days { first, last: if open { None } else { bound(1) }, within, relation })
                    }
                }
            };
        let expect = match verdict {
            Ok(e) => e,
            Err(why) => {
                tally.out_of_scope(why, &label);
                continue;
            }
        };
        if matches!(expect, Expect::Days { .. }) && reference.is_none() {
            panic!("{label}: a dated expectation without time_base");
        }
        let plain = ex.extract(input);
        let dated = match reference {
            Some(d) => ex.extract_with_date(input, d),
            None => plain.clone(),
        };
        let wants = [Want { range: 0..input.len(), expect }];
        tally.record(&label, check(input, &plain, &dated, &wants, &[]));
    }
    true
}

#[test]
fn conformance_dates() {
    if !conformance::peers_or_skip(SUITE) {
        return;
    }
    let scope = Scope::new();
    let ex = Extractor::new();
    let mut tally = Tally::new(SUITE);
    let found = [recognizers(&mut tally, &scope, &ex), jionlp(&mut tally, &scope, &ex)];
    if found.contains(&true) {
        tally.finish(THRESHOLD);
    }
}

#[test]
fn civil_dates_and_time_bases() {
    assert_eq!(civil_from_days(0).map(|d| d.to_string()).as_deref(), Some("1970-01-01"));
    // 1623604000 is 2021-06-14 01:06:40 in UTC+8 (the JioNLP README).
    let base = jionlp_base(Some(&Value::from(1_623_604_000_i64)));
    assert_eq!(base.map(|d| d.to_string()).as_deref(), Some("2021-06-14"));
    let list: Value = serde_json::from_str("[2008, 3, 13, -1, -1, -1]").expect("test JSON");
    assert_eq!(jionlp_base(Some(&list)).map(|d| d.to_string()).as_deref(), Some("2008-03-13"));
    let map: Value = serde_json::from_str(r#"{"year": 1837}"#).expect("test JSON");
    assert_eq!(jionlp_base(Some(&map)).map(|d| d.to_string()).as_deref(), Some("1837-01-01"));
    let first: CalendarDate = "2021-01-01".parse().expect("date");
    assert_eq!(day_before(first).map(|d| d.to_string()).as_deref(), Some("2020-12-31"));
    assert_eq!(char_range("年月日", 1, 2), Some(3..6));
}
