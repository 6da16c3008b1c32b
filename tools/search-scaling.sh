#!/usr/bin/env bash
# Wall time of one exhaustive search on one process and on a coordinator with two member processes
# (loopback, -XX:ActiveProcessorCount=1 each by default), run alternately ROUNDS times because the
# machine is shared. Members are started afresh for every cluster run (a member keeps its layer-tile
# memo between runs of the same problem). Prints, per run, the load average before it, the wall time,
# when the coordinator finished bounding the stacks (from the progress lines), the CPU time of each
# process, the stacks each member costed, and checks that every run found the same result.
#
#   tools/search-scaling.sh [OUT_DIR]     ROUNDS (default 2), MEMBER_JAVA_OPTIONS (default -XX:ActiveProcessorCount=1)
#   SEARCH="--workload ... --accelerator ... --mapping ..." (default: dmcnnvd on Meta_prototype_DF)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
rounds=${ROUNDS:-2}
member_options=${MEMBER_JAVA_OPTIONS:--XX:ActiveProcessorCount=1}
search=${SEARCH:---workload configs/workloads/dmcnnvd.yaml --accelerator configs/accelerators/Meta_prototype_DF.yaml --mapping configs/mappings/Meta_prototype/dmcnnvd.yaml}
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
./tessel --help >/dev/null # builds once, before anything is timed
printf 'kind: cluster\nname: tessel-search-scaling\nmembers: [127.0.0.1:5821, 127.0.0.1:5822]\n' > "$work/cluster.yaml"
cpu() { # CPU seconds (user + system) of a process so far
  python3 -c "import os,sys; f=open('/proc/%s/stat'%sys.argv[1]).read().rsplit(')',1)[1].split(); t=os.sysconf('SC_CLK_TCK'); print('%.1f'%((int(f[11])+int(f[12]))/t))" "$1"
}
run() { # label, then search options
  local label=$1; shift
  local t0 t1
  echo "$label: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/report"
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$work/$label.cpu" ./tessel search $search --strategy exhaustive --baseline none \
    --json "$work/$label.json" "$@" > "$work/$label.out" 2> "$work/$label.err"
  t1=$(date +%s.%N)
  python3 - "$label" "$t0" "$t1" "$work" <<'PY' | tee -a "$work/report"
import json, re, sys
label, t0, t1, work = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
d = json.load(open(f"{work}/{label}.json"))
user, system = map(float, open(f"{work}/{label}.cpu").read().split()[-2:])
bounded = None
for line in open(f"{work}/{label}.err"):
    m = re.search(r"(\d+):(\d\d):(\d\d) elapsed.*?([\d,]+) stacks bounded", line)
    if m and bounded is None and m.group(4).replace(",", "") == str(d["stack_count"]):
        bounded = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
print(f"{label}: {t1 - t0:.1f} s wall (search {d['wall_ms'] / 1000:.1f} s; all {d['stack_count']:,} stacks bounded by "
      f"{bounded} s), coordinator CPU {user + system:.1f} s; best {d['best_value']!r}, {d['evaluations']:,} stacks costed, "
      f"complete {d['complete']}")
PY
}
for round in $(seq 1 "$rounds"); do
  run "local-$round"
  pids=()
  for p in 5821 5822; do
    JAVA_TOOL_OPTIONS="$member_options" ./tessel member --cluster "$work/cluster.yaml" --port "$p" --quiet \
      > "$work/member-$round-$p.log" 2>&1 &
    pids+=($!)
  done
  for p in 5821 5822; do
    until grep -q "member of cluster" "$work/member-$round-$p.log" 2>/dev/null; do sleep 0.5; done
  done
  run "cluster-$round" --cluster "$work/cluster.yaml"
  for i in 0 1; do
    echo "cluster-$round: member $((5821 + i)) CPU $(cpu "${pids[$i]}") s" | tee -a "$work/report"
  done
  grep "stacks costed per member" "$work/cluster-$round.err" | sed "s/^/cluster-$round: /" | tee -a "$work/report"
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
done
python3 - "$work" "$rounds" <<'PY' | tee -a "$work/report"
import json, sys
work, rounds = sys.argv[1], int(sys.argv[2])
docs = {f"{k}-{r}": json.load(open(f"{work}/{k}-{r}.json")) for k in ("local", "cluster") for r in range(1, rounds + 1)}
same = {json.dumps([d["best_value"], d["best_schedule"], d["evaluations"], d["trace"]]) for d in docs.values()}
print("every run found the same result (best value, schedule, evaluations, trace):", len(same) == 1)
for r in range(1, rounds + 1):
    l, c = docs[f"local-{r}"]["wall_ms"], docs[f"cluster-{r}"]["wall_ms"]
    print(f"round {r}: search wall time one process / coordinator + two members = {l / 1000:.1f} / {c / 1000:.1f} = {l / c:.2f}")
PY
echo "results in $work"
