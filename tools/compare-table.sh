#!/usr/bin/env bash
# Runs `tessel compare` for the genetic and constraint strategies at 10 % of the exhaustive
# evaluations (5 seeds), against the optima that tools/exhaustive-table.sh wrote, and prints one
# Markdown row per network and strategy.
#
#   tools/compare-table.sh EXHAUSTIVE_DIR ACCELERATOR NETWORK...
#
# EXHAUSTIVE_DIR holds <net>-<accelerator>.json from tools/exhaustive-table.sh (complete runs only);
# CSVs and charts are written next to them.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 acc=$2
shift 2
family=${acc%_DF}
echo "| accelerator | network | budget (10 %) | strategy | within 1 % | median gap | worst gap | median evals to 1 % | median wall s |"
echo "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for net in "$@"; do
  json="$dir/$net-$acc.json"
  read -r optimum budget < <(python3 -c "
import json, sys
d = json.load(open('$json'))
if not d['complete']:
    sys.exit('$json: the exhaustive run did not finish, so its best is not the optimum')
print(repr(d['best_value']), max(1, d['stack_count'] // 10))")
  csv="$dir/compare-$net-$acc.csv"
  ./tessel compare --workload "configs/workloads/$net.yaml" --accelerator "configs/accelerators/$acc.yaml" \
    --mapping "configs/mappings/$family/$net.yaml" --objective energy --lpf-limit 6 \
    --strategies genetic,constraint --budget-evals "$budget" --seeds 5 --optimum "$optimum" \
    --csv "$csv" --chart "$dir/compare-$net-$acc.png" > "$dir/compare-$net-$acc.txt"
  python3 - "$csv" "$acc" "$net" "$budget" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for strategy in dict.fromkeys(r["strategy"] for r in rows):
    runs = [r for r in rows if r["strategy"] == strategy]
    gaps = [float(r["gap_percent"]) if r["gap_percent"] else float("inf") for r in runs]
    hits = [int(r["evaluations_to_1pct"]) for r in runs if r["evaluations_to_1pct"] not in ("", "-")]
    wall = statistics.median(float(r["wall_ms"]) for r in runs) / 1000
    to1 = f"{statistics.median(hits):,.0f}" if hits else "—"
    print(f"| {sys.argv[2]} | {sys.argv[3]} | {int(sys.argv[4]):,} | {strategy} | {len(hits)}/{len(runs)} "
          f"| {statistics.median(gaps):.2f} % | {max(gaps):.2f} % | {to1} | {wall:.1f} |")
EOF
done
