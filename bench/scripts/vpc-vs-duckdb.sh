#!/usr/bin/env bash
# VPC flow logs: Minewarden (VpcFlowLogFormat + the built-in pack + the benchmark's pool rule, one
# thread and two, in process: dev.minewarden.bench.VpcHunt) against DuckDB (vpc_mining_flow.sql
# through its JDBC driver, dev.minewarden.bench.VpcDuckDb) with 1 and 2 threads, on the same file, runs
# interleaved; whole-process wall time (JVM start included) and each side's own timing of its
# query; both outputs scored against the generator's truth file. Also `minewarden hunt` on the file
# with one and with two threads (the whole CLI: intel enrichment, folding, NDJSON output).
#
#   bench/scripts/vpc-vs-duckdb.sh              # RUNS=3, 10 M records in /tmp/mwbench/vpc.log
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOG=${LOG:-/tmp/mwbench/vpc.log}
RECORDS=${RECORDS:-10000000}
RUNS=${RUNS:-3}
OUT=${OUT:-$(dirname "$LOG")/vpc-results}
TRUTH="${LOG%.log}.truth.csv"
JAR="$here/bench/target/benchmarks.jar"
RULE="$here/bench/src/main/resources/dev/minewarden/bench/vpc/vpc_mining_flow.yml"
mkdir -p "$OUT"
[ -f "$JAR" ] || (cd "$here" && mvn -B -q -o -pl bench -am package -DskipTests)
if [ ! -f "$LOG" ] || [ ! -f "$TRUTH" ]; then
  java -cp "$JAR" dev.minewarden.bench.VpcFlowGenerator --records "$RECORDS" --out "$LOG" --truth "$TRUTH"
fi
# Both in-process sides start from an application class-data archive, as `./minewarden` does:
# each is made once per jar by a run over a small flow log, so neither side's time includes
# parsing and verifying the classes it loads (about 0.3 s of a JVM's start). The training runs
# only interpret, as the launcher's does: JDK 17 archives a method's "queued for compilation" flag
# (JDK-8306460), and a method queued when the training ended would never be compiled.
TRAIN="$OUT/train.log"
if [ ! -f "$TRAIN" ] || [ "$JAR" -nt "$OUT/vpchunt.jsa" ] || [ "$JAR" -nt "$OUT/duckdb.jsa" ]; then
  java -cp "$JAR" dev.minewarden.bench.VpcFlowGenerator --records 30000 --out "$TRAIN" --truth "$OUT/train.truth.csv" 2> /dev/null
  rm -f "$OUT/vpchunt.jsa" "$OUT/duckdb.jsa"
  java -Xint -Xmx256m -XX:ArchiveClassesAtExit="$OUT/vpchunt.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$JAR" dev.minewarden.bench.VpcHunt "$TRAIN" "$OUT/train-mw.csv" 2 2> /dev/null
  java -Xint -Xmx256m -XX:ArchiveClassesAtExit="$OUT/duckdb.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$JAR" dev.minewarden.bench.VpcDuckDb "$TRAIN" 2 "$OUT/train-duck.csv" 2> /dev/null
