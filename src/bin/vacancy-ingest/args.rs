//! The command line: clap (derive) definitions and the value parsers.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

const ABOUT: &str = "Parse ILO JPO vacancy proposals (extracted text or PDF) into JSON records.";

const LONG_ABOUT: &str = "\
Parse ILO JPO vacancy proposals (extracted text or PDF) into JSON records.

Inputs are files, folders (walked recursively) or `-` for a list of paths on standard input. Files are \
recognized by content: a file with `%PDF-` in its first kilobyte is read as a PDF whatever its name, anything \
else as text. One input without --out-dir or --jsonl prints its record as pretty JSON on stdout.

Every input costs at most itself: a corrupt PDF, an unreadable file or a crash inside the PDF reader is \
reported (path, kind, message) on stderr, in the summary and with --errors, and the run goes on. PDFs are read \
in a child process bounded by --pdf-timeout.";

const AFTER_HELP: &str = "\
Examples:
  vacancy-ingest post-2431.txt                      one record, pretty JSON on stdout
  vacancy-ingest --out-dir records/ archive/        records/<folders>/<stem>.json
  vacancy-ingest --jsonl records.jsonl archive/     one record per line, in input order
  vacancy-ingest --out-dir records/ --skip-existing --errors errors.jsonl \\
                 --review review.csv archive/       a resumable migration run
  find /mnt/archive -type f | vacancy-ingest --root /mnt/archive --out-dir records/ -
  vacancy-ingest --jsonl part-3.jsonl --shard 3/8 archive/    machine 3 of 8
  vacancy-ingest --jsonl - archive/ | jq -r .header.post_number.value
  vacancy-ingest --text scan.pdf                    the text a PDF's line numbers refer to

Exit codes:
  0  every input has its record (or was skipped by --skip-existing)
  1  some inputs failed (each is reported), or an output could not be written
  2  usage error: bad arguments, several inputs without --out-dir/--jsonl,
     an output file or folder that cannot be created

Failure kinds (stderr, summary, --errors):
  io, too_large, too_many_pages, pdf_malformed, pdf_no_pages, pdf_encrypted,
  pdf_no_text, pdf_panic, pdf_unsupported    from the library (see its docs)
  empty             the file holds no text at all
  pdf_timeout       the PDF reader ran past --pdf-timeout and was killed
  pdf_crashed       the PDF reader aborted, overflowed its stack or was killed by a signal
  panic             a bug, caught and confined to that input
  output_collision  two inputs would write the same record file
  write             the record file could not be written";

/// Parse ILO JPO vacancy proposals (extracted text or PDF) into JSON records.
#[derive(Parser, Debug)]
#[command(name = "vacancy-ingest", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
#[command(max_term_width = 110)]
pub struct Cli {
    /// Files, folders (walked recursively) or `-` for a list of paths on stdin, one per line
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// In folders, take the files whose name matches PATTERN
    ///
    /// `*` and `?`, ASCII case-insensitive; a pattern with `/` is matched against the path below the folder
    /// (`**` crosses folders). Repeat the option or separate patterns with commas. Files named as inputs are
    /// always taken, and every file is read as PDF or text by its content, whatever its name
    #[arg(long, value_name = "PATTERN", value_delimiter = ',', default_value = "*.pdf,*.txt", help_heading = "Input")]
    pub glob: Vec<String>,

    /// Also walk hidden files and folders (names starting with `.`)
    #[arg(long, help_heading = "Input")]
    pub hidden: bool,

    /// Take paths relative to DIR (folders kept in --out-dir, --shard hash)
    ///
    /// Without it, a folder's files are relative to that folder, and a file named as input or listed on
    /// stdin is just its name. Use it with a list on stdin to keep the archive's folders
    #[arg(long, value_name = "DIR", help_heading = "Input")]
    pub root: Option<PathBuf>,

    /// The list on stdin is separated by NUL bytes (`find -print0`), not newlines
    #[arg(short = '0', long = "null", help_heading = "Input")]
    pub null: bool,

    /// Process only the inputs that hash to shard K of N (K = 1..N)
    ///
    /// The hash is FNV-1a of the path relative to its root (see --root), the same on every machine and run:
    /// shards 1/N to N/N together cover every input exactly once. Collect, name and hash run over all the
    /// inputs, so every shard agrees on record paths
    #[arg(long, value_name = "K/N", value_parser = parse_shard, help_heading = "Input")]
    pub shard: Option<Shard>,

