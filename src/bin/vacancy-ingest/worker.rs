//! PDFs are read in a child process, so that a hang, an abort or a stack
//! overflow inside the PDF reader costs one input and never the run.
//!
//! The child is this same executable run as `vacancy-ingest --pdf-worker
//! PATH`. It parses that one file and prints on stdout either the record as
//! one JSON line (exit 0), or the error as one JSON line `{"kind","message"}`
//! (exit [`ERROR_EXIT`]). The parent waits at most the timeout, then kills it.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use vacancy_ingest::{Parser, Vacancy};

use crate::run::Failure;

/// The hidden argument that makes the executable a PDF worker.
pub const WORKER_ARG: &str = "--pdf-worker";

/// The worker's exit code when the library reported an error.
pub const ERROR_EXIT: u8 = 3;

/// How much of the worker's stderr is kept for a crash message.
const STDERR_TAIL: usize = 4096;

/// How long after the parent's timeout an orphaned worker (its parent was
/// killed) gives up by itself.
const WATCHDOG_GRACE: Duration = Duration::from_secs(5);

/// The worker's exit code when its own watchdog fires.
const WATCHDOG_EXIT: i32 = 124;

/// What the process was started for, when it is a PDF worker:
/// `--pdf-worker PATH [TIMEOUT_MS]`.
pub struct WorkerArgs {
    pub path: PathBuf,
    pub timeout: Option<Duration>,
}

/// `Some` when the process was started as a PDF worker.
pub fn worker_arg() -> Option<WorkerArgs> {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match args.as_slice() {
        [flag, path] if flag == WORKER_ARG => Some(WorkerArgs { path: PathBuf::from(path), timeout: None }),
        [flag, path, ms] if flag == WORKER_ARG => {
            let timeout = ms.to_str().and_then(|m| m.parse().ok()).map(Duration::from_millis);
            Some(WorkerArgs { path: PathBuf::from(path), timeout })
        }
        _ => None,
    }
}

/// The worker: parse one file, print the outcome as one JSON line.
pub fn worker_main(args: &WorkerArgs) -> ExitCode {
    // The parent kills a worker that runs past its timeout; if the parent
    // itself was killed, the worker must not hang on forever as an orphan.
    if let Some(timeout) = args.timeout {
        thread::spawn(move || {
            thread::sleep(timeout + WATCHDOG_GRACE);
            std::process::exit(WATCHDOG_EXIT);
        });
    }
    #[cfg(debug_assertions)]
    test_fault();
    let path = &args.path;
    let (line, code) = match Parser::default().parse_path(path) {
        Ok(record) => (record.to_json_line(), 0),
        Err(e) => (serde_json::json!({ "kind": e.kind().as_str(), "message": e.message() }).to_string(), ERROR_EXIT),
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        return ExitCode::from(4);
    }
    ExitCode::from(code)
}

/// Fault injection for the integration tests, in debug builds only:
/// `VACANCY_INGEST_TEST_PDF_WORKER=abort|overflow|hang` makes the worker
/// abort, overflow its stack or hang, standing in for a PDF that crashes the
/// reader or never lets it finish.
#[cfg(debug_assertions)]
fn test_fault() {
    fn deep(n: u64) -> u64 {
        let frame = std::hint::black_box([n; 64]);
        if n == u64::MAX {
            return 0;
        }
        deep(n + 1).wrapping_add(frame[7])
    }
    match std::env::var("VACANCY_INGEST_TEST_PDF_WORKER").as_deref() {
        Ok("abort") => std::process::abort(),
        Ok("overflow") => {
            std::hint::black_box(deep(0));
        }
        Ok("hang") => thread::sleep(Duration::from_secs(3600)),
        _ => {}
    }
}

