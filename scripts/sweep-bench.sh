#!/usr/bin/env bash
# Sweep benchmark of the batch CLI: generates N text inputs (default 10000)
# from fixtures/*.txt and fixtures/written/*.txt, each copy made distinct by a
# trailing "Copy N" line, spread over folders of 100; runs the release binary
# over them with --jobs 1 and --jobs 2 writing --jsonl; prints wall time,
# files/s, MB/s, peak RSS and the speedup, and checks that both runs wrote the
# same JSONL.
#
#   scripts/sweep-bench.sh [N]
#
# Environment: BIN (a vacancy-ingest binary; default: build the release one
# under ${CARGO_TARGET_DIR:-target}), KEEP=1 (keep the generated folder),
# TMPDIR (where it goes). Peak RSS needs GNU time at /usr/bin/time (Debian
# package `time`); without it the RSS column says n/a.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-10000}"
[[ "$N" =~ ^[0-9]+$ && "$N" -gt 0 ]] || { echo "usage: $0 [N]  (N > 0 files)" >&2; exit 2; }

if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet --bin vacancy-ingest </dev/null
  BIN="${CARGO_TARGET_DIR:-target}/release/vacancy-ingest"
fi
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sweep-bench.XXXXXX")
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# Generate: the fixtures are read once; printf is a builtin, so no process per file.
shopt -s nullglob
sources=(fixtures/*.txt fixtures/written/*.txt)
((${#sources[@]})) || { echo "no fixtures found" >&2; exit 2; }
texts=()
for f in "${sources[@]}"; do
  texts+=("$(<"$f")")
done
echo "generating $N inputs from ${#sources[@]} fixtures in $work/in"
for ((i = 0; i < N; i++)); do
  dir="$work/in/d$((i / 100))"
  ((i % 100)) || mkdir -p "$dir"
  printf '%s\n\nCopy %d\n' "${texts[i % ${#texts[@]}]}" "$i" >"$dir/post-$i.txt"
done
bytes=$(find "$work/in" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
printf 'inputs: %d files, %.1f MB\n' "$N" "$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')"

gnu_time=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
else
  echo "note: GNU time not found at /usr/bin/time (Debian package \`time\`): peak RSS not measured"
fi

# Other work on the machine skews the figures: say how busy it was.
[[ -r /proc/loadavg ]] && echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
declare -A wall rss cpu
for jobs in 1 2; do
  out="$work/records-$jobs.jsonl"
  log="$work/time-$jobs.log"
  start=$(date +%s.%N)
  if [[ -n "$gnu_time" ]]; then
    "$gnu_time" -v -o "$log" "$BIN" --jobs "$jobs" --jsonl "$out" --quiet "$work/in"
  else
    "$BIN" --jobs "$jobs" --jsonl "$out" --quiet "$work/in"
  fi
  end=$(date +%s.%N)
  wall[$jobs]=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')
  if [[ -n "$gnu_time" ]]; then
    rss[$jobs]=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f MB", $2 / 1024}' "$log")
    cpu[$jobs]=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$log")
  else
    rss[$jobs]="n/a"
    cpu[$jobs]="n/a"
  fi
  lines=$(wc -l <"$out")
  [[ "$lines" -eq "$N" ]] || { echo "jobs $jobs: $lines records for $N inputs" >&2; exit 1; }
done
cmp -s "$work/records-1.jsonl" "$work/records-2.jsonl" || { echo "JSONL differs between --jobs 1 and 2" >&2; exit 1; }

echo
printf '%-6s %10s %10s %8s %12s %8s\n' jobs "wall s" "files/s" "MB/s" "peak RSS" "CPU s"
for jobs in 1 2; do
  awk -v j="$jobs" -v w="${wall[$jobs]}" -v n="$N" -v b="$bytes" -v r="${rss[$jobs]}" -v c="${cpu[$jobs]}" \
    'BEGIN {printf "%-6s %10.2f %10.0f %8.1f %12s %8s\n", j, w, n / w, b / 1e6 / w, r, c}'
done
awk -v a="${wall[1]}" -v b="${wall[2]}" 'BEGIN {printf "speedup jobs 2 vs 1: %.2fx\n", a / b}'
echo "JSONL identical for --jobs 1 and 2: yes ($(wc -c <"$work/records-1.jsonl") bytes)"
