//! Adversarial inputs: each must satisfy the document invariants and finish
//! in time linear in its size.
//!
//! Linearity is checked by timing the input at growing sizes, each four
//! times the one before, up to the full size: from one size to the next the
//! time must grow less than [`MAX_RATIO`] times (4 is linear, 16 quadratic),
//! and every run must finish under a generous absolute cap. A super-linear
//! input fails at a small size, before the full size would take minutes.
//! Each test holds a shared lock from start to end, so the tests of this
//! file run one at a time and do not disturb each other's timings.

mod common;

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use common::invariants::{assert_ok, extract_checked};
use zonefacts::{Detail, Document, Extractor, Kind};

/// Growth allowed from `n` to `4n`: linear is 4, quadratic 16.
const MAX_RATIO: f64 = 8.0;
/// Runs shorter than this are timed as this long, so that timer noise on a
/// tiny input cannot fake a large ratio.
const FLOOR: Duration = Duration::from_millis(10);
/// Absolute cap per MiB of input (and at least [`MIN_CAP`]).
const CAP_PER_MIB: Duration = Duration::from_secs(4);
const MIN_CAP: Duration = Duration::from_secs(4);
/// The smallest size timed.
const MIN_STEP: usize = 16 << 10;

static SERIAL: Mutex<()> = Mutex::new(());

/// Runs the rest of a test alone among the tests of this file.
fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn timed(input: &str) -> (Duration, Document<'_>) {
    let t = Instant::now();
    let doc = zonefacts::extract(input);
    (t.elapsed(), doc)
}

/// The best of two runs when the first is short (noise matters most there).
fn best_time(input: &str) -> (Duration, Document<'_>) {
    let (t, doc) = timed(input);
    if t < Duration::from_millis(200) {
        let (t2, _) = timed(input);
        return (t.min(t2), doc);
    }
    (t, doc)
}

fn cap(bytes: usize) -> Duration {
    let mib = bytes.div_ceil(1 << 20) as u32;
    (CAP_PER_MIB * mib).max(MIN_CAP)
}

/// Extracts `make(k)` for growing `k` up to `4 * n` (the full input), checks
/// the invariants at every size, and that time grows linearly. Returns the
/// document of the full input. The caller holds [`serial`].
#[track_caller]
fn linear(name: &str, n: usize, make: impl Fn(usize) -> String) -> Document<'static> {
    let full = 4 * n;
    let mut sizes = vec![full];
    while let Some(&last) = sizes.last()
        && last / 4 >= MIN_STEP.min(full / 4).max(1)
        && sizes.len() < 4
    {
        sizes.push(last / 4);
    }
    sizes.reverse();
    let _ = zonefacts::extract("总投资5亿元。"); // compile the lazy patterns first
    let mut prev: Option<(usize, Duration)> = None;
    let mut doc = Document::default();
    for &k in &sizes {
        let input = make(k);
        let (mut t, d) = best_time(&input);
        if let Some((pk, pt)) = prev
            && t.as_secs_f64() / pt.max(FLOOR).as_secs_f64() >= MAX_RATIO
        {
            // One retry: the machine is shared and a single run can be unlucky.
            t = t.min(timed(&input).0);
            let ratio = t.as_secs_f64() / pt.max(FLOOR).as_secs_f64();
            assert!(
                ratio < MAX_RATIO,
                "{name}: time grows {ratio:.1}x from {pk} to {} bytes ({pt:?} → {t:?})",
                input.len()
            );
        }
        assert!(
            t < cap(input.len()),
            "{name}: {} bytes took {t:?}, over the cap of {:?}",
            input.len(),
            cap(input.len())
        );
        assert_ok(&input, &d);
        eprintln!("{name}: {} B in {t:?}, {} facts", input.len(), d.facts.len());
        prev = Some((input.len(), t));
        doc = d.into_owned();
    }
    doc
}

/// `unit` repeated until the string has about `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()).max(1))
}

const MIB: usize = 1 << 20;

#[test]
fn ten_mb_of_digits() {
    let _serial = serial();
    linear("digits", 10 * MIB / 4, |n| repeat_to("1234567890", n));
}

#[test]
fn ten_mb_of_nines_then_yuan() {
    let _serial = serial();
    linear("nines", 10 * MIB / 4, |n| {
        let mut s = "9".repeat(n);
        s.push_str("亿元");
        s
    });
}

#[test]
fn full_width_digits() {
    let _serial = serial();
    linear("full-width digits", 4 * MIB / 4, |n| repeat_to("１２３４５６７８９０", n));
}

#[test]
fn one_mb_of_yi() {
    let _serial = serial();
    linear("亿", MIB / 4, |n| repeat_to("亿", n));
}

#[test]
fn one_mb_of_wan() {
    let _serial = serial();
    linear("万", MIB / 4, |n| repeat_to("万", n));
}

