//! Benchmarks of the text path (and the PDF path with the `pdf` feature).
//!
//! `cargo bench --bench parse` — figures and how to read them are in
//! `benches/README.md`. Every group reports throughput, so criterion prints
//! MB/s (bytes) or documents/s (elements).

use std::collections::HashSet;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use vacancy_ingest::{__stages as stages, Parser};

/// Measurement time per benchmark: long enough for stable medians on a
/// 2-core machine, short enough that the suite runs in a few minutes.
const MEASURE: Duration = Duration::from_secs(3);

/// Warm-up time per benchmark.
const WARM_UP: Duration = Duration::from_secs(1);

/// Lines in the pathological inputs.
const PATHOLOGICAL_LINES: usize = 100_000;

/// Size of the one-line pathological input.
const LONG_LINE_BYTES: usize = 10 * 1024 * 1024;

#[path = "../tests/common/mod.rs"]
mod common;

fn fixture_paths() -> Vec<PathBuf> {
    common::text_fixtures(&["written"])
}

fn fixtures() -> Vec<(String, String)> {
    fixture_paths()
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Heading phrases for the floor's one look-up per line.
const FLOOR_HEADINGS: &[&str] = &[
    "general information",
    "supervision",
    "introduction",
    "duties and responsibilities",
    "qualifications and experience",
    "training components and learning elements",
    "background information",
];

/// The floor: only the unavoidable work over the same bytes — UTF-8
/// validation, line splitting, one case-folded heading look-up per line.
fn floor(bytes: &[u8], headings: &HashSet<&str>, buf: &mut String) -> usize {
    let text = std::str::from_utf8(bytes).unwrap_or("");
    let mut hits = 0;
    for line in text.split('\n') {
        buf.clear();
        buf.extend(line.trim().chars().flat_map(char::to_lowercase));
        if headings.contains(buf.as_str()) {
            hits += 1;
        }
    }
    hits
}

fn bench_fixtures(c: &mut Criterion) {
    let parser = Parser::default();
    let fx = fixtures();
    let all_bytes: usize = fx.iter().map(|(_, t)| t.len()).sum();
    let headings: HashSet<&str> = FLOOR_HEADINGS.iter().copied().collect();

    let mut g = c.benchmark_group("corpus");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP);
    g.throughput(Throughput::Bytes(all_bytes as u64));
    g.bench_function("parse_text", |b| {
        b.iter(|| {
            for (_, t) in &fx {
                black_box(parser.parse_text(black_box(t)));
            }
        })
    });
    g.bench_function("floor", |b| {
        let mut buf = String::new();
        b.iter(|| {
            for (_, t) in &fx {
                black_box(floor(black_box(t.as_bytes()), &headings, &mut buf));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("corpus_docs");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP);
    g.throughput(Throughput::Elements(fx.len() as u64));
    g.bench_function("parse_text", |b| {
        b.iter(|| {
            for (_, t) in &fx {
                black_box(parser.parse_text(black_box(t)));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("fixture");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP);
    for (name, t) in fx.iter().filter(|(n, _)| !n.starts_with("post-30")) {
        g.throughput(Throughput::Bytes(t.len() as u64));
        g.bench_with_input(BenchmarkId::new("parse_text", name), t, |b, t| b.iter(|| parser.parse_text(black_box(t))));
    }
    g.finish();
}

fn bench_stages(c: &mut Criterion) {
    let fx = fixtures();
    let all_bytes: usize = fx.iter().map(|(_, t)| t.len()).sum();
    let normalized: Vec<_> = fx.iter().map(|(_, t)| stages::normalize(t)).collect();
    let records: Vec<_> = fx.iter().map(|(_, t)| vacancy_ingest::parse_text(t)).collect();

    let mut g = c.benchmark_group("stage");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP);
    g.throughput(Throughput::Bytes(all_bytes as u64));
    g.bench_function("decode", |b| {
        b.iter(|| fx.iter().map(|(_, t)| stages::decode(black_box(t.as_bytes()))).sum::<usize>())
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for (_, t) in &fx {
                black_box(stages::normalize(black_box(t)));
            }
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            for n in &normalized {
                black_box(stages::segment(black_box(n)));
            }
        })
    });
    g.bench_function("extract", |b| {
        // extraction consumes the segmentation: set a fresh one up per batch
        b.iter_batched(
            || normalized.iter().map(stages::segment).collect::<Vec<_>>(),
            |segs| {
                for (n, s) in normalized.iter().zip(segs) {
                    black_box(stages::extract(black_box(n), s));
                }
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("serialize", |b| {
        b.iter(|| {
            for r in &records {
                black_box(r.to_json_line());
            }
        })
    });
    g.finish();
}

fn bench_sizes(c: &mut Criterion) {
    let parser = Parser::default();
    let (_, base) = fixtures().into_iter().find(|(n, _)| n == "post-2431").expect("post-2431 fixture");
    let mut g = c.benchmark_group("size");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP).sample_size(10);
    for times in [1usize, 10, 100] {
        let text = base.repeat(times);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("concatenated", times), &text, |b, t| {
            b.iter(|| parser.parse_text(black_box(t)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("pathological");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP).sample_size(10);
    let long_line = "lorem ipsum dolor sit amet, ".repeat(LONG_LINE_BYTES / 28);
    let headings = "QUALIFICATIONS AND EXPERIENCE\n".repeat(PATHOLOGICAL_LINES);
    let bullets = "- Support the implementation of the work plan.\n".repeat(PATHOLOGICAL_LINES);
    let labels = "Title: Junior Professional Officer\n".repeat(PATHOLOGICAL_LINES);
    for (name, text) in [
        ("one_10mib_line", &long_line),
        ("100k_headings", &headings),
        ("100k_bullets", &bullets),
        ("100k_labels", &labels),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| parser.parse_text(black_box(t))));
    }
    g.finish();
}

#[cfg(feature = "pdf")]
fn bench_pdf(c: &mut Criterion) {
    let parser = Parser::default();
    let dir = common::root().join("fixtures/pdf");
    let mut g = c.benchmark_group("pdf");
    g.measurement_time(MEASURE).warm_up_time(WARM_UP).sample_size(10);
    for name in ["post-2431", "post-2040"] {
        let bytes = std::fs::read(dir.join(format!("{name}.pdf"))).unwrap();
        let text = parser.pdf_text(&bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::new("extract", name), &bytes, |b, bytes| {
            b.iter(|| parser.pdf_text(black_box(bytes)).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("parse_extracted_text", name), &text, |b, t| {
            b.iter(|| parser.parse_text(black_box(t)))
        });
    }
    g.finish();
}

#[cfg(not(feature = "pdf"))]
fn bench_pdf(_: &mut Criterion) {}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = bench_fixtures, bench_stages, bench_sizes, bench_pdf
}
criterion_main!(benches);
