#!/usr/bin/env bash
# The nine real ONNX networks of ../shared/onnx on the five bundled _DF accelerators, without a
# hand-written mapping (--mapping auto, docs/spatial-mapping.md): layer by layer (every layer its own
# stack, whole layers) with the searched mapping written out, then depth first (--cuts auto, 28x28
# tiles, fully cached) replaying that mapping. Prints one row per network and accelerator with the
# wall time of each run; exit 1 if any run fails. The test suite runs a sample of this matrix
# (cli RealNetworksEndToEndTest); this is the whole of it.
#
#   tools/onnx-matrix.sh [ONNX_DIR]        # default ../shared/onnx
#   TESSEL=/path/to/command tools/onnx-matrix.sh   # another tessel command (default: ./tessel)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tessel=${TESSEL:-$root/tessel}
dir=${1:-$root/../shared/onnx}
if [ ! -d "$dir" ]; then
  echo "onnx-matrix: $dir is absent; nothing to run" >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$tessel" --help >/dev/null || exit 1   # builds once, outside the timings
status=0
printf '%-28s %-20s %10s %16s %10s %16s\n' network accelerator lbl_s lbl_energy_pJ df_s df_energy_pJ
for model in "$dir"/*.onnx; do
  net=$(basename "$model" .onnx)
  for acc in "$root"/configs/accelerators/*_DF.yaml; do
    name=$(basename "$acc" .yaml)
    map="$tmp/$net-$name.yaml"
    t0=$(date +%s.%N)
    if ! "$tessel" evaluate --workload "$model" --accelerator "$acc" --tile full --mode fully-cached --cuts all \
        --mapping-out "$map" --json "$tmp/lbl.json" >"$tmp/out" 2>"$tmp/err"; then
      echo "FAILED layer by layer: $net on $name: $(tail -1 "$tmp/err")"; status=1; continue
    fi
    t1=$(date +%s.%N)
    if ! "$tessel" evaluate --workload "$model" --accelerator "$acc" --mapping "$map" --tile 28x28 --mode fully-cached \
        --cuts auto --json "$tmp/df.json" >"$tmp/out" 2>"$tmp/err"; then
      echo "FAILED depth first: $net on $name: $(tail -1 "$tmp/err")"; status=1; continue
    fi
    t2=$(date +%s.%N)
    e1=$(grep -o '"energy_total_pJ" *: *[0-9.eE+-]*' "$tmp/lbl.json" | head -1 | sed 's/.*: *//')
    e2=$(grep -o '"energy_total_pJ" *: *[0-9.eE+-]*' "$tmp/df.json" | head -1 | sed 's/.*: *//')
    printf '%-28s %-20s %10.1f %16.4g %10.1f %16.4g\n' "$net" "$name" "$(echo "$t1 - $t0" | bc)" "$e1" \
      "$(echo "$t2 - $t1" | bc)" "$e2"
  done
done
exit $status
