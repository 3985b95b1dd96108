//! The newspaper page the project started from (`../shared/seeds/`, read at
//! test time, never copied): four reports, each its own section with its
//! zone and reporter. Where `../shared` is absent (a user's machine) the
//! test says it was skipped and passes. `ZONEFACTS_SHARED` points at another
//! shared directory (the one holding `seeds/`).

use std::path::PathBuf;

fn seed_pages() -> Option<Vec<(PathBuf, String)>> {
    let shared = match std::env::var_os("ZONEFACTS_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"),
    };
    let dir = shared.join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let pages = paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, text)
        })
        .collect::<Vec<_>>();
    (!pages.is_empty()).then_some(pages)
}

#[test]
fn seed_page_is_four_reports() {
    let Some(pages) = seed_pages() else {
        eprintln!("seed page: skipped: ../shared/seeds not found");
        return;
    };
    let (path, text) = &pages[0];
    let doc = zonefacts::extract(text);
    let zones: Vec<&str> = doc.sections.iter().map(|s| s.zone.as_deref().unwrap_or("-")).collect();
    let reporters: Vec<String> = doc.sections.iter().map(|s| s.reporters.join("、")).collect();
    assert_eq!(zones, ["武进高新区", "吉安高新区", "芜湖高新区", "泉州高新区"], "{}", path.display());
    assert_eq!(reporters, ["叶伟", "于大勇", "于大勇", "邓淑华"], "{}", path.display());
    // Each section has a title, the sections tile the page, and every fact
    // lies in the section it names.
    assert!(doc.sections.iter().all(|s| s.title.is_some()));
    assert_eq!(doc.sections.first().map(|s| s.span.start), Some(0));
    assert_eq!(doc.sections.last().map(|s| s.span.end), Some(text.len()));
    for pair in doc.sections.windows(2) {
        assert_eq!(pair[0].span.end, pair[1].span.start);
    }
    for f in &doc.facts {
        let s = &doc.sections[f.section];
        assert!(s.span.start <= f.span.start && f.span.end <= s.span.end, "{f:?} outside {s:?}");
    }
    // Every section has figures of its own.
    for k in 0..doc.sections.len() {
        assert!(doc.facts.iter().any(|f| f.section == k && f.kind() == zonefacts::Kind::Money), "section {k}");
    }
}
