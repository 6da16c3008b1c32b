#!/usr/bin/env bash
# Runs the exhaustive search of every bundled network on the given accelerators (default:
# Meta_prototype_DF and Tesla_NPU_like_DF) and prints one Markdown row per run, the table of
# docs/search.md "Measurements". Each run is capped at 300 s (the issue's goal).
#
#   tools/exhaustive-table.sh [OUTDIR] [ACCELERATOR...]
#
# JSON results and schedules go to OUTDIR (default: target/exhaustive-table).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/exhaustive-table}
shift || true
accelerators=("$@")
[ ${#accelerators[@]} -gt 0 ] || accelerators=(Meta_prototype_DF Tesla_NPU_like_DF)
mkdir -p "$out"
echo "| accelerator | network | stacks | evaluated | wall s | result | best pJ | baseline pJ | gain |"
echo "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
for acc in "${accelerators[@]}"; do
  family=${acc%_DF}
  for net in fsrcnn mccnn dmcnnvd mobilenetv1 resnet18; do
    json="$out/$net-$acc.json"
    ./tessel search --workload "configs/workloads/$net.yaml" --accelerator "configs/accelerators/$acc.yaml" \
      --mapping "configs/mappings/$family/$net.yaml" --strategy exhaustive --objective energy --lpf-limit 6 \
      --budget-seconds 300 --json "$json" --schedule-out "$out/$net-$acc.yaml" --no-progress > "$out/$net-$acc.txt"
    python3 - "$json" "$acc" "$net" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
def e(v):
    return "—" if v is None else f"{v:.6e}"
result = "optimum" if d["complete"] else "**stopped**"
gain = "—" if d.get("gain") is None else f"{d['gain']:.3f}×"
print(f"| {sys.argv[2]} | {sys.argv[3]} | {d['stack_count']:,} | {d['evaluations']:,} | {d['wall_ms'] / 1000:.1f} "
      f"| {result} | {e(d['best_value'])} | {e(d.get('baseline_value'))} | {gain} |")
EOF
  done
done
