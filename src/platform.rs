//! Platforms: named innovation and industrial platforms — research
//! institutes, laboratories, centres, bases, parks inside a zone,
//! incubators, workstations, colleges, funds, towns and villages.
//!
//! A lexicon of head words (`研究院`, `实验室`, `创新中心`, `产业园`, `基金`,
//! each with its [`PlatformType`]) is matched in one pass; the name's left
//! boundary is found by [`walk_left`](crate::names::walk_left). Generic
//! mentions (`新型研发机构`, `科技创新中心`, `众创空间`), titles conferred
//! (`被认定为国家医疗器械国际创新园`), venues and government bodies
//! (`会展中心`, `投促中心`) are not platforms, and a name nested in a longer
//! one is not a second fact.

use std::sync::LazyLock;

use crate::lexicon::Words;
use crate::model::PlatformType;
use crate::names::{clean, in_book_title, is_conferred, is_generic, walk_left};
use crate::text::{char_at, char_before, is_han, last_chars, without};

/// Head words and the type they give.
pub(crate) const HEADS: &[(&str, PlatformType)] = &[
    ("研究院", PlatformType::ResearchInstitute),
    ("研究所", PlatformType::ResearchInstitute),
    ("设计院", PlatformType::ResearchInstitute),
    ("实验室", PlatformType::Laboratory),
    ("中心", PlatformType::Center),
    ("分中心", PlatformType::Center),
    ("基地", PlatformType::Base),
    ("新基地", PlatformType::Base),
    ("产业园", PlatformType::Park),
    ("创新园", PlatformType::Park),
    ("科技园", PlatformType::Park),
    ("示范园", PlatformType::Park),
    ("科创园", PlatformType::Park),
    ("总部园", PlatformType::Park),
    ("软件园", PlatformType::Park),
    ("创业园", PlatformType::Park),
    ("孵化园", PlatformType::Park),
    ("智造园", PlatformType::Park),
    ("科技城", PlatformType::Park),
    ("产业新城", PlatformType::Park),
    ("药谷", PlatformType::Park),
    ("美谷", PlatformType::Park),
    ("智造谷", PlatformType::Park),
    ("科技谷", PlatformType::Park),
    ("孵化器", PlatformType::Incubator),
    ("加速器", PlatformType::Incubator),
    ("众创空间", PlatformType::Incubator),
    ("工作站", PlatformType::Workstation),
    ("学院", PlatformType::College),
    ("基金", PlatformType::Fund),
    ("小镇", PlatformType::Other),
    ("创新村", PlatformType::Other),
    ("创新汇", PlatformType::Other),
    ("交易平台", PlatformType::Other),
];

/// Heads that name a part of the platform before them: a name goes on
/// across that platform (`…指导中心江苏分中心…工作站`).
const SUB_UNITS: &[&str] = &["分中心", "工作站", "分院", "分基地"];

/// Whole words that end in a head word but are no platforms: venues,
/// government bodies, academies, nicknames.
const NOT_PLATFORMS: &[&str] = &[
    "副中心", "会展中心", "会议中心", "展览中心", "展示中心", "政务服务中心", "政务中心", "市民中心", "购物中心",
    "商业中心", "体育中心", "文化中心", "数据中心", "指挥中心", "调度中心", "客服中心", "营运中心", "运营中心",
    "投促中心", "发展中心", "火炬中心", "管理中心", "新闻中心", "活动中心", "培训中心", "服务中心", "中心城", "科学院",
    "工程院", "社科院", "党校", "中心区", "中心站", "中心村", "医学院", "职业技术学院", "职业学院", "技师学院",
    "技术学院", "体验中心", "母基金", "产业园区",
];

/// Words before a name that make it a goal or a kind, not a named thing:
/// `打造锂离子电池研发基地`, `国际一流综合性绿色化工产业基地`.
const DESCRIPTIVE: &[&str] = &[
    "打造", "发展", "构建", "建设成为", "致力于", "努力", "国际一流", "全国一流", "综合性", "世界级", "千亿级",
    "百亿级", "高质量", "最大的", "最好的", "最全的", "一流的", "重点发展", "各类", "一批", "若干", "于一体的",
    "为代表的",
];

