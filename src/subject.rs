//! The subject finder: the indicator a number measures, as a table column
//! would name it (`总投资`, `国家级人才`, `同比增长`).
//!
//! It looks in the same clause, first before the number (`总投资378亿元`),
//! or after the classifier when the number counts a noun that follows
//! (`32家企业`). Before the number it drops what only introduces the figure:
//! dates, the zone or project that owns it (`…产业园总投资`), adverbs
//! (`累计`, `预计每年`), main verbs (`引育`, `实现`) and linking words (`达`,
//! `为`, `共`). After the number it takes the noun phrase up to its last head
//! noun (`企业` in `32家企业燃煤锅炉`), coordinations included
//! (`数字车间、智能工厂和自动化生产线`).
//!
//! Percentages keep their comparison (`同比增长`, `较去年同期提高`,
//! `占全市`), which is what they measure.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::words::Words;

use crate::text::{char_at, char_before, is_han};

/// What kind of figure a subject is sought for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Money, counts and measures: verbs introduce the figure.
    Amount,
    /// Percentages: the comparison is the indicator.
    Rate,
}

/// Words that link an indicator to its figure, stripped from the end.
const TRAILING_LINKS: &[&str] = &[
    "分别达到", "分别达", "分别为", "分别是", "分别", "均达到", "均达", "均为", "均", "已经达到", "已达到", "已达",
    "达到了", "达到", "高达", "约为", "增加到", "增加至", "增长到", "增长至", "提高到", "提高至", "提升到", "提升至",
    "降低到", "降低至", "下降到", "下降至", "减少到", "减少至", "扩展至", "扩展到", "扩大至", "扩大到", "上升至",
    "上升到", "增至", "降至", "达", "为", "是", "共计", "合计", "总计", "累计", "共有", "共", "计", "有", "仅", "只有",
    "已经", "已", "了", "实现了", "实现", "完成了", "完成", "的", "约", "突破", "超过", "接近", "预计", "新增", "在",
    "拥有", "将", "要", "逐步", "首次", "再次", "接连", "连续", "持续", "稳步", "全年", "从", "由", "总数达", "就",
    "力争", "争取", "有望", "首次", "再次", "即", "又", "再", "还", "也", "保持在",
];

/// The same, for amounts only: a change stated after the indicator
/// (`煤炭消费同比减少2.89万吨`).
const TRAILING_CHANGES: &[&str] =
    &["同比增长", "同比减少", "同比下降", "同比增加", "分别减少", "分别增加", "减少", "增加"];

/// Words stripped from the start of an amount's subject only: a percentage
/// keeps them (`全年增长`).
const AMOUNT_LEADING: &[&str] = &["全年", "年内", "全年共", "当年"];

/// Words stripped from the start: connectives and adverbs.
const LEADING: &[&str] = &[
    "其中", "同时", "此外", "另外", "目前", "当前", "截至目前", "现已", "已经", "已", "先后", "分别", "均", "还", "并",
    "也", "共", "累计", "总共", "一共", "合计", "共计", "将", "再", "又", "该", "其", "这", "全部", "已全部", "正在",
    "此次", "本次", "和", "及", "与", "以及", "而", "了", "、", "内", "直接", "间接", "一批", "一大批", "这些", "上述",
    "据统计", "据悉", "全区", "全市", "全省", "全县", "全国", "全园", "后将", "之后", "以后", "共有", "拥有", "现有",
    "建有", "设有", "成功", "可以", "将可", "预计可", "已累计", "累计已", "力争", "争取", "努力", "区内", "园内",
    "园区内", "区域内", "各类", "各种",
];

