#!/usr/bin/env python3
"""Writes the big bundled networks -- ResNet-50, VGG-19, MobileNetV2 -- at their real ImageNet
sizes (224 x 224 input), with padding, from the compact architecture descriptions below, plus
their spatial mappings for the Tesla_NPU_like and Meta_prototype families.

Plain Python 3, standard library only. From the repository root:

    python3 tools/gen_networks.py          # (re)writes the 9 files and prints a MAC summary
    python3 tools/gen_networks.py --check  # writes nothing; exit 1 if a file differs

The layer formats copy the converted reference workloads (configs/workloads/resnet18.yaml for
convolutions, pooling, adds and the FC layer; mobilenetv1.yaml for depthwise convolutions), and
the spatial mappings follow the reference mappings of those networks layer kind by layer kind
(see mapping() below). Sizes follow PyTorch: out = floor((in + before + after - window) / stride) + 1
with symmetric padding; the workload reader checks exactly this (docs/config-format.md).
"""
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SELF = "tools/gen_networks.py"


class Net:
    """Builds a workload layer by layer, tracking each layer's output shape."""

    def __init__(self, name, channels=3, size=224):
        self.name = name
        self.layers = []            # dicts, in workload order
        self.shape = {}             # id -> (channels, height, width, channel dimension name)
        self.shape[-1] = (channels, size, size, "K")
        self.last = -1

    def _add(self, layer, shape):
        layer["id"] = len(self.layers)
        self.layers.append(layer)
        self.shape[layer["id"]] = shape
        self.last = layer["id"]
        return layer["id"]

    def _slide(self, src, f, s, p):
        c, h, w, cdim = self.shape[src]
        oy = (h + 2 * p - f) // s + 1
        ox = (w + 2 * p - f) // s + 1
        return c, oy, ox, cdim

    def conv(self, k, f=1, s=1, p=0, src=None):
        """Convolution (also 1x1 and FC layers): O[b][k][oy][ox] += W[k][c][fy][fx] * I[b][c][ix][iy]."""
        src = self.last if src is None else src
        c, oy, ox, cdim = self._slide(src, f, s, p)
        layer = dict(kind="conv", src=src, f=f, s=s, p=p,
                     equation="O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][ix][iy]",
                     loops=dict(B=1, K=k, C=c, OY=oy, OX=ox, FY=f, FX=f),
                     precision="{O: 16, O_final: 8, W: 8, I: 8}",
                     source_dimensions="{I: {IX: OX, IY: OY, C: %s}}" % cdim,
                     memory_operands="{O: O, W: I2, I: I1}")
        return self._add(layer, (k, oy, ox, "K"))

    def depthwise(self, f=3, s=1, p=1, src=None):
        """Depthwise convolution, as mobilenetv1.yaml: O[b][g][oy][ox] += W[g][fy][fx] * I[b][g][ix][iy]."""
        src = self.last if src is None else src
        c, oy, ox, cdim = self._slide(src, f, s, p)
        layer = dict(kind="depthwise", src=src, f=f, s=s, p=p,
                     equation="O[b][g][oy][ox]+=W[g][fy][fx]*I[b][g][ix][iy]",
                     loops=dict(B=1, G=c, OY=oy, OX=ox, FY=f, FX=f),
                     precision="{O: 16, O_final: 8, W: 8, I: 8}",
                     source_dimensions="{I: {IX: OX, IY: OY, G: %s}}" % cdim,
                     memory_operands="{O: O, W: I2, I: I1}")
        return self._add(layer, (c, oy, ox, "G"))

    def pool(self, f, s=1, p=0, src=None):
        """Max or average pooling, as resnet18.yaml: W[fx][fy] with weight precision 0."""
        src = self.last if src is None else src
        c, oy, ox, cdim = self._slide(src, f, s, p)
        layer = dict(kind="pool", src=src, f=f, s=s, p=p,
                     equation="O[b][g][oy][ox]+=W[fx][fy]*I[b][g][ix][iy]",
                     loops=dict(B=1, G=c, OY=oy, OX=ox, FX=f, FY=f),
                     precision="{O: 16, O_final: 8, I: 8, W: 0}",
                     source_dimensions="{I: {IX: OX, IY: OY, G: %s}}" % cdim,
                     memory_operands="{O: O, I: I1, W: I2}")
        return self._add(layer, (c, oy, ox, "G"))

    def global_pool(self, src=None):
        src = self.last if src is None else src
        return self.pool(self.shape[src][1], src=src)

    def add(self, x, y):
        """Element-wise add of x (the shortcut) and y (the main path), as resnet18.yaml."""
        cx, hx, wx, dx = self.shape[x]
        cy, hy, wy, dy = self.shape[y]
        assert (cx, hx, wx) == (cy, hy, wy), (self.name, x, y)
        layer = dict(kind="add", x=x, y=y,
                     equation="O[b][g][oy][ox]=X[b][g][oy][ox]+Y[b][g][oy][ox]",
                     loops=dict(B=1, G=cx, OY=hx, OX=wx),
                     precision='{O: 16, O_final: 8, X: 8, "Y": 8}',
                     source_dimensions='{X: {OX: OX, OY: OY, G: %s}, "Y": {OX: OX, OY: OY, G: %s}}' % (dx, dy),
                     memory_operands='{O: O, X: I1, "Y": I1}')
        return self._add(layer, (cx, hx, wx, "G"))


