//! The progress bar, drawn on stderr for directories, JSON Lines and large
//! inputs when stderr is a terminal.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::Args;
use crate::input::{Source, Sources};

/// A bar when it is worth one: a directory, JSON Lines, more than 20
/// inputs or 1 MiB; none with `--quiet` or when stderr is not a terminal.
pub fn bar(args: &Args, sources: &Sources) -> Option<ProgressBar> {
    if args.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let sizes: Option<u64> = sources.list.iter().map(Source::size).sum();
    let large = sizes.is_some_and(|s| s >= 1 << 20) || sources.list.len() > 20;
    if !(sources.had_dir || large || args.jsonl_field.is_some()) {
        return None;
    }
    let bar = match sizes {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {binary_bytes} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}
