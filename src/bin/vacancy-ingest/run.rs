//! The run: walk the inputs, parse them on a rayon pool, and put the
//! outcomes out in input order (JSONL, errors, review report), whatever the
//! number of jobs.
//!
//! Workers pull the next input and its index from one [`Feed`] (under a
//! mutex): the walk itself where nothing needs the whole list (JSONL, stdout
//! without progress: memory flat in the number of files), or the list
//! collected first where something does (`--out-dir`, a progress bar or
//! status lines; see [`main`]). Each outcome goes to the main thread, which
//! writes them in input order. To bound the memory held by outcomes waiting
//! for a slow input before them (a PDF running into its timeout), a worker
//! does not start an input more than [`WINDOW`] ahead of the last one
//! written.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::io::{BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use clap::CommandFactory;
use vacancy_ingest::{is_pdf, Parser};

use crate::args::{Cli, Level, Shard};
use crate::inputs::{self, Collect, Input, Walker};
use crate::output::{write_atomic, AtomicFile};
use crate::progress::Progress;
use crate::review::{self, RecordStats};
use crate::worker;

/// How far ahead of the last outcome written a worker may start an input
/// when outcomes carry records (JSONL, stdout). 4096 records of about 20 KB
/// is under 100 MB.
const WINDOW: usize = 4096;

/// How many failures the summary lists one by one.
const SUMMARY_FAILURES: usize = 20;

/// Exit code: some inputs failed, or an output could not be written.
const EXIT_FAILED: u8 = 1;

/// Why one input has no record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// A snake_case kind: the library's [`vacancy_ingest::ErrorKind`] names,
    /// or one of the CLI's (`empty`, `pdf_timeout`, `pdf_crashed`, `panic`,
    /// `output_collision`, `write`).
    pub kind: String,
    pub message: String,
}

impl Failure {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure { kind: kind.into(), message: message.into() }
    }

    fn from_error(e: &vacancy_ingest::Error) -> Failure {
        Failure::new(e.kind().as_str(), e.message())
    }
}

/// Where records go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One input: its pretty record on stdout.
    Stdout,
    /// `--out-dir`: workers write the record files.
    OutDir,
    /// `--jsonl`: the main thread writes the lines in input order.
    Jsonl,
}

/// What the workers need.
struct Job {
    parser: Parser,
    exe: Result<PathBuf, String>,
    pdf_timeout: Duration,
    skip_existing: bool,
    review: Option<Level>,
    mode: Mode,
}

/// A parsed input.
struct Parsed {
    /// The pretty record (stdout) or its JSON line (JSONL); `None` once written (out-dir).
    output: Option<String>,
    stats: RecordStats,
    review_rows: Vec<String>,
    pdf: bool,
    bytes: u64,
}

enum Outcome {
    Parsed(Parsed),
    Skipped,
    Failed(Failure),
}

/// Prints a usage error in clap's format and exits with code 2.
fn usage(msg: impl std::fmt::Display) -> ! {
    Cli::command().error(clap::error::ErrorKind::InvalidValue, msg).exit()
}