# --- the networks -----------------------------------------------------------------------------

def resnet50():
    """ResNet-50 (He et al. 2015, Table 1) as in the Caffe2 / ONNX model zoo: in the first block of a
    stage the stride sits on the 3x3 convolution of the main path and on the 1x1 projection
    shortcut (the first 1x1 of the main path has stride 1). Every stage starts with a projection
    shortcut (stage 1 too: 64 -> 256 channels, stride 1); the other blocks add their input.
    Layer order per block: 1x1, 3x3, 1x1 of the main path, then the projection, then the add."""
    n = Net("resnet50")
    n.conv(64, f=7, s=2, p=3)                  # 224 -> 112
    n.pool(3, s=2, p=1)                        # max pool, 112 -> 56
    for blocks, width, stride in [(3, 64, 1), (4, 128, 2), (6, 256, 2), (3, 512, 2)]:
        for b in range(blocks):
            s = stride if b == 0 else 1
            block_in = n.last
            n.conv(width, f=1)
            n.conv(width, f=3, s=s, p=1)
            main = n.conv(4 * width, f=1)
            shortcut = n.conv(4 * width, f=1, s=s, src=block_in) if b == 0 else block_in
            n.add(shortcut, main)
    n.global_pool()                            # 7x7 average pool -> 1x1
    n.conv(1000)                               # FC 2048 -> 1000 as a 1x1 convolution
    return n


def vgg19():
    """VGG-19 (Simonyan & Zisserman 2014, configuration E): 3x3 convolutions with padding 1, 2x2
    max pools with stride 2; the first FC layer reads the 7x7x512 map as a 7x7 convolution on a
    7x7 input (one output pixel), the other two as 1x1 convolutions on the 1x1 map."""
    n = Net("vgg19")
    for convs, k in [(2, 64), (2, 128), (4, 256), (4, 512), (4, 512)]:
        for _ in range(convs):
            n.conv(k, f=3, p=1)
        n.pool(2, s=2)
    n.conv(4096, f=7)                          # FC 25088 -> 4096
    n.conv(4096)
    n.conv(1000)
    return n


