//! The subject finder: the indicator a number measures, as a table column
//! would name it (`总投资`, `国家级人才`, `同比增长`).
//!
//! It looks in the same clause, first before the number (`总投资378亿元`),
//! or after the classifier when the number counts a noun that follows
//! (`32家企业`). Before the number it drops what only introduces the figure:
//! dates, the zone doing it, adverbs (`累计`, `预计每年`), main verbs
//! (`引育`, `实现`) and linking words (`达`, `为`, `共`). After the number it
//! takes the noun phrase up to its head noun (`企业` in `32家企业燃煤锅炉`),
//! or a coordination of them (`数字车间、智能工厂和自动化生产线`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::text::{char_at, char_before, is_han};

/// Words that link an indicator to its figure, stripped from the end.
const TRAILING_LINKS: &[&str] = &[
    "分别达到", "分别达", "分别为", "分别是", "分别", "均达到", "均达", "均为", "均", "已经达到", "已达到", "已达", "达到了",
    "达到", "高达", "约为", "增加到", "增加至", "增长到", "增长至", "提高到", "提高至", "提升到", "提升至", "降低到",
    "降低至", "下降到", "下降至", "减少到", "减少至", "增至", "降至", "达", "为", "是", "共计", "合计", "总计", "累计",
    "共有", "共", "计", "有", "仅", "只有", "已", "了", "实现了", "实现", "完成了", "完成", "的", "约", "突破", "超过",
    "接近", "预计", "新增", "总数", "在", "拥有",
];

/// Words stripped from the start: connectives and adverbs.
const LEADING: &[&str] = &[
    "其中", "同时", "此外", "另外", "目前", "当前", "截至目前", "截至", "截止", "现已", "已经", "已", "先后", "分别", "均",
    "还", "并", "也", "共", "累计", "总共", "一共", "合计", "共计", "将", "再", "又", "该", "其", "这", "全部", "已全部",
    "正在", "此次", "本次", "首批", "和", "及", "与", "以及", "而",
];

/// Main verbs: the subject starts after the last of them (unless it ends
/// the context: `煤炭使用`).
const VERBS: &[&str] = &[
    "引育", "引进", "引入", "招引", "招揽", "吸引", "吸纳", "培育", "培养", "集聚", "聚集", "汇聚", "实施", "即将实施",
    "推进", "推动", "建成", "建设", "建立", "组建", "新建", "设立", "成立", "打造", "形成", "获批", "获得", "获", "争取",
    "荣获", "认定", "评为", "列入", "纳入", "入选", "录入", "入库", "储备", "拥有", "具有", "包含", "包括", "涵盖", "覆盖",
    "涉及", "达成", "签约", "签署", "签订", "落地", "落户", "入驻", "引导", "带动", "支持", "帮助", "服务", "下发", "发放",
    "兑现", "拨付", "安排", "投入", "投放", "募集", "撬动", "减少", "节约", "排放", "削减", "开展", "举办", "举行", "组织",
    "召开", "参加", "参与", "促成", "搭建", "布局", "谋划", "部署", "出台", "制定", "发布", "推出", "完成", "实现", "创造",
    "贡献", "提供", "解决", "吸收", "接待", "开工", "竣工", "投产", "达产", "释放", "带来", "产生", "有", "共有", "聚焦",
    "围绕", "累计招引", "招商", "对接", "承接", "承担", "培训", "孵化", "服务", "转化", "申请", "授权", "认证", "创建",
    "建有", "设有", "现有", "共有", "达到", "突破", "超过", "总计", "约", "汇集", "集中", "新引进", "新招引", "新培育",
    "进行", "开发", "运营", "聘请", "邀请", "吸引了", "实施了", "完成了", "建成了", "培养了", "引进了",
];

/// Indicators written as verb + noun that keep their verb: `完成投资`,
/// `拟投资`, `实际使用外资`.
const VERB_INDICATORS: &[&str] = &["投资", "使用外资", "利用外资", "授信", "年任务", "融资", "投资额"];

/// Zone words: what comes before them in a clause is who, not what.
const ZONE_SUFFIXES: &[&str] = &["高新区", "开发区", "经开区", "新区", "园区", "工业园", "示范区", "自贸区", "片区", "管委会", "全市", "全省", "全区", "全县"];

/// Time adverbs that end the part of a clause that is not the subject.
const TIME_ADVERBS: &[&str] = &["每年", "今年", "去年", "当年", "年内", "目前", "当前", "近年来", "预计", "届时", "未来", "累计", "全年共", "期间"];

