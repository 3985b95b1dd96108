//! Inputs that once broke the library (found by the fuzzers, the property
//! tests or the adversarial tests), kept so that they never break it again.
//! Each test names how the input was found.

mod common;

use common::invariants::extract_checked;
use zonefacts::{Amount, Decimal, numeral};

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Fuzz target `numeral`: `廿` and `卅` were tokenized as a digit ending
/// *before* the character, so `prefix` reported a value that its length did
/// not cover: `prefix("一卅")` was 13 over the 3 bytes of `一`.
#[test]
fn numeral_prefix_covers_its_value() {
    for s in [
        "一卅\u{1b}Bf",
        "卅卅",
        "三卅U",
        "零卅",
        "廿廿一",
        "万廿廿0",
        "60千0十卅",
        "0072佰廿廿1020",
        "參參參參參參參參參參參廿一",
        "參 〇\u{c} 〇 \u{c} 〇參參廿一",
    ] {
        if let Some(n) = numeral::prefix(s) {
            let head = s.get(..n.len).unwrap_or_else(|| panic!("{s:?}: prefix length {} off a boundary", n.len));
            assert_eq!(numeral::parse(head).ok(), Some(n.value), "{s:?}: prefix {head:?} read as {}", n.value);
        }
    }
}

/// Property test `chinese_decimals`: a Chinese decimal whose integer part
/// ends in 十, 百 or 千 did not parse (`十点五` is 10.5).
#[test]
fn chinese_decimal_after_a_unit() {
    for (s, v) in [("十点五", "10.5"), ("二十点五", "20.5"), ("一百点二五", "100.25"), ("一千点零一", "1000.01")]
    {
        assert_eq!(numeral::parse(s).ok(), Some(dec(v)), "{s}");
    }
    let doc = extract_checked("总投资十点五亿元。");
    let m = doc.money().next().expect("a money fact");
    assert_eq!((m.text(), m.value), ("十点五亿元", Amount::Point(dec("1050000000"))));
}

/// Property test `report_like_text`: a minus sign before a range was applied
/// to both ends, giving an interval that runs backwards (`-5/-10`).
#[test]
fn negative_range_runs_forwards() {
    for s in ["-5—10%", "-3-5%", "-2010—2013%", "增长-3-5%。"] {
        let doc = extract_checked(s);
        for f in &doc.facts {
            if let Some(v) = f.quantity().map(|q| q.value) {
                assert!(v.low() <= v.high(), "{s:?}: {} gives {v}", f.text);
            }
        }
    }
}

/// Probing the minus sign: `-3亿元` had the sign in its text but a positive
/// value. The text and the value must agree.
#[test]
fn minus_sign_in_text_and_value_agree() {
    for s in ["-3亿元", "利润-3亿元。", "增长-3%"] {
        let doc = extract_checked(s);
        for f in &doc.facts {
            if let Some(v) = f.quantity().map(|q| q.value) {
                let signed = f.text.starts_with('-') || f.text.starts_with('负');
                assert_eq!(signed, v.low().is_sign_negative(), "{s:?}: text {:?}, value {v}", f.text);
            }
        }
    }
}

/// Fuzz target `extract_bytes`: a figure joined across a blank line
/// (`2\n\n%`) ran into the next section, whose title line starts right after
/// the break: the fact lay in two sections.
#[test]
fn fact_stays_inside_its_section() {
    for s in [
        "武进高新区：标题一\n同比增长2\n\n%武进高新区：标题二",
        "金湖经开区：标题一\n正文增长2\n\n%金湖经开区：标题二\n正文。",
        "加速度2\n\n%\0\0金湖经开区：“双链融合”跑出加速度\n\n基金。\0\0加速度2\n\n%\0\0金湖经开区：“双链融合”跑出加速度\n\n基金。",
    ] {
        extract_checked(s);
    }
}

/// Property test `chinese_integers` and fuzz target `numeral`: the numeral
/// engine read at most 24 tokens, so a long Chinese numeral did not parse,
/// and in a sentence only its last part became the figure
/// (`…一千一百元` gave 1100 yuan).
#[test]
fn long_chinese_numerals() {
    for (s, v) in [
        ("一万一千三百二十八亿一千三百一十一万一千一百一十一", "1132813111111"),
        ("一千一百一十一万一千一百一十一亿一千一百一十一万一", "1111111111111000"),
        ("九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", "9999999999999999"),
        ("壹拾万捌仟捌佰捌拾捌亿捌仟壹佰零捌万捌仟捌佰叁拾肆", "10888881088834"),
    ] {
        assert_eq!(numeral::parse(s).ok(), Some(dec(v)), "{s}");
    }
    let s = "总投资一千一百一十一万一千一百一十一亿一千一百一十一万一千一百元。";
    let doc = extract_checked(s);
    for m in doc.money() {
        assert_eq!(m.value, Amount::Point(dec("1111111111111100")), "{:?} in {s}", m.text());
    }
}
