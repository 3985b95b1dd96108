//! Throughput of whole-document extraction, per kind, and of the floor (one
//! compiled `regex` with captures for number + unit) on the same text: the
//! generated articles, and real text (the dev passages and the seed page of
//! `../shared`, each a document, repeated to about 20 MB; skipped with a
//! message when `../shared/corpus/dev` is absent).
//!
//! `cargo bench --bench throughput`; the summary at the end gives MB/s, the
//! ratio to the floor, and what asking for fewer kinds saves (little: the
//! per-stage profile is `bench/profile.sh`).

mod support;

use std::hint::black_box;

use criterion::Criterion;
use support::{SEED, bench, bench_big, corpus, floor, group, mb_s, ratio};
use zonefacts::{Extractor, Kind, KindSet};

fn extract_all(ex: &Extractor, articles: &[String]) -> usize {
    articles.iter().map(|a| black_box(ex.extract(a)).facts.len()).sum()
}

/// The articles in groups of about 512 KB, each group extracted at once,
/// stage by stage (`Extractor::extract_many`), cut as `extract_batch` cuts
/// them on each thread: before an article that would take the group past
/// 512 KB (an article larger than that is a group of its own).
fn extract_grouped(ex: &Extractor, articles: &[String]) -> usize {
    let mut facts = 0;
    let mut extract = |group: &[String]| {
        let docs = ex.extract_many(group.iter().map(String::as_str));
        facts += black_box(docs).iter().map(|d| d.facts.len()).sum::<usize>();
    };
    let (mut start, mut size) = (0, 0);
    for (i, a) in articles.iter().enumerate() {
        if i > start && size + a.len() > 512 << 10 {
            extract(articles.get(start..i).unwrap_or(&[]));
            (start, size) = (i, 0);
        }
        size += a.len();
    }
    extract(articles.get(start..).unwrap_or(&[]));
    facts
}

/// The size the real text is repeated to.
const REAL_BYTES: usize = 20_000_000;