pub fn main(cli: Cli) -> ExitCode {
    let opts = Collect { globs: &cli.glob, hidden: cli.hidden, root: cli.root.as_deref(), null_separated: cli.null };
    let walker = match Walker::new(&cli.inputs, &opts) {
        Ok(w) => w,
        Err(msg) => usage(msg),
    };
    if cli.text {
        return text_mode(walker);
    }
    // clap's `requires` gives way when a conflicting argument (--jsonl) is present.
    if cli.skip_existing && cli.out_dir.is_none() {
        usage("--skip-existing needs --out-dir DIR (the records it looks for)");
    }
    let mut feed = Feed { walker, ahead: VecDeque::new(), shard: cli.shard, found: 0, kept: 0, next: 0 };
    let mode = match (&cli.out_dir, &cli.jsonl) {
        (Some(_), _) => Mode::OutDir,
        (None, Some(_)) => Mode::Jsonl,
        (None, None) => {
            // Whether exactly one input goes to stdout: two tell (before --shard, as always).
            let first = feed.take(2);
            match first.len() {
                0 => usage("no input files found (folders take --glob, by default *.pdf,*.txt)"),
                1 => {
                    feed.queue(first);
                    Mode::Stdout
                }
                n => usage(format!("{} inputs need --out-dir DIR or --jsonl FILE", n + feed.walker.by_ref().count())),
            }
        }
    };
    if let Some(dir) = &cli.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            usage(format!("cannot create the output folder {}: {e}", dir.display()));
        }
        // --out-dir collects first: an input's record path depends on the others (`a.txt` beside `a.pdf`
        // gives `a.txt.json`; the same relative path twice is an output_collision), over every shard alike.
        let mut all = feed.take(usize::MAX);
        inputs::assign_records(&mut all, dir);
        feed.queue(all);
    }
    // A progress bar or status lines collect first: they show the total.
    let progress_shown = Progress::shown(cli.progress, cli.quiet);
    if progress_shown {
        let all = feed.take(usize::MAX);
        feed.queue(all);
    }
    // On an error, the files opened before are dropped (their temporary files removed) before exiting.
    let (sink, errors, review_file) = match open_outputs(&cli) {
        Ok(outputs) => outputs,
        Err(msg) => usage(msg),
    };
    let sink_tmp = match &sink {
        Sink::File(f) => Some(f.tmp()),
        Sink::Stdout(_) => None,
    };
    let own: Vec<&Path> =
        sink_tmp.into_iter().chain([&errors, &review_file].into_iter().flatten().map(|f| f.tmp())).collect();
    feed.walker.leave_out(&own);

    let jobs = cli.jobs.map(usize::from).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let job = Job {
        parser: Parser::default(),
        exe: std::env::current_exe().map_err(|e| e.to_string()),
        pdf_timeout: cli.pdf_timeout,
        skip_existing: cli.skip_existing,
        review: cli.review.as_ref().map(|_| cli.min_confidence),
        mode,
    };
    let window = if mode == Mode::OutDir { usize::MAX } else { WINDOW };
    let progress =
        if progress_shown { Progress::new(cli.progress, cli.quiet, feed.ahead.len() as u64) } else { Progress::Off };
    let mut out = Collector {
        sink,
        errors,
        review: review_file,
        progress,
        totals: Totals::default(),
        pending: BTreeMap::new(),
        next: 0,
    };
    let start = Instant::now();
    let result = run_pool(&job, &mut feed, jobs, window, &mut out);
    out.progress.finish();
    let fatal = result.and_then(|()| out.commit()).err();
    let elapsed = start.elapsed();
    // One input on stdout is the single-file tool: its failure was reported, no summary.
    if !cli.quiet && mode != Mode::Stdout {
        // The notes count the whole walk: after a fatal error the run stopped early, so walk the rest.
        feed.finish();
        let t = &out.totals;
        let mut notes = Vec::new();
        if let Some(shard) = cli.shard {
            notes.push(format!("shard {shard}: {} of {} inputs", feed.kept, feed.found));
        }
        let duplicates = feed.walker.duplicates();
        if duplicates > 0 {
            notes.push(format!("{duplicates} paths named twice were taken once"));
        }
        let dir_links_skipped = feed.walker.dir_links_skipped();
        if dir_links_skipped > 0 {
            notes.push(format!("{dir_links_skipped} folders reached again through links were walked once"));
        }
        if feed.found == 0 {
            notes.push("no input files found (folders take --glob, by default *.pdf,*.txt)".into());
        }
        eprint!("{}", t.summary(elapsed, jobs, &notes, cli.errors.as_deref()));
    }
    if let Some(msg) = fatal {
        eprintln!("vacancy-ingest: error: {msg}");
        return ExitCode::from(EXIT_FAILED);
    }
    if out.totals.failed > 0 {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// The inputs the workers pull, each with its index in input order: first
/// those taken from the walk before the run (all of them when a mode
/// collects first, the one peeked for stdout), then the rest of the walk.
/// `--shard` filters both.
struct Feed<'a> {
    walker: Walker<'a>,
    /// Taken before the run and in the shard, in input order.
    ahead: VecDeque<Input>,
    shard: Option<Shard>,
    /// Inputs taken from the walk so far, before the shard filter.
    found: usize,
    /// Those of them in the shard.
    kept: usize,
    /// The index of the next input handed out: how many were.
    next: usize,
}

