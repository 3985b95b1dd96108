//! The mechanics of subjects: how the indicator a number measures is read
//! from its clause, as a table column would name it (`总投资`, `国家级人才`).
//!
//! Each numeric kind decides *where* to look (before the figure, after it,
//! or both, in its module under `kinds/`) and *how* with its [`Rules`];
//! this module does the reading. Before the number it takes the clause
//! (bounded by [`MAX_CLAUSE_CHARS`]) and drops what only introduces the
//! figure: dates, the zone or project that owns it (`…产业园总投资`),
//! adverbs (`累计`, `预计每年`), main verbs (`引育`, `实现`) and linking
//! words (`达`, `为`, `共`). After the number it takes the noun phrase up to
//! its last head noun (`企业` in `32家企业燃煤锅炉`), coordinations included
//! (`智能车间、数字工厂和检测线`), reading at most [`MAX_PHRASE_CHARS`].
//!
//! The word lists are files under `src/lexicon/subject/`.

use std::cell::OnceCell;
use std::sync::LazyLock;

use smallvec::SmallVec;

use crate::hint::Spans;
use crate::lexicon::{self, EndSearcher, Hits, Words};
use crate::text::{char_at, char_before, is_han};

/// How a kind reads the subject before its figure: what the shared
/// mechanics strip and where they cut. Each numeric kind names its rules
/// (`kinds::money::SUBJECT`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rules {
    /// An amount's indicator is what it measures, not how it changed: strip
    /// a change stated after it (`煤炭消费同比减少2.89万吨` → `煤炭消费`) and
    /// the time words that start a year's total (`全年`, `年内`).
    pub strip_change: bool,
    /// A rate's subject starts at its comparison and keeps it (`同比增长`,
    /// `占全市`, `较去年同期提高`).
    pub from_comparison: bool,
    /// Every main verb ends the part of the clause that is not the subject
    /// (`引育国家级人才`); else only the verbs of reaching (`实现`, `保持`,
    /// `完成了`, `确保`) do.
    pub all_verbs_cut: bool,
    /// A task keeps its verb (`完成年任务…的23.7%`: the rate of completing it).
    pub task_keeps_verb: bool,
}

/// The rules of amounts: money, counts, measures.
pub(crate) const AMOUNT: Rules =
    Rules { strip_change: true, from_comparison: false, all_verbs_cut: true, task_keeps_verb: false };

/// The rules of rates: percentages.
pub(crate) const RATE: Rules =
    Rules { strip_change: false, from_comparison: true, all_verbs_cut: false, task_keeps_verb: true };

/// The first item of a list of indicators (`高于全国、全省`): it starts after
/// any verb or owner before it and keeps its comparison.
const LIST_ITEM: Rules = RATE;

/// One figure, as a kind's subject policy sees it: the text, the figure's
/// span, how far back its subject may reach, and the spans (dates) a
/// subject must start after. The subject before it and the noun phrase
/// after it are each read once, when first asked for.
pub(crate) struct Cx<'a> {
    pub t: &'a str,
    pub start: usize,
    pub end: usize,
    /// The sentence start, or the end of the figure before in the sentence.
    pub floor: usize,
    pub cuts: Spans<'a>,
    before: OnceCell<Option<(usize, usize)>>,
    after: OnceCell<Option<(usize, usize)>>,
    /// Where the clause before the figure starts, read once for the change,
    /// the subject and the lone verb of the figure ([`clause_starts`]).
    starts: OnceCell<ClauseStarts>,
}

impl<'a> Cx<'a> {
    pub fn new(t: &'a str, start: usize, end: usize, floor: usize, cuts: Spans<'a>) -> Cx<'a> {
        Cx { t, start, end, floor, cuts, before: OnceCell::new(), after: OnceCell::new(), starts: OnceCell::new() }
    }

    fn starts(&self) -> ClauseStarts {
        *self.starts.get_or_init(|| clause_starts(self.t, self.start, self.floor))
    }

    /// The subject before the figure, read by `rules` (a kind always asks
    /// with the same rules).
    pub fn before(&self, rules: &Rules) -> Option<(usize, usize)> {
        *self.before.get_or_init(|| before(self.t, self.start, self.floor, self.cuts, rules, Some(self.starts())))
    }

    /// The clause before the figure (bounded by its floor and by the cuts
    /// inside it), without the links that introduce the figure at its end
    /// (`达`, `分别为`): where a change or an indicator is read.
    pub fn clause_before(&self) -> (usize, usize) {
        let (a, b) = context_at(self.starts().lists, self.start, self.cuts);
        (a, strip_trailing(self.t, a, b, &LEXICON.trailing_links))
    }

    /// The clause before the figure (dates not cut) when it is a single
    /// verb of completion: `竣工1个` counts what was completed.
    pub fn lone_verb(&self) -> Option<(usize, usize)> {
        lone_verb_in(self.t, (self.starts().items, self.start))
    }

    /// The noun phrase right after the figure: what it counts.
    pub fn after(&self) -> Option<(usize, usize)> {
        *self.after.get_or_init(|| after(self.t, self.end))
    }

    /// The noun phrase after `的` right after the figure (`50亿元以上的项目`).
    pub fn after_de(&self) -> Option<(usize, usize)> {
        self.t.get(self.end..).filter(|r| r.starts_with('的')).and_then(|_| after(self.t, self.end + '的'.len_utf8()))
    }

    /// The text of a span.
    pub fn text(&self, (a, b): (usize, usize)) -> &'a str {
        self.t.get(a..b).unwrap_or("")
    }
}

