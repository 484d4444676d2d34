#!/usr/bin/env bash
# parquet-java's bare read, Arrow's dataset module (Arrow C++ over JNI) and mlops's own Parquet to
# Arrow reader, each reading every column of the same Parquet file, alternated in one run, one JVM
# per read (so that each peak RSS is the reader's own), with medians, and the readers' dependency
# weight. The file is ParquetTableMeasurement's (20 columns, Snappy, row groups of 64 MiB).
#
#   mlops-benchmarks/parquet-readers.sh [SIZE_MIB=1024] [RUNS=3] [DIR=/tmp/mlops-parquet-readers]
#
# DIR keeps the file (bench-SIZEmib.parquet) for the next run. Arrow's dataset module needs Arrow
# 18.3.0 (the last published) while the SDK uses 19.0.0, so it runs from its own project,
# mlops-benchmarks/arrow-dataset, never part of the reactor. Builds offline first, online once if
# that fails; the benchmarks jar is built when missing (REBUILD=1 to rebuild it).
# Results: docs/datasets.md, "parquet-java or Arrow's dataset module".
set -euo pipefail

size=${1:-1024}
runs=${2:-3}
dir=${3:-${TMPDIR:-/tmp}/mlops-parquet-readers}
root=$(cd "$(dirname "$0")/.." && pwd)
ads="$root/mlops-benchmarks/arrow-dataset"
jar="$root/mlops-benchmarks/target/benchmarks.jar"
repo=${MAVEN_REPO:-$HOME/.m2/repository}
jvm=(java -Xmx256m --add-opens=java.base/java.nio=ALL-UNNAMED)

build() { # offline first, then online once
  "$root/mvnw" -B -q -o "$@" || "$root/mvnw" -B -q "$@"
}
if [[ ! -f "$jar" || -n "${REBUILD:-}" ]]; then
  build -f "$root/pom.xml" -pl mlops-benchmarks -am package -DskipTests
fi
build -f "$ads/pom.xml" package -DskipTests
ads_cp="$ads/target/classes:$(cat "$ads/target/classpath.txt")"

file="$dir/bench-${size}mib.parquet"
"${jvm[@]}" -cp "$jar" dev.mlops.benchmarks.dataset.ParquetReadersRun write "$file" "$size"

readers=(parquet-java arrow-dataset mlops)
run_one() { # reader -> its RESULT line, with the whole process's wall/user/sys from time(1)
  local cmd
  case $1 in
    parquet-java) cmd=("${jvm[@]}" -cp "$jar" dev.mlops.benchmarks.dataset.ParquetReadersRun bare "$file") ;;
    mlops) cmd=("${jvm[@]}" -cp "$jar" dev.mlops.benchmarks.dataset.ParquetReadersRun mlops "$file") ;;
    arrow-dataset) cmd=("${jvm[@]}" -cp "$ads_cp" dev.mlops.benchmarks.arrowdataset.ArrowDatasetRead "$file") ;;
  esac
  local t; t=$(mktemp)
  local line
  line=$(/usr/bin/time -f "%e %U %S" -o "$t" "${cmd[@]}" | grep '^RESULT')
  read -r pw pu ps < "$t"; rm -f "$t"
  echo "$line process_wall=$pw process_cpu=$(echo "$pu + $ps" | bc)"
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(nproc) cores"
for ((r = 0; r < runs; r++)); do
  for ((k = 0; k < 3; k++)); do # a different reader first in each run
    reader=${readers[$(((r + k) % 3))]}
    line=$(run_one "$reader")
    echo "#$((r + 1)) $line load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# rows and the columns' sums must agree
agree=$(sed -E 's/.* rows=([0-9]+) hash=([0-9a-f]+) balance=(-?[0-9]+).*/\1 \2 \3/' "$results" | sort -u)
if [[ $(wc -l <<< "$agree") -ne 1 ]]; then
  echo "the readers disagree (rows, hash of the column sums, balance sum):"; echo "$agree"; exit 1
