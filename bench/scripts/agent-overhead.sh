#!/usr/bin/env bash
# Measures the host agent on this machine: CPU and resident memory with at least 300 processes
# running, how fast a disguised miner started during the run is alerted, and how long a scan takes.
#
#   bench/scripts/agent-overhead.sh            # 60 s warm-up, 300 s measured, 24 miner starts
#   WARMUP=10 MEASURE=60 RUNS=20 bench/scripts/agent-overhead.sh   # a quicker look
#
# The agent runs through ./minewarden with its default agent JVM options (see that script), at one
# sample per second. Everything started here is stopped at the end, by pid.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WARMUP=${WARMUP:-60}
MEASURE=${MEASURE:-300}
RUNS=${RUNS:-24}
PROCS=${PROCS:-300}
POOL_PORT=${POOL_PORT:-3333}
work=$(mktemp -d /tmp/mw-agent-bench.XXXXXX)
shm=$(mktemp -d /dev/shm/.mw-bench.XXXXXX)
alerts="$work/alerts.ndjson"
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$shm"
}
trap cleanup EXIT

"$here/minewarden" --version >/dev/null   # builds the jar when needed

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$1/status"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

for _ in $(seq "$PROCS"); do sleep 100000 & pids+=($!); done
java "$here/bench/scripts/PoolListener.java" "$POOL_PORT" >"$work/pool.log" 2>&1 & pids+=($!)

"$here/minewarden" agent --interval 1 --state "$work/state" -o "$alerts" 2>"$work/agent.err" &
agent=$!
pids+=("$agent")
echo "agent pid $agent; $(ls /proc | grep -c '^[0-9]') processes; warming up ${WARMUP}s" >&2
sleep "$WARMUP"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
procs_start=$(ls /proc | grep -c '^[0-9]')
t0=$(ticks "$agent"); w0=$(now_ms)
rss_sum=0; rss_n=0; rss_max=0
sample_rss() {
  local r; r=$(rss_kb "$agent"); rss_sum=$((rss_sum + r)); rss_n=$((rss_n + 1))
  [ "$r" -gt "$rss_max" ] && rss_max=$r
  return 0
}

# Miner starts, spread over the measured window. Odd runs: a copy of bash in /dev/shm with
# XMRig's flags and a Stratum URL on its command line (executable-path and command-line
# evidence). Even runs: /bin/bash renamed "systemd-resolved" by argv[0], whose only trait is a
# Stratum login to the pool port (pool-connection evidence). Each is timed from just before its
# start until an alert naming its pid is in the agent's output.
cat >"$work/pool.sh" <<POOL
exec 3<>/dev/tcp/127.0.0.1/$POOL_PORT
printf '%s\n' '{"id":1,"method":"login","params":{"login":"x","pass":"x","agent":"XMRig/6.21.0"}}' >&3
while :; do sleep 600; done
POOL
latencies=()
gap=$(( MEASURE / (RUNS + 1) ))
for i in $(seq "$RUNS"); do
  # A random offset within the second, so starts do not fall at one phase of the agent's sampling.
  sleep_until=$(( w0 + i * gap * 1000 + RANDOM % 1000 ))
  while [ "$(now_ms)" -lt "$sleep_until" ]; do sleep 0.2; sample_rss; done
  if [ $((i % 2)) -eq 1 ]; then
    exe="$shm/kworker-$i"
    cp /bin/bash "$exe"
    start=$(now_ms)
    "$exe" -c 'while :; do sleep 600; done' -o "stratum+tcp://127.0.0.1:$POOL_PORT" \
      -u 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A \
      --donate-level 1 -a rx/0 >/dev/null 2>&1 &
  else
    start=$(now_ms)
    ( exec -a systemd-resolved /bin/bash "$work/pool.sh" ) >/dev/null 2>&1 &
  fi
  miner=$!
  found=""
  while [ $(( $(now_ms) - start )) -lt 15000 ]; do
    if grep -q "\"pid\":$miner[,}]" "$alerts" 2>/dev/null; then found=$(now_ms); break; fi
    sleep 0.02
  done
  rule=$(grep "\"pid\":$miner[,}]" "$alerts" 2>/dev/null | head -1 | grep -o '"rule":{"id":"[^"]*"' | cut -d'"' -f6 || true)
  if [ -n "$found" ]; then
    latencies+=($((found - start)))
    echo "miner $i (pid $miner): alerted after $((found - start)) ms by $rule" >&2
  else
    latencies+=(99999)
    echo "miner $i (pid $miner): NOT alerted within 15 s" >&2
  fi
  children=$(ps -o pid= --ppid "$miner" 2>/dev/null || true)
  kill "$miner" $children 2>/dev/null || true
  wait "$miner" 2>/dev/null || true
done
end=$(( w0 + MEASURE * 1000 ))
while [ "$(now_ms)" -lt "$end" ]; do sleep 1; sample_rss; done
t1=$(ticks "$agent"); w1=$(now_ms)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
hz=$(getconf CLK_TCK)

cpu=$(awk -v t=$((t1 - t0)) -v w=$((w1 - w0)) -v hz="$hz" 'BEGIN{printf "%.3f", 100 * t / hz / (w / 1000)}')
rss_avg=$(( rss_sum / (rss_n > 0 ? rss_n : 1) ))
sorted=$(printf '%s\n' "${latencies[@]}" | sort -n)
n=${#latencies[@]}
p95_idx=$(( (n * 95 + 99) / 100 ))
p50=$(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p")
p95=$(echo "$sorted" | sed -n "${p95_idx}p")
maxl=$(echo "$sorted" | tail -1)

kill -TERM "$agent"
stop_start=$(now_ms)
agent_exit=0; wait "$agent" || agent_exit=$?
stop_ms=$(( $(now_ms) - stop_start ))

scans=()
for _ in 1 2 3 4 5; do
  s=$(now_ms)
  "$here/minewarden" scan --format ndjson --fail-on none >/dev/null 2>"$work/scan.err"
  scans+=($(( $(now_ms) - s )))
done
scan_sorted=$(printf '%s\n' "${scans[@]}" | sort -n)

cat <<REPORT
host: $(nproc) cores, $(uname -r), $procs_start processes at start of measurement
load average: $load_start (start), $load_end (end)
agent CPU: $cpu % of one core over $(( (w1 - w0) / 1000 )) s after ${WARMUP} s warm-up ($((t1 - t0)) ticks)
agent RSS: avg $((rss_avg / 1024)) MiB, max $((rss_max / 1024)) MiB ($rss_n samples)
miner alert latency over $n starts: p50 ${p50} ms, p95 ${p95} ms, max ${maxl} ms
agent stop on SIGTERM: exit $agent_exit after ${stop_ms} ms
scan wall time (5 runs, incl. JVM start): $(echo $scan_sorted | tr '\n' ' ') ms
REPORT