/// How far back a clause before a figure is read, in characters: what
/// keeps the subject search linear in the text's length.
pub(crate) const MAX_CLAUSE_CHARS: usize = 60;

/// How far a noun phrase after a figure is read, in characters.
pub(crate) const MAX_PHRASE_CHARS: usize = 24;

/// What a word of the clause searcher is (a word can be several).
const VERB: u8 = 1;
const NOT_VERB: u8 = 2;
const OWNER: u8 = 4;
const TIME: u8 = 8;

struct Lexicon {
    /// VERBS then NOT_VERBS: a match id below `n_verbs` is a verb.
    verbs: EndSearcher,
    n_verbs: usize,
    /// Verbs, nouns with verbs in them, owners and time adverbs, in one
    /// searcher, with what each pattern is. The searchers of this module
    /// find words from their last characters ([`EndSearcher`]): building
    /// them is a trie of a few hundred words, where automata took a third of
    /// the start-up, and on a clause of sixty characters they are faster.
    clause: EndSearcher,
    clause_flags: Vec<u8>,
    heads: EndSearcher,
    comparisons: EndSearcher,
    trailing_links: Words,
    trailing_changes: Words,
    leading: Words,
    amount_leading: Words,
    /// 等 的 和 及 与 、: what a noun phrase after a figure does not end with.
    np_tail: Words,
    /// 增速, 增幅: the growth measure after a list of items.
    growth: Words,
    right_stops: Words,
    right_stop_start: Vec<char>,
    /// Verbs of completion that alone say what a count counts (`竣工1个`).
    lone_verbs: Words,
    verb_indicators: Words,
    tasks: Words,
    indicator_prefixes: Words,
    generic_measures: Words,
    /// 和, 及, 与, 以及: what joins the last two items of a list.
    list_joiners: Vec<&'static str>,
    /// The verbs a list's first item may share with the others (`高于全国、全省`).
    list_verbs: Words,
    /// What may follow 等 before the kind of thing listed (`等一批`).
    kind_words: Vec<&'static str>,
    /// `subject/bound_words`: words a strip must not split (`从业`).
    bound_words: Words,
    /// `money/indicators`: an indicator after a counted noun starts the
    /// predicate (`三家经开区地区生产总值…`).
    money_indicators: Words,
    /// `subject/list_summaries`: `等各项指标` after a list of indicators.
    list_summaries: Words,
    /// `subject/owner_modifiers`: 规上, 中小 before an owner word.
    owner_modifiers: Words,
    /// The main verbs, for whole-word stripping.
    verb_words: Words,
    /// The head nouns, for whole-word lookups.
    head_words: Words,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let verb_list = lexicon::VERBS.words();
    let verbs: Vec<&str> = verb_list.iter().copied().chain(lexicon::NOT_VERBS.words()).collect();
    let mut words: Vec<&str> = Vec::new();
    let mut flags: Vec<u8> = Vec::new();
    for (list, flag) in [
        (&lexicon::VERBS, VERB),
        (&lexicon::NOT_VERBS, NOT_VERB),
        (&lexicon::OWNERS, OWNER),
        (&lexicon::TIME_ADVERBS, TIME),
    ] {
        for w in list.words() {
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
        clause: EndSearcher::new(&words),
        clause_flags: flags,
        n_verbs: verb_list.len(),
        verbs: EndSearcher::new(&verbs),
        heads: EndSearcher::new(&lexicon::HEAD_NOUNS.words()),
        comparisons: EndSearcher::new(&lexicon::COMPARISONS.words()),
        trailing_links: lexicon::TRAILING_LINKS.bucketed(),
        trailing_changes: lexicon::TRAILING_CHANGES.bucketed(),
        leading: lexicon::LEADING.bucketed(),
        amount_leading: lexicon::AMOUNT_LEADING.bucketed(),
        np_tail: lexicon::NP_TAIL.bucketed(),
        growth: lexicon::GROWTH_NOUNS.bucketed(),
        right_stops: lexicon::RIGHT_STOPS.bucketed(),
        right_stop_start: lexicon::RIGHT_STOP_START.chars(),
        lone_verbs: lexicon::LONE_VERBS.bucketed(),
        verb_indicators: lexicon::VERB_INDICATORS.bucketed(),
        tasks: lexicon::TASKS.bucketed(),
        indicator_prefixes: lexicon::INDICATOR_PREFIXES.bucketed(),
        generic_measures: lexicon::GENERIC_MEASURES.bucketed(),
        list_joiners: lexicon::LIST_JOINERS.words(),
        list_verbs: lexicon::LIST_VERBS.bucketed(),
        kind_words: lexicon::KIND_AFTER_DENG.words(),
        bound_words: lexicon::BOUND_WORDS.bucketed(),
        money_indicators: lexicon::MONEY_INDICATORS.bucketed(),
        list_summaries: lexicon::LIST_SUMMARIES.bucketed(),
        owner_modifiers: lexicon::OWNER_MODIFIERS.bucketed(),
        verb_words: Words::new(&verb_list),
        head_words: lexicon::HEAD_NOUNS.bucketed(),
    }
});