#[test]
fn one_mb_of_wan_yi_yuan() {
    let _serial = serial();
    linear("万亿元", MIB / 4, |n| repeat_to("万亿元", n));
}

#[test]
fn chinese_numeral_runs() {
    let _serial = serial();
    for (name, unit) in [
        ("一", "一"),
        ("十", "十"),
        ("零", "零"),
        ("一二三", "一二三四五六七八九〇"),
        ("三千五百万", "三千五百万"),
        ("点", "三点"),
        ("余", "十余"),
        ("多", "多"),
        ("廿", "廿"),
    ] {
        linear(name, MIB / 4, |n| repeat_to(unit, n) + "元");
    }
}

#[test]
fn unclosed_book_titles() {
    let _serial = serial();
    linear("《", 100_000 / 4, |n| "《".repeat(n));
    linear("《2021年", 100_000 / 4, |n| "《2021年".repeat(n) + "总投资5亿元");
}

#[test]
fn unclosed_quotes() {
    let _serial = serial();
    linear("“", 100_000 / 4, |n| "“".repeat(n));
    linear("“研究院", 100_000 / 4, |n| "“创新研究院".repeat(n));
    linear("”", 100_000 / 4, |n| "”".repeat(n));
    linear("\"", 100_000 / 4, |n| "\"".repeat(n));
}

#[test]
fn lists_of_figures_in_many_sentences() {
    let _serial = serial();
    // Each list looks back only inside its sentence: a page of many lists
    // (产值、税收分别…) stays linear.
    linear("lists", MIB / 4, |n| repeat_to("园区实现产值5亿元、税收2亿元,分别增长8%、6%。", n));
    linear("list of amounts", MIB / 4, |n| repeat_to("投资3亿元、5亿元和8亿元。", n));
}

#[test]
fn a_chain_of_relative_clauses_after_a_count() {
    let _serial = serial();
    // A relative clause after a count is read one level deep: a long chain
    // of them (获批的获批的…) neither overflows the stack nor grows slower.
    linear("获批的", MIB / 4, |n| format!("园区共有5个{}高校。", repeat_to("获批的", n)));
}

#[test]
fn titles_with_dates_in_one_sentence() {
    let _serial = serial();
    // Every date is inside a title, so none gives `as_of`: a naive look-back
    // over the sentence's dates would be quadratic.
    // Kept small: at 1 MiB the quadratic look-back takes over 10 s.
    linear("《2021年》投资", MIB / 16, |n| repeat_to("《2021年》总投资5亿元", n));
}

#[test]
fn one_long_line_without_punctuation() {
    let _serial = serial();
    let text = "高新区新签约项目六十余个总投资三百七十八亿元引进企业三十二家建成江苏省中以产业技术研究院和智能制造创新中心节约标准煤零点九万吨";
    linear("5 MB line", 5 * MIB / 4, |n| repeat_to(text, n));
    let digits = "新签约项目60余个总投资378亿元引进企业32家同比增长10.5%截至2021年11月占地107亩";
    linear("5 MB line with figures", 5 * MIB / 4, |n| repeat_to(digits, n));
}

#[test]
fn every_bmp_scalar_once() {
    let _serial = serial();
    let all: String = (0u32..=0xFFFF).filter_map(char::from_u32).collect();
    extract_checked(&all);
    let rev: String = all.chars().rev().collect();
    extract_checked(&rev);
    // And each scalar between two halves of a fact.
    let mut s = String::new();
    for c in (0u32..=0xFFFF).step_by(7).filter_map(char::from_u32) {
        s.push_str("总投资3");
        s.push(c);
        s.push_str("78亿元。");
    }
    extract_checked(&s);
}

#[test]
fn astral_scalars() {
    let _serial = serial();
    let s: String = (0x1_0000u32..=0x1_2000).chain(0x10_FF00..=0x10_FFFF).filter_map(char::from_u32).collect();
    extract_checked(&s);
    extract_checked("总投资😀378亿元😀。𠀀引进企业32家𠀀");
}

#[test]
fn crlf_and_lone_cr() {
    let _serial = serial();
    for s in [
        "2022年,园区引进项目24余个,\r\n总投资158亿元。\r\n",
        "2022年,园区引进项目24余个,\r总投资158\r亿元。\r",
        "总投资143.3\r\n亿元\r\n\r\n引进企业\r\n\r\n32家",
        "\r\r\r\n\n\r",
        "\r",
        "\r\n",
    ] {
        let doc = extract_checked(s);
        for f in &doc.facts {
            assert_eq!(&s[f.span.range()], f.text);
        }
    }
    linear("\\r\\n", MIB / 4, |n| repeat_to("总投资5亿元\r\n", n));
    linear("\\r", MIB / 4, |n| repeat_to("投资5\r亿元\r", n));
}