fi
read -r rows hash balance <<< "$agree"
bytes=$(stat -c %s "$file")
echo "all reads agree: $rows rows, column sums hash $hash, sum of balance $balance; file $bytes bytes"

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { grep " reader=$1 " "$results" | sed -E "s/.* $2=([-0-9.]+).*/\1/"; }
printf '\nmedians of %d runs, %s MiB file:\n' "$runs" "$size"
printf '| reader | read wall s | MB/s | read CPU s (Java threads) | threads | peak RSS MiB | process wall s, CPU s |\n'
printf '|---|---|---|---|---|---|---|\n'
for reader in "${readers[@]}"; do
  w=$(field "$reader" wall | median)
  printf '| %s | %.2f | %.0f | %.2f (%.2f) | %s | %s | %.2f, %.2f |\n' "$reader" "$w" \
    "$(echo "$bytes / 1000000 / $w" | bc -l)" "$(field "$reader" cpu | median)" \
    "$(field "$reader" javacpu | median)" "$(field "$reader" threads | median)" \
    "$(field "$reader" rss_mib | sort -g | tail -1)" "$(field "$reader" process_wall | median)" \
    "$(field "$reader" process_cpu | median)"
done
echo "(peak RSS: the largest of the runs; read CPU: the process's during the read, all threads)"

# Dependency weight: the jars each reader needs beyond the JDK, and the native libraries in them.
jar_of() { # group artifact version
  echo "$repo/${1//.//}/$2/$3/$2-$3.jar"
}
weigh() { # title, then jars
  local title=$1; shift
  local total=0 s
  for j in "$@"; do s=$(stat -c %s "$j"); total=$((total + s)); done
  printf '%s: %d jars, %.1f MB\n' "$title" "$#" "$(echo "$total / 1000000" | bc -l)"
  for j in "$@"; do
    printf '  %-48s %6.1f MB\n' "$(basename "$j")" "$(echo "$(stat -c %s "$j") / 1000000" | bc -l)"
    # each native library when a few, else their count and sizes (uncompressed)
    unzip -l "$j" | awk '$4 ~ /\.(so|dylib|dll|jnilib)$/ {n++; total += $1; name[n] = $4; size[n] = $1
        if ($4 ~ /(linux|Linux)\/(x86_64|amd64)\//) linux = $1}
      END {if (n > 0 && n <= 6) for (i = 1; i <= n; i++) printf "    native %-56s %6.1f MB\n", name[i], size[i] / 1e6
        else if (n > 6) printf "    %d native libraries, %.1f MB in all, Linux x86_64 %.1f MB\n", n, total / 1e6, linux / 1e6}'
  done
}
pq=1.18.2
mlops_pq=("$(jar_of org.apache.parquet parquet-column $pq)" "$(jar_of org.apache.parquet parquet-common $pq)"
  "$(jar_of org.apache.parquet parquet-encoding $pq)" "$(jar_of org.apache.parquet parquet-format-structures $pq)"
  "$(jar_of io.airlift aircompressor 2.0.3)")
echo
weigh "mlops's reader (what mlops-core adds for Parquet; Arrow 19 is there anyway)" "${mlops_pq[@]}"
weigh "parquet-java's ParquetFileReader (beyond mlops's)" "$(jar_of org.apache.parquet parquet-hadoop $pq)" \
  "$(jar_of org.apache.parquet parquet-jackson $pq)" "$(jar_of org.xerial.snappy snappy-java 1.1.10.12)" \
  "$(jar_of com.github.luben zstd-jni 1.5.7-24)" "$(jar_of commons-pool commons-pool 1.6)" \
  "$(jar_of org.apache.hadoop hadoop-client-api 3.4.1)" "$(jar_of org.apache.hadoop hadoop-client-runtime 3.4.1)"
mapfile -t ads_jars < <(tr ':' '\n' < "$ads/target/classpath.txt" | grep -v slf4j-nop)
weigh "Arrow's dataset module 18.3.0 (its whole class path; arrow-dataset and arrow-c-data are beyond mlops's)" \
  "${ads_jars[@]}"