fi
JIT_MW="-XX:FreqInlineSize=60 -XX:InlineSmallCode=1000 -XX:NewRatio=1 -XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=4800 -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=320000"
CDS_MW="-XX:SharedArchiveFile=$OUT/vpchunt.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
CDS_DUCK="-XX:SharedArchiveFile=$OUT/duckdb.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
declare -A CMD=(
  # The JVM flags the launcher gives `hunt` (see ./minewarden), but with one worker the serial
  # collector, so that "one thread" holds for the pauses too.
  [minewarden_1t]="java -Xmx256m -XX:+UseSerialGC $JIT_MW $CDS_MW -cp '$JAR' dev.minewarden.bench.VpcHunt '$LOG' '$OUT/mw.csv'"
  [minewarden_2t]="java -Xmx256m -XX:+UseParallelGC $JIT_MW $CDS_MW -cp '$JAR' dev.minewarden.bench.VpcHunt '$LOG' '$OUT/mw2.csv' 2"
  [duckdb_1t]="java -Xmx256m $CDS_DUCK -cp '$JAR' dev.minewarden.bench.VpcDuckDb '$LOG' 1 '$OUT/duck1.csv'"
  [duckdb_2t]="java -Xmx256m $CDS_DUCK -cp '$JAR' dev.minewarden.bench.VpcDuckDb '$LOG' 2 '$OUT/duck2.csv'"
  [hunt_1t]="'$here/minewarden' hunt --threads 1 --rules '$RULE' --fold-window PT0S --format ndjson '$LOG' > '$OUT/hunt1.ndjson'; test \$? -le 3"
  [hunt_2t]="'$here/minewarden' hunt --threads 2 --rules '$RULE' --fold-window PT0S --format ndjson '$LOG' > '$OUT/hunt2.ndjson'; test \$? -le 3"
)
ORDER=(minewarden_1t duckdb_1t minewarden_2t duckdb_2t hunt_1t hunt_2t)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)" | tee "$OUT/summary.txt"
"$here/minewarden" --version > /dev/null   # builds the jar and its class-data archive if needed
cat "$LOG" > /dev/null                       # page cache
for t in "${ORDER[@]}"; do : > "$OUT/$t.tsv"; : > "$OUT/$t.inner"; done
for i in $(seq "$RUNS"); do
  for t in "${ORDER[@]}"; do
    /usr/bin/time -f "%e %M" -o "$OUT/$t.time" bash -c "${CMD[$t]}" 2> "$OUT/$t.err" || true
    cat "$OUT/$t.time" >> "$OUT/$t.tsv"
    grep -hoE '(parse_detect_s|query_s)=[0-9.]+' "$OUT/$t.err" | cut -d= -f2 >> "$OUT/$t.inner" || true
  done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
records=$(($(wc -l < "$LOG") - 1))
{
  printf '\n%-14s %5s %12s %12s %9s %14s\n' tool runs "wall med s" "inner med s" "RSS MB" "records/s inner"
  for t in "${ORDER[@]}"; do
    w=$(cut -d' ' -f1 "$OUT/$t.tsv" | median); rss=$(cut -d' ' -f2 "$OUT/$t.tsv" | median)
    inner=$(median < "$OUT/$t.inner")
    rate="-"; [ "$inner" != "-" ] && rate=$(echo "$records / $inner" | bc)
    printf '%-14s %5d %12s %12s %9.0f %14s\n' "$t" "$(wc -l < "$OUT/$t.tsv")" "$w" "$inner" "$(echo "$rss / 1024" | bc -l)" "$rate"
  done
  tail -n +2 "$TRUTH" | cut -d, -f2- | sort > "$OUT/truth.sorted"
  for f in mw mw2 duck1 duck2; do
    sort "$OUT/$f.csv" > "$OUT/$f.sorted"
    echo "$f: $(wc -l < "$OUT/$f.sorted") flagged, $(comm -12 "$OUT/truth.sorted" "$OUT/$f.sorted" | wc -l) of $(wc -l < "$OUT/truth.sorted") mining records, $(comm -13 "$OUT/truth.sorted" "$OUT/$f.sorted" | wc -l) false positives"
  done
  for n in 1 2; do
    echo "hunt_${n}t: $(grep -c e3bc8d82-4ffa-4a22-9207-cd4eb48524d6 "$OUT/hunt$n.ndjson") alerts of the pool rule"
  done
  cmp -s "$OUT/hunt1.ndjson" "$OUT/hunt2.ndjson" && echo "hunt_1t and hunt_2t: identical output" \
    || echo "hunt_1t and hunt_2t: outputs DIFFER"
} | tee -a "$OUT/summary.txt"
