//! A token grammar for report-like text, and a writer of Chinese numerals.
//!
//! Shared by the property tests and the fuzz targets (which include this
//! file with `#[path]`): both turn a sequence of `(u8, u64)` choices into a
//! string with [`render`], so a fuzzer and proptest explore the same space.
#![allow(dead_code)]

/// Digits 0–9 in everyday Chinese numerals.
const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Digits 0–9 in the financial forms.
const FIN_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// How to write a Chinese numeral.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// 壹贰叁 and 拾佰仟 instead of 一二三 and 十百千.
    pub financial: bool,
    /// 两 instead of 二 before 百, 千, 万 and 亿.
    pub liang: bool,
    /// `十五` rather than `一十五` at the start of the number.
    pub short_ten: bool,
    /// 萬 and 億 instead of 万 and 亿.
    pub traditional: bool,
}

impl Style {
    /// A style from the low bits of `bits`.
    pub fn from_bits(bits: u64) -> Style {
        Style { financial: bits & 1 != 0, liang: bits & 2 != 0, short_ten: bits & 4 != 0, traditional: bits & 8 != 0 }
    }
}

/// The largest value [`chinese`] writes: below 10¹⁶ (up to 9999 万亿…).
pub const CHINESE_MAX: u64 = 9_999_999_999_999_999;

/// `v` (at most [`CHINESE_MAX`]) in standard Chinese numerals:
/// `三千五百万`, `一千零五`, `十五`, `一亿零五万`.
pub fn chinese(v: u64, style: Style) -> String {
    assert!(v <= CHINESE_MAX, "{v} is too large to write in Chinese numerals");
    if v == 0 {
        return "零".to_string();
    }
    let mut out = String::new();
    let (hi, lo) = (v / 100_000_000, v % 100_000_000);
    if hi > 0 {
        eight(hi, style, true, &mut out);
        out.push(if style.traditional { '億' } else { '亿' });
    }
    if lo > 0 {
        if hi > 0 && lo < 10_000_000 {
            out.push('零');
        }
        eight(lo, style, false, &mut out);
    }
    if style.short_ten {
        let one_ten = if style.financial { "壹拾" } else { "一十" };
        if let Some(rest) = out.strip_prefix(one_ten) {
            out = format!("{}{rest}", if style.financial { '拾' } else { '十' });
        }
    }
    out
}

/// Below 10⁸: `[四位]万[零][四位]`; `before_scale` when 亿 follows.
fn eight(v: u64, style: Style, before_scale: bool, out: &mut String) {
    let (a, b) = (v / 10_000, v % 10_000);
    if a > 0 {
        four(a, style, true, out);
        out.push(if style.traditional { '萬' } else { '万' });
    }
    if b > 0 {
        if a > 0 && b < 1000 {
            out.push('零');
        }
        four(b, style, before_scale, out);
    }
}

/// Below 10⁴, without leading zeros; inner zero runs read as one 零.
/// `before_scale`: the section is followed by 万 or 亿 (`两万`).
fn four(v: u64, style: Style, before_scale: bool, out: &mut String) {
    let units: [Option<char>; 4] = if style.financial {
        [Some('仟'), Some('佰'), Some('拾'), None]
    } else {
        [Some('千'), Some('百'), Some('十'), None]
    };
    let digits = [(v / 1000) % 10, (v / 100) % 10, (v / 10) % 10, v % 10];
    let mut started = false;
    let mut zero = false;
    for (pos, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        started = true;
        let unit = units.get(pos).copied().flatten();
        let liang = style.liang && d == 2 && (pos <= 1 || (unit.is_none() && before_scale && v == 2));
        let digit_chars = if style.financial { FIN_DIGITS } else { DIGITS };
        out.push(if liang { '两' } else { digit_chars.get(d as usize).copied().unwrap_or('零') });
        if let Some(u) = unit {
            out.push(u);
        }
    }
}

