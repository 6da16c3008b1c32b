#!/usr/bin/env bash
# Runs every bundled workload on every _DF accelerator it has a mapping for, the way issue 9's
# "done when" asks: evaluate layer by layer (--cuts all --tile full, fully-cached), depth first
# (--cuts auto --tile 7x7, fully-cached), and search with each back end (300 stacks costed, the
# baseline capped by --budget-seconds). Prints one Markdown row per pair: exit statuses, wall
# times, and whether the fully-cached MAC energy / MAC energy per MAC equals the MACs the engine
# lays out (for workloads with padding: the true MACs describe shows).
#
#   tools/bundled-check.sh [OUTDIR] [BUDGET_SECONDS]
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bundled-check}
budget=${2:-120}
mkdir -p "$out"
echo "| accelerator | network | lbl | lbl s | df 7x7 | df s | MACs exact | exhaustive | genetic | constraint | search s (e/g/c) |"
echo "| --- | --- | --- | ---: | --- | ---: | --- | --- | --- | --- | --- |"
for accfile in configs/accelerators/*_DF.yaml; do
  acc=$(basename "$accfile" .yaml)
  family=${acc%_DF}
  for wlfile in configs/workloads/*.yaml; do
    net=$(basename "$wlfile" .yaml)
    map="configs/mappings/$family/$net.yaml"
    [ -f "$map" ] || continue
    args=(--workload "$wlfile" --accelerator "$accfile" --mapping "$map")
    row="| $acc | $net"
    t0=$(date +%s.%N)
    ./tessel evaluate "${args[@]}" --cuts all --tile full --mode fully-cached --json "$out/$net-$acc-lbl.json" \
      > "$out/$net-$acc-lbl.txt" 2>&1
    s1=$?
    t1=$(date +%s.%N)
    ./tessel evaluate "${args[@]}" --cuts auto --tile 7x7 --mode fully-cached --json "$out/$net-$acc-df.json" \
      > "$out/$net-$acc-df.txt" 2>&1
    s2=$?
    t2=$(date +%s.%N)
    macs=$(python3 - "$out/$net-$acc-lbl.json" "$out/$net-$acc-df.json" "$accfile" "$wlfile" <<'EOF'
import json, re, sys
try:
    acc = open(sys.argv[3]).read()
    per_mac = float(re.search(r"mac_energy_pJ:\s*([0-9.eE+-]+)", acc).group(1))
    lbl, df = (json.load(open(p)) for p in sys.argv[1:3])
    a, b = lbl["mac_energy_pJ"] / per_mac, df["mac_energy_pJ"] / per_mac
    print("yes" if abs(a - b) <= 1e-6 * a else f"no ({a:.0f} vs {b:.0f})", f"{a:,.0f}")
except Exception as e:
    print("n/a", "")
EOF
)
    row="$row | $s1 | $(printf %.1f "$(echo "$t1 - $t0" | bc)") | $s2 | $(printf %.1f "$(echo "$t2 - $t1" | bc)") | $macs"
    times=""
    for strategy in exhaustive genetic constraint; do
      t0=$(date +%s.%N)
      ./tessel search "${args[@]}" --strategy "$strategy" --budget-evals 300 --budget-seconds "$budget" --seed 1 \
        --no-progress --json "$out/$net-$acc-$strategy.json" > "$out/$net-$acc-$strategy.txt" 2>&1
      s=$?
      t1=$(date +%s.%N)
      best=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%.4e' % d['best_value'] if d.get('best_value') is not None else 'none')" \
        "$out/$net-$acc-$strategy.json" 2>/dev/null || echo "no json")
      row="$row | $s: $best"
      times="$times$(printf %.0f "$(echo "$t1 - $t0" | bc)")/"
    done
    echo "$row | ${times%/} |"
  done
done