impl Feed<'_> {
    /// Up to `n` more inputs of the walk, before the shard filter; give them back with [`Feed::queue`].
    fn take(&mut self, n: usize) -> Vec<Input> {
        let taken: Vec<Input> = self.walker.by_ref().take(n).collect();
        self.found += taken.len();
        taken
    }

    /// Puts inputs from [`Feed::take`] in line, those in the shard.
    fn queue(&mut self, inputs: Vec<Input>) {
        let shard = self.shard;
        let before = self.ahead.len();
        self.ahead.extend(inputs.into_iter().filter(|i| in_shard(shard, i)));
        self.kept += self.ahead.len() - before;
    }

    /// The next input of the walk in the shard.
    fn pull(&mut self) -> Option<Input> {
        loop {
            let input = self.walker.next()?;
            self.found += 1;
            if in_shard(self.shard, &input) {
                self.kept += 1;
                return Some(input);
            }
        }
    }

    /// Walks on until `n` inputs are in line or the walk is done; how many are.
    fn fill(&mut self, n: usize) -> usize {
        while self.ahead.len() < n {
            match self.pull() {
                Some(input) => self.ahead.push_back(input),
                None => break,
            }
        }
        self.ahead.len()
    }

    /// The next input and its index.
    fn next(&mut self) -> Option<(usize, Input)> {
        let input = match self.ahead.pop_front() {
            Some(input) => input,
            None => self.pull()?,
        };
        self.next += 1;
        Some((self.next - 1, input))
    }

    /// Walks to the end, counting what the run did not take.
    fn finish(&mut self) {
        while self.pull().is_some() {}
    }
}

fn in_shard(shard: Option<Shard>, input: &Input) -> bool {
    shard.is_none_or(|s| inputs::in_shard(&input.rel, s.k, s.n))
}

/// The JSONL sink, the error list and the review report (with its header).
fn open_outputs(cli: &Cli) -> Result<(Sink, Option<AtomicFile>, Option<AtomicFile>), String> {
    let create = |path: &Path, what: &str| {
        AtomicFile::create(path).map_err(|e| format!("cannot create the {what} {}: {e}", path.display()))
    };
    let sink = match &cli.jsonl {
        Some(p) if p.as_os_str() == "-" => Sink::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout())),
        Some(p) => Sink::File(create(p, "JSONL file")?),
        None => Sink::Stdout(BufWriter::new(std::io::stdout())),
    };
    let errors = cli.errors.as_deref().map(|p| create(p, "error list")).transpose()?;
    let mut review = cli.review.as_deref().map(|p| create(p, "review report")).transpose()?;
    if let Some(f) = &mut review {
        writeln!(f, "{}", review::CSV_HEADER)
            .map_err(|e| format!("cannot write the review report {}: {e}", f.dest().display()))?;
    }
    Ok((sink, errors, review))
}