#[test]
fn bom() {
    let _serial = serial();
    let s = "\u{feff}2021年,总投资378亿元。";
    let doc = extract_checked(s);
    let m = doc.money().next().expect("the money fact after a BOM");
    assert_eq!(m.text(), "378亿元");
    assert_eq!(&s[m.span().range()], "378亿元");
    extract_checked("\u{feff}");
    extract_checked("\u{feff}\u{feff}378亿元");
    extract_checked("378\u{feff}亿元");
    linear("BOM", MIB / 4, |n| repeat_to("\u{feff}", n));
}

#[test]
fn nul_bytes() {
    let _serial = serial();
    extract_checked("\0");
    extract_checked("总投资\u{0}378亿元\u{0}。");
    extract_checked("总投资378\0亿元");
    let bytes = b"\0\0\xe6\x80\xbb\0";
    assert!(Extractor::new().extract_bytes(bytes).is_ok());
    linear("NUL", MIB / 4, |n| "\0".repeat(n));
    linear("NUL figures", MIB / 4, |n| repeat_to("5\0亿元\0", n));
}

#[test]
fn control_characters() {
    let _serial = serial();
    let s: String = (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32).collect();
    extract_checked(&s);
    extract_checked(&s.repeat(1000));
    extract_checked("总投资\u{8}378\u{7}亿元\u{1b}[0m");
}

#[test]
fn overflowing_numerals() {
    let _serial = serial();
    for s in [
        "9999999999999999999999999999999亿元".to_string(),
        "总投资9999999999999999999999999999999亿元。".to_string(),
        "79228162514264337593543950335元".to_string(),
        "79228162514264337593543950336元".to_string(),
        "7922816251426433759354395033.5亿元".to_string(),
        "99999999999999999999999999万亿元".to_string(),
        "九千九百九十九万亿亿元".to_string(),
        "九千九百九十九万九千九百九十九亿亿亿元".to_string(),
        format!("{}元", "9".repeat(10_000)),
        format!("{}亿元", "9".repeat(10_000)),
        format!("0.{}1亿元", "0".repeat(40)),
        format!("1.{}亿元", "9".repeat(40)),
        format!("{}个", "9".repeat(10_000)),
        format!("{}%", "9".repeat(10_000)),
        format!("{}万吨", "9".repeat(10_000)),
        format!("{}年", "9".repeat(10_000)),
        format!("{}年{}月", "9".repeat(30), "9".repeat(30)),
        format!("{}元", "九".repeat(10_000)),
        format!("{}元", "一二三四五六七八九〇".repeat(10)),
        format!("{}元", "9,999".repeat(1000)),
        format!("1{}元", ",000".repeat(20)),
        "1-99999999999999999999999999999亿元".to_string(),
        "99999999999999999999999999999-1亿元".to_string(),
        "百分之九千九百九十九万亿亿".to_string(),
        "9999999999999999999999999999个百分点".to_string(),
    ] {
        let doc = extract_checked(&s);
        for f in &doc.facts {
            if let Some(v) = f.quantity().map(|q| q.value) {
                // Whatever was kept is exact: its digits are in the text.
                assert!(v.low().mantissa() != 0 || v.low().is_zero(), "{s}: {f:?}");
            }
        }
    }
}

#[test]
fn impossible_dates() {
    let _serial = serial();
    for s in [
        "2021年13月32日",
        "2021年2月30日",
        "2021年2月29日",
        "2021年0月0日",
        "2021年12月0日",
        "0000年",
        "0年",
        "99999年1月",
        "2021年13月",
        "2021-13-32",
        "2021.13",
        "2021年第5季度",
        "2021年五季度",
        "2021年下下半年",
        "13月32日",
        "2021—1999",
        "截至2021年13月32日,总投资5亿元。",
        "2021年13月32日,总投资5亿元。",
    ] {
        let doc = extract_checked(s);
        for d in doc.dates() {
            assert!(d.value.start().is_valid() && d.value.end().is_valid(), "{s}: {:?}", d.value);
        }
    }
}

#[test]
fn runs_of_nian() {
    let _serial = serial();
    linear("年", MIB / 4, |n| repeat_to("年", n));
    linear("2021年年", MIB / 4, |n| "2021".to_string() + &repeat_to("年", n));
    linear("1年", MIB / 4, |n| repeat_to("1年", n));
    linear("年月日", MIB / 4, |n| repeat_to("2021年11月5日", n));
    linear("截至", MIB / 4, |n| repeat_to("截至", n) + "2021年");
    linear("季度", MIB / 4, |n| repeat_to("一季度上半年前三季度", n));
}