/// Words that alone make no platform name.
const GENERIC: &[&str] = &[
    "国家级", "国家", "省级", "市级", "区级", "县级", "国际", "重点", "特色", "创新", "科技", "科研", "研发", "技术",
    "工程", "产业", "综合", "专业", "双创", "众创", "孵化", "博士后", "院士", "专家", "企业", "服务", "公共", "示范",
    "高端", "新型", "大型", "现代", "先进", "高新技术", "高新", "新兴", "战略性", "一流", "区域", "联合", "协同",
    "成果转化", "转化", "检验检测", "检测", "实训", "培训", "人才", "创业", "生产", "制造", "智能", "数字", "绿色",
    "生态", "新", "大", "小", "省", "市", "区", "县", "全", "各", "该", "本", "首个", "一批", "多个", "各类", "一个",
    "这", "其", "相关", "配套", "产学研", "政产学研", "和", "与", "及", "中", "外", "工作", "科普", "教育", "实践",
    "职业", "技能", "公共技术", "公共服务", "平台", "载体", "一站式", "高水平", "高层次", "新一代", "多家", "两", "三",
    "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "级", "家", "个", "批", "大类", "加工", "物流",
    "仓储", "示范性", "标准化", "集成", "创新型", "开放", "共享", "合作", "交流", "展示", "体验", "营销", "结算",
    "运营", "管理", "发展", "研究", "试验", "测试", "中试", "应用", "推广", "产业化", "母", "引导", "投资", "产业投资",
    "天使", "风险", "创投", "专项", "种子", "高质量", "反哺", "千亿级", "百亿级", "国际一流", "综合性", "世界",
    "世界级", "活力", "生产化", "循环化", "改造",
];

static GENERIC_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(GENERIC));
static NOT_PLATFORM_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(NOT_PLATFORMS));
static DESCRIPTIVE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(DESCRIPTIVE));

/// The type a name's head word gives it (the longest head word it ends
/// with), or [`PlatformType::Other`].
pub(crate) fn type_of(name: &str) -> PlatformType {
    HEADS.iter().filter(|(w, _)| name.ends_with(w)).max_by_key(|(w, _)| w.len()).map_or(PlatformType::Other, |h| h.1)
}

/// A platform found in the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlatformMatch {
    pub start: usize,
    pub end: usize,
    pub platform_type: PlatformType,
}

/// Whether a name ending at `end` and starting at `start` is a platform.
fn valid(t: &str, start: usize, head_start: usize, end: usize) -> bool {
    let name = clean(t.get(start..end).unwrap_or(""));
    if NOT_PLATFORM_WORDS.suffix_of(&name).is_some() {
        return false;
    }
    // 中心城区, 产业园区: the head word is part of a longer word.
    if t.get(end..).is_some_and(|r| r.starts_with("城区") || r.starts_with("城市") || r.starts_with('区')) {
        return false;
    }
    if DESCRIPTIVE_WORDS.suffix_of(t.get(..start).unwrap_or("")).is_some()
        || DESCRIPTIVE_WORDS.prefix_of(&name).is_some()
    {
        return false;
    }
    let cleaned = clean(t.get(start..head_start).unwrap_or(""));
    let modifier = without(&cleaned, &['“', '”']);
    if modifier.chars().count() < 2 || is_generic(&modifier, &GENERIC_WORDS) {
        return false;
    }
    // 全国规模最大的…基地: a description, not a name.
    let before = t.get(..start).unwrap_or("");
    let clause = last_chars(before, 24).rsplit([',', '。', ';', ':', '\n']).next().unwrap_or("");
    if clause.contains('的') && clause.contains('最') {
        return false;
    }
    // 国家光电子信息产业基地, 省级…: a national or provincial designation.
    !["国家", "省级", "市级", "区级"].iter().any(|w| name.starts_with(w))
}