def mobilenetv2():
    """MobileNetV2 1.0 at 224 (Sandler et al. 2018, Table 2): inverted residual blocks (t, c, n, s);
    a block expands with a 1x1 convolution (not when t = 1), filters with a 3x3 depthwise
    convolution (padding 1, stride s in the first block of a group), projects with a 1x1
    convolution, and adds its input when the stride is 1 and the channel counts are equal."""
    n = Net("mobilenetv2")
    n.conv(32, f=3, s=2, p=1)                  # 224 -> 112
    channels = 32
    for t, c, repeats, stride in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                                  (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        for r in range(repeats):
            s = stride if r == 0 else 1
            block_in = n.last
            if t != 1:
                n.conv(channels * t, f=1)
            n.depthwise(f=3, s=s, p=1)
            out = n.conv(c, f=1)
            if s == 1 and channels == c:
                n.add(block_in, out)
            channels = c
    n.conv(1280, f=1)
    n.global_pool()                            # 7x7 average pool -> 1x1
    n.conv(1000)                               # FC 1280 -> 1000 as a 1x1 convolution
    return n


NETWORKS = {
    "resnet50": (resnet50, "ResNet-50 v1 (stride on the 3x3 of the main path, as Caffe2 / the ONNX model zoo)"),
    "vgg19": (vgg19, "VGG-19 (configuration E)"),
    "mobilenetv2": (mobilenetv2, "MobileNetV2 1.0, 224"),
}

# --- YAML -------------------------------------------------------------------------------------

def loops_text(loops):
    return "{" + ", ".join("%s: %d" % kv for kv in loops.items()) + "}"


def workload_yaml(net, title):
    out = ["# Generated by %s: %s at its real ImageNet sizes, with padding." % (SELF, title),
           "# Do not edit by hand: change the architecture description and run the script again.",
           "kind: workload",
           "name: %s" % net.name,
           "layers:",
           "  - id: -1",
           "    equation: input",
           "    loops: {B: 1, K: %d, OY: %d, OX: %d}" % (net.shape[-1][0], net.shape[-1][1], net.shape[-1][2]),
           "    precision: {O: 8, O_final: 8}",
           "    memory_operands: {O: I1}",
           "    core: 1"]
    for l in net.layers:
        out.append("  - id: %d" % l["id"])
        out.append("    equation: %s" % l["equation"])
        if l["kind"] == "add":
            out.append("    relations: []")
        else:
            out.append("    relations: [ix=%d*ox+1*fx, iy=%d*oy+1*fy]" % (l["s"], l["s"]))
        out.append("    loops: %s" % loops_text(l["loops"]))
        out.append("    precision: %s" % l["precision"])
        if l["kind"] == "add":
            out.append('    sources: {X: [%d], "Y": [%d]}' % (l["x"], l["y"]))
        else:
            out.append("    sources: {W: [], I: [%d]}" % l["src"])
        out.append("    source_dimensions: %s" % l["source_dimensions"])
        out.append("    constant_operands: %s" % ("[]" if l["kind"] == "add" else "[W]"))
        out.append("    memory_operands: %s" % l["memory_operands"])
        if l["kind"] != "add" and l["p"]:
            out.append("    padding: {IX: [%d, %d], IY: [%d, %d]}" % (l["p"], l["p"], l["p"], l["p"]))
        out.append("    core: 1")
    return "\n".join(out) + "\n"


def mapping(family, layer):
    """The spatial unrolling of one layer, by layer kind, as the reference mappings of resnet18 and
    mobilenetv1 unroll the same kind of layer on that family.

    Tesla_NPU_like (D1 32 x D2 8 x D3 4): K (convolutions) or G (depthwise, pooling, adds) x32 on D1,
    OX x8 on D2, OY x4 on D3; OX x7 instead of x8 for layers with a 7-wide output, as the reference
    resnet18 mapping does for its last stage (layers 20-25, 7 x 7 in the real network).
    Meta_prototype (D1 32 x D2 2 x D3 4 x D4 4): K x32, C x2 (convolutions only), OX x4, OY x4.
    Both: a layer with a 1 x 1 output (global pooling, FC layers) unrolls only D1 (Meta_prototype
    also C x2 for FC), as the reference does for its final pool and FC layers."""
    loops = layer["loops"]
    channel = "K" if "K" in loops else "G"
    conv = layer["kind"] == "conv"
    one_pixel = loops["OX"] == 1 and loops["OY"] == 1
    if family == "Tesla_NPU_like":
        if one_pixel:
            return "{D1: [%s, 32]}" % channel
        return "{D1: [%s, 32], D2: [OX, %d], D3: [OY, 4]}" % (channel, 7 if loops["OX"] == 7 else 8)
    if family == "Meta_prototype":
        if one_pixel:
            return "{D1: [K, 32], D2: [C, 2]}" if conv else "{D1: [G, 32]}"
        if conv:
            return "{D1: [K, 32], D2: [C, 2], D3: [OX, 4], D4: [OY, 4]}"
        return "{D1: [G, 32], D3: [OX, 4], D4: [OY, 4]}"
    raise ValueError(family)


def mapping_yaml(net, family):
    out = ["# Generated by %s (unrolling per layer kind as the reference resnet18 and mobilenetv1 mappings)." % SELF,
           "kind: spatial-mapping",
           "workload: %s" % net.name,
           "accelerators: [%s, %s_DF]" % (family, family),
           "layers:"]
    for l in net.layers:
        out.append("  %d: %s" % (l["id"], mapping(family, l)))
    return "\n".join(out) + "\n"


def macs(layer):
    product = 1
    for size in layer["loops"].values():
        product *= size
    return product


def main(argv):
    check = "--check" in argv
    stale = []
    for name, (build, title) in NETWORKS.items():
        net = build()
        files = {"configs/workloads/%s.yaml" % name: workload_yaml(net, title)}
        for family in ("Tesla_NPU_like", "Meta_prototype"):
            files["configs/mappings/%s/%s.yaml" % (family, name)] = mapping_yaml(net, family)
        for path, text in files.items():
            full = os.path.join(ROOT, path)
            if check:
                try:
                    with open(full, encoding="utf-8") as f:
                        if f.read() != text:
                            stale.append(path)
                except FileNotFoundError:
                    stale.append(path)
            else:
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text)
                print(path)
        by_kind = {}
        for l in net.layers:
            by_kind[l["kind"]] = by_kind.get(l["kind"], 0) + macs(l)
        compute = by_kind.get("conv", 0) + by_kind.get("depthwise", 0)
        print("%s: %d layers; conv+FC MACs %s (of which depthwise %s); pool %s, add %s; total %s"
              % (name, len(net.layers), format(compute, ","), format(by_kind.get("depthwise", 0), ","),
                 format(by_kind.get("pool", 0), ","), format(by_kind.get("add", 0), ","),
                 format(sum(by_kind.values()), ",")))
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