/// `--text`: print the text each input is parsed from.
fn text_mode(inputs: impl Iterator<Item = Input>) -> ExitCode {
    let parser = Parser::default();
    let mut failed = false;
    let mut stdout = std::io::stdout().lock();
    for input in inputs {
        let text = match &input.problem {
            Some(p) => Err(p.clone()),
            None => parser.read(&input.path).map_err(|e| Failure::from_error(&e)).and_then(|bytes| {
                if is_pdf(&bytes) {
                    parser.pdf_text(&bytes).map_err(|e| Failure::from_error(&e))
                } else {
                    Ok(String::from_utf8_lossy(&bytes).into_owned())
                }
            }),
        };
        match text {
            Ok(text) => {
                if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                    eprintln!("vacancy-ingest: error: writing stdout: {e}");
                    return ExitCode::from(EXIT_FAILED);
                }
            }
            Err(f) => {
                eprintln!("vacancy-ingest: failed: {}: {}: {}", input.path.display(), f.kind, f.message);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// Lets workers start input `i` only within the window after the last
/// outcome written, and stops them after a fatal error.
struct Gate {
    written: Mutex<usize>,
    cv: Condvar,
    window: usize,
    stop: AtomicBool,
}

impl Gate {
    /// Waits for input `i`'s turn; false when the run is stopping.
    fn wait_turn(&self, i: usize) -> bool {
        let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while i >= w.saturating_add(self.window) && !self.stop.load(Ordering::SeqCst) {
            w = self.cv.wait(w).unwrap_or_else(|e| e.into_inner());
        }
        !self.stop.load(Ordering::SeqCst)
    }

    fn advance(&self, written: usize) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = written;
        self.cv.notify_all();
    }

    fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _guard = self.written.lock().unwrap_or_else(|e| e.into_inner());
        self.cv.notify_all();
    }
}

thread_local! {
    /// The message of the last panic on this worker thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

const WORKER_THREAD: &str = "vacancy-ingest-worker";

/// Panics on worker threads are reported as that input's failure, not
/// printed over the progress bar; others keep the default hook.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name().is_some_and(|n| n.starts_with(WORKER_THREAD)) {
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with no message".into());
            let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{payload}{at}")));
        } else {
            default(info);
        }
    }));
}

fn run_pool(job: &Job, feed: &mut Feed<'_>, jobs: usize, window: usize, out: &mut Collector) -> Result<(), String> {
    // As many threads as inputs, up to `jobs`.
    let queued = feed.fill(jobs);
    if queued == 0 {
        return Ok(());
    }
    install_panic_hook();
    let threads = jobs.min(queued).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("{WORKER_THREAD}-{i}"))
        .build()
        .map_err(|e| format!("starting {threads} worker threads: {e}"))?;
    let gate = Gate { written: Mutex::new(0), cv: Condvar::new(), window, stop: AtomicBool::new(false) };
    let feed = Mutex::new(feed);
    let (tx, rx) = mpsc::channel::<(usize, PathBuf, Outcome)>();
    pool.in_place_scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (gate, feed) = (&gate, &feed);
            s.spawn(move |_| loop {
                let next = feed.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((i, input)) = next else { break };
                if !gate.wait_turn(i) {
                    break;
                }
                let outcome = catch_unwind(AssertUnwindSafe(|| process(job, &input))).unwrap_or_else(|_| {
                    let msg = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| "panicked".into());
                    Outcome::Failed(Failure::new("panic", msg))
                });
                if tx.send((i, input.path, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let result = out.receive(rx, &gate);
        if result.is_err() {
            gate.stop();
        }
        result
    })
}

/// Parses one input (and, with `--out-dir`, writes its record).
fn process(job: &Job, input: &Input) -> Outcome {
    if let Some(p) = &input.problem {
        return Outcome::Failed(p.clone());
    }
    if job.skip_existing && input.record.as_deref().is_some_and(|r| up_to_date(&input.path, r)) {
        return Outcome::Skipped;
    }
    let bytes = match job.parser.read(&input.path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(Failure::from_error(&e)),
    };
    let size = bytes.len() as u64;
    let pdf = is_pdf(&bytes);
    let record = if pdf {
        drop(bytes);
        let exe = match &job.exe {
            Ok(exe) => exe,
            Err(e) => return Outcome::Failed(Failure::new("pdf_crashed", format!("cannot find this executable: {e}"))),
        };
        match worker::parse_pdf(exe, &input.path, job.pdf_timeout) {
            Ok(r) => r,
            Err(f) => return Outcome::Failed(f),
        }
    } else {
        if is_blank(&bytes) {
            let what = if bytes.is_empty() { "the file is empty" } else { "the file holds only white space" };
            return Outcome::Failed(Failure::new("empty", what));
        }
        let mut record = job.parser.parse_bytes(&bytes);
        // As `Parser::parse_path` names it: the file name, never the path.
        record.source.name = input.path.file_name().map(|n| n.to_string_lossy().into_owned());
        record
    };
    let (stats, review_rows) = review::inspect(&input.path.to_string_lossy(), &record, job.review);
    let output = match job.mode {
        Mode::Stdout => Some(record.to_json_pretty()),
        Mode::Jsonl => Some(record.to_json_line()),
        Mode::OutDir => {
            let Some(dest) = &input.record else {
                return Outcome::Failed(Failure::new("write", "no record path was assigned"));
            };
            let mut pretty = record.to_json_pretty();
            pretty.push('\n');
            if let Err(e) = write_atomic(dest, pretty.as_bytes()) {
                return Outcome::Failed(Failure::new("write", format!("writing {}: {e}", dest.display())));
            }
            None
        }
    };
    Outcome::Parsed(Parsed { output, stats, review_rows, pdf, bytes: size })
}

