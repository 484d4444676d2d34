#!/usr/bin/env bash
# mlops against restic and borg on the same data in the same run, as a user runs each command.
#
#   mlops-benchmarks/peers.sh [SIZE_MIB=256] [RUNS=3] [WORK_DIR=a new temporary directory]
#
# Two scenarios, each per run and per tool into a fresh repository (PEERS_SCENARIOS="files table"
# runs both, the default; name one to run only it):
#   files  SIZE_MIB of incompressible bytes in 1,000 plain files (one directory):
#            files-first      committed
#            files-unchanged  committed again unchanged
#   table  one CSV file of SIZE_MIB:
#            first      committed (mlops: as a table, --table; it parses and profiles the CSV, the peers do not)
#            unchanged  committed again unchanged
#            append     1 % more rows appended, then committed
# and the median of RUNS runs is printed (each column's own median): seconds (wall clock, JVM start included), CPU seconds
# (user + system, which a machine shared with other work disturbs less) and the bytes the commit
# added to the repository (mlops: newBytes; restic: data_added; borg: the archive's deduplicated
# size). Compression is off for restic and borg, as mlops does not compress. The data is written
# 2 s before it is first committed: mlops, like git, does not trust the stat of a file modified
# within 2 s of hashing it and would read such a file again on the unchanged re-commit.
# restic and borg are installed with apt-get when missing; the mlops jar is built when missing.
# mlops runs through bin/mlops as users run it: class data sharing included, its archive made by
# the first command (the first run's first step pays for writing it, later runs use it).
set -euo pipefail

size_mib="${1:-256}"
runs="${2:-3}"
work="${3:-$(mktemp -d)}"
scenarios="${PEERS_SCENARIOS:-files table}"
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
row_bytes=60 # about: rows are generated until the file reaches the size
rows=$(( size_mib * 1024 * 1024 / row_bytes ))
csv="$work/events.csv"
files="$work/files"
case " $scenarios " in *" table "*)
  echo "id,time,value,city,note" > "$csv"
  rows_for 0 "$rows" >> "$csv"
  echo "table data: $csv, $(stat -c %s "$csv") bytes, $rows rows" >&2 ;;
esac
case " $scenarios " in *" files "*)
  # Deterministic, incompressible bytes (AES-CTR of zeros), cut into 1,000 files.
  rm -rf "$files" && mkdir -p "$files"
  { openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f -iv 0 < /dev/zero 2>/dev/null || true; } |
    head -c $(( size_mib * 1024 * 1024 )) | split -b $(( size_mib * 1024 * 1024 / 1000 + 1 )) -d -a 4 - "$files/part-"
  echo "files data: $files, $(ls "$files" | wc -l) files, $(du -sb "$files" | cut -f 1) bytes" >&2 ;;
esac
echo "work directory $work" >&2

now() { date +%s.%N; }
cpu() { awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat; } # this shell's children's CPU ticks

results="$work/results.tsv"
: > "$results"
# One timed command: its wall and CPU seconds and the bytes it added, from its JSON.
measure() { # step tool command...
  local step="$1" tool="$2" start ticks out added seconds cpu_seconds
  shift 2
  start=$(now)
  ticks=$(cpu)
  out=$("$@")
  seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  cpu_seconds=$(awk -v a="$ticks" -v b="$(cpu)" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz }')
  case "$tool" in
    mlops) added=$(echo "$out" | sed 's/.*"newBytes": *\([0-9]*\).*/\1/') ;;
    restic) added=$(echo "$out" | tail -1 | sed 's/.*"data_added":\([0-9]*\).*/\1/') ;;
    borg) added=$(echo "$out" | tr -d ' \n' | sed 's/.*"deduplicated_size":\([0-9]*\).*/\1/') ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\n' "$step" "$tool" "$seconds" "$cpu_seconds" "$added" >> "$results"
  echo "run $run $step $tool: ${seconds} s, ${cpu_seconds} s CPU, $added bytes added" >&2
}
commit() { # step tool repo what [--table]
  local step="$1" tool="$2" repo="$3" what="$4"
  case "$tool" in
    mlops) measure "$step" mlops env MLOPS_STORE="$repo" "$mlops" --json data commit d "$what" ${5:-} ;;
    restic) measure "$step" restic restic --repo "$repo" --compression off backup --json "$what" ;;
    borg) measure "$step" borg borg create --compression none --json "$repo::$step" "$what" ;;
  esac
}
fresh_repos() { # name
  for tool in mlops restic borg; do
    local repo="$work/repo-$1-$tool"
    rm -rf "$repo"
    case "$tool" in
      restic) restic init -q --repo "$repo" >/dev/null ;;
      borg) borg init -e none "$repo" ;;
    esac
  done
}

steps=""
for run in $(seq 1 "$runs"); do
  case " $scenarios " in *" files "*)
    steps="$steps files-first files-unchanged"
    fresh_repos files
    sleep 2
    for step in files-first files-unchanged; do
      for tool in mlops restic borg; do
        commit "$step" "$tool" "$work/repo-files-$tool" "$files"
      done
    done ;;
  esac
  case " $scenarios " in *" table "*)
    steps="$steps first unchanged append"
    data="$work/run$run"
    rm -rf "$data" && mkdir -p "$data"
    cp "$csv" "$data/events.csv"
    fresh_repos table
    sleep 2
    for step in first unchanged append; do
      if [ "$step" = append ]; then
        cp "$csv" "$data/events.csv"
        rows_for "$rows" $(( rows + rows / 100 )) >> "$data/events.csv"
      fi
      for tool in mlops restic borg; do
        commit "$step" "$tool" "$work/repo-table-$tool" "$data/events.csv" --table
      done
    done
    rm -rf "$data" ;;
  esac
done

echo "median of $runs runs, $size_mib MiB (files: in 1,000 files; table: one CSV file, 1 % rows appended); load: $(uptime | sed 's/.*load average: //')"
printf '%-16s %-7s %10s %12s %14s\n' step tool seconds cpu-seconds bytes-added
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for step in $(echo "$steps" | tr ' ' '\n' | awk 'NF && !seen[$0]++'); do
  for tool in mlops restic borg; do
    column() { awk -F'\t' -v s="$step" -v t="$tool" -v c="$1" '$1 == s && $2 == t { print $c }' "$results" | median; }
    printf '%-16s %-7s %10.2f %12.2f %14d\n' "$step" "$tool" "$(column 3)" "$(column 4)" "$(column 5)"
  done
done
