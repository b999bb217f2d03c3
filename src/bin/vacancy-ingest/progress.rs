//! Progress on stderr: an indicatif bar on a terminal, plain status lines
//! for logs (`--progress always` off a terminal), or nothing.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::args::ProgressMode;

/// How often a status line is printed when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(10);

pub enum Progress {
    Off,
    Bar(ProgressBar, u64),
    Lines { total: u64, done: u64, failed: u64, start: Instant, last: Instant },
}

impl Progress {
    /// Whether progress shows (given at least two inputs): the caller needs their total first.
    pub fn shown(mode: ProgressMode, quiet: bool) -> bool {
        !quiet
            && match mode {
                ProgressMode::Never => false,
                ProgressMode::Auto => std::io::stderr().is_terminal(),
                ProgressMode::Always => true,
            }
    }

    pub fn new(mode: ProgressMode, quiet: bool, total: u64) -> Progress {
        let tty = std::io::stderr().is_terminal();
        match mode {
            _ if quiet || total < 2 => Progress::Off,
            ProgressMode::Never => Progress::Off,
            ProgressMode::Auto if !tty => Progress::Off,
            ProgressMode::Always if !tty => {
                let now = Instant::now();
                Progress::Lines { total, done: 0, failed: 0, start: now, last: now }
            }
            _ => {
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(8));
                let style = ProgressStyle::with_template(
                    "{elapsed_precise} {bar:32.cyan/blue} {pos}/{len} files  {rate:.dim}  ETA {eta}  {msg}",
                )
                .map(|s| {
                    s.progress_chars("█▉▊▋▌▍▎▏ ").with_key("rate", |st: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} files/s", st.per_sec());
                    })
                })
                .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
                bar.set_message("0 failed");
                bar.enable_steady_tick(Duration::from_millis(250));
                Progress::Bar(bar, 0)
            }
        }
    }

    /// One more input done.
    pub fn inc(&mut self, failed: bool) {
        match self {
            Progress::Off => {}
            Progress::Bar(bar, failures) => {
                bar.inc(1);
                if failed {
                    *failures += 1;
                    bar.set_message(format!("{failures} failed"));
                }
            }
            Progress::Lines { done, failed: f, .. } => {
                *done += 1;
                *f += u64::from(failed);
                self.tick();
            }
        }
    }

    /// Prints a status line if one is due (status-line mode only).
    pub fn tick(&mut self) {
        if let Progress::Lines { total, done, failed, start, last } = self {
            if last.elapsed() < LINE_EVERY {
                return;
            }
            *last = Instant::now();
            let secs = start.elapsed().as_secs_f64();
            let rate = *done as f64 / secs.max(1e-9);
            let eta = if rate > 0.0 { format!("{:.0} s", (*total - *done) as f64 / rate) } else { "?".into() };
            eprintln!("vacancy-ingest: {done}/{total} files, {rate:.0} files/s, ETA {eta}, {failed} failed");
        }
    }

    /// Prints a line on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        match self {
            Progress::Bar(bar, _) => bar.suspend(|| eprintln!("{line}")),
            _ => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Progress::Bar(bar, _) = self {
            bar.finish_and_clear();
        }
    }
}