/// Function words the noun after a number cannot start with.
const RIGHT_STOP_START: &[char] = &[
    '的', '之', '被', '在', '将', '已', '于', '由', '向', '对', '为', '是', '和', '及', '与', '或', '等', '以', '至', '到', '了', '把',
    '从', '让', '使', '并', '且', '而', '也', '都', '均', '分', '共', '合', '累', '占', '达', '增', '同', '比', '较', '左', '右', '上',
    '下', '内', '多', '余', '次', '后', '前', '中', '里', '外', '间', '年', '月', '日', '天', '元', '亿', '万', '千', '百', '十',
];

/// Words that end the noun phrase after a number.
const RIGHT_STOPS: &[&str] = &[
    "进行", "开工", "竣工", "投产", "签约", "落地", "开展", "实施", "入驻", "被", "在", "将", "已", "正在", "于", "等", "已经",
    "完成", "实现", "获得", "获批", "成为", "参与", "参加", "通过", "总投资", "投资", "集中", "开复工", "建设", "提供", "达到",
    "累计", "共计", "合计", "分别", "均", "占", "同比", "比", "较", "增长", "下降", "带动", "共同", "主要", "涉及", "全面",
];

/// Head nouns: a noun phrase after a number ends at the first of them.
const HEAD_NOUNS: &[&str] = &[
    "企业", "公司", "项目", "平台", "园区", "基地", "中心", "机构", "人才", "团队", "专家", "院士", "人员", "岗位", "车间",
    "工厂", "生产线", "厂房", "楼宇", "研发楼", "文件", "政策", "产业集群", "集群", "领域", "国家", "地区", "城市", "街道",
    "乡镇", "民族", "高校", "院校", "学校", "医院", "银行", "基金", "协议", "合同", "专利", "标准", "成果", "产品", "课题",
    "工程", "工作站", "实验室", "研究院", "研究所", "孵化器", "众创空间", "服务站", "门店", "商家", "用户", "主体", "单位",
    "部门", "学院", "大学", "集团", "设备", "机组", "子园区", "园", "村", "户", "会员", "党支部", "支部", "服务机构",
    "创新平台", "载体", "科研机构", "研发机构", "工作室", "示范区", "开发区", "高新区", "新区", "片区", "市场主体",
    "龙头企业", "上市公司", "独角兽", "展位", "客商", "嘉宾", "代表", "学生", "研究生", "职工", "员工", "居民", "人口",
    "床位", "车位", "泊位", "线路", "站点", "场馆", "楼", "店", "厂",
];

struct Lexicon {
    verbs: AhoCorasick,
    heads: AhoCorasick,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let build = |words: &[&str]| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap_or_else(|e| panic!("lexicon does not compile: {e}"))
    };
    Lexicon {
        verbs: build(VERBS),
        heads: build(HEAD_NOUNS),
    }
});

/// Characters that end a clause for subjects.
fn is_delim(c: char) -> bool {
    matches!(c, ',' | '，' | '。' | ';' | '；' | ':' | '：' | '!' | '?' | '！' | '？' | '、' | '…' | '|' | '【' | '】' | '[' | ']' | '●' | '■' | '▶' | '◎')
}

/// Whether the white space `[a, b)` is a break inside a paragraph (a word
/// broken by a blank line) rather than between paragraphs or lines.
fn is_soft_break(t: &str, a: usize, b: usize) -> bool {
    let ws = t.get(a..b).unwrap_or("");
    if !ws.contains('\n') {
        return true;
    }
    let Some((_, prev)) = char_before(t, a) else { return false };
    let Some(next) = char_at(t, b) else { return false };
    if !(is_han(prev) || prev.is_ascii_alphanumeric() || matches!(prev, '+' | '“' | '(' | '、')) || !(is_han(next) || next.is_ascii_alphanumeric()) {
        return false;
    }
    // The line before must be a paragraph line, not a title or a byline.
    let line_start = t.get(..a).and_then(|s| s.rfind('\n')).map_or(0, |k| k + 1);
    t.get(line_start..a).is_some_and(|line| line.chars().count() >= 24)
}

/// Start of the clause that ends at `start`, looking back at most 60
/// characters and never before `floor`.
fn clause_start(t: &str, start: usize, floor: usize) -> usize {
    let mut i = start;
    let mut depth = 0i32;
    let mut n = 0;
    while i > floor && n < 60 {
        let Some((ci, c)) = char_before(t, i) else { break };
        if ci < floor {
            break;
        }
        if is_delim(c) {
            return i;
        }
        if c.is_whitespace() {
            // Find the whole white-space run.
            let mut a = ci;
            while let Some((pi, pc)) = char_before(t, a) {
                if pc.is_whitespace() && pi >= floor {
                    a = pi;
                } else {
                    break;
                }
            }
            if !is_soft_break(t, a, i) {
                return i;
            }
            i = a;
            n += 1;
            continue;
        }
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            _ => {}
        }
        i = ci;
        n += 1;
    }
    i
}

