//! Word lists as data.
//!
//! Every list the rules use is a text file under `src/lexicon/`, one entry
//! per line, with `#` comments saying why an entry (or a group of entries)
//! is there. Files are embedded with `include_str!` and compiled into
//! automata or bucketed [`Words`] once, at first use, by the module that
//! owns the rule.
//!
//! # File format
//!
//! ```text
//! # A comment line.
//! #! include: subject/common_verbs     (the entries of another list, first)
//! #! overlaps: names/stop_words subject/* -- why they may share entries
//! 引进                                  # an entry
//! 元人民币  CNY                            # an entry with columns (tabs or spaces)
//! ```
//!
//! A test (`lexicon::tests`) checks every list: no entry twice (includes
//! counted), no directive naming a list that does not exist, and no entry
//! shared by two lists unless one includes the other or one declares
//! `#! overlaps:` the other (or its folder, `subject/*`) with its reason. The owners of lists with
//! columns check that every row parses (`kinds::units`, for instance).

mod charmap;
mod ends;
mod words;

pub(crate) use ends::{EndSearcher, Hits};
pub(crate) use words::Words;

/// One word list: a file of the lexicon.
pub(crate) struct List {
    /// The file's path under `src/lexicon/`, without `.txt`: `subject/verbs`.
    pub name: &'static str,
    src: &'static str,
}

/// The lines of a list that hold entries: comments and blank lines left out,
/// trailing comments cut.
fn entry_lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines().filter_map(|line| {
        // A comment starts at a `#` after white space (or at the line's start).
        let cut = memchr::memchr_iter(b'#', line.as_bytes())
            .find(|&k| k == 0 || line.as_bytes().get(k - 1).is_some_and(u8::is_ascii_whitespace));
        let line = cut.and_then(|k| line.get(..k)).unwrap_or(line);
        let line = line.trim();
        (!line.is_empty() && !line.starts_with('#')).then_some(line)
    })
}

impl List {
    /// The list names of the `#! key:` directive lines of this file (the
    /// names before ` -- `, which starts the reason).
    fn directives(&self, key: &'static str) -> impl Iterator<Item = &'static str> + '_ {
        self.src
            .lines()
            .filter_map(move |l| l.strip_prefix("#!")?.trim_start().strip_prefix(key)?.strip_prefix(':'))
            .flat_map(|rest| rest.split(" -- ").next().unwrap_or("").split_whitespace())
    }

    /// The lists this one includes.
    fn includes(&self) -> impl Iterator<Item = &'static List> + '_ {
        self.directives("include").filter_map(|name| ALL.iter().copied().find(|l| l.name == name))
    }

    /// The rows of the list, each split into its columns, included lists'
    /// rows first.
    pub fn rows(&self) -> Vec<Vec<&'static str>> {
        let mut out: Vec<Vec<&'static str>> = self.includes().flat_map(|l| l.rows()).collect();
        out.extend(entry_lines(self.src).map(|l| l.split_whitespace().collect()));
        out
    }

    /// The entries (first column) of the list, included lists' first
    /// (read without splitting rows into vectors: lists are read at start-up).
    pub fn words(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.includes().flat_map(|l| l.words()).collect();
        out.extend(entry_lines(self.src).filter_map(|l| l.split_whitespace().next()));
        out
    }

    /// The list as single characters (for lists of one-character entries).
    pub fn chars(&self) -> Vec<char> {
        self.words().iter().filter_map(|w| w.chars().next()).collect()
    }

    /// The list as bucketed [`Words`].
    pub fn bucketed(&self) -> Words {
        Words::new(&self.words())
    }
}

/// A leftmost-longest automaton over `words`, anchored or not: what the
/// library's searchers ([`EndSearcher`], [`Words`]) replaced, kept for the
/// tests that check they find the same.
#[cfg(test)]
pub(crate) fn automaton(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasickBuilder::new()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .start_kind(aho_corasick::StartKind::Both)
        .build(words)
        .unwrap_or_else(|e| panic!("a word list does not compile: {e}"))
}

