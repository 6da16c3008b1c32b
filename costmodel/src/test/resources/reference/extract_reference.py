#!/usr/bin/env python3
"""One-off extractor (not run by the build): compacts the DeFiNES reference results
(../shared/reference/defines/*.json, see its INDEX.md) into layer-tiles.json, the only reference
data the costmodel tests read.

For every compute-layer evaluation (one per tile type) it keeps what is needed to rebuild and
check the single-layer problem: workload/accelerator names, layer id, the tile's loop sizes, the
memories of each layer operand's (DF-truncated) hierarchy, the chosen temporal mapping (as one
loop ordering, innermost first, plus each operand's memory level per loop) and the reported
numbers. Identical problems (same workload, accelerator, layer, loop sizes and hierarchy) that
occur in several files are kept once; the script asserts that their numbers agree.

Usage (from the repository root, Python 3 standard library only):
    python3 costmodel/src/test/resources/reference/extract_reference.py [DEFINES_DIR]
DEFINES_DIR defaults to ../shared/reference/defines. Re-running gives byte-identical output.
"""
import glob
import json
import os
import sys

NUMBERS = ["energy_total", "MAC_energy", "mem_energy", "latency_total0", "latency_total1", "latency_total2",
           "ideal_cycle", "ideal_temporal_cycle", "SS_comb", "data_loading_cycle", "data_offloading_cycle"]
DIRS = ["rd_out_to_low", "wr_in_by_low", "rd_out_to_high", "wr_in_by_high"]


def ordering_of(tm):
    """Flattens {op: [[loops of level 0], ...]} into one ordering + per-op levels; checks they agree."""
    ordering, levels = None, {}
    for op, per_level in tm.items():
        loops, lv = [], []
        for m, level_loops in enumerate(per_level):
            for dim, size in level_loops:
                loops.append([dim, size])
                lv.append(m)
        if ordering is None:
            ordering = loops
        assert loops == ordering, (tm, op)
        levels[op] = lv
    return ordering, levels


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../../../../../shared/reference/defines")
    seen = {}
    out = []
    for f in sorted(glob.glob(os.path.join(src, "*.json"))):
        d = json.load(open(f))
        acc = d["inputs"]["accelerator_module"].split(".")[-1]
        wl = d["inputs"]["workload_module"].split(".")[-1].replace("workload_", "")
        lpf = d["inputs"]["loma_lpf_limit"]
        for layer in d["layers"]:
            if layer["kind"] != "compute_layer":
                continue
            for t in layer["tile_types"]:
                mems = {op: v["memory_levels_in_hierarchy_used"] for op, v in t["per_operand"].items()}
                key = json.dumps([wl, acc, lpf, t["layer_id"], t["loop_dim_size"], mems])
                if key in seen:
                    prev = seen[key]
                    for n in NUMBERS:
                        assert prev[n] == t[n], (key, n)
                    continue
                seen[key] = t
                ordering, levels = ordering_of(t["temporal_mapping"])
                access = {op: [[lvl["memory_word_access"][dd] for dd in DIRS] for lvl in v["levels"]]
                          for op, v in t["per_operand"].items()}
                out.append({
                    "source": os.path.basename(f),
                    "workload": wl,
                    "accelerator": acc,
                    "lpf": lpf,
                    "layer": t["layer_id"],
                    "loops": t["loop_dim_size"],
                    "memories": mems,
                    "ordering": ordering,
                    "levels": levels,
                    "access": access,
                    **{n: t[n] for n in NUMBERS},
                })
    with open(os.path.join(here, "layer-tiles.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(o, separators=(",", ":")) for o in out) + "\n]\n")
    print(len(out), "layer-tiles")


if __name__ == "__main__":
    main()