fn strip_ws_start(t: &str, mut a: usize, b: usize) -> usize {
    while a < b {
        match char_at(t, a) {
            Some(c) if c.is_whitespace() => a += c.len_utf8(),
            _ => break,
        }
    }
    a
}

fn strip_ws_end(t: &str, a: usize, mut b: usize) -> usize {
    while b > a {
        match char_before(t, b) {
            Some((i, c)) if c.is_whitespace() => b = i,
            _ => break,
        }
    }
    b
}

/// Strips words of `list` from the end of `[a, b)`, repeatedly.
fn strip_trailing(t: &str, a: usize, mut b: usize, list: &[&str]) -> usize {
    loop {
        b = strip_ws_end(t, a, b);
        let s = t.get(a..b).unwrap_or("");
        match list.iter().find(|w| s.ends_with(**w) && s.len() > w.len()) {
            Some(w) => b -= w.len(),
            None => return b,
        }
    }
}

/// Strips words of `list` from the start of `[a, b)`, repeatedly.
fn strip_leading(t: &str, mut a: usize, b: usize, list: &[&str]) -> usize {
    loop {
        a = strip_ws_start(t, a, b);
        let s = t.get(a..b).unwrap_or("");
        match list.iter().filter(|w| s.starts_with(**w) && s.len() > w.len()).max_by_key(|w| w.len()) {
            Some(w) => a += w.len(),
            None => return a,
        }
    }
}

/// The subject before a figure that starts at `start`, looking no further
/// back than `floor` (a previous fact or the sentence start). `cuts` are
/// spans (dates, other facts) after which the subject must start.
pub(crate) fn before(t: &str, start: usize, floor: usize, cuts: &[(usize, usize)]) -> Option<(usize, usize)> {
    let cs = clause_start(t, start, floor);
    let mut a = cs;
    for &(s, e) in cuts {
        if s >= cs && e <= start && e > a {
            a = e;
        }
    }
    let mut b = strip_trailing(t, a, start, TRAILING_LINKS);
    a = strip_leading(t, a, b, LEADING);
    let ctx = t.get(a..b)?;
    // Cut points: the subject starts after the last of them that leaves text.
    let mut cut = a;
    let mut mark = |end: usize| {
        if end < b && end > cut {
            cut = end;
        }
    };
    for z in ZONE_SUFFIXES.iter().chain(TIME_ADVERBS) {
        if let Some(k) = ctx.rfind(z) {
            mark(a + k + z.len());
        }
    }
    for (k, c) in ctx.char_indices() {
        if matches!(c, ')' | '）') && k + c.len_utf8() < ctx.len() {
            let rest = ctx.get(k + c.len_utf8()..).unwrap_or("");
            // `生产总值(GDP)` keeps its parenthesis; `(不含X)完成…` does not.
            if rest.chars().count() >= 2 {
                mark(a + k + c.len_utf8());
            }
        }
        if matches!(c, '的' | '被' | '对' | '向' | '把' | '在' | '将' | '由' | '从') {
            mark(a + k + c.len_utf8());
        }
    }
    let mut last_verb: Option<(usize, usize)> = None;
    for m in LEXICON.verbs.find_iter(ctx) {
        let (vs, ve) = (a + m.start(), a + m.end());
        if ve < b {
            mark(ve);
            last_verb = Some((vs, ve));
        }
    }
    let mut s = strip_leading(t, cut, b, LEADING);
    b = strip_trailing(t, s, b, TRAILING_LINKS);
    // 完成投资, 拟投资: keep the verb of a verb + noun indicator.
    if let Some((vs, ve)) = last_verb
        && ve == s
        && VERB_INDICATORS.iter().any(|w| t.get(s..b) == Some(*w))
    {
        s = vs;
    } else if let Some(k) = ["拟", "计划", "协议", "意向", "完成", "实际"].iter().find(|w| t.get(..s).is_some_and(|p| p.ends_with(**w)) && VERB_INDICATORS.iter().any(|v| t.get(s..b) == Some(*v))) {
        s -= k.len();
    }
    let sub = t.get(s..b)?;
    if sub.chars().any(|c| is_han(c) || c.is_ascii_alphabetic()) {
        Some((s, b))
    } else {
        None
    }
}