/// The real-text corpus: the passages of `../shared/corpus/dev` and the
/// pages of `../shared/seeds` (beside the crate), each a document, in name
/// order, repeated to about `bytes`; `None` when the dev corpus is absent.
fn real_corpus(bytes: usize) -> Option<Vec<String>> {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut docs = Vec::new();
    for dir in ["corpus/dev", "seeds"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else { continue };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        docs.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    if !shared.join("corpus/dev").is_dir() || docs.is_empty() {
        return None;
    }
    let once: usize = docs.iter().map(String::len).sum();
    let times = bytes.div_ceil(once.max(1)).max(1);
    Some(docs.iter().cycle().take(docs.len() * times).cloned().collect())
}

fn main() {
    let articles = corpus::articles(support::size(support::CORPUS_BYTES), SEED);
    let one = articles.join("\n\n");
    let article_bytes: usize = articles.iter().map(String::len).sum();
    let mut c: Criterion = support::criterion();

    let re = floor::regex();
    let full = Extractor::new();
    {
        let mut g = group(&mut c, "full");
        bench(&mut g, "full", "articles", article_bytes, || {
            black_box(extract_all(&full, &articles));
        });
        bench(&mut g, "full", "articles_grouped", article_bytes, || {
            black_box(extract_grouped(&full, &articles));
        });
        bench_big(&mut g, "full", "one_string", &one, |t| full.extract(t).facts.len());
        g.finish();
    }
    {
        let mut g = group(&mut c, "floor");
        bench(&mut g, "floor", "regex_captures", one.len(), || {
            black_box(floor::run(&re, &one));
        });
        bench(&mut g, "floor", "regex_captures_articles", article_bytes, || {
            black_box(articles.iter().map(|a| floor::run(&re, a)).sum::<usize>());
        });
        g.finish();
    }
    // Real text, as users extract it: each passage a document.
    let real = real_corpus(support::size(REAL_BYTES));
    let real_bytes: usize = real.as_ref().map_or(0, |r| r.iter().map(String::len).sum());
    match &real {
        Some(docs) => {
            let mut g = group(&mut c, "real");
            bench(&mut g, "real", "full", real_bytes, || {
                black_box(extract_all(&full, docs));
            });
            bench(&mut g, "real", "grouped", real_bytes, || {
                black_box(extract_grouped(&full, docs));
            });
            bench(&mut g, "real", "floor", real_bytes, || {
                black_box(docs.iter().map(|a| floor::run(&re, a)).sum::<usize>());
            });
            g.finish();
        }
        None => println!("real-text benchmark skipped: ../shared/corpus/dev not found beside the crate"),
    }
    {
        let only = |k: &[Kind]| k.iter().fold(KindSet::empty(), |s, k| s.with(*k));
        let numeric = [Kind::Money, Kind::Count, Kind::Measure, Kind::Percent];
        let variants: [(&str, KindSet); 9] = [
            ("none", KindSet::empty()),
            ("money", only(&[Kind::Money])),
            ("count", only(&[Kind::Count])),
            ("measure", only(&[Kind::Measure])),
            ("percent", only(&[Kind::Percent])),
            ("numeric", only(&numeric)),
            ("date", only(&[Kind::Date])),
            ("zone", only(&[Kind::Zone])),
            ("platform_zone", only(&[Kind::Platform, Kind::Zone])),
        ];
        let mut g = group(&mut c, "kinds");
        for (name, kinds) in variants {
            let ex = Extractor::builder().kinds(kinds).build();
            bench(&mut g, "kinds", name, article_bytes, || {
                black_box(extract_all(&ex, &articles));
            });
        }
        g.finish();
    }
    c.final_summary();

    let t = |id: &str| support::best(id).map(|(ns, _)| ns / 1e6);
    let full_ms = t("full/articles");
    // What asking for fewer kinds saves. Every stage runs for any kind set
    // that is not empty (a fact of one kind is the same whatever else is
    // asked: zones depend on dates and platforms, platforms on figures), so
    // a kind set saves only the records it does not build: these are not
    // the costs of stages, which `bench/profile.sh` measures.
    let kind_set = |name: &str, id: &str| match (t(id), full_ms) {
        (Some(d), Some(f)) => format!("  {name:<46} {d:8.1} ms  {:4.0}% of all kinds", d / f * 100.0),
        _ => format!("  {name:<46} n/a"),
    };
    let real_lines = match &real {
        Some(docs) => vec![
            format!(
                "full/floor time ratio (real text):  {}  (floor {} MB/s, full {} MB/s; {} documents, {real_bytes} bytes)",
                ratio(mb_s("real/floor"), mb_s("real/full")),
                fmt(mb_s("real/floor")),
                fmt(mb_s("real/full")),
                docs.len()
            ),
            format!(
                "  the same in groups of 512 KB:     {}  (extract_many: {} MB/s)",
                ratio(mb_s("real/floor"), mb_s("real/grouped")),
                fmt(mb_s("real/grouped"))
            ),
        ],
        None => vec!["real text: skipped (../shared/corpus/dev not found)".to_string()],
    };
    let mut extra = vec![
        format!("corpus: {} articles, {article_bytes} bytes; one string {} bytes", articles.len(), one.len()),
        format!(
            "full/floor time ratio (articles):   {}  (floor {} MB/s, full {} MB/s)",
            ratio(mb_s("floor/regex_captures_articles"), mb_s("full/articles")),
            fmt(mb_s("floor/regex_captures_articles")),
            fmt(mb_s("full/articles"))
        ),
        format!(
            "  the same in groups of 512 KB:     {}  (extract_many: {} MB/s)",
            ratio(mb_s("floor/regex_captures_articles"), mb_s("full/articles_grouped")),
            fmt(mb_s("full/articles_grouped"))
        ),
        format!(
            "full/floor time ratio (one string): {}  (floor {} MB/s, full {} MB/s)",
            ratio(mb_s("floor/regex_captures"), mb_s("full/one_string")),
            fmt(mb_s("floor/regex_captures")),
            fmt(mb_s("full/one_string"))
        ),
    ];
    extra.extend(real_lines);
    extra.extend([
        "kind sets on the articles (every stage runs for any kind set; the per-stage profile is bench/profile.sh):"
            .to_string(),
        kind_set("no kind (returns at once)", "kinds/none"),
        kind_set("money only", "kinds/money"),
        kind_set("the four numeric kinds", "kinds/numeric"),
        kind_set("dates only", "kinds/date"),
        kind_set("zones only", "kinds/zone"),
    ]);
    support::summary("throughput", &extra);
}

fn fmt(x: Option<f64>) -> String {
    x.map_or("n/a".to_string(), |x| format!("{x:.1}"))
}
