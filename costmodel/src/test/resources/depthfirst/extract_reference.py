#!/usr/bin/env python3
"""Extracts the parts of shared/reference/defines/*.json that the depth-first engine tests need.

Usage: python3 extract_reference.py /path/to/shared/reference/defines  (writes next to this script)
"""
import glob, json, os, sys

src = sys.argv[1]
out_dir = os.path.dirname(os.path.abspath(__file__))

def tt_struct(t):
    return {
        "tileX": t["tile_x"], "tileY": t["tile_y"], "x0": t["first_position_x0"], "y0": t["first_position_y0"],
        "wFromTop": t["weights_from_top"],
        "makeH": t["make_horizontal_cache_ml"], "useH": t["use_horizontal_cache_ml"],
        "makeV": t["make_vertical_cache_ml"], "useV": t["use_vertical_cache_ml"],
        "colsW": t["horizontal_write_columns"], "colsR": t["horizontal_read_columns"],
        "rowsW": t["vertical_write_rows"], "rowsR": t["vertical_read_rows"],
        "multiplicity": t["multiplicity"],
        "regions": {k: v["loop_dim_size"] for k, v in t["per_layer_region"].items()},
    }

def compute_tt(t):
    return {
        "stack": t["stack_index"], "tileType": t["tile_type_index"], "multiplicity": t["multiplicity"],
        "energy_total": t["energy_total"], "MAC_energy": t["MAC_energy"], "mem_energy": t["mem_energy"],
        "latency_total0": t["latency_total0"], "latency_total1": t["latency_total1"], "latency_total2": t["latency_total2"],
        "ideal_cycle": t["ideal_cycle"], "ideal_temporal_cycle": t["ideal_temporal_cycle"],
        "data_loading_cycle": t["data_loading_cycle"], "data_offloading_cycle": t["data_offloading_cycle"],
        "loops": t["loop_dim_size"], "links": t["memory_operand_links"],
        "chains": {op: v["memory_levels_in_hierarchy_used"] for op, v in t["per_operand"].items()},
        "memEnergy": {op: {l["memory"]: l["energy"] for l in v["levels"]} for op, v in t["per_operand"].items()},
    }

def copy_tt(t):
    return {
        "stack": t.get("stack_index"), "tileType": t.get("tile_type_index"), "resultIndex": t.get("result_list_index"),
        "multiplicity": t["multiplicity"], "energy_total": t["energy_total"],
        "latency_total": t["latency_total"], "latency_total1": t["latency_total1"], "latency_total2": t["latency_total2"],
        "actions": [{"bits": a["data_amount_bit"], "source": a["source"], "dest": a["dest"], "energy": a["energy"]}
                    for a in t["actions"]],
    }

for f in sorted(glob.glob(os.path.join(src, "*.json"))):
    d = json.load(open(f))
    inp = d["inputs"]
    acc = inp["accelerator_module"].split(".")[-1]
    fam, wl = inp["workload_module"].split(".")[-2:]
    policy = inp["stack_cut_policy"]
    case = {
        "case": os.path.basename(f)[:-5],
        "workload": wl.replace("workload_", ""), "accelerator": acc, "mappingFamily": fam,
        "tileX": inp["df_tilesize_x"], "tileY": inp["df_tilesize_y"], "mode": inp["mode"], "lpf": inp["loma_lpf_limit"],
        "fixedCuts": None if policy == "DfStackCutIfWeightsOverflowStage" else d["stack_cuts"],
        "stackCuts": d["stack_cuts"],
        "retryAttempts": sum(1 for l in d["defines_info_log"] if "too optimistic" in l),
        "totals": d["totals"],
        "stacks": [{"layerIds": s["layer_ids"], "tileTypes": [tt_struct(t) for t in s["tile_types"]]} for s in d["stacks"]],
        "layers": [],
    }
    for e in d["layers"]:
        acc_ = e["accumulated"]
        entry = {"name": str(e["name"]), "kind": e["kind"],
                 "accumulated": {k: acc_.get(k) for k in ("energy_total", "MAC_energy", "latency_total", "latency_total0",
                                                           "latency_total1", "latency_total2")}}
        if e["kind"] == "compute_layer":
            entry["tileTypes"] = [compute_tt(t) for t in e["tile_types"]]
        else:
            entry["tileTypes"] = [copy_tt(t) for t in e["tile_types"]]
        case["layers"].append(entry)
    with open(os.path.join(out_dir, case["case"] + ".json"), "w") as o:
        json.dump(case, o, separators=(",", ":"))