    /// Write one `<stem>.json` per input into DIR, folders kept
    ///
    /// DIR is created if needed. The folders below each input folder are kept, so same-named files in
    /// different folders do not collide; `a.txt` and `a.pdf` side by side give `a.txt.json` and `a.pdf.json`.
    /// Each record is written to a temporary file and renamed into place
    #[arg(long, value_name = "DIR", conflicts_with = "jsonl", help_heading = "Output")]
    pub out_dir: Option<PathBuf>,

    /// Write the records as JSON Lines to FILE (`-`: stdout), in input order
    ///
    /// The order is the input order whatever --jobs. The file is written under a temporary name and
    /// renamed when the run ends
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub jsonl: Option<PathBuf>,

    /// Write each failure as a JSON line {"input","kind","message"} to FILE
    ///
    /// In input order; the file is written (empty) when nothing failed
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub errors: Option<PathBuf>,

    /// Write a CSV of the fields that need a human to FILE
    ///
    /// One row per field below --min-confidence, in input order: input, field (e.g.
    /// `general.department`), confidence, flags (`;`-separated), value (its first 80 characters; lists joined
    /// with ` | `), lines (`30-31`, the input lines; for a PDF, lines of --text)
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub review: Option<PathBuf>,

    /// The confidence a field needs to stay out of the --review report
    #[arg(long, value_name = "LEVEL", value_enum, default_value_t = Level::High, help_heading = "Output")]
    pub min_confidence: Level,

    /// Skip inputs whose record exists and is not older than the input
    ///
    /// For resuming an --out-dir run. Skipped inputs count as done (exit 0) and are not in --review
    #[arg(long, requires = "out_dir", help_heading = "Output")]
    pub skip_existing: bool,

    /// Print the text a record is parsed from (a PDF's text layer)
    ///
    /// The record's `lines` are line numbers of this text
    #[arg(long, help_heading = "Output", conflicts_with_all = ["out_dir", "jsonl", "errors", "review", "skip_existing"])]
    pub text: bool,

    /// Parse N inputs at a time [default: the number of cores]
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), help_heading = "Run")]
    pub jobs: Option<u16>,

    /// Give up on a PDF after this long (`90`, `90s`, `500ms`, `2m`)
    ///
    /// Each PDF is read in a child process; one that runs longer is killed and reported as pdf_timeout
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration, help_heading = "Run")]
    pub pdf_timeout: Duration,

    /// Progress on stderr
    ///
    /// auto: a bar (files done/total, rate, ETA, failures) when stderr is a terminal, nothing otherwise;
    /// always: also a status line every 10 s when stderr is not a terminal (logs); never
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ProgressMode::Auto, help_heading = "Run")]
    pub progress: ProgressMode,

    /// No progress, no summary; failures are still reported
    #[arg(short, long, help_heading = "Run")]
    pub quiet: bool,
}

/// A confidence level, as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Level {
    /// Not found.
    None,
    /// A weak guess.
    Low,
    /// Found with a heuristic.
    Medium,
    /// Found under its own label.
    High,
}

impl Level {
    /// The level of a record's confidence.
    pub fn of(c: vacancy_ingest::Confidence) -> Level {
        match c {
            vacancy_ingest::Confidence::High => Level::High,
            vacancy_ingest::Confidence::Medium => Level::Medium,
            vacancy_ingest::Confidence::Low => Level::Low,
            vacancy_ingest::Confidence::None => Level::None,
        }
    }
}

/// When to show progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    /// Never.
    Never,
    /// A bar when stderr is a terminal.
    Auto,
    /// A bar on a terminal, status lines otherwise.
    Always,
}

/// `--shard K/N`: shard `k` (1-based) of `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/8")?;
    let k: u64 = k.trim().parse().map_err(|_| format!("`{k}` is not a shard number"))?;
    let n: u64 = n.trim().parse().map_err(|_| format!("`{n}` is not a number of shards"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("need 1 <= K <= N, got {k}/{n}"));
    }
    Ok(Shard { k, n })
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let num: f64 = num.parse().map_err(|_| format!("`{s}` is not a duration (e.g. 60s, 500ms, 2m)"))?;
    let secs = match unit.trim() {
        "" | "s" => num,
        "ms" => num / 1000.0,
        "m" | "min" => num * 60.0,
        other => return Err(format!("unknown unit `{other}` (use ms, s or m)")),
    };
    if !(secs.is_finite() && secs > 0.0 && secs < 1e9) {
        return Err(format!("`{s}` is not a positive duration"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards() {
        assert_eq!(parse_shard("2/8"), Ok(Shard { k: 2, n: 8 }));
        assert_eq!(parse_shard("1/1"), Ok(Shard { k: 1, n: 1 }));
        for bad in ["0/3", "4/3", "1/0", "x/3", "3", "1/-2", ""] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("60"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        for bad in ["0", "-1", "s", "5h", "", "1e400"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