/// `v` with a separator every three digits: `1,356,000`.
pub fn with_separators(v: u64, sep: char) -> String {
    let digits = v.to_string();
    let head = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    let (first, rest) = digits.split_at(head.min(digits.len()));
    let mut out = first.to_string();
    for group in rest.as_bytes().chunks(3) {
        out.push(sep);
        out.push_str(std::str::from_utf8(group).unwrap_or(""));
    }
    out
}

/// ASCII digits, `.` and `,` as their full-width forms.
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            '.' => '．',
            ',' => '，',
            _ => c,
        })
        .collect()
}

pub const SCALES: &[&str] = &["万", "亿", "万亿", "千万", "百万", "千亿", "萬", "億"];
pub const UNITS: &[&str] = &[
    "元", "万元", "亿元", "万亿元", "美元", "亿美元", "欧元", "港元", "人民币", "块钱", "个", "家", "名", "项", "份",
    "人次", "座", "吨", "万吨", "千克", "度", "千瓦时", "万千瓦", "兆瓦", "平方米", "平方公里", "万平方米", "亩",
    "公顷", "立方米", "公里", "米", "%", "％", "个百分点", "成", "倍", "億元", "個", "項",
];
pub const QUALIFIERS: &[&str] = &[
    "约", "超", "近", "余", "多", "以上", "以下", "以内", "左右", "逾", "突破", "超过", "不到", "不足", "至少", "将近",
    "接近", "大约", "上下", "不少于", "不超过", "达", "共", "累计",
];
pub const DATES: &[&str] = &[
    "2021年11月", "2021年", "2023年一季度", "一季度", "上半年", "下半年", "前三季度", "截至", "截止", "年初", "年中",
    "年底", "年末", "以来", "今年", "去年", "明年", "1—9月", "1-10月", "2021—2023", "2021-11-05", "2021.11", "15日",
    "“十四五”", "十四五", "到“十五五”末", "2019-09-17 08:10:03", "较上年", "同比", "比上年同期", "月底", "自", "从",
    "起", "至", "到", "二〇二一年", "2021年13月32日", "年", "月", "日", "季度",
];
pub const QUOTES: &[&str] =
    &["“", "”", "《", "》", "「", "」", "‘", "’", "『", "』", "\"", "'", "(", ")", "（", "）", "【", "】", "[", "]"];
pub const PLATFORM_HEADS: &[&str] = &[
    "研究院",
    "研究所",
    "实验室",
    "中心",
    "创新中心",
    "基地",
    "产业园",
    "创新园",
    "科技园",
    "孵化器",
    "加速器",
    "众创空间",
    "工作站",
    "学院",
    "基金",
    "小镇",
    "江苏省中以产业技术研究院",
    "中以探索基金",
    "“数控一代”科技创新中心",
];
pub const ZONE_WORDS: &[&str] = &[
    "高新区", "经开区", "新区", "工业园区", "经济开发区", "武进高新区", "苏州工业园区", "杭州高新区(滨江)",
    "东营市利津县", "自主创新示范区", "一区十园", "鲤城园", "光谷",
];
pub const PUNCT: &[&str] = &[
    "，", "。", "、", "；", "：", "！", "？", ",", ".", ";", ":", "!", "?", "-", "—", "——", "～", "~", "/", "+", "×",
    "·", "…", "▶", "●",
];
pub const SPACES: &[&str] =
    &["\n", "\n\n", "\r\n", "\r", "\u{feff}", " ", "\u{3000}", "\t", "\0", "\u{a0}", "\u{200b}", "  ", "\r\n\r\n"];
