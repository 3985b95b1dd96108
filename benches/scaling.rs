//! Cost per byte of whole-document extraction on one string of 10 KB to
//! 50 MB: it must stay flat (no super-linear path). The summary gives each
//! size's ns/byte as a ratio to the 1 MB case.
//!
//! `cargo bench --bench scaling`

mod support;

use std::hint::black_box;

use support::{SEED, bench, bench_big, corpus, group};
use zonefacts::Extractor;

const SIZES: [(&str, usize); 5] =
    [("10KB", 10_000), ("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000), ("50MB", 50_000_000)];

fn main() {
    let mut c = support::criterion();
    let ex = Extractor::new();
    // One generated text; each size is a prefix of it.
    let text = corpus::text(support::size(SIZES[SIZES.len() - 1].1), SEED);
    let prefix = |n: usize| {
        let mut k = n.min(text.len());
        while !text.is_char_boundary(k) {
            k -= 1;
        }
        &text[..k]
    };
    {
        let mut g = group(&mut c, "scaling");
        for (name, size) in SIZES {
            let t = prefix(size);
            if size < 1_000_000 {
                bench(&mut g, "scaling", name, t.len(), || {
                    black_box(ex.extract(black_box(t)).facts.len());
                });
            } else {
                bench_big(&mut g, "scaling", name, t, |t| ex.extract(t).facts.len());
            }
        }
        g.finish();
    }
    c.final_summary();
    let base = support::ns_per_byte("scaling/1MB");
    let mut extra = vec!["ns/byte relative to 1MB (flat = 1.00):".to_string()];
    for (name, _) in SIZES {
        let id = format!("scaling/{name}");
        extra.push(format!("  {name:>6}  {}", support::ratio(support::ns_per_byte(&id), base)));
    }
    support::summary("scaling", &extra);
}