/// Whether the character can start the noun a number counts.
fn starts_noun(c: char) -> bool {
    (is_han(c) && !RIGHT_STOP_START.contains(&c)) || c.is_ascii_alphabetic() || matches!(c, '“' | '"' | '《' | '「')
}

/// The noun phrase after a figure ending at `end`: what it counts.
pub(crate) fn after(t: &str, end: usize) -> Option<(usize, usize)> {
    let first = char_at(t, end)?;
    if !starts_noun(first) {
        return None;
    }
    let mut i = end;
    let mut n = 0;
    let mut depth = 0i32;
    while n < 24 {
        let Some(c) = char_at(t, i) else { break };
        if i > end {
            let rest = t.get(i..).unwrap_or("");
            if RIGHT_STOPS.iter().any(|w| rest.starts_with(w)) {
                break;
            }
        }
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            '、' => {
                // A coordination continues only with another noun, not a number.
                let next = char_at(t, i + c.len_utf8());
                if !next.is_some_and(|x| starts_noun(x) && !crate::numeral::starts_numeral(x)) {
                    break;
                }
            }
            c if c.is_whitespace() => {
                let mut b = i;
                while let Some(x) = char_at(t, b).filter(|x| x.is_whitespace()) {
                    b += x.len_utf8();
                }
                if !is_soft_break(t, i, b) || !t.get(i..b).is_some_and(|w| w.contains('\n')) {
                    break;
                }
                i = b;
                continue;
            }
            c if is_delim(c) => break,
            c if !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '"' | '·' | '-' | '《' | '》' | '「' | '」')) => break,
            _ => {}
        }
        i += c.len_utf8();
        n += 1;
    }
    let np = t.get(end..i)?;
    if np.is_empty() {
        return None;
    }
    // Cut at the first head noun, or carry on through a coordination of them.
    let mut cut: Option<usize> = None;
    for m in LEXICON.heads.find_iter(np) {
        match cut {
            None => cut = Some(m.end()),
            Some(c) => {
                let between = np.get(c..m.start()).unwrap_or("");
                let coordinated = between.starts_with('、') || between.starts_with('和') || between.starts_with('及') || between.starts_with('与');
                if coordinated && !between.contains(['，', ',']) {
                    cut = Some(m.end());
                } else {
                    break;
                }
            }
        }
    }
    let e = end + cut.unwrap_or(np.len());
    let e = strip_trailing(t, end, e, &["等", "的"]);
    (e > end).then_some((end, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str, fig: &str) -> Option<String> {
        let start = s.find(fig).unwrap();
        before(s, start, 0, &[]).map(|(a, e)| s[a..e].to_string())
    }

    fn a(s: &str, fig: &str) -> Option<String> {
        let end = s.find(fig).unwrap() + fig.len();
        after(s, end).map(|(x, e)| s[x..e].to_string())
    }

    #[test]
    fn before_the_figure() {
        assert_eq!(b("去年,总投资378亿元", "378").as_deref(), Some("总投资"));
        assert_eq!(b("累计引育国家级人才77名", "77").as_deref(), Some("国家级人才"));
        assert_eq!(b("授信总额度达1亿元", "1亿").as_deref(), Some("授信总额度"));
        assert_eq!(b("本区完成投资85.09亿元", "85").as_deref(), Some("完成投资"));
        assert_eq!(b("产业园,同比增长10.5%", "10.5").as_deref(), Some("同比增长"));
        assert_eq!(b("预计每年减少煤炭使用0.9万吨", "0.9").as_deref(), Some("煤炭使用"));
        assert_eq!(b("全区已实施和即将实施绿色改造项目18个", "18").as_deref(), Some("绿色改造项目"));
        assert_eq!(b("被纳入省级名单的重点项目达108个", "108").as_deref(), Some("重点项目"));
    }

    #[test]
    fn after_the_figure() {
        assert_eq!(a("淘汰32家企业燃煤锅炉", "32家").as_deref(), Some("企业"));
        assert_eq!(a("建设16家新型研发机构。", "16家").as_deref(), Some("新型研发机构"));
        assert_eq!(a("建成30多个数字车间、智能工厂和自动化生产线,", "30多个").as_deref(), Some("数字车间、智能工厂和自动化生产线"));
        assert_eq!(a("共有15个项目开工建设", "15个").as_deref(), Some("项目"));
        assert_eq!(a("6家,较上年", "6家"), None);
    }
}