/// Main verbs: an amount's subject starts after the last of them.
const VERBS: &[&str] = &[
    "引育", "引进", "引入", "招引", "招揽", "吸引", "吸纳", "培育", "培养", "集聚", "聚集", "汇聚", "实施", "推进",
    "推动", "建成", "建设", "建立", "组建", "新建", "设立", "成立", "打造", "形成", "获批", "获得", "获", "争取",
    "荣获", "认定", "评为", "列入", "纳入", "入选", "录入", "储备", "拥有", "具有", "包含", "包括", "涵盖", "覆盖",
    "涉及", "达成", "签约", "签署", "签订", "落地", "落户", "入驻", "引导", "带动", "拉动", "支持", "帮助", "服务",
    "下发", "发放", "兑现", "拨付", "安排", "投入", "投放", "募集", "撬动", "减少", "节约", "削减", "开展", "举办",
    "举行", "组织", "召开", "参加", "参与", "促成", "搭建", "布局", "谋划", "部署", "出台", "制定", "发布", "推出",
    "完成", "实现", "创造", "贡献", "提供", "解决", "吸收", "接待", "开工", "竣工", "投产", "达产", "释放", "带来",
    "产生", "共有", "聚焦", "围绕", "招商", "对接", "承接", "承担", "培训", "孵化", "转化", "申请", "授权", "认证",
    "创建", "建有", "设有", "现有", "汇集", "进行", "运营", "聘请", "邀请", "确保", "确认", "发展", "扩展", "扩大",
    "累计招引", "保持", "促进", "加快", "推广", "入库", "签", "颁发", "授予", "给予", "奖励", "减少排放", "达产后",
    "投产后", "建成后", "竣工后", "完成后", "落地后", "考察", "调研", "走访", "洽谈", "涵盖", "组成", "构成", "位于",
    "位列", "做出", "作出",
];

/// Words that contain a verb but are nouns (`孵化器`, `建成区`, `服务业`),
/// or a verb that modifies the noun after it (`入驻企业`, `支持资金`): they
/// never end the part of a clause that is not the subject.
const NOT_VERBS: &[&str] = &[
    "孵化器", "孵化基地", "孵化载体", "建成区", "建设用地", "建设规模", "服务业", "服务站", "服务中心", "服务平台",
    "服务机构", "服务体系", "发展区", "发展空间", "发展基金", "覆盖率", "完成率", "达产率", "利用率", "转化率",
    "使用率", "增长率", "投产率", "入驻企业", "入驻商家", "入驻项目", "入库税收", "支持资金", "引导资金", "引导基金",
    "奖励资金", "新签约项目", "新签约", "签约项目", "签约金额", "签约额", "开工项目", "竣工项目", "投产项目",
    "达产项目", "落地项目", "新开工项目", "新开工", "开复工项目", "新建项目", "计划开工", "集中开工", "集中签约",
    "招商引资", "引资", "培训中心", "创新平台", "研发投入", "投入强度", "使用外资", "利用外资", "带动就业", "新增就业",
    "从业人员", "发展规划", "认定企业", "注册用户", "注册资本", "实施方案", "推广应用", "建设项目", "投资建设项目",
    "运营中心", "开发面积", "开发区", "引进项目", "转化项目",
];

/// Indicators written as verb + noun that keep their verb: `完成投资`,
/// `拟投资`, `实际使用外资`.
const VERB_INDICATORS: &[&str] = &["投资", "使用外资", "利用外资", "授信", "融资", "投资额"];

/// Tasks: the indicator of an amount as they stand (`完成年任务75亿元`: the
/// task is 75亿元), and with their verb that of a rate, the task's
/// completion (`完成年任务75亿元的23.7%`).
const TASKS: &[&str] = &["年任务", "年度任务"];

/// Words that precede a verb indicator and stay with it: `拟投资`.
const INDICATOR_PREFIXES: &[&str] = &["计划完成", "计划", "拟", "协议", "意向", "完成", "实际", "一期", "二期"];

/// Who owns the figure, not what it is: a subject starts after them
/// (`恒利源产业园总投资` → `总投资`).
const OWNERS: &[&str] = &[
    "高新区", "开发区", "经开区", "新区", "工业园区", "产业园区", "园区", "工业园", "产业园", "科技园", "创新园",
    "示范区", "自贸区", "片区", "管委会", "项目", "基地", "中心", "公司", "集团", "企业", "合作区", "集聚区",
    "高新区内", "园区内",
];

/// What an owner word may be followed by and still be the subject itself
/// (`企业数量`, not `数量`).
const GENERIC_MEASURES: &[&str] = &["数量", "总数", "数", "个数", "家数", "数目"];

/// Time adverbs that end the part of a clause that is not the subject.
const TIME_ADVERBS: &[&str] = &[
    "每年", "今年", "去年", "当年", "年内", "目前", "当前", "近年来", "预计", "届时", "未来", "期间", "两年来",
    "多年来", "分别",
];

/// Comparisons a percentage's subject starts with.
const COMPARISONS: &[&str] = &["同比", "环比", "较", "比上年", "比去年", "与上年", "与去年", "占"];

/// Function words the noun after a number cannot start with.
const RIGHT_STOP_START: &[char] = &[
    '的', '之', '被', '在', '将', '已', '于', '由', '向', '对', '为', '是', '和', '及', '与', '或', '等', '以', '至',
    '到', '了', '把', '从', '让', '使', '并', '且', '而', '也', '都', '均', '共', '占', '达', '同', '比', '较', '年',
    '月', '日', '天', '元', '次', '就',
];

