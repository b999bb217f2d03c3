#!/usr/bin/env bash
# Replays the committed fuzz corpus (fuzz/corpus/<target>/*) through the
# checks of the fuzz targets: no panic, nothing lost, the same JSON twice,
# the value contract, and idempotent normalization.
#
#   scripts/fuzz-replay.sh              # through `cargo test` (default)
#   scripts/fuzz-replay.sh --libfuzzer  # through the libFuzzer binaries
#
# Default mode: `cargo test --test regressions corpus_`, the same checks
# (fuzz/src/invariants.rs and fuzz/src/mutate.rs are shared with the tests
# through #[path]). Needs nothing but stable cargo, and reuses the build of
# `cargo test --all-features`; about 30 s when that build is cached.
#
# --libfuzzer: builds the three fuzz targets and runs each with -runs=0 over
# its corpus directory (every file once, no mutation). Uses `cargo fuzz
# build -s none` when cargo-fuzz is installed (works on stable: -s none
# needs no -Z flag), else a plain `cargo build --release` of fuzz/, whose
# binaries link libFuzzer all the same (no coverage instrumentation, which a
# replay does not need). A fresh machine needs a C++ compiler for
# libfuzzer-sys and a few minutes for the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-test}"
targets=(parse_bytes normalize mutate_fixture)

case "$mode" in
test | --test)
    cargo test --all-features --test regressions corpus_ -- --test-threads 2
    ;;
--libfuzzer)
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/fuzz/target}"
    if cargo fuzz --version >/dev/null 2>&1; then
        (cd fuzz && cargo fuzz build -s none -O)
        bin="$CARGO_TARGET_DIR/$(rustc -vV | sed -n 's/^host: //p')/release"
    else
        (cd fuzz && cargo build --release --bins)
        bin="$CARGO_TARGET_DIR/release"
    fi
    for t in "${targets[@]}"; do
        n=$(find "fuzz/corpus/$t" -type f | wc -l)
        echo "== $t: $n inputs"
        "$bin/$t" -runs=0 -rss_limit_mb=2048 -timeout=30 -max_len=1048576 "fuzz/corpus/$t"
    done
    ;;
*)
    echo "usage: $0 [--libfuzzer]" >&2
    exit 2
    ;;
esac
