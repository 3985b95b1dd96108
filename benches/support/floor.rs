//! The floor of the speed comparison: one compiled `regex` with captures for
//! number + scale + unit, one pass over the text.

use std::hint::black_box;

use regex::Regex;

/// A number (Arabic, full-width or Chinese), an optional scale and a unit.
pub const FLOOR: &str = concat!(
    r"([0-9０-９][0-9０-９.,．]*|[零〇一二两三四五六七八九十百千万亿]+)\s*(万亿|亿|万|千)?",
    r"(美元|欧元|港元|日元|英镑|元|个百分点|个|家|名|项|户|人次|人|台套|台|套|件|座|场|所|条|批|",
    r"吨|亩|平方公里|平方米|立方米|公顷|公里|千瓦时|千瓦|兆瓦|度|标准箱|%|％)"
);

/// The compiled floor regex.
pub fn regex() -> Regex {
    Regex::new(FLOOR).expect("floor regex")
}

/// One pass of `re` over `text`, touching every capture; returns the bytes
/// captured.
pub fn run(re: &Regex, text: &str) -> usize {
    let mut n = 0;
    for caps in re.captures_iter(text) {
        let number = caps.get(1).map_or(0, |m| m.len());
        let scale = caps.get(2).map_or(0, |m| m.len());
        let unit = caps.get(3).map_or(0, |m| m.len());
        n += black_box(number + scale + unit);
    }
    n
}
