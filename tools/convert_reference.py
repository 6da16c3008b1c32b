#!/usr/bin/env python3
"""One-off converter: DeFiNES reference data (JSON export) -> Tessel YAML configs.

Reads the JSON files in the reference inputs directory (see INDEX.md there) and writes
  configs/accelerators/<Name>.yaml        (one per hw__<Name>.json)
  configs/workloads/<net>.yaml            (one per wl__Meta_prototype__<net>.json)
  configs/mappings/<Family>/<net>.yaml    (spatial mappings per hardware family)
following docs/config-format.md.

Usage (from anywhere):
    python3 tools/convert_reference.py [INPUTS_DIR]
INPUTS_DIR defaults to ../shared/reference/inputs relative to the repository root.

Python 3 standard library only; the YAML text is emitted by hand (no PyYAML).
Not part of the build.
"""

import json
import math
import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_INPUTS = os.path.join(REPO_ROOT, "..", "shared", "reference", "inputs")

FAMILIES = ["Meta_prototype", "Ascend_like", "Edge_TPU_like", "TPU_like", "Tesla_NPU_like"]
ACCELERATORS = [f + suffix for f in FAMILIES for suffix in ("", "_DF")]
NETS = ["dmcnnvd", "fsrcnn", "mccnn", "mobilenetv1", "resnet18"]

PORT_DIRECTIONS = [  # JSON key -> config name, in output order
    ("fh", "wr_in_by_high"),
    ("tl", "rd_out_to_low"),
    ("fl", "wr_in_by_low"),
    ("th", "rd_out_to_high"),
]

# ---------------------------------------------------------------------------
# Minimal YAML scalar emitter
# ---------------------------------------------------------------------------

# Words a YAML 1.1 or 1.2 resolver may turn into booleans / null (Jackson's YAML
# parser, for one, reads a plain `Y` or `n` as a boolean).
_RESERVED_WORDS = {
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "",
}
_NUMBER_LIKE = re.compile(
    r"^[-+]?(\.?[0-9]|0x|0o|\.inf|\.nan)", re.IGNORECASE)
_SAFE_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_\[\]\+\-\*=\.]*$")


def scalar_str(s, flow):
    """A string as a YAML scalar, quoted only when a plain scalar would be unsafe."""
    needs_quotes = (
        s.lower() in _RESERVED_WORDS
        or _NUMBER_LIKE.match(s) is not None
        or _SAFE_PLAIN.match(s) is None
        or (flow and any(c in s for c in ",[]{}"))
    )
    if not needs_quotes:
        return s
    return json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar


def scalar_num(v):
    if isinstance(v, bool):
        raise TypeError("booleans are not expected here: %r" % (v,))
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite float %r" % (v,))
        r = repr(v)  # shortest string that round-trips exactly
        if "e" in r or "E" in r:
            mant, exp = r.lower().split("e")
            if "." not in mant:
                mant += ".0"  # YAML 1.1 resolvers need a dot in floats
            r = mant + "e" + (exp if exp.startswith("-") else "+" + exp.lstrip("+"))
        return r
    raise TypeError("not a number: %r" % (v,))