/// Finds the platforms of the normalized text `t`. `barriers` are spans a
/// name cannot reach into (numeric facts, dates, zones are allowed inside);
/// `titles` are book titles.
pub(crate) fn find(
    t: &str,
    head_words: &[(usize, usize, usize)],
    barriers: &[(usize, usize)],
    titles: &[(usize, usize)],
) -> Vec<PlatformMatch> {
    // Head words inside words that are not platforms (学院 in 科学院) are skipped.
    let heads: Vec<(usize, usize, PlatformType, &str)> = head_words
        .iter()
        .filter_map(|&(s, e, k)| {
            let (w, ty) = HEADS.get(k)?;
            let before = t.get(..e).unwrap_or("");
            if w.ends_with('院') && ["科学院", "工程院", "社科院", "医学院"].iter().any(|x| before.ends_with(x))
            {
                return None;
            }
            Some((s, e, *ty, *w))
        })
        .collect();
    let mut out: Vec<PlatformMatch> = Vec::new();
    for (k, &(hs, he, ty, word)) in heads.iter().enumerate() {
        // The name goes on past a head word that is only its beginning
        // (中心 in 中心城区) — handled in `valid` — or ends here.
        let floor = {
            let k = barriers.partition_point(|b| b.1 <= hs);
            k.checked_sub(1).and_then(|j| barriers.get(j)).map_or(0, |b| b.1)
        };
        let mut start = walk_left(t, hs, floor, 32, true);
        // Cross an earlier platform only when this one is part of it
        // (分中心, 工作站) or joined tightly to it (中汽中心常州基地).
        let mut j = k;
        while let Some(&(ps, pe, _, _)) = j.checked_sub(1).and_then(|x| heads.get(x)) {
            if pe <= start {
                break;
            }
            let gap = t.get(pe..hs).unwrap_or("");
            let joined = SUB_UNITS.contains(&word) || gap.chars().count() <= 4 || gap.starts_with('·');
            if !joined {
                start = pe;
                break;
            }
            let _ = ps;
            j -= 1;
        }
        // Quotes that open the name stay; other punctuation does not.
        while let Some(c) = char_at(t, start) {
            if start < hs && !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '「')) {
                start += c.len_utf8();
            } else {
                break;
            }
        }
        // 市新能源汽车配套产业园: a bare 市 or 县 before a name is not part of it.
        if matches!(char_at(t, start), Some('市' | '县' | '区' | '省'))
            && char_before(t, start).is_none_or(|(_, c)| !is_han(c))
            && t.get(start..hs).is_some_and(|m| m.chars().count() >= 4)
        {
            start += '市'.len_utf8();
        }
        // 为国家…: a preposition, not part of the name.
        if char_at(t, start) == Some('为') && start < hs {
            start += '为'.len_utf8();
        }
        // An open quote whose closing mark is not in the name stays outside.
        if t.get(start..he).is_some_and(|n| n.starts_with('“') && !n.contains('”')) {
            start += '“'.len_utf8();
        }
        if !valid(t, start, hs, he) || is_conferred(t, start) || in_book_title(titles, start) {
            continue;
        }
        // The longer name wins over one nested in it.
        while out.last().is_some_and(|p| p.start >= start && p.end <= he) {
            out.pop();
        }
        if out.last().is_some_and(|p| p.end > start) {
            continue;
        }
        out.push(PlatformMatch { start, end: he, platform_type: ty });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platforms(s: &str) -> Vec<(String, PlatformType)> {
        find(s, &crate::names::head_words(s).1, &[], &[])
            .into_iter()
            .map(|p| (s[p.start..p.end].to_string(), p.platform_type))
            .collect()
    }

    fn names(s: &str) -> Vec<String> {
        platforms(s).into_iter().map(|p| p.0).collect()
    }

    #[test]
    fn lists_of_names() {
        assert_eq!(
            names("建成江苏省甲乙产业技术研究院、以色列丙丁创新中心、中以创新汇等一批特色创新平台"),
            ["江苏省甲乙产业技术研究院", "以色列丙丁创新中心", "中以创新汇"]
        );
        let p = platforms("设立某某发展基金;共建某某科创学院");
        assert_eq!(p[0].1, PlatformType::Fund);
        assert_eq!(p[1].1, PlatformType::College);
    }

    #[test]
    fn nested_names_are_one() {
        assert_eq!(
            names("设立中国某某指导中心江苏分中心中以常州创新园工作站,"),
            ["中国某某指导中心江苏分中心中以常州创新园工作站"]
        );
        assert_eq!(names("引进建设了中汽中心常州基地、"), ["中汽中心常州基地"]);
    }

    #[test]
    fn not_platforms() {
        assert!(names("大力建设新型研发机构和科技创新中心").is_empty());
        assert!(names("获批国家级博士后科研工作站区域站").is_empty());
        assert!(names("先后被认定为国家某某国际创新园").is_empty());
        assert!(names("在某某科技会展中心举行").is_empty());
        assert!(names("成为全国规模最大的某某产品生产基地").is_empty());
        assert!(names("成功获批安徽省绿色产业示范基地").is_empty());
    }

    #[test]
    fn names_broken_across_lines() {
        let s = "这是一段足够长的段落文字用来说明段落中的断行不影响识别,基本完成建设智能网联汽\n\n车小镇会客厅";
        assert_eq!(names(s), ["智能网联汽\n\n车小镇"]);
    }
}