/// Words that end the noun phrase after a number.
const RIGHT_STOPS: &[&str] = &[
    "进行", "开工", "竣工", "投产", "签约", "落地", "开展", "实施", "入驻", "被", "在", "将", "已", "正在", "于",
    "已经", "完成", "实现", "获得", "获批", "成为", "参与", "参加", "通过", "总投资", "投资", "集中", "开复工", "建设",
    "提供", "达到", "累计", "共计", "合计", "分别", "均", "占", "同比", "比", "较", "增长", "下降", "带动", "共同",
    "主要", "涉及", "全面", "以及", "大关", "颁发", "陆续", "相继", "先后", "聚焦", "集聚", "落户", "位居", "排名",
    "增至", "降至", "减至", "升至", "增加", "减少",
];

/// Head nouns: a noun phrase after a number ends at the last of them.
const HEAD_NOUNS: &[&str] = &[
    "企业", "公司", "项目", "平台", "园区", "基地", "中心", "机构", "人才", "团队", "专家", "院士", "人员", "岗位",
    "车间", "工厂", "生产线", "厂房", "楼宇", "研发楼", "文件", "政策", "机制", "模式", "做法", "举措", "措施", "经验",
    "产业集群", "集群", "领域", "国家", "地区", "城市", "街道", "乡镇", "民族", "高校", "院校", "学校", "医院", "银行",
    "基金", "协议", "合同", "专利", "标准", "成果", "产品", "课题", "工程", "工作站", "实验室", "研究院", "研究所",
    "孵化器", "众创空间", "服务站", "门店", "商家", "用户", "主体", "单位", "部门", "学院", "大学", "集团", "设备",
    "机组", "子园区", "园", "村", "会员", "党支部", "支部", "载体", "工作室", "示范区", "开发区", "高新区", "新区",
    "片区", "独角兽", "展位", "客商", "嘉宾", "代表", "学生", "研究生", "职工", "员工", "居民", "人口", "床位", "车位",
    "泊位", "线路", "站点", "场馆", "楼", "店", "厂", "行业", "省", "市", "县", "区", "路网",
];

/// What a word of the clause automaton is (a word can be several).
const VERB: u8 = 1;
const NOT_VERB: u8 = 2;
const OWNER: u8 = 4;
const TIME: u8 = 8;

struct Lexicon {
    /// VERBS then NOT_VERBS: a match id below `VERBS.len()` is a verb.
    verbs: AhoCorasick,
    /// Verbs, nouns with verbs in them, owners and time adverbs, in one
    /// automaton, with what each pattern is.
    clause: AhoCorasick,
    clause_flags: Vec<u8>,
    heads: AhoCorasick,
    comparisons: AhoCorasick,
    trailing_links: Words,
    trailing_changes: Words,
    leading: Words,
    amount_leading: Words,
    /// 等 的 和 及 与 、: what a noun phrase after a figure does not end with.
    np_tail: Words,
    /// 增速, 增幅: the growth measure after a list of items.
    growth: Words,
    right_stops: Words,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let build = |words: &[&str]| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(words)
            .unwrap_or_else(|e| panic!("lexicon does not compile: {e}"))
    };
    let verbs: Vec<&str> = VERBS.iter().chain(NOT_VERBS).copied().collect();
    let mut words: Vec<&str> = Vec::new();
    let mut flags: Vec<u8> = Vec::new();
    for (list, flag) in [(VERBS, VERB), (NOT_VERBS, NOT_VERB), (OWNERS, OWNER), (TIME_ADVERBS, TIME)] {
        for &w in list {
            match words.iter().position(|x| *x == w) {
                Some(i) => {
                    if let Some(f) = flags.get_mut(i) {
                        *f |= flag;
                    }
                }
                None => {
                    words.push(w);
                    flags.push(flag);
                }
            }
        }
    }
    Lexicon {
        clause: build(&words),
        clause_flags: flags,
        verbs: build(&verbs),
        heads: build(HEAD_NOUNS),
        comparisons: build(COMPARISONS),
        trailing_links: Words::new(TRAILING_LINKS),
        trailing_changes: Words::new(TRAILING_CHANGES),
        leading: Words::new(LEADING),
        amount_leading: Words::new(AMOUNT_LEADING),
        np_tail: Words::new(&["等", "的", "和", "及", "与", "、"]),
        growth: Words::new(&["增速", "增幅"]),
        right_stops: Words::new(RIGHT_STOPS),
    }
});

