//! Values as a reader writes them: `143.3亿元`, `1,356.54亿元`, `3.5万千瓦`,
//! `8.6%`, `2.1个百分点`. Used by the HTML page, which keeps the exact value
//! in the tooltip.
//!
//! The number is scaled to 万亿, 亿 or 万 when it is that large, rounded to
//! four decimals, and its integer part grouped by thousands.

use zonefacts::{Amount, Decimal};

/// The unit word after a scaled number, and the factor from the JSON base
/// unit to it.
fn unit_word(kind: &str, unit: &str) -> (String, Decimal) {
    let one = Decimal::ONE;
    match (kind, unit) {
        ("money", "CNY") => ("元".into(), one),
        ("money", "USD") => ("美元".into(), one),
        ("money", "EUR") => ("欧元".into(), one),
        ("money", "HKD") => ("港元".into(), one),
        ("money", "JPY") => ("日元".into(), one),
        ("money", "GBP") => ("英镑".into(), one),
        ("money", "KRW") => ("韩元".into(), one),
        ("money", code) => (format!(" {code}"), one),
        ("measure", "t") => ("吨".into(), one),
        ("measure", "kWh") => ("千瓦时".into(), one),
        ("measure", "W") => ("千瓦".into(), Decimal::from(1000)),
        ("measure", "m2") => ("平方米".into(), one),
        ("measure", "m3") => ("立方米".into(), one),
        ("measure", "km") => ("公里".into(), one),
        ("measure", "mu") => ("亩".into(), one),
        ("measure", "ha") => ("公顷".into(), one),
        (_, u) => (u.to_string(), one),
    }
}

/// A number with its integer part grouped by thousands: `1,356.54`.
fn grouped(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The scale word for a magnitude: `万亿`, `亿`, `万` or none.
fn scale(max: Decimal) -> (&'static str, Decimal) {
    let abs = max.abs();
    if abs >= Decimal::from(1_000_000_000_000i64) {
        ("万亿", Decimal::from(1_000_000_000_000i64))
    } else if abs >= Decimal::from(100_000_000) {
        ("亿", Decimal::from(100_000_000))
    } else if abs >= Decimal::from(10_000) {
        ("万", Decimal::from(10_000))
    } else {
        ("", Decimal::ONE)
    }
}

fn scaled(v: Decimal, factor: Decimal) -> Decimal {
    v.checked_div(factor).map_or(v, |x| x.round_dp(4))
}

/// A numeric fact's value for reading.
pub fn quantity(kind: &str, value: Amount, unit: &str) -> String {
    if kind == "percent" {
        let word = if unit == "pp" { "个百分点" } else { "%" };
        return match value {
            Amount::Point(v) => format!("{}{word}", grouped(v)),
            Amount::Range(a, b) => format!("{}–{}{word}", grouped(a), grouped(b)),
        };
    }
    let (word, base) = unit_word(kind, unit);
    let (lo, hi) = (scaled(value.low(), base), scaled(value.high(), base));
    let (sw, factor) = scale(hi.abs().max(lo.abs()));
    match value {
        Amount::Point(_) => format!("{}{sw}{word}", grouped(scaled(lo, factor))),
        Amount::Range(..) => format!("{}–{}{sw}{word}", grouped(scaled(lo, factor)), grouped(scaled(hi, factor))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: &str, v: &str, unit: &str) -> String {
        quantity(kind, v.parse().unwrap(), unit)
    }

    #[test]
    fn readable_values() {
        assert_eq!(q("money", "14330000000", "CNY"), "143.3亿元");
        assert_eq!(q("money", "135654000000", "CNY"), "1,356.54亿元");
        assert_eq!(q("money", "300000000/500000000", "CNY"), "3–5亿元");
        assert_eq!(q("money", "260000000", "USD"), "2.6亿美元");
        assert_eq!(q("money", "20000000", "CNY"), "2,000万元");
        assert_eq!(q("money", "1200000000000", "CNY"), "1.2万亿元");
        assert_eq!(q("money", "8500", "CNY"), "8,500元");
        assert_eq!(q("money", "5", "MOP"), "5 MOP");
        assert_eq!(q("count", "1200", "家"), "1,200家");
        assert_eq!(q("count", "24000", "人"), "2.4万人");
        assert_eq!(q("measure", "35000000", "W"), "3.5万千瓦");
        assert_eq!(q("measure", "2971000", "kWh"), "297.1万千瓦时");
        assert_eq!(q("measure", "9000", "t"), "9,000吨");
        assert_eq!(q("measure", "1200", "mu"), "1,200亩");
        assert_eq!(q("percent", "8.6", "%"), "8.6%");
        assert_eq!(q("percent", "2.1", "pp"), "2.1个百分点");
        assert_eq!(q("money", "123456789.12", "CNY"), "1.2346亿元");
        assert_eq!(q("money", "-3000000", "CNY"), "-300万元");
    }
}