/// The clause `(a, b)` before a figure when it is a single verb of
/// completion: `竣工1个` counts what was completed.
fn lone_verb_in(t: &str, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let b = strip_trailing(t, a, b, &LEXICON.trailing_links);
    let a = strip_leading(t, a, b, &LEXICON.leading);
    let s = t.get(a..b)?;
    LEXICON.lone_verbs.contains(s).then_some((a, b))
}

/// Whether `s` is one of the main verbs (and so says nothing as a subject).
/// A bucketed lookup: the words of the first character, compared whole (an
/// anchored automaton search cost ten times more).
pub(crate) fn is_verb(s: &str) -> bool {
    LEXICON.verb_words.contains(s)
}

/// Whether `s` is one of the head nouns.
fn is_head_noun(s: &str) -> bool {
    LEXICON.head_words.contains(s)
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
    crate::text::in_paragraph_line(t, a)
}

/// Where a clause that ends at a figure starts, read two ways: a `、`
/// joins only short items (`二期、三期用地`), or it joins whole lists.
#[derive(Clone, Copy, Debug)]
struct ClauseStarts {
    /// Short items joined only.
    items: usize,
    /// Whole lists joined.
    lists: usize,
}

/// Start of the clause that ends at `start`, looking back at most 60
/// characters and never before `floor`, both ways ([`ClauseStarts`]). One
/// walk gives both: the two ways walk alike until a long item before a
/// `、` ends the first, and the walk goes on for the second.
fn clause_starts(t: &str, start: usize, floor: usize) -> ClauseStarts {
    let mut i = start;
    let mut depth = 0i32;
    let mut n = 0;
    let mut items: Option<usize> = None;
    let both = |items: Option<usize>, i: usize| ClauseStarts { items: items.unwrap_or(i), lists: i };
    while i > floor && n < MAX_CLAUSE_CHARS {
        let Some((ci, c)) = char_before(t, i) else { break };
        if ci < floor {
            break;
        }
        // Most characters of a clause are CJK ideographs (U+4000–U+9FFF):
        // no clause mark, 、, white space or bracket is one.
        if ('\u{4000}'..='\u{9FFF}').contains(&c) {
            i = ci;
            n += 1;
            continue;
        }
        if is_delim(c) {
            return both(items, i);
        }
        if c == '、' && items.is_none() {
            // Join only when the item before is short.
            let item = t.get(floor..ci).unwrap_or("");
            let len =
                item.chars().rev().take_while(|x| !is_delim(*x) && *x != '、' && !x.is_whitespace()).take(5).count();
            if len > 4 {
                items = Some(i);
            }
        }
        if c.is_whitespace() {
            let a = crate::text::ws_run_start(t, i, floor);
            if !is_soft_break(t, a, i) {
                return both(items, i);
            }
            i = a;
            n += 1;
            continue;
        }
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => {
                if depth == 0 {
                    return both(items, i);
                }
                depth -= 1;
            }
            _ => {}
        }
        i = ci;
        n += 1;
    }
    both(items, i)
}

fn strip_ws_start(t: &str, mut a: usize, b: usize) -> usize {
    if crate::text::surely_not_space_at(t, a) {
        return a;
    }
    while a < b {
        match char_at(t, a) {
            Some(c) if c.is_whitespace() => a += c.len_utf8(),
            _ => break,
        }
    }
    a
}

