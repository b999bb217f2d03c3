//! `vacancy-ingest`: parse vacancy proposals (text or PDF) into JSON records,
//! one file or a whole archive at a time. A thin layer over the library, in
//! modules under `src/bin/vacancy-ingest/`:
//!
//! - `args`: the command line (clap derive), with the help text;
//! - `inputs`: folders walked, the stdin list, record paths, `--shard`;
//! - `run`: the rayon pool, per-input fault isolation, ordered output, the summary;
//! - `worker`: PDFs read in a child process with a timeout;
//! - `review`: the `--review` CSV and the per-record statistics;
//! - `output`: atomic writes; `progress`: the progress bar.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser as _;

#[path = "vacancy-ingest/args.rs"]
mod args;
#[path = "vacancy-ingest/inputs.rs"]
mod inputs;
#[path = "vacancy-ingest/output.rs"]
mod output;
#[path = "vacancy-ingest/progress.rs"]
mod progress;
#[path = "vacancy-ingest/review.rs"]
mod review;
#[path = "vacancy-ingest/run.rs"]
mod run;
#[path = "vacancy-ingest/worker.rs"]
mod worker;

fn main() -> ExitCode {
    if let Some(args) = worker::worker_arg() {
        return worker::worker_main(&args);
    }
    run::main(args::Cli::parse())
}
