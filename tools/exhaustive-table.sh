#!/usr/bin/env bash
# Runs the exhaustive search (branch and bound, energy, lpf 6, default tile grid) of bundled networks
# on accelerators and prints one Markdown row per run, the tables of docs/search.md "Measurements":
# stacks in the space (= what the plain dynamic programme costs), stacks costed, wall time, the load
# average before and after the run (the machine's other work), the result and the proven gap.
#
#   tools/exhaustive-table.sh [-o OUTDIR] [-t SECONDS] [-n NETWORKS] [ACCELERATOR...]
#
#   -o OUTDIR    JSON results, schedules and logs (default: target/exhaustive-table)
#   -t SECONDS   wall-time cap per run (default 600, the issue's goal for the big networks)
#   -n NETWORKS  comma-separated workload names (default: the five reference networks);
#                e.g. -n resnet50,vgg19
#   ACCELERATOR  default: Meta_prototype_DF Tesla_NPU_like_DF; "all" for every *_DF accelerator
#
# Examples: the big networks, and every reference network on every _DF accelerator:
#   tools/exhaustive-table.sh -t 600 -n resnet50,vgg19 Tesla_NPU_like_DF Meta_prototype_DF
#   tools/exhaustive-table.sh -t 60 all
# The jar is built once and copied, so that editing sources during a run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/exhaustive-table
cap=600
networks=fsrcnn,mccnn,dmcnnvd,mobilenetv1,resnet18
while getopts "o:t:n:" opt; do
  case $opt in
    o) out=$OPTARG ;;
    t) cap=$OPTARG ;;
    n) networks=$OPTARG ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
accelerators=("$@")
[ ${#accelerators[@]} -gt 0 ] || accelerators=(Meta_prototype_DF Tesla_NPU_like_DF)
if [ "${accelerators[0]}" = all ]; then
  accelerators=()
  for f in configs/accelerators/*_DF.yaml; do accelerators+=("$(basename "$f" .yaml)"); done
fi
mkdir -p "$out"
./tessel --help > /dev/null   # builds if sources changed
jar="$out/tessel.jar"
cp cli/target/tessel.jar "$jar"
# shellcheck source=bin/with-jdk25
source bin/with-jdk25
use_jdk25
load() { cut -d' ' -f1 /proc/loadavg; }
echo "| accelerator | network | stacks | costed | wall s | load before/after | result | best pJ | gap | baseline pJ | gain |"
echo "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
for acc in "${accelerators[@]}"; do
  family=${acc%_DF}
  for net in ${networks//,/ }; do
    mapping="configs/mappings/$family/$net.yaml"
    [ -f "$mapping" ] || { echo "| $acc | $net | no mapping $mapping | | | | | | | | |"; continue; }
    json="$out/$net-$acc.json"
    before=$(load)
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC \
      -jar "$jar" search --workload "configs/workloads/$net.yaml" --accelerator "configs/accelerators/$acc.yaml" \
      --mapping "$mapping" --strategy exhaustive --objective energy --lpf-limit 6 \
      --budget-seconds "$cap" --json "$json" --schedule-out "$out/$net-$acc.yaml" \
      > "$out/$net-$acc.txt" 2> "$out/$net-$acc.log" || true
    after=$(load)
    python3 - "$json" "$acc" "$net" "$before" "$after" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print(f"| {sys.argv[2]} | {sys.argv[3]} | failed, see the log | | | | | | | | |")
    sys.exit(0)
def e(v):
    return "—" if v is None else f"{v:.6e}"
result = "optimum" if d["complete"] else "**stopped**"
gap = "—" if d.get("gap") is None else f"{100 * d['gap']:.2f} %"
gain = "—" if d.get("gain") is None else f"{d['gain']:.3f}×"
share = 100 * d["evaluations"] / d["stack_count"]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {d['stack_count']:,} | {d['evaluations']:,} ({share:.1f} %) "
      f"| {d['wall_ms'] / 1000:.1f} | {sys.argv[4]}/{sys.argv[5]} | {result} | {e(d['best_value'])} | {gap} "
      f"| {e(d.get('baseline_value'))} | {gain} |")
PY
  done
done
