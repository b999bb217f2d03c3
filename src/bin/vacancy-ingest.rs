//! `vacancy-ingest`: parse vacancy proposals (text or PDF) into JSON records.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser as _;
use vacancy_ingest::Parser;

/// Parse ILO JPO vacancy proposals (extracted text or PDF) into JSON records.
#[derive(clap::Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Write one `<stem>.json` per input into this folder (created if needed).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Print the text a PDF is parsed from (lines match the record's `lines`).
    #[arg(long)]
    text: bool,
    /// Input files (text or PDF, recognized by content).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let parser = Parser::default();
    let mut failed = 0usize;
    if cli.out_dir.is_none() && cli.inputs.len() > 1 && !cli.text {
        eprintln!("vacancy-ingest: several inputs need --out-dir DIR");
        return ExitCode::from(2);
    }
    if let Some(dir) = &cli.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("vacancy-ingest: creating {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    for input in &cli.inputs {
        if let Err(msg) = run_one(&parser, &cli, input) {
            eprintln!("vacancy-ingest: {msg}");
            failed += 1;
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_one(parser: &Parser, cli: &Cli, input: &Path) -> Result<(), String> {
    if cli.text {
        let bytes = parser.read(input).map_err(|e| e.to_string())?;
        let text = if vacancy_ingest::is_pdf(&bytes) {
            parser.pdf_text(&bytes).map_err(|e| format!("{}: {e}", input.display()))?
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        print!("{text}");
        return Ok(());
    }
    let record = parser.parse_path(input).map_err(|e| e.to_string())?;
    let json = record.to_json_pretty();
    match &cli.out_dir {
        None => {
            println!("{json}");
            Ok(())
        }
        Some(dir) => {
            let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "record".into());
            let path = dir.join(format!("{stem}.json"));
            write_atomic(&path, json.as_bytes()).map_err(|e| format!("writing {}: {e}", path.display()))
        }
    }
}

/// Writes through a temporary file and a rename, so a killed run never
/// leaves a half-written record.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("json.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