/// An automaton over a whole list (see [`automaton`]).
#[cfg(test)]
pub(crate) fn list_automaton(list: &List) -> aho_corasick::AhoCorasick {
    automaton(&list.words())
}

macro_rules! lists {
    ($($(#[$doc:meta])* $ident:ident = $path:literal;)*) => {
        $(
            $(#[$doc])*
            pub(crate) static $ident: List = List { name: $path, src: include_str!(concat!($path, ".txt")) };
        )*
        /// Every list of the lexicon.
        pub(crate) static ALL: &[&List] = &[$(&$ident,)*];
    };
}

lists! {
    // ---- subjects: the indicator of a figure (src/subject.rs)
    /// Words that link an indicator to its figure, stripped from the end.
    TRAILING_LINKS = "subject/trailing_links";
    /// A change stated after an amount's indicator, stripped from the end.
    TRAILING_CHANGES = "subject/trailing_changes";
    /// Stripped from the start of an amount's subject only.
    AMOUNT_LEADING = "subject/amount_leading";
    /// Connectives and adverbs stripped from the start of a subject.
    LEADING = "subject/leading";
    /// Main verbs: an amount's subject starts after the last of them.
    VERBS = "subject/verbs";
    /// Words that contain a verb but are nouns, or verbs modifying a noun.
    NOT_VERBS = "subject/not_verbs";
    /// Indicators written as verb + noun that keep their verb.
    VERB_INDICATORS = "subject/verb_indicators";
    /// Tasks: an amount's indicator as they stand.
    TASKS = "subject/tasks";
    /// Words that precede a verb indicator and stay with it.
    INDICATOR_PREFIXES = "subject/indicator_prefixes";
    /// Who owns a figure: a subject starts after them.
    OWNERS = "subject/owners";
    /// What may follow an owner word and still be the subject.
    GENERIC_MEASURES = "subject/generic_measures";
    /// Time adverbs that end the part of a clause that is not the subject.
    TIME_ADVERBS = "subject/time_adverbs";
    /// Comparisons a percentage's subject starts with.
    COMPARISONS = "subject/comparisons";
    /// Function words the noun after a number cannot start with.
    RIGHT_STOP_START = "subject/right_stop_start";
    /// Words that end the noun phrase after a number.
    RIGHT_STOPS = "subject/right_stops";
    /// Head nouns: a noun phrase after a number ends at the last of them.
    HEAD_NOUNS = "subject/head_nouns";
    /// Verbs of completion that alone say what a count counts.
    LONE_VERBS = "subject/lone_verbs";
    /// What a noun phrase after a figure does not end with.
    NP_TAIL = "subject/np_tail";
    /// Growth nouns after a list of indicators.
    GROWTH_NOUNS = "subject/growth_nouns";
    /// What joins the last two items of a list.
    LIST_JOINERS = "subject/list_joiners";
    /// Verbs a list's first item shares with the others.
    LIST_VERBS = "subject/list_verbs";
    /// Links between two figures of a clause that share a subject.
    FIGURE_LINKS = "subject/figure_links";
    /// Words that start like a word to strip but are one word.
    BOUND_WORDS = "subject/bound_words";
    /// Collective nouns after 等 that sum up a list of indicators.
    LIST_SUMMARIES = "subject/list_summaries";
    /// Words after a figure that name it a milestone (大关).
    MILESTONES = "subject/milestones";
    /// Words that qualify an owner without naming one (规上, 中小).
    OWNER_MODIFIERS = "subject/owner_modifiers";
    /// Quantity words between 等 and the kind listed.
    KIND_AFTER_DENG = "subject/kind_after_deng";

    // ---- changes (src/change.rs)
    /// Verbs of change.
    CHANGE_VERBS = "change/verbs";
    /// Verbs that compare with a place or level after them.
    CHANGE_COMPARATIVES = "change/comparatives";
    /// Bases of a change before its verb.
    CHANGE_BASES = "change/bases";
    /// Nouns that name a change.
    CHANGE_NOUNS = "change/nouns";
    /// Distributive words left out of a change.
    CHANGE_DISTRIBUTIVES = "change/distributives";

    // ---- targets (src/target.rs)
    /// Words that make the figures after them targets.
    TARGET_CUES = "target/cues";
    /// Words that make targets with a verb of reaching after them.
    TARGET_MODALS = "target/modals";
    /// Verbs of reaching or producing.
    TARGET_REACHING_VERBS = "target/reaching_verbs";
    /// Words that report a result and end a cue's reach.
    TARGET_RESULT_MARKERS = "target/result_markers";
    /// The attributes of a project.
    TARGET_ATTRIBUTES = "target/attributes";

    // ---- the numeric kinds (src/kinds/)
    /// Currency words, with their codes.
    MONEY_CURRENCIES = "money/currencies";
    /// Indicators that make a bare 万/亿 amount money.
    MONEY_INDICATORS = "money/indicators";
    /// Count classifiers.
    COUNT_CLASSIFIERS = "count/classifiers";
    /// Words after 个 that make the number a duration.
    COUNT_DURATION_AFTER_GE = "count/duration_after_ge";
    /// Verbs before N位/N名 that make it a change of rank.
    COUNT_RANK_CHANGE = "count/rank_change";
    /// Characters after 人 that make a noun (人才, 人员), not a head count.
    COUNT_AFTER_REN = "count/after_ren";
    /// Place names that start with a numeral and a classifier.
    COUNT_NUMERAL_PLACES = "count/numeral_places";
    /// Physical units, with base unit and factor.
    MEASURE_UNITS = "measure/units";
    /// Words that make 度 electricity.
    MEASURE_ENERGY_CONTEXT = "measure/energy_context";
    /// Words ending a measure's subject that name what a capacity or area is of.
    MEASURE_INDICATORS = "measure/indicators";
    /// What carries a product's capacity (项目, 生产线).
    MEASURE_CARRIERS = "measure/carriers";
    /// Percent words.
    PERCENT_UNITS = "percent/units";
    /// Characters after 成 that make a word (成本, 成果), not tenths.
    PERCENT_NOT_TENTHS = "percent/not_tenths";
    /// Words before `a/b` that make it a fraction.
    PERCENT_FRACTION_CUES = "percent/fraction_cues";

    // ---- shared
    /// Verbs that introduce a thing: they end a subject's non-subject part
    /// and a name's left reach.
    COMMON_INTRODUCING_VERBS = "common/introducing_verbs";

    // ---- names (src/names.rs, src/zone.rs, src/platform.rs)
    /// Words a name never reaches across on its left.
    NAME_STOP_WORDS = "names/stop_words";
    /// Words holding a stop word that are not one (呼和浩特).
    NAME_STOP_EXCEPTIONS = "names/stop_exceptions";
    /// Verbs before a name that make it a title conferred.
    NAME_CONFERRED = "names/conferred";
    /// Words that alone make no name.
    NAME_GENERIC = "names/generic";
    /// Regions and countries that start a zone name, beside the gazetteer.
    NAME_REGIONS = "names/regions";
    /// Short forms of divisions that are common words, not places.
    NAME_NOT_PLACES = "names/not_places";
    /// Industry words: distinctive after a local name, generic alone.
    NAME_INDUSTRIES = "names/industries";
    /// Zone suffixes.
    ZONE_SUFFIXES = "zone/suffixes";
    /// Park words: zone suffixes when a place or local name leads them.
    ZONE_PARKS = "zone/parks";
    /// Suffixes that name a zone only with a place before them.
    ZONE_NEEDS_PLACE = "zone/needs_place";
    /// Words after which a zone name starts.
    ZONE_MARKERS = "zone/markers";
    /// Words that alone make no zone name.
    ZONE_GENERIC = "zone/generic";
    /// Words that already make a name a zone.
    ZONE_WORDS = "zone/zone_words";
    /// Platform head words, with their types.
    PLATFORM_HEADS = "platform/heads";
    /// Heads that name a part of the platform before them.
    PLATFORM_SUB_UNITS = "platform/sub_units";
    /// Whole words that end in a head word but are no platforms.
    PLATFORM_NOT_PLATFORMS = "platform/not_platforms";
    /// Words before a name that make it a goal or a kind.
    PLATFORM_DESCRIPTIVE = "platform/descriptive";
    /// Words that alone make no platform name.
    PLATFORM_GENERIC = "platform/generic";
    /// Designations that start titles, not names.
    PLATFORM_DESIGNATIONS = "platform/designations";
    /// Academies whose 院 is no platform head.
    PLATFORM_ACADEMIES = "platform/academies";
    /// Fields of work that make 谷, 岛, 街 platform heads.
    PLATFORM_PLACE_FIELDS = "platform/place_fields";

    // ---- dates (src/dates.rs) and sections (src/section.rs)
    /// Relative years with their offsets.
    DATE_RELATIVE_YEARS = "dates/relative_years";
    /// Words before a date that make it a comparison base.
    DATE_COMPARISON_BASES = "dates/comparison_bases";
    /// Relation words before a date.
    DATE_RELATIONS = "dates/relations";
    /// What may follow N号 for it to be a day.
    DATE_DAY_FOLLOWERS = "dates/day_followers";
    /// Words that end the reporters' names in a byline.
    SECTION_BYLINE_STOPS = "section/byline_stops";

    // ---- the text layer (src/text.rs)
    /// Traditional characters and their simplified forms.
    TRADITIONAL = "text/traditional";

    // ---- the candidate scan (src/scan.rs)
    /// Unit words that begin with a numeral character.
    SCAN_NUMERAL_LED_UNITS = "scan/numeral_led_units";
    /// Qualifiers before a number, with their approx.
    SCAN_PRE_QUALIFIERS = "scan/pre_qualifiers";
    /// Qualifiers after a unit, with their approx.
    SCAN_POST_QUALIFIERS = "scan/post_qualifiers";
    /// Words ending in a qualifier's character that are none.
    SCAN_NOT_QUALIFIERS = "scan/not_qualifiers";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn every_list_is_clean() {
        let mut problems = Vec::new();
        for list in ALL {
            let mut seen = HashSet::new();
            for w in list.words() {
                if !seen.insert(w) {
                    problems.push(format!("{}: {w} twice", list.name));
                }
            }
            for name in list.directives("include").chain(list.directives("overlaps")) {
                if !ALL.iter().any(|l| names_list(name, l)) {
                    problems.push(format!("{}: names {name}, which is no list", list.name));
                }
            }
            if list.words().is_empty() {
                problems.push(format!("{}: empty", list.name));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Whether a directive's name (a list, or `dir/*` for every list of a
    /// folder) names `list`.
    fn names_list(pattern: &str, list: &List) -> bool {
        match pattern.strip_suffix('*') {
            Some(dir) => list.name.starts_with(dir),
            None => pattern == list.name,
        }
    }

    /// Whether `a` and `b` may share entries: one includes or declares the other.
    fn related(a: &List, b: &List) -> bool {
        let declares =
            |x: &List, y: &List| x.directives("include").chain(x.directives("overlaps")).any(|n| names_list(n, y));
        declares(a, b) || declares(b, a)
    }

    #[test]
    fn lists_overlap_only_where_declared() {
        let mut owner: HashMap<&str, Vec<&List>> = HashMap::new();
        for list in ALL {
            // A list's own entries, not those it includes.
            for w in entry_lines(list.src).filter_map(|l| l.split_whitespace().next()) {
                owner.entry(w).or_default().push(list);
            }
        }
        // Entries a list takes from an include belong to the included list:
        // two lists that include the same one share them by design.
        let mut problems = Vec::new();
        let mut pairs: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        for (w, lists) in &owner {
            for (i, a) in lists.iter().enumerate() {
                for b in lists.iter().skip(i + 1) {
                    if a.name != b.name && !related(a, b) {
                        let key = if a.name < b.name { (a.name, b.name) } else { (b.name, a.name) };
                        pairs.entry(key).or_default().push(w);
                    }
                }
            }
        }
        for ((a, b), mut ws) in pairs {
            ws.sort_unstable();
            problems.push(format!("{a} and {b} share {} entries, undeclared: {}", ws.len(), ws.join(" ")));
        }
        problems.sort();
        assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    }
}
