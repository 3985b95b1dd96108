//! The numeral engine on arbitrary strings: it never panics; what it reads
//! is exact (an Arabic numeral is worth its digits), prints back to a numeral
//! of the same value, and a prefix parses to what `prefix` said. Integers are
//! also written in Chinese numerals and must parse back to themselves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zonefacts::numeral::{self, Form};
use zonefacts::{Approx, Decimal};

#[path = "../../tests/common/grammar.rs"]
mod grammar;

/// The value of an Arabic numeral computed independently of the engine.
fn arabic_value(s: &str) -> Option<Decimal> {
    let plain: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect();
    Decimal::from_str_exact(&plain).ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(n) = numeral::parse_numeral(s) {
        let printed = n.value.to_string();
        assert_eq!(numeral::parse(&printed).ok(), Some(n.value), "{s:?} gives {printed}, which does not parse back");
        if n.form == Form::Arabic && n.approx == Approx::Exact {
            assert_eq!(Some(n.value), arabic_value(s), "Arabic {s:?} read as {}", n.value);
        }
    }
    if let Some(n) = numeral::prefix(s) {
        assert!(n.len > 0 && n.len <= s.len() && s.is_char_boundary(n.len), "{s:?}: prefix length {}", n.len);
        let head = &s[..n.len];
        assert_eq!(numeral::parse(head).ok(), Some(n.value), "{s:?}: prefix {head:?} read as {}", n.value);
        if n.value.fract().is_zero()
            && let Ok(v) = u64::try_from(n.value)
            && v <= grammar::CHINESE_MAX
        {
            let bits = data.first().copied().map_or(0, u64::from);
            let cn = grammar::chinese(v, grammar::Style::from_bits(bits));
            assert_eq!(numeral::parse(&cn).ok(), Some(n.value), "{v} written {cn:?}");
        }
    }
});
