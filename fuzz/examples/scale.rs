//! Times `parse_text` on pathological inputs at growing sizes, to tell
//! linear from quadratic: `cargo run --release --example scale [UNIT N...]`.
//! Without arguments, runs a fixed set of shapes at 1x, 2x, 4x, 8x.

use std::time::Instant;

fn time(text: &str) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(vacancy_ingest::parse_text(std::hint::black_box(text)));
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shapes: Vec<(String, usize)> = if args.len() >= 2 {
        vec![(args[0].replace("\\n", "\n"), args[1].parse().expect("a count"))]
    } else {
        [
            ("\n", 12_500),
            (" \n", 12_500),
            ("\u{A0}\n", 12_500),
            ("\u{200B}\n", 12_500),
            ("\u{c}\n", 12_500),
            ("GENERAL INFORMATION\n", 1_250),
            ("GENERAL INFORMATION\n\n", 1_250),
            ("Title:\n", 1_250),
            ("- item\n", 1_250),
            ("word ", 5_000),
        ]
        .iter()
        .map(|(u, n)| (u.to_string(), *n))
        .collect()
    };
    for (unit, n) in shapes {
        let mut line = format!("{unit:?} x {n}:");
        let base = time(&unit.repeat(n));
        for k in [1, 2, 4, 8] {
            let t = if k == 1 { base } else { time(&unit.repeat(n * k)) };
            line.push_str(&format!("  {k}x {:.1} ms ({:.1})", t * 1e3, t / base));
        }
        println!("{line}");
    }
}