/// The clause before `start` when it is a single verb of completion:
/// `竣工1个` counts what was completed.
pub(crate) fn lone_verb(t: &str, start: usize, floor: usize) -> Option<(usize, usize)> {
    let (a, b) = context(t, start, floor, &[], false);
    let b = strip_trailing(t, a, b, &LEXICON.trailing_links);
    let a = strip_leading(t, a, b, &LEXICON.leading);
    let s = t.get(a..b)?;
    ["竣工", "开工", "投产", "签约", "开复工", "落地", "达产", "完工", "新开工", "复工"].contains(&s).then_some((a, b))
}

/// Whether `s` is one of the main verbs (and so says nothing as a subject).
pub(crate) fn is_verb(s: &str) -> bool {
    whole_match(&LEXICON.verbs, s).is_some_and(|p| p < VERBS.len())
}

/// Whether `s` is one of the head nouns.
fn is_head_noun(s: &str) -> bool {
    whole_match(&LEXICON.heads, s).is_some()
}

/// The pattern of an automaton that matches all of `s`, if one does.
fn whole_match(ac: &AhoCorasick, s: &str) -> Option<usize> {
    let m = ac.find(Input::new(s).anchored(Anchored::Yes))?;
    (m.end() == s.len()).then(|| m.pattern().as_usize())
}

/// Characters that end a clause for subjects. `、` does not: a subject may
/// list items (`二期、三期用地`); facts before it bound the search instead.
fn is_delim(c: char) -> bool {
    matches!(
        c,
        ',' | '，'
            | '。'
            | ';'
            | '；'
            | ':'
            | '：'
            | '!'
            | '?'
            | '！'
            | '？'
            | '…'
            | '|'
            | '【'
            | '】'
            | '['
            | ']'
            | '●'
            | '■'
            | '▶'
            | '◎'
            | '/'
    )
}

/// Whether the white space `[a, b)` joins the text around it: a space
/// inside a line (but not between two Han characters, which separates
/// phrases in titles), or a line break in the middle of a paragraph (a word
/// broken by a blank line).
fn is_soft_break(t: &str, a: usize, b: usize) -> bool {
    let ws = t.get(a..b).unwrap_or("");
    let Some((_, prev)) = char_before(t, a) else { return false };
    let Some(next) = char_at(t, b) else { return false };
    if !ws.contains('\n') {
        return !(is_han(prev) && is_han(next));
    }
    if !(is_han(prev) || prev.is_ascii_alphanumeric() || matches!(prev, '+' | '“' | '(' | '、'))
        || !(is_han(next) || next.is_ascii_alphanumeric())
    {
        return false;
    }
    // The line before must be a paragraph line, not a title or a byline.
    crate::text::line_chars_before(t, a, 24) >= 24
}