/// Whether the record exists and is not older than the input.
fn up_to_date(input: &Path, record: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(input), modified(record)) {
        (Some(i), Some(r)) => r >= i,
        _ => false,
    }
}

/// No text at all: nothing but white space, NULs and byte-order marks.
fn is_blank(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").or_else(|| bytes.strip_prefix(b"\xFF\xFE")).unwrap_or(bytes);
    let b = b.strip_prefix(b"\xFE\xFF").unwrap_or(b);
    b.iter().all(|&c| c == 0 || c.is_ascii_whitespace())
}

enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File(AtomicFile),
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File(f) => f,
        }
    }
}

#[derive(Default)]
struct Totals {
    parsed: u64,
    pdf: u64,
    skipped: u64,
    failed: u64,
    all_high: u64,
    bytes: u64,
    flags: BTreeMap<&'static str, u64>,
    kinds: BTreeMap<String, u64>,
    failures: Vec<(PathBuf, Failure)>,
}

impl Totals {
    fn summary(&self, elapsed: Duration, jobs: usize, notes: &[String], errors: Option<&Path>) -> String {
        use std::fmt::Write as _;
        let secs = elapsed.as_secs_f64().max(1e-9);
        let done = self.parsed + self.failed;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "vacancy-ingest: {} in {:.1} s with {} ({:.0} files/s, {:.1} MB/s)",
            plural(done + self.skipped, "input"),
            elapsed.as_secs_f64(),
            plural(jobs as u64, "job"),
            done as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        );
        let _ = writeln!(
            s,
            "  parsed {} ({} text, {} PDF), skipped {}, failed {}",
            self.parsed,
            self.parsed - self.pdf,
            self.pdf,
            self.skipped,
            self.failed
        );
        for n in notes {
            let _ = writeln!(s, "  {n}");
        }
        if self.parsed > 0 {
            let _ = writeln!(s, "  all-high records: {} of {}", self.all_high, self.parsed);
            let _ = writeln!(s, "  fields flagged: {}", by_count(&self.flags));
        }
        if self.failed > 0 {
            let _ = writeln!(s, "  failures: {}", by_count(&self.kinds));
            for (path, f) in self.failures.iter().take(SUMMARY_FAILURES) {
                let _ = writeln!(s, "    {}: {}: {}", path.display(), f.kind, f.message);
            }
            if self.failures.len() > SUMMARY_FAILURES {
                let more = self.failures.len() - SUMMARY_FAILURES;
                match errors {
                    Some(p) => {
                        let _ = writeln!(s, "    ... and {more} more, all in {}", p.display());
                    }
                    None => {
                        let _ = writeln!(s, "    ... and {more} more (--errors FILE lists them all)");
                    }
                }
            }
        }
        s
    }
}

fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "a 12, b 3" by count, largest first.
fn by_count<K: AsRef<str> + Ord>(m: &BTreeMap<K, u64>) -> String {
    let mut v: Vec<(&K, &u64)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if v.is_empty() {
        return "none".into();
    }
    v.iter().map(|(k, n)| format!("{} {n}", k.as_ref())).collect::<Vec<_>>().join(", ")
}

/// The main thread's side: outcomes in, outputs out in input order.
struct Collector {
    sink: Sink,
    errors: Option<AtomicFile>,
    review: Option<AtomicFile>,
    progress: Progress,
    totals: Totals,
    /// Outcomes (with their input's path) waiting for the ones before them.
    pending: BTreeMap<usize, (PathBuf, Outcome)>,
    next: usize,
}