#[test]
fn deep_brackets() {
    let _serial = serial();
    for (open, close) in [("(", ")"), ("（", "）"), ("【", "】"), ("「", "」"), ("《", "》"), ("“", "”"), ("[", "]")]
    {
        linear(open, 100_000 / 4, |n| open.repeat(n) + "总投资5亿元" + &close.repeat(n));
        linear(close, 100_000 / 4, |n| close.repeat(n) + "江苏省产业技术研究院" + &open.repeat(n));
    }
}

#[test]
fn enumerations() {
    let _serial = serial();
    linear("1、", MIB / 4, |n| repeat_to("1、", n));
    linear("1500亿、…元", MIB / 4, |n| "营收".to_string() + &repeat_to("1500亿、", n) + "2600亿元");
    linear("4.3、…个百分点", MIB / 4, |n| "高于".to_string() + &repeat_to("全国4.3、", n) + "3.3个百分点");
    linear("1,", MIB / 4, |n| repeat_to("1,", n) + "2家");
    linear("1-", MIB / 4, |n| repeat_to("1-", n) + "2亿元");
    linear("1至", MIB / 4, |n| repeat_to("1至", n) + "2亿元");
}

#[test]
fn alternating_digits_and_units() {
    let _serial = serial();
    linear("1元2个", MIB / 4, |n| repeat_to("1元2个3家4吨5%6亩7度8名9万吨0平方米", n));
    linear("1亿1万", MIB / 4, |n| repeat_to("1亿1万", n));
    linear("1万元", MIB / 4, |n| repeat_to("1万元", n));
    linear("约超近余多", MIB / 4, |n| repeat_to("约超近5余多以上左右亿元", n));
    linear("个百分点", MIB / 4, |n| repeat_to("个百分点", n));
    linear("百分之", MIB / 4, |n| repeat_to("百分之", n));
}

#[test]
fn whitespace_between_parts() {
    let _serial = serial();
    linear("spaces", MIB / 4, |n| "5".to_string() + &" ".repeat(n) + "亿元");
    linear("blank lines", MIB / 4, |n| repeat_to("智能网联汽\n\n车小镇总投资143.3\n亿元\n\n", n));
    linear("newlines", MIB / 4, |n| "5".to_string() + &"\n".repeat(n) + "亿元");
}

#[test]
fn platform_and_zone_words() {
    let _serial = serial();
    linear("研究院", MIB / 4, |n| repeat_to("研究院", n));
    linear("名称", MIB / 4, |n| repeat_to("江苏省中以产业技术", n) + "研究院");
    linear("高新区", MIB / 4, |n| repeat_to("武进高新区经开区", n));
    linear("基金", MIB / 4, |n| repeat_to("“数控一代”科技创新中心中以探索基金", n));
}

#[test]
fn size_limit() {
    let _serial = serial();
    let ex = Extractor::builder().max_input_len(10).build();
    assert!(matches!(ex.try_extract("总投资378亿元"), Err(zonefacts::Error::InputTooLarge { len: 18, max: 10 })));
    assert!(matches!(ex.extract_bytes("总投资378亿元".as_bytes()), Err(zonefacts::Error::InputTooLarge { .. })));
    assert!(ex.try_extract("378元").is_ok());
    assert!(matches!(Extractor::new().extract_bytes(b"\xe6\x80"), Err(zonefacts::Error::InvalidUtf8 { offset: 0 })));
}

#[test]
fn single_kinds_keep_invariants() {
    let _serial = serial();
    let s =
        "2022年,园区引进项目24余个,总投资158亿元,同比增长9.5%,节约1.2万吨,建成江苏省青溪先进材料研究院,武进高新区。";
    for &k in Kind::ALL {
        let ex = Extractor::builder().kinds(zonefacts::KindSet::empty().with(k)).build();
        let doc = ex.extract(s);
        assert_ok(s, &doc);
        assert!(doc.facts.iter().all(|f| f.kind() == k), "{k}: {:?}", doc.facts);
        assert!(doc.facts.iter().all(|f| !matches!(f.detail, Detail::Zone(_)) || k == Kind::Zone));
    }
}

#[test]
fn many_zone_names() {
    let _serial = serial();
    // Every zone is counted against every other to find a section's main zone.
    linear("高新区新签约项目", MIB / 4, |n| repeat_to("高新区新签约项目", n));
    linear("高新区 lines", MIB / 4, |n| repeat_to("高新区的\n", n));
}

#[test]
fn many_title_lines() {
    let _serial = serial();
    // Every line a `<zone>：headline` title: one section each, with a byline
    // looked for after each.
    linear("zone titles", 4 * MIB / 4, |n| repeat_to("武进高新区：新闻标题\n", n));
    linear("zone reports", 4 * MIB / 4, |n| repeat_to("武进高新区：新闻标题\n▶ 本报记者 叶伟\n正文总投资5亿元。\n", n));
}
