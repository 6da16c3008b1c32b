package org.tessel.search.toy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/** Small workloads built from the model's records for the search tests. */
public final class ToyWorkloads {

    private ToyWorkloads() {}

    static Layer input(long channels, long width, long height) {
        Map<String, Long> loops = new LinkedHashMap<>();
        loops.put("B", 1L);
        loops.put("K", channels);
        loops.put("OY", height);
        loops.put("OX", width);
        return new Layer(-1, Equation.INPUT, List.of(), loops, Map.of("O", 8, "O_final", 8), Map.of(), Map.of(),
                List.of(), Map.of("O", MemoryOperand.I1), 1);
    }

    static Layer conv(int id, int source, long k, long c, long width, long height) {
        Map<String, Long> loops = new LinkedHashMap<>();
        loops.put("B", 1L);
        loops.put("K", k);
        loops.put("C", c);
        loops.put("OY", height);
        loops.put("OX", width);
        loops.put("FY", 3L);
        loops.put("FX", 3L);
        Map<String, List<Integer>> sources = new LinkedHashMap<>();
        sources.put("W", List.of());
        sources.put("I", List.of(source));
        return new Layer(id, Equation.parse("O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][ix][iy]"),
                List.of(IndexRelation.parse("ix=1*ox+1*fx"), IndexRelation.parse("iy=1*oy+1*fy")), loops,
                Map.of("O", 16, "O_final", 8, "W", 8, "I", 8), sources,
                Map.of("I", Map.of("IX", "OX", "IY", "OY", "C", "K")), List.of("W"),
                Map.of("O", MemoryOperand.O, "W", MemoryOperand.I2, "I", MemoryOperand.I1), 1);
    }

    static Layer add(int id, int x, int y, long k, long width, long height) {
        Map<String, Long> loops = new LinkedHashMap<>();
        loops.put("B", 1L);
        loops.put("G", k);
        loops.put("OY", height);
        loops.put("OX", width);
        Map<String, List<Integer>> sources = new LinkedHashMap<>();
        sources.put("X", List.of(x));
        sources.put("Y", List.of(y));
        return new Layer(id, Equation.parse("O[b][g][oy][ox]=X[b][g][oy][ox]+Y[b][g][oy][ox]"), List.of(), loops,
                Map.of("O", 16, "O_final", 8, "X", 8, "Y", 8), sources,
                Map.of("X", Map.of("OX", "OX", "OY", "OY", "G", "K"), "Y", Map.of("OX", "OX", "OY", "OY", "G", "K")),
                List.of(), Map.of("O", MemoryOperand.O, "X", MemoryOperand.I1, "Y", MemoryOperand.I1), 1);
    }

    /** A chain of six 3×3 convolutions on a 64×64 map. */
    public static Workload chain6() {
        long[] k = {16, 32, 32, 64, 32, 16};
        List<Layer> layers = new ArrayList<>(List.of(input(3, 64, 64)));
        long c = 3;
        for (int i = 0; i < k.length; i++) {
            layers.add(conv(i, i - 1, k[i], c, 64, 64));
            c = k[i];
        }
        return new Workload("chain6", layers);
    }

    /**
     * A ResNet-like DAG: stem convolution 0, convolution 1 that forks into a residual block
     * (convolutions 2, 3 and the add 4 joining 1 and 3), then convolutions 5 and 6.
     * Units: {0}, {1}, {2, 3, 4}, {5}, {6}.
     */
    public static Workload residual() {
        return new Workload("residual", List.of(input(3, 32, 32), conv(0, -1, 32, 3, 32, 32),
                conv(1, 0, 32, 32, 32, 32), conv(2, 1, 32, 32, 32, 32), conv(3, 2, 32, 32, 32, 32),
                add(4, 1, 3, 32, 32, 32), conv(5, 4, 64, 32, 32, 32), conv(6, 5, 16, 64, 32, 32)));
    }

    /** A random chain of {@code n} convolutions (seeded). */
    public static Workload randomChain(long seed, int n) {
        Random r = new Random(seed);
        long size = 16L << r.nextInt(3);
        List<Layer> layers = new ArrayList<>(List.of(input(3, size, size)));
        long c = 3;
        for (int i = 0; i < n; i++) {
            long k = 8L << r.nextInt(4);
            layers.add(conv(i, i - 1, k, c, size, size));
            c = k;
        }
        return new Workload("random" + seed, layers);
    }
}