impl Collector {
    fn receive(&mut self, rx: Receiver<(usize, PathBuf, Outcome)>, gate: &Gate) -> Result<(), String> {
        loop {
            match rx.recv_timeout(Duration::from_millis(500)) {
                Ok((i, path, outcome)) => {
                    let failed = matches!(outcome, Outcome::Failed(_));
                    self.progress.inc(failed);
                    if let Outcome::Failed(f) = &outcome {
                        let shown = path.display();
                        self.progress.println(&format!("vacancy-ingest: failed: {shown}: {}: {}", f.kind, f.message));
                    }
                    self.pending.insert(i, (path, outcome));
                    let before = self.next;
                    while let Some((path, outcome)) = self.pending.remove(&self.next) {
                        self.put(path, outcome)?;
                        self.next += 1;
                    }
                    if self.next != before {
                        gate.advance(self.next);
                    }
                }
                Err(RecvTimeoutError::Timeout) => self.progress.tick(),
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
    }

    /// Puts out one outcome, in input order.
    fn put(&mut self, path: PathBuf, outcome: Outcome) -> Result<(), String> {
        match outcome {
            Outcome::Parsed(p) => {
                let t = &mut self.totals;
                t.parsed += 1;
                t.pdf += u64::from(p.pdf);
                t.bytes += p.bytes;
                t.all_high += u64::from(p.stats.all_high);
                for f in p.stats.flags {
                    *t.flags.entry(f.as_str()).or_default() += 1;
                }
                if let Some(text) = p.output {
                    let w = self.sink.writer();
                    w.write_all(text.as_bytes()).and_then(|()| w.write_all(b"\n")).map_err(|e| sink_error(&e))?;
                }
                if let Some(r) = &mut self.review {
                    for row in &p.review_rows {
                        writeln!(r, "{row}").map_err(|e| format!("writing {}: {e}", r.dest().display()))?;
                    }
                }
            }
            Outcome::Skipped => self.totals.skipped += 1,
            Outcome::Failed(f) => {
                if let Some(w) = &mut self.errors {
                    let line = serde_json::json!({
                        "input": path.to_string_lossy(),
                        "kind": f.kind,
                        "message": f.message,
                    });
                    writeln!(w, "{line}").map_err(|e| format!("writing {}: {e}", w.dest().display()))?;
                }
                let t = &mut self.totals;
                t.failed += 1;
                *t.kinds.entry(f.kind.clone()).or_default() += 1;
                t.failures.push((path, f));
            }
        }
        Ok(())
    }

    /// Puts the output files in place.
    fn commit(&mut self) -> Result<(), String> {
        let sink = std::mem::replace(&mut self.sink, Sink::Stdout(BufWriter::new(std::io::stdout())));
        match sink {
            Sink::Stdout(mut w) => w.flush().map_err(|e| sink_error(&e))?,
            Sink::File(f) => {
                let dest = f.dest().to_path_buf();
                f.commit().map_err(|e| format!("writing {}: {e}", dest.display()))?;
            }
        }
        for f in [self.errors.take(), self.review.take()].into_iter().flatten() {
            let dest = f.dest().to_path_buf();
            f.commit().map_err(|e| format!("writing {}: {e}", dest.display()))?;
        }
        Ok(())
    }
}

fn sink_error(e: &std::io::Error) -> String {
    format!("writing the records: {e}; the run was stopped")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_inputs() {
        assert!(is_blank(b""));
        assert!(is_blank(b" \r\n\t"));
        assert!(is_blank(b"\xEF\xBB\xBF\n"));
        assert!(is_blank(b"\xFF\xFE \0\n\0"));
        assert!(!is_blank(b"\n x"));
    }

    #[test]
    fn counts_largest_first() {
        let m: BTreeMap<String, u64> = [("b".to_string(), 3), ("a".to_string(), 3), ("c".to_string(), 9)].into();
        assert_eq!(by_count(&m), "c 9, a 3, b 3");
    }
}