fn strip_ws_end(t: &str, a: usize, mut b: usize) -> usize {
    if crate::text::surely_not_space_before(t, b) {
        return b;
    }
    while b > a {
        match char_before(t, b) {
            Some((i, c)) if c.is_whitespace() => b = i,
            _ => break,
        }
    }
    b
}

/// Strips words of `list` from the end of `[a, b)`, repeatedly. A word
/// that only ends like one of them is stripped whole when it is a verb
/// (`建有`, not `有`: the verb links the figure too), and kept when it is
/// a noun (`共有` in a name is rare; `所有` is not stripped to `所`).
fn strip_trailing(t: &str, a: usize, mut b: usize, list: &Words) -> usize {
    loop {
        b = strip_ws_end(t, a, b);
        let s = t.get(a..b).unwrap_or("");
        match list.suffix_of(s) {
            Some(w) => {
                let whole = LEXICON.verb_words.suffix_of(s).filter(|v| v.len() > w.len());
                b -= whole.unwrap_or(w).len();
            }
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
            // 从业人员: a word that only starts like one to strip is kept whole.
            Some(w) if LEXICON.bound_words.prefix_of(s).is_some_and(|b| b.len() > w.len()) => return a,
            Some(w) => a += w.len(),
            None => return a,
        }
    }
}

/// Whether `rest` starts with a measure word (`数`, `量`, `额`: 企业数,
/// 申请量) that is not the start of another word (`数字`, `数据`: see
/// `subject/bound_words`).
fn measure_word_at(rest: &str) -> bool {
    let lex = &*LEXICON;
    lex.generic_measures
        .prefix_of(rest)
        .is_some_and(|m| lex.bound_words.prefix_of(rest).is_none_or(|b| b.len() <= m.len()))
}

/// Past the full name of an administrative division at `a`
/// (`哈尔滨市公共数据开放部门`, `张家港市启动…`): a place that owns or does
/// what is counted, not part of the indicator. Short forms (`武进`) are left,
/// as they also begin ordinary words, and so is a place with nothing after
/// it.
fn past_place(t: &str, a: usize, b: usize) -> usize {
    let s = t.get(a..b).unwrap_or("");
    match crate::gazetteer::starts_with_place(s) {
        // 江苏省级人才: a place + 级 is a level, part of the indicator.
        Some(m) if !m.short && a + m.end < b && !s.get(m.end..).is_some_and(|r| r.starts_with('级')) => a + m.end,
        _ => a,
    }
}

/// Past a span of time at `a` (`近七年`, `过去5年`, `三年来`): it says
/// over what time, not what is measured (a span is no date: see SPEC's
/// Not facts).
fn past_time_span(t: &str, a: usize, b: usize) -> usize {
    let s = t.get(a..b).unwrap_or("");
    let lead = ["近", "过去", "最近", "这"].iter().find(|w| s.starts_with(**w)).map_or(0, |w| w.len());
    let rest = s.get(lead..).unwrap_or("");
    let digits: usize = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || "一二两三四五六七八九十几".contains(*c))
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8());
    if digits == 0 {
        return a;
    }
    let after = rest.get(digits..).unwrap_or("");
    let Some(unit) = ["年来", "年间", "年中", "年", "个月来", "个月"].iter().find(|u| after.starts_with(**u))
    else {
        return a;
    };
    let end = a + lead + digits + unit.len();
    // A span alone is not stripped (nothing would be left), nor a year
    // count without a word of time span (`3年` after a verb).
    if end >= b || lead == 0 && !unit.ends_with('来') && !unit.ends_with('间') { a } else { end }
}

/// The context a subject before a figure is drawn from: the clause before
/// `start`, after any of `cuts` (dates) inside it, with links stripped.
fn context(t: &str, start: usize, floor: usize, cuts: Spans<'_>, lists: bool) -> (usize, usize) {
    let starts = clause_starts(t, start, floor);
    context_at(if lists { starts.lists } else { starts.items }, start, cuts)
}

