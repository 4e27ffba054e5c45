#!/usr/bin/env bash
# Hunts a synthetic 2-million-line sshd auth.log with `minewarden hunt` (the whole built-in rule
# pack) and with the peers, side by side in one run: fail2ban-regex with its sshd filter, the awk
# sliding-window script of ../shared/bench/bench_peers.sh ("floor": >= 5 failures in 600 s per IP)
# and `rg -c 'Failed password'`. Whole-process wall time (JVM start included), runs interleaved so
# machine load hits every tool alike; prints medians, peak RSS and ratios, and scores the
# brute-force sources each detector flags against the generator's truth file.
#
#   bench/scripts/authlog-vs-peers.sh                 # RUNS=5, F2B_RUNS=3
#   LOG=/tmp/x/auth.log LINES=2000000 RUNS=7 bench/scripts/authlog-vs-peers.sh
#
# Needs python3, GNU time (/usr/bin/time), fail2ban, ripgrep (Debian packages) and a JDK 17.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${SHARED:-$here/../shared/bench}"
LOG=${LOG:-/tmp/mwbench/auth.log}
LINES=${LINES:-2000000}
RUNS=${RUNS:-5}
F2B_RUNS=${F2B_RUNS:-3}
OUT=${OUT:-$(dirname "$LOG")/authlog-results}
TRUTH="${LOG%.log}.truth.csv"
mkdir -p "$OUT"

if [ ! -f "$LOG" ] || [ ! -f "$TRUTH" ]; then
  echo "generating $LINES lines into $LOG" >&2
  python3 "$shared/gen_authlog.py" --lines "$LINES" --out "$LOG" --truth "$TRUTH" \
    --summary "${LOG%.log}.summary.json"
fi

AWK_WINDOW='BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", M, " "); for (i = 1; i <= 12; i++) mo[M[i]] = i }
/Failed password/ { for (i = NF; i > 0; i--) if ($i == "from") { ip = $(i+1); break }
  split($3, h, ":"); t = (((mo[$1] * 31 + $2) * 24 + h[1]) * 60 + h[2]) * 60 + h[3]
  n = ++cnt[ip]; ts[ip, n] = t; if (n >= 5 && t - ts[ip, n-4] < 600) bf[ip] = 1 }
END { for (ip in bf) print ip }'

declare -A CMD=(
  [minewarden]="'$here/minewarden' hunt --format ndjson '$LOG' > '$OUT/minewarden.ndjson' 2> '$OUT/minewarden.err'; test \$? -le 3"
  [awk_window]="awk '$AWK_WINDOW' '$LOG' > '$OUT/awk_bf.txt'"
  [rg_count]="rg -c 'Failed password' '$LOG' > '$OUT/rg_count.txt'"
  [fail2ban]="fail2ban-regex '$LOG' sshd > '$OUT/f2b_report.txt' 2>&1"
)
ORDER=(minewarden awk_window rg_count fail2ban)

measure() { # name
  /usr/bin/time -f "%e %M" -o "$OUT/$1.time" bash -c "${CMD[$1]}" || true
  cat "$OUT/$1.time" >> "$OUT/$1.tsv"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(nproc) cores)" | tee "$OUT/summary.txt"
# Warm-up (not timed): builds the jar and its class-data archive if needed, fills the page cache.
"$here/minewarden" hunt --quiet "$LOG" > /dev/null 2>&1 || true
for t in "${ORDER[@]}"; do : > "$OUT/$t.tsv"; done
for i in $(seq "$RUNS"); do
  for t in "${ORDER[@]}"; do
    if [ "$t" = fail2ban ] && [ "$i" -gt "$F2B_RUNS" ]; then continue; fi
    measure "$t"
  done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mw=$(cut -d' ' -f1 "$OUT/minewarden.tsv" | median)
{
  printf '\n%-12s %5s %10s %10s %10s %9s %24s\n' tool runs "median s" "min s" "max s" "RSS MB" "median / minewarden's"
  for t in "${ORDER[@]}"; do
    w=$(cut -d' ' -f1 "$OUT/$t.tsv" | median)
    lo=$(cut -d' ' -f1 "$OUT/$t.tsv" | sort -n | head -1)
    hi=$(cut -d' ' -f1 "$OUT/$t.tsv" | sort -n | tail -1)
    rss=$(cut -d' ' -f2 "$OUT/$t.tsv" | median)
    printf '%-12s %5d %10.2f %10.2f %10.2f %9.0f %24.3f\n' "$t" "$(wc -l < "$OUT/$t.tsv")" "$w" "$lo" "$hi" \
      "$(echo "$rss / 1024" | bc -l)" "$(echo "$w / $mw" | bc -l)"
  done
  echo
  python3 - "$OUT/minewarden.ndjson" > "$OUT/minewarden_bf.txt" <<'PY'
import json, sys
ips = set()
for line in open(sys.argv[1]):
    a = json.loads(line)
    if a["rule"]["name"] == "SSH Brute Force From One Source":
        ips.add(a["source"]["ip"])
print("\n".join(sorted(ips)))
PY
  python3 "$shared/score_ips.py" "$TRUTH" "$OUT/minewarden_bf.txt" --name minewarden
  python3 "$shared/score_ips.py" "$TRUTH" "$OUT/awk_bf.txt" --name awk_window
  echo "rg -c: $(cat "$OUT/rg_count.txt") 'Failed password' lines"
  grep -E 'Lines:|Failregex:' "$OUT/f2b_report.txt" | head -2 | sed 's/^/fail2ban-regex: /'
} | tee -a "$OUT/summary.txt"