/// Start of the clause that ends at `start`, looking back at most 60
/// characters and never before `floor`. A `、` joins only short items
/// (`二期、三期用地`), unless `lists` asks for whole lists.
fn clause_start(t: &str, start: usize, floor: usize, lists: bool) -> usize {
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
        if c == '、' && !lists {
            // Join only when the item before is short.
            let item = t.get(floor..ci).unwrap_or("");
            let len =
                item.chars().rev().take_while(|x| !is_delim(*x) && *x != '、' && !x.is_whitespace()).take(5).count();
            if len > 4 {
                return i;
            }
        }
        if c.is_whitespace() {
            let a = crate::text::ws_run_start(t, i, floor);
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
fn strip_trailing(t: &str, a: usize, mut b: usize, list: &Words) -> usize {
    loop {
        b = strip_ws_end(t, a, b);
        let s = t.get(a..b).unwrap_or("");
        match list.suffix_of(s) {
            Some(w) => b -= w.len(),
            None => return b,
        }
    }
}

/// Strips words of `list` from the start of `[a, b)`, repeatedly.
fn strip_leading(t: &str, mut a: usize, b: usize, list: &Words) -> usize {
    loop {
        a = strip_ws_start(t, a, b);
        let s = t.get(a..b).unwrap_or("");
        let found = list.prefix_of(s);
        match found {
            // 全市占比: the whole a share is of stays.
            Some(w) if w.starts_with('全') && s.get(w.len()..).is_some_and(|r| r.starts_with('占')) => return a,
            Some(w) => a += w.len(),
            None => return a,
        }
    }
}

/// The context a subject before a figure is drawn from: the clause before
/// `start`, after any of `cuts` (dates) inside it, with links stripped.
fn context(t: &str, start: usize, floor: usize, cuts: &[(usize, usize)], lists: bool) -> (usize, usize) {
    let cs = clause_start(t, start, floor, lists);
    let mut a = cs;
    // Dates are sorted; only those inside the clause matter.
    let k = cuts.partition_point(|c| c.1 <= start);
    for &(s, e) in cuts.get(..k).unwrap_or(&[]).iter().rev().take(4) {
        if s >= cs && e > a {
            a = e;
        }
    }
    (a, start)
}

/// The subject before a figure that starts at `start`, looking no further
/// back than `floor` (a previous fact or the sentence start). `cuts` are
/// spans (dates) after which the subject must start.
pub(crate) fn before(
    t: &str,
    start: usize,
    floor: usize,
    cuts: &[(usize, usize)],
    mode: Mode,
) -> Option<(usize, usize)> {
    before_in_clause(t, start, floor, cuts, mode).or_else(|| {
        // Short lines (WeChat posts, PDF tables): the indicator may end the
        // line above the figure (`技术合同成交额\n达到156.7亿元`).
        let (a, _) = context(t, start, floor, cuts, false);
        let line_start = crate::text::line_start_within(t, start, 8)?;
        if a != line_start || line_start == 0 {
            return None;
        }
        // The line above: short, not ended by punctuation.
        let mut prev_end = line_start;
        while let Some((p, c)) = crate::text::char_before(t, prev_end) {
            if !c.is_whitespace() || line_start - p > 16 {
                break;
            }
            prev_end = p;
        }
        let prev = t.get(..prev_end)?;
        let prev_start = crate::text::line_start_within(t, prev_end, 20)?;
        if prev_end <= floor || prev_start >= prev_end || prev.ends_with(['。', ';', ',', ':', '!', '?']) {
            return None;
        }
        before_in_clause(t, prev_end, floor, cuts, mode)
    })
}

fn before_in_clause(
    t: &str,
    start: usize,
    floor: usize,
    cuts: &[(usize, usize)],
    mode: Mode,
) -> Option<(usize, usize)> {
    let lex = &*LEXICON;
    let (a, b0) = context(t, start, floor, cuts, false);
    let mut b = strip_trailing(t, a, b0, &lex.trailing_links);
    if mode == Mode::Amount {
        b = strip_trailing(t, a, b, &lex.trailing_changes);
        b = strip_trailing(t, a, b, &lex.trailing_links);
    }
    let mut a = strip_leading(t, a, b, &lex.leading);
    if mode == Mode::Amount {
        a = strip_leading(t, a, b, &lex.amount_leading);
        a = strip_leading(t, a, b, &lex.leading);
    }
    let ctx = t.get(a..b)?;
    if ctx.is_empty() {
        return None;
    }
    // Cut points: the subject starts after the last of them that leaves text.
    let mut cut = a;
    let mut mark = |end: usize| {
        if end < b && end > cut {
            cut = end;
        }
    };
    // A percentage starts at its comparison: 同比增长, 占全市, 较去年同期提高.
    let comparison = if mode == Mode::Rate {
        lex.comparisons
            .find_iter(ctx)
            .filter(|m| !ctx.get(m.start()..).is_some_and(|r| r.starts_with("占比")))
            .map(|m| a + m.start())
            .last()
    } else {
        None
    };
    // One pass over the clause for owners, time adverbs and verbs.
    let mut verbs: [(usize, usize, bool); 16] = [(0, 0, false); 16];
    let mut n_verbs = 0;
    for m in lex.clause.find_iter(ctx) {
        let flags = lex.clause_flags.get(m.pattern().as_usize()).copied().unwrap_or(0);
        let end = a + m.end();
        if flags & OWNER != 0 {
            let rest = t.get(end..b).unwrap_or("");
            if !GENERIC_MEASURES.contains(&rest) && comparison.is_none_or(|c| end <= c) {
                mark(end);
            }
        }
        if flags & TIME != 0 {
            mark(end);
        }
        if flags & (VERB | NOT_VERB) != 0
            && let Some(slot) = verbs.get_mut(n_verbs)
        {
            *slot = (a + m.start(), end, flags & VERB != 0);
            n_verbs += 1;
        }
    }
    let verbs = verbs.get(..n_verbs).unwrap_or(&[]);
    for (k, c) in ctx.char_indices() {
        let end = a + k + c.len_utf8();
        if matches!(c, ')' | '）') && t.get(end..b).is_some_and(|r| r.chars().count() >= 2) {
            // `生产总值(GDP)` keeps its parenthesis; `(不含X)完成…` does not.
            mark(end);
        }
        if matches!(c, '的' | '被' | '对' | '向' | '把' | '等') && comparison.is_none_or(|cmp| end <= cmp) {
            mark(end);
        }
    }
    if mode == Mode::Amount {
        for &(_, ve, is_verb) in verbs {
            if !is_verb {
                continue;
            }
            if ve >= b {
                // 招引亿元以上项目: the verb's object comes after the figure.
                return None;
            }
            // 入驻企业, 投产企业, 新签约项目: a verb right on a head noun modifies it.
            let rest = t.get(ve..b).unwrap_or("");
            let modifies = is_head_noun(rest);
            if !modifies {
                mark(ve);
            }
        }
    } else {
        for &(vs, ve, _) in verbs {
            let word = t.get(vs..ve).unwrap_or("");
            if matches!(word, "实现" | "保持" | "完成了" | "确保") && ve < b && comparison.is_none_or(|c| vs < c)
            {
                mark(ve);
            }
        }
    }
    if let Some(c) = comparison {
        cut = c;
    }
    let mut s = strip_leading(t, cut, b, &lex.leading);
    let b = strip_trailing(t, s, b, &lex.trailing_links);
    s = indicator_start(t, a, s, b, mode);
    let sub = t.get(s..b)?;
    if sub.chars().any(|c| is_han(c) || c.is_ascii_alphabetic()) && !is_verb(sub) { Some((s, b)) } else { None }
}

/// Where the subject `[s, b)` starts once the verb that makes it an
/// indicator is put back (`完成投资`, `拟投资`), looking no further back than
/// `a`; a task (`TASKS`) keeps it in a rate only.
pub(crate) fn indicator_start(t: &str, a: usize, s: usize, b: usize, mode: Mode) -> usize {
    let Some(sub) = t.get(s..b) else { return s };
    if !(VERB_INDICATORS.contains(&sub) || mode == Mode::Rate && TASKS.contains(&sub)) {
        return s;
    }
    let before = t.get(a..s).unwrap_or("");
    INDICATOR_PREFIXES.iter().filter(|w| before.ends_with(**w)).map(|w| w.len()).max().map_or(s, |n| s - n)
}

/// The items of a list that ends right before `start` (`营业收入、工业总产值
/// 和净利润分别为`), when there are exactly `k` of them: the subjects of `k`
/// figures listed after it in the same order. A comparison verb on the first
/// item is shared (`高于全国、全省` → `高于全国`, `高于全省`).
pub(crate) fn list_before(
    t: &str,
    start: usize,
    floor: usize,
    cuts: &[(usize, usize)],
    k: usize,
) -> Option<Vec<(usize, usize)>> {
    if k < 2 {
        return None;
    }
    let (a, b) = context(t, start, floor, cuts, true);
    let mut b = strip_trailing(t, a, b, &LEXICON.trailing_links);
    b = strip_trailing(t, a, b, &LEXICON.growth);
    b = strip_trailing(t, a, b, &LEXICON.trailing_links);
    let ctx = t.get(a..b)?;
    // Split on 、 and a final 和/及/与.
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut s = a;
    for (i, c) in ctx.char_indices() {
        if c == '、' {
            items.push((s, a + i));
            s = a + i + c.len_utf8();
        }
    }
    items.push((s, b));
    if items.len() + 1 == k {
        // The last item may join two with 和, 及 or 与.
        let (ls, le) = *items.last()?;
        let last = t.get(ls..le)?;
        let j = ["和", "及", "与", "以及"].iter().filter_map(|w| last.rfind(w).map(|p| (p, w.len()))).max()?;
        items.pop();
        items.push((ls, ls + j.0));
        items.push((ls + j.0 + j.1, le));
    }
    if items.len() != k {
        return None;
    }
    // The first item starts after any verb or owner before it.
    let (fs, fe) = *items.first()?;
    let first = before(t, fe, fs.max(floor), cuts, Mode::Rate).map_or((fs, fe), |(x, _)| (x, fe));
    let first = (strip_leading(t, first.0, first.1, &LEXICON.leading), first.1);
    if let Some(f) = items.first_mut() {
        *f = first;
    }
    if items.iter().any(|&(x, y)| t.get(x..y).is_none_or(|s| s.trim().is_empty() || s.chars().count() > 16)) {
        return None;
    }
    Some(items)
}

/// The verb shared by the items of a list (`高于` in `高于全国、全省`).
pub(crate) fn shared_prefix(t: &str, first: (usize, usize)) -> Option<&str> {
    let s = t.get(first.0..first.1)?;
    ["高于", "低于", "超过", "占", "同比增长", "增长"].into_iter().find(|w| s.starts_with(*w) && s.len() > w.len())
}

/// Whether the character can start the noun a number counts.
fn starts_noun(c: char) -> bool {
    (is_han(c) && !RIGHT_STOP_START.contains(&c)) || c.is_ascii_alphabetic() || matches!(c, '“' | '"' | '《' | '「')
}

/// The noun phrase after a figure ending at `end`: what it counts.
pub(crate) fn after(t: &str, end: usize) -> Option<(usize, usize)> {
    let lex = &*LEXICON;
    let first = char_at(t, end)?;
    if !starts_noun(first) {
        return None;
    }
    let mut start = end;
    let mut i = end;
    let mut n = 0;
    let mut depth = 0i32;
    let mut open_paren: Option<usize> = None;
    // Verbs end the phrase; nouns that contain one (投资建设项目) do not.
    let window = crate::text::first_chars(t.get(end..).unwrap_or(""), 28);
    let mut verb_at: Vec<(usize, usize, bool)> = Vec::new();
    for m in lex.verbs.find_iter(window) {
        verb_at.push((end + m.start(), end + m.end(), m.pattern().as_usize() < VERBS.len()));
    }
    let protected = |i: usize| verb_at.iter().any(|&(s, e, verb)| !verb && s < i && i < e);
    // A phrase cannot start with a stop word, unless a noun starts there (投资建设项目).
    let compound_at_start = verb_at.iter().any(|&(s, _, verb)| !verb && s == end);
    if !compound_at_start && t.get(end..).is_some_and(|rest| lex.right_stops.prefix_of(rest).is_some()) {
        return None;
    }
    let verb_starts = |i: usize| verb_at.iter().any(|&(s, _, verb)| verb && s == i);
    // Verbs end the phrase once it has a head noun: 项目涵盖…, 集团公司实地考察….
    let has_head = |s: usize, i: usize| t.get(s..i).is_some_and(|np| lex.heads.find(np).is_some());
    while n < 24 {
        let Some(c) = char_at(t, i) else { break };
        if i > start && !protected(i) {
            let rest = t.get(i..).unwrap_or("");
            // A verb with an aspect marker is a predicate: 增速做出了….
            let predicate = verb_at
                .iter()
                .any(|&(s, e, verb)| verb && s == i && t.get(e..).is_some_and(|r| r.starts_with(['了', '着', '过'])));
            // A digit that starts another figure: …企业,20家….
            let figure = c.is_ascii_digit() && {
                let (_, n) = crate::numeral::scan(rest);
                n.ok().is_some_and(|n| crate::units::unit_at(rest.get(n.len..).unwrap_or("")).is_some())
            };
            if (verb_starts(i) && has_head(start, i))
                || predicate
                || lex.right_stops.prefix_of(rest).is_some()
                || figure
            {
                break;
            }
        }
        match c {
            '等' => {
                // 万孚等企业, TSV封装等一批优质项目: what follows 等 names the kind.
                let mut k = i + c.len_utf8();
                for w in ["一大批", "一批", "一系列", "多家", "多个", "众多"] {
                    if t.get(k..).is_some_and(|r| r.starts_with(w)) {
                        k += w.len();
                        break;
                    }
                }
                if char_at(t, k).is_some_and(starts_noun) {
                    start = k;
                    i = k;
                    n += 1;
                    continue;
                }
                break;
            }
            '(' | '（' => {
                if depth == 0 {
                    open_paren = Some(i);
                }
                depth += 1;
            }
            ')' | '）' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            '、' => {
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
            c if !(is_han(c)
                || c.is_ascii_alphanumeric()
                || matches!(c, '“' | '”' | '"' | '·' | '-' | '《' | '》' | '「' | '」' | '.')) =>
            {
                break;
            }
            _ => {}
        }
        i += c.len_utf8();
        n += 1;
    }
    // A parenthesis left open is not part of the name: 街道(片区…
    if depth > 0
        && let Some(p) = open_paren
    {
        i = p;
    }
    let np = t.get(start..i)?;
    if np.is_empty() {
        return None;
    }
    // End at the last head noun outside parentheses: 街道(片区) → 街道.
    let in_parens = |k: usize| {
        let before = np.get(..k).unwrap_or("");
        before.matches(['(', '（']).count() > before.matches([')', '）']).count()
    };
    let cut = lex.heads.find_iter(np).filter(|m| !in_parens(m.start())).last().map(|m| m.end());
    let e = start + cut.unwrap_or(np.len());
    let e = strip_trailing(t, start, e, &lex.np_tail);
    (e > start).then_some((start, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str, fig: &str) -> Option<String> {
        let start = s.find(fig).unwrap();
        before(s, start, 0, &[], Mode::Amount).map(|(a, e)| s[a..e].to_string())
    }

    fn r(s: &str, fig: &str) -> Option<String> {
        let start = s.find(fig).unwrap();
        before(s, start, 0, &[], Mode::Rate).map(|(a, e)| s[a..e].to_string())
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
        assert_eq!(b("预计每年减少煤炭使用0.9万吨", "0.9").as_deref(), Some("煤炭使用"));
        assert_eq!(b("全区已实施和即将实施绿色改造项目18个", "18").as_deref(), Some("绿色改造项目"));
        assert_eq!(b("被纳入省级名单的重点项目达108个", "108").as_deref(), Some("重点项目"));
        assert_eq!(b("某某新材料产业园总投资60亿元", "60").as_deref(), Some("总投资"));
        assert_eq!(b("某某设备生产基地项目拟投资2亿元", "2亿").as_deref(), Some("拟投资"));
        assert_eq!(b("区内现有国家级孵化器12个", "12").as_deref(), Some("国家级孵化器"));
        assert_eq!(b("全区企业数量达3万家", "3万").as_deref(), Some("企业数量"));
        assert_eq!(b("二期、三期用地300亩", "300").as_deref(), Some("二期、三期用地"));
        assert_eq!(b("设立", "设立"), None);
    }

    #[test]
    fn rates() {
        assert_eq!(r("产业园,同比增长10.5%", "10.5").as_deref(), Some("同比增长"));
        assert_eq!(r("工业增加值同比增长8%", "8%").as_deref(), Some("同比增长"));
        assert_eq!(r("较去年同期提高了1.2个百分点", "1.2").as_deref(), Some("较去年同期提高"));
        assert_eq!(r("总量占全市1/4", "1/4").as_deref(), Some("占全市"));
        assert_eq!(r("汽车制造业产值增长40%", "40").as_deref(), Some("汽车制造业产值增长"));
        assert_eq!(r("确保饮用水水质达标率100%", "100").as_deref(), Some("饮用水水质达标率"));
    }

    #[test]
    fn after_the_figure() {
        assert_eq!(a("淘汰32家企业燃煤锅炉", "32家").as_deref(), Some("企业"));
        assert_eq!(a("建设16家新型研发机构。", "16家").as_deref(), Some("新型研发机构"));
        assert_eq!(
            a("建成30多个数字车间、智能工厂和自动化生产线,", "30多个").as_deref(),
            Some("数字车间、智能工厂和自动化生产线")
        );
        assert_eq!(a("共有15个项目开工建设", "15个").as_deref(), Some("项目"));
        assert_eq!(a("6家,较上年", "6家"), None);
        assert_eq!(a("全国有120家国家高新区参评", "120家").as_deref(), Some("国家高新区"));
        assert_eq!(a("引进甲乙、丙丁等8家上市企业。", "8家").as_deref(), Some("上市企业"));
        assert_eq!(a("落地了甲乙等20个优质项目,", "20个").as_deref(), Some("优质项目"));
        assert_eq!(a("形成5个百亿元以上重点项目", "5个").as_deref(), Some("百亿元以上重点项目"));
    }

    #[test]
    fn lists() {
        let s = "增速分别高于全国、全省、全市2.9、4.7、2.8个百分点";
        let items = list_before(s, s.find("2.9").unwrap(), 0, &[], 3).unwrap();
        let v: Vec<_> = items.iter().map(|&(x, y)| &s[x..y]).collect();
        assert_eq!(v, ["高于全国", "全省", "全市"]);
        let s = "营业收入、利润和税收分别为5亿元、1亿元、2000万元";
        let items = list_before(s, s.find('5').unwrap(), 0, &[], 3).unwrap();
        let v: Vec<_> = items.iter().map(|&(x, y)| &s[x..y]).collect();
        assert_eq!(v, ["营业收入", "利润", "税收"]);
    }
}
