#!/usr/bin/env bash
# Wall time of one campaign on one member process and on two (a member per core), each member on
# loopback, the coordinator a client that runs nothing itself. Prints the load average before each
# run and the ratio of the wall times.
#
#   tools/campaign-scaling.sh [CAMPAIGN.yaml [OUT_DIR]]   (default: configs/campaigns/mccnn-seeds.yaml)
#
# MEMBER_JAVA_OPTIONS is given to the members' JVMs, e.g. -XX:ActiveProcessorCount=1 for one core
# each (by default every member's search evaluates on all cores). The results stay in OUT_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
campaign=${1:-configs/campaigns/mccnn-seeds.yaml}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
rm -f "$work/times"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
./tessel --help >/dev/null # builds once, before anything is timed
cluster() { # cluster file with the members on the given ports
  printf 'kind: cluster\nname: tessel-scaling\nmembers: [%s]\n' "$(printf '127.0.0.1:%s, ' "$@" | sed 's/, $//')" > "$work/cluster.yaml"
}
start_members() {
  for p in "$@"; do
    JAVA_TOOL_OPTIONS="${MEMBER_JAVA_OPTIONS:-}" ./tessel member --cluster "$work/cluster.yaml" --port "$p" --quiet \
      > "$work/member-$p.log" 2>&1 &
  done
  for p in "$@"; do
    until grep -q "member of cluster" "$work/member-$p.log" 2>/dev/null; do sleep 0.5; done
  done
}
run() { # label, then campaign options
  local label=$1; shift
  echo "$label: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local t0 t1
  t0=$(date +%s.%N)
  rm -rf "${work:?}/$label"
  ./tessel campaign "$campaign" --out "$work/$label" --no-progress "$@" > "$work/$label.txt"
  t1=$(date +%s.%N)
  python3 -c "print('$label: %.1f s' % ($t1 - $t0))" | tee -a "$work/times"
}
cluster 5811
start_members 5811
run one-member --cluster "$work/cluster.yaml"
kill $(jobs -p); wait 2>/dev/null || true
cluster 5811 5812
start_members 5811 5812
run two-members --cluster "$work/cluster.yaml"
python3 - "$work/times" <<'PY'
import sys
t = dict(l.strip().split(': ') for l in open(sys.argv[1]))
one, two = (float(t[k].split()[0]) for k in ("one-member", "two-members"))
print(f"ratio one/two members: {one / two:.2f}")
PY
python3 - "$work" <<'PY'
import csv, statistics, sys
for label in ("one-member", "two-members"):
    rows = list(csv.DictReader(open(f"{sys.argv[1]}/{label}/runs.csv")))
    walls = [int(r["wall_ms"]) / 1000 for r in rows]
    print(f"{label}: {len(rows)} runs, run wall time median {statistics.median(walls):.1f} s, sum {sum(walls):.1f} s")
PY
echo "results in $work"
