//! Property tests: the document invariants on arbitrary and report-like
//! text, numeral round-trips, and exact values of generated figures.

mod common;

use common::grammar::{self, CHINESE_MAX, Style};
use common::invariants::{assert_ok, extract_checked};
use proptest::prelude::*;
use proptest::test_runner::Config;
use zonefacts::{Approx, Decimal, Extractor, Kind, numeral};

fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Report-like text from the shared token grammar.
fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec((any::<u8>(), any::<u64>()), 0..120).prop_map(|p| grammar::render(&p))
}

/// Short strings over characters that matter to the rules.
fn tricky_chars() -> impl Strategy<Value = String> {
    "[0-9０-９.．,，、。;；%％ \n\r\u{feff}\u{3000}\u{0}零〇一二两三四五六七八九十百千万亿元个家名吨亩度年月日季半截至约超近余多以上下“”《》()（）研究院实验室中心基地园区高新经开]{0,60}"
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        extract_checked(&s);
    }

    #[test]
    fn printable_strings(s in "\\PC{0,200}") {
        extract_checked(&s);
    }

    #[test]
    fn tricky_strings(s in tricky_chars()) {
        extract_checked(&s);
    }

    #[test]
    fn report_like_text(s in report_text()) {
        extract_checked(&s);
    }

    #[test]
    fn arbitrary_bytes(b in prop::collection::vec(any::<u8>(), 0..200)) {
        match Extractor::new().extract_bytes(&b) {
            Ok(doc) => {
                let s = std::str::from_utf8(&b).expect("Ok only for UTF-8");
                assert_ok(s, &doc);
            }
            Err(zonefacts::Error::InvalidUtf8 { offset }) => {
                let e = std::str::from_utf8(&b).expect_err("Err only for bad UTF-8");
                prop_assert_eq!(offset, e.valid_up_to());
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

proptest! {
    #![proptest_config(config(1000))]

    /// Every kind on its own keeps the invariants, and yields only its kind.
    #[test]
    fn one_kind_at_a_time(s in report_text(), k in 0usize..7) {
        let kind = Kind::ALL[k];
        let ex = Extractor::builder().kinds(zonefacts::KindSet::empty().with(kind)).build();
        let doc = ex.extract(&s);
        assert_ok(&s, &doc);
        prop_assert!(doc.facts.iter().all(|f| f.kind() == kind));
    }

    /// Wrapping a text in a BOM and CRLF line ends moves no fact off its text.
    #[test]
    fn bom_and_crlf(s in report_text()) {
        let crlf = format!("\u{feff}{}", s.replace('\n', "\r\n"));
        extract_checked(&crlf);
    }
}

// ---------------------------------------------------------------------------
// Numeral round-trips.

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// An integer with a varied number of digits (small ones are common).
fn integer(max_digits: u32) -> impl Strategy<Value = u64> {
    (1..=max_digits).prop_flat_map(|d| 0..10u64.pow(d))
}

/// A decimal: an integer part and 1–4 fraction digits.
fn decimal() -> impl Strategy<Value = (u64, u32, u64)> {
    (integer(9), 1u32..=4).prop_flat_map(|(i, k)| (Just(i), Just(k), 0..10u64.pow(k)))
}

fn decimal_text(int: u64, k: u32, frac: u64) -> String {
    format!("{int}.{frac:0width$}", width = k as usize)
}

#[track_caller]
fn assert_parses(text: &str, expected: Decimal) {
    match numeral::parse(text) {
        Ok(v) => assert_eq!(v, expected, "{text:?} parsed as {v}, expected {expected}"),
        Err(e) => panic!("{text:?} (expected {expected}) does not parse: {e}"),
    }
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn arabic_integers(v in integer(19)) {
        assert_parses(&v.to_string(), Decimal::from(v));
        assert_parses(&grammar::with_separators(v, ','), Decimal::from(v));
        assert_parses(&grammar::with_separators(v, '，'), Decimal::from(v));
        assert_parses(&grammar::full_width(&grammar::with_separators(v, ',')), Decimal::from(v));
    }

    #[test]
    fn arabic_decimals((int, k, frac) in decimal()) {
        let s = decimal_text(int, k, frac);
        let expected = dec(&s);
        assert_parses(&s, expected);
        assert_parses(&grammar::full_width(&s), expected);
        let sep = format!("{}.{frac:0width$}", grammar::with_separators(int, ','), width = k as usize);
        assert_parses(&sep, expected);
    }

    #[test]
    fn chinese_integers(v in integer(16).prop_map(|v| v.min(CHINESE_MAX)), bits in 0u64..16) {
        let style = Style::from_bits(bits);
        assert_parses(&grammar::chinese(v, style), Decimal::from(v));
    }

    /// `三点五`, `十二点零五`, `零点二`. (An integer part ending in 十, 百 or 千,
    /// as in `十点五`, is covered by a regression test.)
    #[test]
    fn chinese_decimals(int in integer(6), digits in prop::collection::vec(0u8..10, 1..6), bits in 0u64..16) {
        let int = if int % 10 == 0 && int != 0 { int + 1 } else { int };
        let style = Style::from_bits(bits);
        let frac: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let expected = dec(&format!("{int}.{frac}"));
        let cn_frac: String = digits.iter().map(|&d| grammar::chinese(u64::from(d), Style::default())).collect();
        let text = format!("{}点{cn_frac}", grammar::chinese(int, style));
        assert_parses(&text, expected);
    }

    /// `三千五` (3500), `一万二` (12000), `两百五` (250).
    #[test]
    fn chinese_elided_units(d1 in 1u64..10, d2 in 1u64..10, unit in 0usize..4) {
        let (word, place) = [("百", 100u64), ("千", 1000), ("万", 10_000), ("亿", 100_000_000)][unit];
        let text = format!("{}{word}{}", grammar::chinese(d1, Style::default()), grammar::chinese(d2, Style::default()));
        assert_parses(&text, Decimal::from(d1 * place + d2 * place / 10));
    }

    #[test]
    fn mixed_scaled(v in 1u64..100_000, (int, k, frac) in decimal(), scale in 0usize..6, full in any::<bool>()) {
        let (word, factor) = [
            ("万", "10000"), ("亿", "100000000"), ("万亿", "1000000000000"),
            ("千万", "10000000"), ("百万", "1000000"), ("千亿", "100000000000"),
        ][scale];
        let f = dec(factor);
        let w = |s: String| if full { grammar::full_width(&s) } else { s };
        assert_parses(&format!("{}{word}", w(v.to_string())), Decimal::from(v) * f);
        let d = decimal_text(int % 10_000, k, frac);
        prop_assume!(!dec(&d).is_zero());
        assert_parses(&format!("{}{word}", w(d.clone())), dec(&d) * f);
    }

    /// `3万4000`, `1亿2000万`, `1亿2000万3456`, `3万4千`.
    #[test]
    fn mixed_compound(a in 1u64..10_000, b in 1000u64..10_000, c in 1000u64..10_000, d in 1u64..10) {
        assert_parses(&format!("{a}万{b}"), Decimal::from(a * 10_000 + b));
        assert_parses(&format!("{a}亿{b}万"), Decimal::from(a * 100_000_000 + b * 10_000));
        assert_parses(&format!("{a}亿{b}万{c}"), Decimal::from(a * 100_000_000 + b * 10_000 + c));
        let cn = grammar::chinese(d, Style::default());
        assert_parses(&format!("{a}万{cn}千"), Decimal::from(a * 10_000 + d * 1000));
    }

    /// Whatever parses prints back to a string that parses to the same value.
    #[test]
    fn parsed_values_round_trip(s in "[0-9.,零一二两三四五六七八九十百千万亿点余多 ]{1,20}") {
        if let Ok(v) = numeral::parse(&s) {
            let printed = v.to_string();
            prop_assert_eq!(numeral::parse(&printed).ok(), Some(v), "{:?} gives {}", s, printed);
        }
        if let Some(n) = numeral::prefix(&s) {
            prop_assert!(n.len > 0 && n.len <= s.len() && s.is_char_boundary(n.len));
            prop_assert_eq!(numeral::parse(&s[..n.len]).ok(), Some(n.value), "prefix of {:?}", s);
        }
    }
}

// ---------------------------------------------------------------------------
// Figures in sentences: the extracted value is the generator's own.

/// A number as written in the text and its exact value.
#[derive(Clone, Debug)]
struct Num {
    text: String,
    value: Decimal,
}

/// `chinese_max`: the largest value written in Chinese numerals, below the
/// unit's own scale word (`一万万元` is not written).
fn number(allow_fraction: bool, allow_chinese: bool, chinese_max: u64) -> impl Strategy<Value = Num> {
    let int = (1u64..1_000_000).prop_map(|v| Num { text: v.to_string(), value: Decimal::from(v) });
    let sep =
        (1000u64..100_000_000).prop_map(|v| Num { text: grammar::with_separators(v, ','), value: Decimal::from(v) });
    let full = (1u64..100_000).prop_map(|v| Num { text: grammar::full_width(&v.to_string()), value: Decimal::from(v) });
    let frac = (1u64..10_000, 1u32..=2).prop_flat_map(|(i, k)| {
        (1..10u64.pow(k)).prop_map(move |f| {
            let text = format!("{i}.{f:0width$}", width = k as usize);
            Num { value: dec(&text), text }
        })
    });
    let cn = (1u64..chinese_max, 0u64..16).prop_map(|(v, bits)| {
        let style = Style { traditional: false, ..Style::from_bits(bits) };
        Num { text: grammar::chinese(v, style), value: Decimal::from(v) }
    });
    let frac_w = if allow_fraction { 3 } else { 0 };
    let cn_w = if allow_chinese { 2 } else { 0 };
    prop_oneof![4 => int, 1 => sep, 1 => full, frac_w => frac, cn_w => cn]
}

/// Sentence templates: before, unit, after, kind, unit code, factor.
const FIGURES: &[(&str, &str, Kind, &str, &str)] = &[
    ("总投资", "亿元", Kind::Money, "CNY", "100000000"),
    ("完成投资", "万元", Kind::Money, "CNY", "10000"),
    ("实现营业收入", "元", Kind::Money, "CNY", "1"),
    ("实际使用外资", "亿美元", Kind::Money, "USD", "100000000"),
    ("授信总额度达", "万亿元", Kind::Money, "CNY", "1000000000000"),
    ("引进企业", "家", Kind::Count, "家", "1"),
    ("新签约项目", "个", Kind::Count, "个", "1"),
    ("引育国家级人才", "名", Kind::Count, "名", "1"),
    ("节约标准煤", "万吨", Kind::Measure, "t", "10000"),
    ("占地", "亩", Kind::Measure, "mu", "1"),
    ("建筑面积", "平方米", Kind::Measure, "m2", "1"),
    ("规划面积", "平方公里", Kind::Measure, "m2", "1000000"),
    ("节约用电", "万千瓦时", Kind::Measure, "kWh", "10000"),
    ("新建道路", "公里", Kind::Measure, "km", "1"),
    ("同比增长", "%", Kind::Percent, "%", "1"),
    ("同比提升", "个百分点", Kind::Percent, "pp", "1"),
];

fn figure() -> impl Strategy<Value = (usize, Num, usize, bool, bool)> {
    (0..FIGURES.len()).prop_flat_map(|i| {
        let (_, unit, kind, _, _) = FIGURES[i];
        let fraction = kind != Kind::Count;
        let chinese = matches!(kind, Kind::Money | Kind::Count);
        let chinese_max = if unit.contains('万') || unit.contains('亿') { 10_000 } else { 100_000_000 };
        (Just(i), number(fraction, chinese, chinese_max), 0usize..4, any::<bool>(), any::<bool>())
    })
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn figure_values_are_exact((i, num, qual, dated, crlf) in figure()) {
        let (before, unit, kind, code, factor) = FIGURES[i];
        let (qword, approx) = [("", Approx::Exact), ("约", Approx::About), ("超", Approx::MoreThan), ("近", Approx::LessThan)][qual];
        let date = if dated { "2021年,\r\n" } else { "" };
        let figure = format!("{qword}{}{unit}", num.text);
        let mut text = format!("{date}{before}{figure}。");
        if crlf {
            text = format!("\u{feff}{text}\r\n其他内容。");
        }
        let doc = extract_checked(&text);
        let expected = num.value * dec(factor);
        let fact = doc.facts.iter().find(|f| f.kind() == kind);
        let Some(fact) = fact else {
            return Err(TestCaseError::fail(format!("no {kind} fact in {text:?}: {:?}", doc.facts)));
        };
        prop_assert_eq!(&fact.text, &figure, "in {:?}", text);
        let q = fact.quantity().expect("numeric");
        prop_assert_eq!(q.value, zonefacts::Amount::Point(expected), "value of {:?}", figure);
        prop_assert_eq!(q.value.to_string(), expected.normalize().to_string());
        prop_assert_eq!(q.approx, approx, "approx of {:?}", figure);
        prop_assert_eq!(q.unit, code);
        prop_assert_eq!(q.as_of.map(|d| d.to_string()), dated.then(|| "2021".to_string()));
    }
}

proptest! {
    #![proptest_config(config(400))]

    /// Several texts at once, stage by stage, give each text's own
    /// document: report-like texts and tricky strings mixed, empty ones
    /// included, with the default settings and with a kind subset, a
    /// document date and a caller's names.
    #[test]
    fn many_texts_at_once_are_each_text_alone(
        reports in prop::collection::vec(report_text(), 0..8),
        tricky in prop::collection::vec(tricky_chars(), 0..4),
    ) {
        let texts: Vec<String> = reports.into_iter().chain(tricky).chain([String::new()]).collect();
        let settings = [
            Extractor::new(),
            Extractor::builder()
                .kinds([Kind::Money, Kind::Zone].into_iter().collect())
                .document_date("2022-05-01".parse().expect("a date"))
                .platform_names(["海湾智谷"])
                .zone_names(["滨江新城"])
                .build(),
        ];
        for ex in &settings {
            let many = ex.extract_many(texts.iter().map(String::as_str));
            prop_assert_eq!(many.len(), texts.len());
            for (t, doc) in texts.iter().zip(&many) {
                prop_assert_eq!(doc, &ex.extract(t), "in {:?}", t);
            }
            // A date for the call overrides the extractor's, for every text.
            let date = "2019-11-30".parse().expect("a date");
            let dated = ex.extract_many_with_date(texts.iter().map(String::as_str), date);
            prop_assert_eq!(dated.len(), texts.len());
            for (t, doc) in texts.iter().zip(&dated) {
                prop_assert_eq!(doc, &ex.extract_with_date(t, date), "in {:?}", t);
            }
        }
    }
}
