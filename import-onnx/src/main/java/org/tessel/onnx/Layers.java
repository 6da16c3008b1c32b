package org.tessel.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Padding;

/**
 * The layer forms of the bundled workloads (configs/workloads/resnet50.yaml, mobilenetv2.yaml, as
 * tools/gen_networks.py writes them): the same equations, loop order, precisions, operand links
 * and source dimensions for the same kind of layer, so that an imported network and a bundled one
 * cost alike.
 */
final class Layers {

    static final Equation CONV = Equation.parse("O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][ix][iy]");
    static final Equation DEPTHWISE = Equation.parse("O[b][g][oy][ox]+=W[g][fy][fx]*I[b][g][ix][iy]");
    /** A grouped convolution: G groups of C input and K output channels each (docs/onnx.md). */
    static final Equation GROUPED = Equation.parse("O[b][g][k][oy][ox]+=W[g][k][c][fy][fx]*I[b][g][c][ix][iy]");
    static final Equation POOL = Equation.parse("O[b][g][oy][ox]+=W[fx][fy]*I[b][g][ix][iy]");
    static final Equation ADD = Equation.parse("O[b][g][oy][ox]=X[b][g][oy][ox]+Y[b][g][oy][ox]");

    private Layers() {}

    /** One spatial axis of a sliding window: stride, dilation, window size and padding. */
    record Window(long stride, long dilation, long size, long before, long after) {
        Padding padding() {
            return new Padding(before, after);
        }
    }

    static Layer input(int id, String name, long n, long c, long h, long w) {
        return new Layer(id, Equation.INPUT, List.of(), ordered("B", n, "K", c, "OY", h, "OX", w),
                Map.of("O", 8, Layer.FINAL_OUTPUT, 8), Map.of(), Map.of(), List.of(), Map.of("O", MemoryOperand.I1), 1,
                Map.of(), name);
    }

    /** A convolution with one group, or a fully connected layer as a convolution on a 1×1 output. */
    static Layer conv(int id, String name, long n, long k, long c, long oy, long ox, Window y, Window x,
            List<Integer> sources, String channelOfSource) {
        Map<String, Long> loops = ordered("B", n, "K", k, "C", c, "OY", oy, "OX", ox);
        loops.put("FY", y.size());
        loops.put("FX", x.size());
        return windowed(id, name, CONV, loops, "C", y, x, sources, channelOfSource, false);
    }

    /** A depthwise convolution: one input and one output channel per group. */
    static Layer depthwise(int id, String name, long n, long g, long oy, long ox, Window y, Window x,
            List<Integer> sources, String channelOfSource) {
        Map<String, Long> loops = ordered("B", n, "G", g, "OY", oy, "OX", ox);
        loops.put("FY", y.size());
        loops.put("FX", x.size());
        return windowed(id, name, DEPTHWISE, loops, "G", y, x, sources, channelOfSource, false);
    }

    /** A grouped convolution: {@code g} groups of {@code c} input and {@code k} output channels. */
    static Layer grouped(int id, String name, long n, long g, long k, long c, long oy, long ox, Window y, Window x,
            List<Integer> sources, String channelOfSource) {
        Map<String, Long> loops = ordered("B", n, "G", g, "K", k, "C", c);
        loops.put("OY", oy);
        loops.put("OX", ox);
        loops.put("FY", y.size());
        loops.put("FX", x.size());
        return windowed(id, name, GROUPED, loops, "C", y, x, sources, channelOfSource, false);
    }

    /** Max or average pooling, also global pooling (the window is the whole input). */
    static Layer pool(int id, String name, long n, long g, long oy, long ox, Window y, Window x,
            List<Integer> sources, String channelOfSource) {
        Map<String, Long> loops = ordered("B", n, "G", g, "OY", oy, "OX", ox);
        loops.put("FX", x.size());
        loops.put("FY", y.size());
        return windowed(id, name, POOL, loops, "G", y, x, sources, channelOfSource, true);
    }

    /** An element-wise add of two tensors of the same shape. */
    static Layer add(int id, String name, long n, long g, long oy, long ox, List<Integer> xSources, String xChannel,
            List<Integer> ySources, String yChannel) {
        Map<String, List<Integer>> sources = new LinkedHashMap<>();
        sources.put("X", xSources);
        sources.put("Y", ySources);
        Map<String, Map<String, String>> dims = new LinkedHashMap<>();
        dims.put("X", ordered("OX", "OX", "OY", "OY", "G", xChannel));
        dims.put("Y", ordered("OX", "OX", "OY", "OY", "G", yChannel));
        return new Layer(id, ADD, List.of(), ordered("B", n, "G", g, "OY", oy, "OX", ox),
                ordered("O", 16, Layer.FINAL_OUTPUT, 8, "X", 8, "Y", 8), sources, dims, List.of(),
                ordered("O", MemoryOperand.O, "X", MemoryOperand.I1, "Y", MemoryOperand.I1), 1, Map.of(), name);
    }

    private static Layer windowed(int id, String name, Equation eq, Map<String, Long> loops, String channel, Window y,
            Window x, List<Integer> sources, String channelOfSource, boolean pooling) {
        List<IndexRelation> relations = List.of(new IndexRelation("IX", "OX", x.stride(), "FX", x.dilation()),
                new IndexRelation("IY", "OY", y.stride(), "FY", y.dilation()));
        Map<String, Integer> precision = pooling ? ordered("O", 16, Layer.FINAL_OUTPUT, 8, "I", 8, "W", 0)
                : ordered("O", 16, Layer.FINAL_OUTPUT, 8, "W", 8, "I", 8);
        Map<String, MemoryOperand> links = pooling ? ordered("O", MemoryOperand.O, "I", MemoryOperand.I1, "W", MemoryOperand.I2)
                : ordered("O", MemoryOperand.O, "W", MemoryOperand.I2, "I", MemoryOperand.I1);
        Map<String, List<Integer>> src = new LinkedHashMap<>();
        src.put("W", List.of());
        src.put("I", sources);
        Map<String, Map<String, String>> dims = Map.of("I", ordered("IX", "OX", "IY", "OY", channel, channelOfSource));
        Map<String, Padding> padding = new LinkedHashMap<>();
        if (x.before() + x.after() + y.before() + y.after() > 0) {
            padding.put("IX", x.padding());
            padding.put("IY", y.padding());
        }
        return new Layer(id, eq, relations, loops, precision, src, dims, List.of("W"), links, 1, padding, name);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return m;
    }
}