def flow(v):
    """A value in YAML flow style."""
    if isinstance(v, dict):
        return "{" + ", ".join(
            "%s: %s" % (scalar_str(str(k), True), flow(x)) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    if isinstance(v, str):
        return scalar_str(v, True)
    return scalar_num(v)


def block_scalar(v):
    """A scalar as the value of a block mapping entry."""
    if isinstance(v, str):
        return scalar_str(v, False)
    return scalar_num(v)


def header(sources):
    rel = ", ".join(sources)
    return "# Converted from %s by tools/convert_reference.py\n" % rel


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------
# Accelerators
# ---------------------------------------------------------------------------

def convert_accelerator(hw):
    out = ["kind: accelerator", "name: %s" % block_scalar(hw["accelerator_name"]), "cores:"]
    assert hw.get("global_buffer") is None
    for core in hw["cores"]:
        oa = core["operational_array"]
        dims = sorted(oa["dimensions"], key=lambda d: d["id"])
        assert [d["id"] for d in dims] == list(range(len(dims)))
        dim_names = [d["name"] for d in dims]
        unit = oa["unit"]
        out.append("  - id: %s" % scalar_num(core["core_id"]))
        out.append("    operational_array:")
        out.append("      dimensions: %s" % flow({d["name"]: d["size"] for d in dims}))
        out.append("      unit:")
        out.append("        input_precision: %s" % flow(unit["input_precision"]))
        out.append("        output_precision: %s" % flow(unit["output_precision"]))
        out.append("        mac_energy_pJ: %s" % scalar_num(unit["cost"]))
        out.append("        area: %s" % scalar_num(unit["area"]))
        out.append("    memories:")
        levels = sorted(core["memory_levels"], key=lambda m: m["memory_level_identifier"])
        ids = [m["memory_level_identifier"] for m in levels]
        assert len(set(ids)) == len(ids), "duplicate memory_level_identifier"
        for m in levels:
            mi = m["memory_instance"]
            # the derived per-word values must be the instance values
            assert m["read_energy_per_word"] == mi["r_cost"] and m["write_energy_per_word"] == mi["w_cost"]
            assert m["read_bw"] == mi["r_bw"] and m["write_bw"] == mi["w_bw"]
            assert all(d in dim_names for d in m["served_dimensions"])
            assert len(m["port_alloc"]) == len(m["operands"])
            out.append("      - name: %s" % block_scalar(mi["name"]))
            for key, src in [
                ("size_bits", "size"),
                ("read_bw", "r_bw"),
                ("write_bw", "w_bw"),
                ("read_bw_min", "r_bw_min"),
                ("write_bw_min", "w_bw_min"),
                ("read_energy_pJ", "r_cost"),
                ("write_energy_pJ", "w_cost"),
                ("read_ports", "r_port"),
                ("write_ports", "w_port"),
                ("read_write_ports", "rw_port"),
                ("latency", "latency"),
                ("area", "area"),
                ("banks", "bank"),
            ]:
                v = mi[src]
                if key == "size_bits" and isinstance(v, float):
                    assert v.is_integer(), v
                    v = int(v)
                out.append("        %s: %s" % (key, scalar_num(v)))
            out.append("        operands: %s" % flow(m["operands"]))
            out.append("        served_dimensions: %s" % flow(m["served_dimensions"]))
            out.append("        port_allocation:")
            for op, alloc in zip(m["operands"], m["port_alloc"]):
                assert set(alloc) <= {k for k, _ in PORT_DIRECTIONS}, alloc
                pa = {name: alloc[k] for k, name in PORT_DIRECTIONS if alloc.get(k) is not None}
                out.append("          %s: %s" % (scalar_str(op, False), flow(pa)))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Workloads
# ---------------------------------------------------------------------------

WORKLOAD_KEYS = {  # JSON key -> config key (anything else is an error, except spatial_mapping)
    "equation", "equation_relations", "loop_dim_size", "operand_precision", "precision",
    "operand_source", "operand_source_dimension_mapping", "constant_operands",
    "memory_operand_links", "core_allocation", "spatial_mapping",
}


def convert_workload(net, raw):
    out = ["kind: workload", "name: %s" % block_scalar(net), "layers:"]
    for lid, layer in raw.items():
        unknown = set(layer) - WORKLOAD_KEYS
        assert not unknown, (net, lid, unknown)
        out.append("  - id: %s" % scalar_num(int(lid)))
        out.append("    equation: %s" % block_scalar(layer["equation"]))
        if "equation_relations" in layer:
            out.append("    relations: %s" % flow(layer["equation_relations"]))
        out.append("    loops: %s" % flow(layer["loop_dim_size"]))
        if layer["equation"] == "input":
            assert "operand_precision" not in layer
            p = layer["precision"]
            out.append("    precision: %s" % flow({"O": p, "O_final": p}))
        else:
            assert "precision" not in layer
            out.append("    precision: %s" % flow(layer["operand_precision"]))
        if "operand_source" in layer:
            out.append("    sources: %s" % flow(layer["operand_source"]))
        if "operand_source_dimension_mapping" in layer:
            out.append("    source_dimensions: %s" % flow(layer["operand_source_dimension_mapping"]))
        if "constant_operands" in layer:
            out.append("    constant_operands: %s" % flow(layer["constant_operands"]))
        out.append("    memory_operands: %s" % flow(layer["memory_operand_links"]))
        out.append("    core: %s" % scalar_num(layer["core_allocation"]))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Spatial mappings
# ---------------------------------------------------------------------------

def family_mappings(family, net, raw, diffs):
    """{layer id (int): spatial mapping} for the compute layers, in workload order."""
    maps = {int(lid): layer["spatial_mapping"]
            for lid, layer in raw.items() if layer["equation"] != "input"}
    assert all("spatial_mapping" not in layer
               for layer in raw.values() if layer["equation"] == "input")
    if family == "Meta_prototype":
        return maps
    entry = diffs["%s.workload_%s" % (family, net)]
    assert entry["layer_ids_equal"] is True, (family, net)
    assert entry["differing_keys"] == ["spatial_mapping"], (family, net, entry["differing_keys"])
    seen = set()
    for d in entry["differences"]:
        assert d["key"] == "spatial_mapping", d
        lid = int(d["layer"])
        assert lid in maps and lid not in seen, (family, net, lid)
        seen.add(lid)
        assert d["Meta_prototype"] == maps[lid], (family, net, lid)  # diff base = our base
        maps[lid] = d[family]
    return maps


def convert_mapping(family, net, maps):
    out = ["kind: spatial-mapping",
           "workload: %s" % block_scalar(net),
           "accelerators: %s" % flow([family, family + "_DF"]),
           "layers:"]
    for lid, sm in maps.items():
        out.append("  %s: %s" % (scalar_num(lid), flow(sm)))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------

def main(argv):
    inputs = os.path.abspath(argv[1]) if len(argv) > 1 else os.path.normpath(DEFAULT_INPUTS)
    src_prefix = os.path.relpath(inputs, REPO_ROOT).replace(os.sep, "/")
    out_root = os.path.join(REPO_ROOT, "configs")

    def load(name):
        with open(os.path.join(inputs, name), encoding="utf-8") as f:
            return json.load(f)

    def src(name):
        return src_prefix + "/" + name

    written = []

    for name in ACCELERATORS:
        fname = "hw__%s.json" % name
        hw = load(fname)
        assert hw["accelerator_name"] == name, (fname, hw["accelerator_name"])
        path = os.path.join(out_root, "accelerators", name + ".yaml")
        write(path, header([src(fname)]) + convert_accelerator(hw))
        written.append(path)

    diff_name = "wl_folder_differences_vs_Meta_prototype.json"
    diffs = load(diff_name)
    expected = {"%s.workload_%s" % (f, n) for f in FAMILIES[1:] for n in NETS}
    assert set(diffs) == expected, sorted(set(diffs) ^ expected)

    for net in NETS:
        fname = "wl__Meta_prototype__%s.json" % net
        raw = load(fname)["raw_workload_dict"]
        path = os.path.join(out_root, "workloads", net + ".yaml")
        write(path, header([src(fname)]) + convert_workload(net, raw))
        written.append(path)
        for family in FAMILIES:
            maps = family_mappings(family, net, raw, diffs)
            sources = [src(fname)] if family == "Meta_prototype" else [src(fname), src(diff_name)]
            path = os.path.join(out_root, "mappings", family, net + ".yaml")
            write(path, header(sources) + convert_mapping(family, net, maps))
            written.append(path)

    for p in written:
        print(os.path.relpath(p, REPO_ROOT))
    print("%d files written" % len(written), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
