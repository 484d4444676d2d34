#!/usr/bin/env bash
# mlops against restic and borg on the same data in the same run, as a user runs each command.
#
#   mlops-benchmarks/peers.sh [SIZE_MIB=256] [RUNS=3] [WORK_DIR=a new temporary directory]
#
# One CSV file of SIZE_MIB is, per run and per tool, into a fresh repository:
#   first     committed (mlops: as a table, --table; it parses and profiles the CSV, the peers do not)
#   unchanged committed again unchanged
#   append    1 % more rows appended, then committed
# and the median of RUNS runs is printed: seconds (wall clock, JVM start included) and, for append,
# the bytes the commit added to the repository (mlops: newBytes; restic: data_added; borg: the
# archive's deduplicated size). Compression is off for restic and borg, as mlops does not compress.
# restic and borg are installed with apt-get when missing; the mlops jar is built when missing.
set -euo pipefail

size_mib="${1:-256}"
runs="${2:-3}"
work="${3:-$(mktemp -d)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mlops="$root/bin/mlops"

if ! command -v restic >/dev/null || ! command -v borg >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic borgbackup >/dev/null
fi
if [ ! -f "$root/mlops-cli/target/mlops.jar" ]; then
  (cd "$root" && ./mvnw -B -q -o -pl mlops-cli -am package -DskipTests)
fi
mkdir -p "$work"
export RESTIC_PASSWORD=benchmark BORG_PASSPHRASE="" BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes
export BORG_BASE_DIR="$work/borg-home" XDG_CACHE_HOME="$work/cache"

# Rows of an event log: id, timestamp, a measurement, a category, a free-text field.
rows_for() { awk -v from="$1" -v to="$2" 'BEGIN { srand(42 + from);
  for (i = from; i < to; i++) printf "%d,%d,%.6f,city%d,\"note %d, batch %d\"\n", i, 1700000000 + i * 7,
    rand() * 1000, int(rand() * 50), int(rand() * 100000), int(i / 1000) }'; }
csv="$work/events.csv"
echo "id,time,value,city,note" > "$csv"
row_bytes=60 # about: rows are generated until the file reaches the size
rows=$(( size_mib * 1024 * 1024 / row_bytes ))
rows_for 0 "$rows" >> "$csv"
echo "data: $csv, $(stat -c %s "$csv") bytes, $rows rows; work directory $work" >&2

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

results="$work/results.tsv"
: > "$results"
for run in $(seq 1 "$runs"); do
  data="$work/run$run"
  rm -rf "$data" && mkdir -p "$data"
  cp "$csv" "$data/events.csv"
  for tool in mlops restic borg; do
    repo="$work/repo-$tool-$run"
    rm -rf "$repo"
    case "$tool" in
      restic) restic init -q --repo "$repo" >/dev/null ;;
      borg) borg init -e none "$repo" ;;
    esac
  done
  for step in first unchanged append; do
    if [ "$step" = append ]; then
      cp "$csv" "$data/events.csv"
      rows_for "$rows" $(( rows + rows / 100 )) >> "$data/events.csv"
    fi
    for tool in mlops restic borg; do
      repo="$work/repo-$tool-$run"
      start=$(now)
      case "$tool" in
        mlops) out=$(MLOPS_STORE="$repo" "$mlops" --json data commit d "$data/events.csv" --table)
          added=$(echo "$out" | sed 's/.*"newBytes": *\([0-9]*\).*/\1/') ;;
        restic) out=$(restic --repo "$repo" --compression off backup --json "$data/events.csv" | tail -1)
          added=$(echo "$out" | sed 's/.*"data_added":\([0-9]*\).*/\1/') ;;
        borg) out=$(borg create --compression none --json "$repo::$step" "$data/events.csv")
          added=$(echo "$out" | tr -d ' \n' | sed 's/.*"deduplicated_size":\([0-9]*\).*/\1/') ;;
      esac
      seconds=$(elapsed "$start")
      printf '%s\t%s\t%s\t%s\n' "$step" "$tool" "$seconds" "$added" >> "$results"
      echo "run $run $step $tool: ${seconds} s, $added bytes added" >&2
    done
  done
  rm -rf "$data"
done

echo "median of $runs runs, $(stat -c %s "$csv") bytes of CSV, 1 % appended:"
printf '%-10s %-7s %10s %14s\n' step tool seconds bytes-added
for step in first unchanged append; do
  for tool in mlops restic borg; do
    awk -F'\t' -v s="$step" -v t="$tool" '$1 == s && $2 == t { print $3 "\t" $4 }' "$results" | sort -n |
      awk -v s="$step" -v t="$tool" '{ secs[NR] = $1; bytes[NR] = $2 } END {
        m = int((NR + 1) / 2); printf "%-10s %-7s %10.2f %14d\n", s, t, secs[m], bytes[m] }'
  done
done