/// Parses a PDF in a child process of `exe`, waiting at most `timeout`.
pub fn parse_pdf(exe: &Path, path: &Path, timeout: Duration) -> Result<Vacancy, Failure> {
    let mut child = Command::new(exe)
        .arg(WORKER_ARG)
        .arg(path)
        .arg(timeout.as_millis().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::new("pdf_crashed", format!("could not start the PDF worker {}: {e}", exe.display())))?;
    // Both pipes are drained while the child runs, so a chatty child never
    // blocks on a full pipe.
    let stdout = child.stdout.take().map(|mut s| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
            buf
        })
    });
    let stderr = child.stderr.take().map(|s| thread::spawn(move || tail(s, STDERR_TAIL)));
    let status = wait_timeout(&mut child, timeout);
    let out = stdout.and_then(|t| t.join().ok()).unwrap_or_default();
    let err = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    let status = match status {
        Ok(Some(s)) => s,
        Ok(None) => {
            return Err(Failure::new(
                "pdf_timeout",
                format!("no result within {}; the PDF worker was killed", human_duration(timeout)),
            ))
        }
        Err(e) => return Err(Failure::new("pdf_crashed", format!("waiting for the PDF worker: {e}"))),
    };
    let line = String::from_utf8_lossy(&out);
    let line = line.trim();
    match status.code() {
        Some(0) => serde_json::from_str::<Vacancy>(line)
            .map_err(|e| Failure::new("pdf_crashed", format!("unreadable output from the PDF worker: {e}"))),
        Some(c) if c == i32::from(ERROR_EXIT) => {
            #[derive(serde::Deserialize)]
            struct Reported {
                kind: String,
                message: String,
            }
            match serde_json::from_str::<Reported>(line) {
                Ok(r) => Err(Failure::new(r.kind, r.message)),
                Err(e) => Err(Failure::new("pdf_crashed", format!("unreadable error from the PDF worker: {e}"))),
            }
        }
        _ => Err(Failure::new("pdf_crashed", crash_message(status, &err))),
    }
}

/// Waits for the child at most `timeout`; kills it and returns `None` then.
fn wait_timeout(child: &mut Child, timeout: Duration) -> std::io::Result<Option<ExitStatus>> {
    let start = Instant::now();
    // Short naps first (most PDFs take tens of milliseconds), then 25 ms.
    let mut nap = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let elapsed = start.elapsed();
        if elapsed >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        thread::sleep(nap.min(timeout - elapsed));
        nap = (nap * 2).min(Duration::from_millis(25));
    }
}

/// The last `keep` bytes of a stream.
fn tail(mut r: impl Read, keep: usize) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                kept.extend_from_slice(&buf[..n]);
                if kept.len() > 2 * keep {
                    kept.drain(..kept.len() - keep);
                }
            }
        }
    }
    if kept.len() > keep {
        kept.drain(..kept.len() - keep);
    }
    kept
}

/// "killed by signal 6 (SIGABRT): thread 'main' has overflowed its stack".
fn crash_message(status: ExitStatus, stderr: &[u8]) -> String {
    let how = describe_status(status);
    let text = String::from_utf8_lossy(stderr);
    // The most telling line: a stack overflow or panic message if there is one, else the last line.
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let telling = lines
        .iter()
        .rev()
        .find(|l| l.contains("overflowed its stack") || l.contains("panicked at"))
        .or(lines.last())
        .map(|l| l.chars().take(300).collect::<String>());
    match telling {
        Some(l) => format!("the PDF worker {how}: {l}"),
        None => format!("the PDF worker {how}"),
    }
}

#[cfg(unix)]
fn describe_status(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    if let Some(sig) = status.signal() {
        let name = match sig {
            4 => " (SIGILL)",
            6 => " (SIGABRT)",
            7 => " (SIGBUS)",
            9 => " (SIGKILL, perhaps out of memory)",
            11 => " (SIGSEGV)",
            15 => " (SIGTERM)",
            _ => "",
        };
        return format!("was killed by signal {sig}{name}");
    }
    format!("exited with {status}")
}

#[cfg(not(unix))]
fn describe_status(status: ExitStatus) -> String {
    format!("exited with {status}")
}

/// "60 s", "500 ms".
pub fn human_duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", (d.as_secs_f64() * 10.0).round() / 10.0)
    }
}