/// [`context`] for a clause that starts at `cs`.
fn context_at(cs: usize, start: usize, cuts: Spans<'_>) -> (usize, usize) {
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
/// `starts` are the clause starts at `start`, when known.
fn before(
    t: &str,
    start: usize,
    floor: usize,
    cuts: Spans<'_>,
    rules: &Rules,
    starts: Option<ClauseStarts>,
) -> Option<(usize, usize)> {
    let items = starts.unwrap_or_else(|| clause_starts(t, start, floor)).items;
    before_in_clause(t, context_at(items, start, cuts), rules).or_else(|| {
        // Short lines (WeChat posts, PDF tables): the indicator may end the
        // line above the figure (`技术合同成交额\n达到156.7亿元`).
        let (a, _) = context_at(items, start, cuts);
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
        before_in_clause(t, context(t, prev_end, floor, cuts, false), rules)
    })
}

/// The subject read in the clause `(a, b0)` before a figure.
fn before_in_clause(t: &str, (a, b0): (usize, usize), rules: &Rules) -> Option<(usize, usize)> {
    let lex = &*LEXICON;
    let clause_start = a;
    let mut b = strip_trailing(t, a, b0, &lex.trailing_links);
    if rules.strip_change {
        b = strip_trailing(t, a, b, &lex.trailing_changes);
        b = strip_trailing(t, a, b, &lex.trailing_links);
    }
    let mut a = strip_leading(t, a, b, &lex.leading);
    if rules.strip_change {
        a = strip_leading(t, a, b, &lex.amount_leading);
        a = strip_leading(t, a, b, &lex.leading);
    }
    let a = past_time_span(t, a, b);
    let a = past_place(t, a, b);
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
    // A rate starts at its comparison: 占全市, 较去年同期提高.
    let mut hits = Hits::new();
    let comparison = if rules.from_comparison {
        lex.comparisons
            .find_all_in(ctx, &mut hits)
            .iter()
            .rev()
            .find(|m| !ctx.get(m.0..).is_some_and(|r| r.starts_with("占比")))
            .map(|m| a + m.0)
    } else {
        None
    };
    // One pass over the clause for owners, time adverbs and verbs.
    let mut verbs: [(usize, usize, bool); 16] = [(0, 0, false); 16];
    let mut n_verbs = 0;
    for &(m_start, m_end, pattern) in lex.clause.find_all_in(ctx, &mut hits) {
        let flags = lex.clause_flags.get(pattern).copied().unwrap_or(0);
        let end = a + m_end;
        if flags & OWNER != 0 {
            let rest = t.get(end..b).unwrap_or("");
            // 企业数, 项目数占比: what follows the owner measures it. A zone
            // word or 项目 owns the figure even unnamed (园区GDP → GDP); a
            // kind of firm does only when named (规上企业产值 stays whole).
            let owner = t.get(a + m_start..end).unwrap_or("");
            let firm_kind = matches!(owner, "企业" | "公司" | "集团");
            let named = !firm_kind
                || !crate::names::is_generic(t.get(clause_start..a + m_start).unwrap_or(""), &lex.owner_modifiers);
            if !measure_word_at(rest) && comparison.is_none_or(|c| end <= c) && named {
                mark(end);
            }
        }
        if flags & TIME != 0 {
            mark(end);
        }
        if flags & (VERB | NOT_VERB) != 0
            && let Some(slot) = verbs.get_mut(n_verbs)
        {
            *slot = (a + m_start, end, flags & VERB != 0);
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
        // 苏州日报《新兴产业规模: a title's opening mark, its source before it.
        if matches!(c, '《' | '》') {
            mark(end);
        }
    }
    if rules.all_verbs_cut {
        for &(vs, ve, is_verb) in verbs {
            if !is_verb {
                continue;
            }
            let word = t.get(vs..ve).unwrap_or("");
            if ve >= b {
                // 工业实际投入70亿元: a verb that is an indicator names it.
                if lex.verb_indicators.contains(word) {
                    continue;
                }
                // 招引亿元以上项目: the verb's object comes after the figure.
                return None;
            }
            // 入驻企业, 投产企业, 新签约项目: a verb right on a head noun
            // modifies it, and so does a verb before such a verb (建成投产
            // 企业); 申请量, 投资额: a measure word makes it a noun.
            let rest = t.get(ve..b).unwrap_or("");
            let chained = lex.verb_words.prefix_of(rest).is_some_and(|v| rest.get(v.len()..).is_some_and(is_head_noun));
            let modifies = is_head_noun(rest) || chained || measure_word_at(rest);
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
    let mut b = strip_trailing(t, s, b, &lex.trailing_links);
    // 工业总产值(2000万元以上): a note holding a figure is no part of the name.
    if t.get(s..b).is_some_and(|sub| sub.ends_with([')', '）']))
        && let Some(open) = t.get(s..b).and_then(|sub| sub.rfind(['(', '（']))
        && t.get(s + open..b).is_some_and(|note| note.chars().any(|c| c.is_ascii_digit()))
    {
        b = strip_ws_end(t, s, s + open);
    }
    s = indicator_start(t, a, s, b, rules);
    let sub = t.get(s..b)?;
    if sub.chars().any(|c| is_han(c) || c.is_ascii_alphabetic()) && !is_verb(sub) { Some((s, b)) } else { None }
}

/// Where the subject `[s, b)` starts once the verb that makes it an
/// indicator is put back (`完成投资`, `拟投资`), looking no further back than
/// `a`; a task (`subject/tasks`) keeps it where the rules say so.
pub(crate) fn indicator_start(t: &str, a: usize, s: usize, b: usize, rules: &Rules) -> usize {
    let lex = &*LEXICON;
    let Some(sub) = t.get(s..b) else { return s };
    // 完成投资 keeps its verb; 固定资产投资 names the column on its own.
    if !(lex.verb_indicators.contains(sub) || rules.task_keeps_verb && lex.tasks.contains(sub)) {
        return s;
    }
    let before = t.get(a..s).unwrap_or("");
    lex.indicator_prefixes.suffix_of(before).map_or(s, |w| s - w.len())
}

/// The items of a list that ends right before `start` (`营业收入、工业总产值
/// 和净利润分别为`), when there are exactly `k` of them: the subjects of `k`
/// figures listed after it in the same order. A comparison verb on the first
/// item is shared (`高于全国、全省` → `高于全国`, `高于全省`).
pub(crate) fn list_before(
    t: &str,
    start: usize,
    floor: usize,
    cuts: Spans<'_>,
    k: usize,
) -> Option<Vec<(usize, usize)>> {
    if k < 2 {
        return None;
    }
    let (a, b) = context(t, start, floor, cuts, true);
    let mut b = strip_trailing(t, a, b, &LEXICON.trailing_links);
    b = strip_trailing(t, a, b, &LEXICON.growth);
    b = strip_trailing(t, a, b, &LEXICON.trailing_links);
    // 产值、税收等各项指标: the list ends before 等.
    b = strip_trailing(t, a, b, &LEXICON.list_summaries);
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
        let j = LEXICON.list_joiners.iter().filter_map(|w| last.rfind(w).map(|p| (p, w.len()))).max()?;
        items.pop();
        items.push((ls, ls + j.0));
        items.push((ls + j.0 + j.1, le));
    }
    if items.len() != k {
        return None;
    }
    // The first item starts after any verb or owner before it.
    let (fs, fe) = *items.first()?;
    let first = before(t, fe, fs.max(floor), cuts, &LIST_ITEM, None).map_or((fs, fe), |(x, _)| (x, fe));
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
    LEXICON.list_verbs.prefix_of(s).filter(|w| s.len() > w.len())
}

/// Whether the character can start the noun a number counts.
fn starts_noun(c: char) -> bool {
    (is_han(c) && !LEXICON.right_stop_start.contains(&c))
        || c.is_ascii_alphabetic()
        || matches!(c, '“' | '"' | '《' | '「')
}

/// The verbs in the window after a figure, and the nouns that contain one
/// (`投资建设项目`): a verb ends the phrase, a noun does not.
struct VerbsAfter {
    /// (start, end, is a verb rather than a noun with a verb in it).
    found: SmallVec<[(usize, usize, bool); 8]>,
}

impl VerbsAfter {
    fn new(t: &str, end: usize) -> VerbsAfter {
        let lex = &*LEXICON;
        let window = crate::text::first_chars(t.get(end..).unwrap_or(""), MAX_PHRASE_CHARS + 4);
        let found = lex
            .verbs
            .find_all_in(window, &mut Hits::new())
            .iter()
            .map(|&(s, e, pattern)| (end + s, end + e, pattern < lex.n_verbs))
            .collect();
        VerbsAfter { found }
    }

    /// Whether byte `i` is inside a noun that holds a verb.
    fn inside_noun(&self, i: usize) -> bool {
        self.found.iter().any(|&(s, e, verb)| !verb && s < i && i < e)
    }

    /// Whether a noun that holds a verb starts at `i`.
    fn noun_at(&self, i: usize) -> bool {
        self.found.iter().any(|&(s, _, verb)| !verb && s == i)
    }

    /// Whether a verb starts at `i`.
    fn verb_at(&self, i: usize) -> bool {
        self.found.iter().any(|&(s, _, verb)| verb && s == i)
    }

    /// Whether a verb with an aspect marker starts at `i`: a predicate
    /// (`增速做出了…`).
    fn predicate_at(&self, t: &str, i: usize) -> bool {
        self.found
            .iter()
            .any(|&(s, e, verb)| verb && s == i && t.get(e..).is_some_and(|r| r.starts_with(['了', '着', '过'])))
    }
}

/// Whether another figure starts at `rest`: digits and a unit (`…企业,20家`).
fn figure_starts(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_ascii_digit()) && {
        let (_, n) = crate::numeral::scan(rest);
        n.ok().is_some_and(|n| crate::kinds::units::unit_at(rest.get(n.len..).unwrap_or("")).is_some())
    }
}

/// The stretch of text after a figure ending at `end` that may be the noun
/// phrase it counts: from `start` (after `等` and a quantity word when a
/// list of examples comes first: `甲、乙等一批优质项目`) to where a verb,
/// a stop word, a clause mark, another figure or [`MAX_PHRASE_CHARS`] ends
/// it. A parenthesis left open is not part of it.
fn phrase_after(t: &str, end: usize, verbs: &VerbsAfter) -> (usize, usize) {
    let lex = &*LEXICON;
    let mut start = end;
    let mut i = end;
    let mut n = 0;
    let mut depth = 0i32;
    let mut open_paren: Option<usize> = None;
    // Verbs end the phrase once it has a head noun: 项目涵盖…, 集团公司实地考察….
    let has_head = |s: usize, i: usize| t.get(s..i).is_some_and(|np| lex.heads.occurs_in(np));
    while n < MAX_PHRASE_CHARS {
        let Some(c) = char_at(t, i) else { break };
        if i > start && !verbs.inside_noun(i) {
            let rest = t.get(i..).unwrap_or("");
            // A stop that is a verb (投资, 建设) ends the phrase only after a
            // head noun: before one it modifies it (`重大投资合作项目`).
            // A stop inside a word is none (潜在 is not 潜 + 在).
            let inside_word = || {
                char_before(t, i).is_some_and(|(p, _)| {
                    t.get(p..).and_then(|r| lex.bound_words.prefix_of(r)).is_some_and(|w| p + w.len() > i)
                })
            };
            // (The stop word first: most characters start none, and then
            // whether one is inside a word needs no reading.) A word that
            // starts with a stop is none (就业 is not 就 + 业).
            let stop = lex
                .right_stops
                .prefix_of(rest)
                .is_some_and(|w| !(is_verb(w) || lex.verb_indicators.contains(w)) || has_head(start, i))
                && !inside_word()
                && lex.bound_words.prefix_of(rest).is_none();
            // An indicator after a head noun is what the counted things
            // reached, not part of them (`三家经开区地区生产总值…`).
            let indicator = || lex.money_indicators.prefix_of(rest).is_some() && has_head(start, i);
            if (verbs.verb_at(i) && has_head(start, i))
                || verbs.predicate_at(t, i)
                || stop
                || indicator()
                || figure_starts(rest)
            {
                break;
            }
        }
        match c {
            '等' => {
                // 万孚等企业, TSV封装等一批优质项目: what follows 等 names the kind.
                let mut k = i + c.len_utf8();
                if let Some(w) = lex.kind_words.iter().find(|w| t.get(k..).is_some_and(|r| r.starts_with(**w))) {
                    k += w.len();
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
    match open_paren {
        Some(p) if depth > 0 => (start, p),
        _ => (start, i),
    }
}

/// A threshold at `i` that opens a noun phrase (`50亿元以上重大项目`,
/// `80亩以上试点项目`): where it ends.
fn threshold_at(t: &str, i: usize) -> Option<usize> {
    let rest = t.get(i..)?;
    let (_, n) = crate::numeral::scan(rest);
    let n = n.ok()?;
    let after_num = rest.get(n.len..)?;
    let u = crate::kinds::units::unit_at(after_num)?;
    let tail = after_num.get(u.len..)?;
    let q = ["以上", "以下"].iter().find(|q| tail.starts_with(**q))?;
    Some(i + n.len + u.len + q.len())
}

/// A relative clause after a figure (`9所获批设立示范基地的高校`): a
/// numeral and classifier stand before the whole phrase they count, so
/// when a verb follows the figure and `的` closes the clause, in the same
/// clause and before another figure, the clause and the noun after `的`
/// (with a head noun) are what is counted.
fn relative_clause(t: &str, end: usize) -> Option<(usize, usize)> {
    let rest = t.get(end..)?;
    for (k, c) in rest.char_indices().take(MAX_PHRASE_CHARS) {
        if c == '的' {
            // The noun after 的 itself, never another clause: one level,
            // so that a chain of clauses costs no stack.
            let (a, b) = noun_after(t, end + k + c.len_utf8(), false)?;
            let np = t.get(a..b)?;
            return LEXICON.heads.occurs_in(np).then_some((end, b));
        }
        if !(is_han(c) || c.is_ascii_alphabetic()) || figure_starts(rest.get(k..).unwrap_or("")) {
            return None;
        }
    }
    None
}

/// The noun phrase after a figure ending at `end`: what it counts. It must
/// start a noun (not a stop word, unless a noun with a verb in it starts
/// there: `投资建设项目`), or a threshold that opens one (`4个50亿元以上
/// 重大项目`: the threshold is part of what is counted); it ends at its
/// last head noun outside parentheses (`街道(片区)` → `街道`), without a
/// trailing particle.
pub(crate) fn after(t: &str, end: usize) -> Option<(usize, usize)> {
    noun_after(t, end, true)
}

/// [`after`], reading a relative clause when `clauses` says so.
fn noun_after(t: &str, end: usize, clauses: bool) -> Option<(usize, usize)> {
    let lex = &*LEXICON;
    let lead = threshold_at(t, end).filter(|&e| char_at(t, e).is_some_and(starts_noun));
    let from = lead.unwrap_or(end);
    // A word that starts with a stop is none (就业岗位, 从业人员).
    let bound = t.get(from..).is_some_and(|rest| lex.bound_words.prefix_of(rest).is_some());
    if !bound && !starts_noun(char_at(t, from)?) {
        return None;
    }
    let verbs = VerbsAfter::new(t, from);
    if !bound && !verbs.noun_at(from) && t.get(from..).is_some_and(|rest| lex.right_stops.prefix_of(rest).is_some()) {
        return (clauses && lead.is_none() && verbs.verb_at(from)).then(|| relative_clause(t, from)).flatten();
    }
    let (start, i) = phrase_after(t, from, &verbs);
    let start = if lead.is_some() && start == from { end } else { start };
    let np = t.get(start..i).filter(|np| !np.is_empty())?;
    let in_parens = |k: usize| {
        let before = np.get(..k).unwrap_or("");
        before.matches(['(', '（']).count() > before.matches([')', '）']).count()
    };
    let cut = lex.heads.find_all_in(np, &mut Hits::new()).iter().rev().find(|m| !in_parens(m.0)).map(|m| m.1);
    let e = strip_trailing(t, start, start + cut.unwrap_or(np.len()), &lex.np_tail);
    (e > start).then_some((start, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str, fig: &str) -> Option<String> {
        let start = s.find(fig).unwrap();
        let hint = crate::hint::Hint::new();
        before(s, start, 0, Spans::new(&[], &hint), &RATE, None).map(|(a, e)| s[a..e].to_string())
    }

    #[test]
    fn rate_rules_keep_the_comparison() {
        assert_eq!(r("园区出口额同比增长6.4%", "6.4").as_deref(), Some("同比增长"));
        assert_eq!(r("较上年末提高了0.8个百分点", "0.8").as_deref(), Some("较上年末提高"));
        assert_eq!(r("用地面积占全区1/3", "1/3").as_deref(), Some("占全区"));
        assert_eq!(r("确保污水集中处理率98%", "98").as_deref(), Some("污水集中处理率"));
    }

    #[test]
    fn lists_split_on_commas_and_the_last_joiner() {
        let hint = crate::hint::Hint::new();
        let no_cuts = Spans::new(&[], &hint);
        let s = "分别高于全国、全省1.2、0.4个百分点";
        let items = list_before(s, s.find("1.2").unwrap(), 0, no_cuts, 2).unwrap();
        let v: Vec<_> = items.iter().map(|&(x, y)| &s[x..y]).collect();
        assert_eq!(v, ["高于全国", "全省"]);
        let s = "产值、税收和利润分别为9亿元、8000万元、3000万元";
        let items = list_before(s, s.find('9').unwrap(), 0, no_cuts, 3).unwrap();
        let v: Vec<_> = items.iter().map(|&(x, y)| &s[x..y]).collect();
        assert_eq!(v, ["产值", "税收", "利润"]);
    }

    /// The whole-word lookups give what the anchored automata gave.
    #[test]
    fn whole_word_lookups() {
        use aho_corasick::{AhoCorasick, Anchored, Input};
        let whole = |ac: &AhoCorasick, s: &str| {
            ac.find(Input::new(s).anchored(Anchored::Yes))
                .filter(|m| m.end() == s.len())
                .map(|m| m.pattern().as_usize())
        };
        let lex = &*LEXICON;
        let mut verbs = lexicon::VERBS.words();
        verbs.extend(lexicon::NOT_VERBS.words());
        let verbs = lexicon::automaton(&verbs);
        let heads = lexicon::list_automaton(&lexicon::HEAD_NOUNS);
        let mut probes: Vec<String> = Vec::new();
        for w in lexicon::VERBS.words().into_iter().chain(lexicon::NOT_VERBS.words()).chain(lexicon::HEAD_NOUNS.words())
        {
            probes.push(w.to_string());
            probes.push(format!("{w}的"));
            probes.push(w.chars().skip(1).collect());
            probes.push(w.chars().take(1).collect());
        }
        probes.push(String::new());
        for p in &probes {
            assert_eq!(is_verb(p), whole(&verbs, p).is_some_and(|k| k < lex.n_verbs), "{p}");
            assert_eq!(is_head_noun(p), whole(&heads, p).is_some(), "{p}");
        }
    }
}