pub const FILLER: &[&str] = &[
    "企业", "项目", "总投资", "引进", "新签约项目", "产值", "营收", "营业收入", "税收", "同比增长", "增长", "占",
    "占全市", "较上年", "比", "达", "共", "新增", "建成", "规上工业总产值", "完成投资", "实际使用外资", "国家级人才",
    "引育", "节约", "标准煤", "用电", "发电量", "占地", "面积", "融资", "规模", "首期规模", "本报记者", "叶伟",
    "高于全国", "全省", "全市", "和", "及", "与", "四大", "第二批", "世界500强", "用5年时间", "一车一人一芯",
    "三链融合", "6+1", "5910计划",
];
pub const TRADITIONAL: &[&str] = &["億", "萬", "個", "項", "園區", "總額", "億元", "萬元", "兩"];
pub const NUMERAL_CHARS: &[char] = &[
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '壹', '贰',
    '叁', '拾', '佰', '仟', '廿', '点', '余', '多',
];

fn pick<'a>(list: &[&'a str], n: u64) -> &'a str {
    list.get((n % list.len() as u64) as usize).copied().unwrap_or("")
}

/// An Arabic number from the bits of `n`: up to 12 digits, sometimes with
/// separators, a decimal part, or in full width.
pub fn arabic(n: u64) -> String {
    let digits = 1 + (n & 0xf) % 12;
    let v = (n >> 16) % 10u64.pow(digits as u32);
    let mut s = if n & 0x10 != 0 { with_separators(v, ',') } else { v.to_string() };
    if n & 0x20 != 0 {
        s.push('.');
        s.push_str(&((n >> 8) % 1000).to_string());
    }
    if n & 0x40 != 0 { full_width(&s) } else { s }
}

/// Appends one piece of text chosen by `(kind, n)` to `out`.
pub fn push_piece(out: &mut String, kind: u8, n: u64) {
    match kind % 17 {
        0 => out.push_str(&arabic(n)),
        1 => out.push_str(&chinese((n >> 4) % 1_000_000_000_000, Style::from_bits(n))),
        2 => {
            for k in 0..(1 + n % 6) {
                let i = (n >> (8 + 5 * k)) as usize % NUMERAL_CHARS.len();
                out.push(NUMERAL_CHARS.get(i).copied().unwrap_or('一'));
            }
        }
        3 => out.push_str(pick(SCALES, n)),
        4 => out.push_str(pick(UNITS, n)),
        5 => out.push_str(pick(QUALIFIERS, n)),
        6 => out.push_str(pick(DATES, n)),
        7 => out.push_str(pick(QUOTES, n)),
        8 => out.push_str(pick(PLATFORM_HEADS, n)),
        9 => out.push_str(pick(ZONE_WORDS, n)),
        10 => out.push_str(pick(PUNCT, n)),
        11 => out.push_str(pick(SPACES, n)),
        12 => out.push_str(pick(FILLER, n)),
        13 => out.push_str(pick(TRADITIONAL, n)),
        14 => {
            if let Some(c) = char::from_u32((n % 0x11_0000) as u32) {
                out.push(c);
            }
        }
        15 => {
            // A whole figure: qualifier, number, scale, unit.
            out.push_str(pick(FILLER, n >> 8));
            if n & 1 != 0 {
                out.push_str(pick(QUALIFIERS, n >> 16));
            }
            out.push_str(&arabic(n >> 24));
            if n & 2 != 0 {
                out.push_str(pick(SCALES, n >> 32));
            }
            if n & 4 != 0 {
                out.push('-');
                out.push_str(&arabic(n >> 40));
            }
            out.push_str(pick(UNITS, n >> 48));
        }
        _ => {
            // A date with possibly impossible parts.
            let y = 1990 + (n % 50);
            let m = (n >> 8) % 15;
            let d = (n >> 16) % 34;
            match (n >> 24) % 4 {
                0 => out.push_str(&format!("{y}年{m}月{d}日")),
                1 => out.push_str(&format!("{y}年{m}月")),
                2 => out.push_str(&format!("{y}-{m:02}-{d:02}")),
                _ => out.push_str(&format!("{y}—{}", y + (n >> 32) % 5)),
            }
        }
    }
}

/// The text a sequence of choices stands for.
pub fn render(pieces: &[(u8, u64)]) -> String {
    let mut out = String::new();
    for &(kind, n) in pieces {
        push_piece(&mut out, kind, n);
    }
    out
}
