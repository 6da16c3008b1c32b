package org.tessel.costmodel.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.HierarchyCut;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.spatial.SpatialUnits;
import org.tessel.costmodel.temporal.LoopFactor;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.MemoryAllocator;
import org.tessel.costmodel.temporal.MultisetPermutations;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.config.Scenario;
import org.tessel.model.workload.Layer;

/**
 * Examples 1–5 of spec examples.md: the search facts (temporal sizes, LPFs, number of orderings,
 * index and allocation of the best one) and every number of the per-level tables (spatial and
 * temporal products, data sizes, unit counts, transfer patterns, word accesses, energies,
 * utilizations, double-buffer flags, allowed and real cycles) and the totals.
 */
class WorkedExamplesTest {

    private static final double REL = 1e-9;

    private static Scenario scenario(String workload) {
        Path c = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../configs").normalize();
        return Scenario.load(c.resolve("workloads/" + workload + ".yaml"),
                c.resolve("accelerators/Meta_prototype_DF.yaml"), c.resolve("mappings/Meta_prototype/" + workload + ".yaml"));
    }

    private static LayerContext context(String workload, int layerId, Map<String, Long> loops,
            Map<MemoryOperand, String> tops) {
        Scenario s = scenario(workload);
        Layer layer = s.workload().layer(layerId);
        return LayerContext.of(new LayerProblem(layer.withLoops(loops), HierarchyCut.applyAll(s.coreOf(layer), tops),
                s.mappings().of(layerId)));
    }

    private static Map<String, Long> loops(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    private static List<LoopFactor> factors(Object... kv) {
        List<LoopFactor> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(new LoopFactor((String) kv[i], ((Number) kv[i + 1]).longValue()));
        }
        return out;
    }

    private static void searchFacts(LayerContext ctx, Map<String, Long> temporal, List<LoopFactor> lpfs,
            long orderings, long bestIndex, List<LoopFactor> bestOrdering, MappingSearchResult r) {
        assertEquals(temporal, LoopPrimeFactors.temporalSizes(ctx));
        List<LoopFactor> sorted = new ArrayList<>(LoopPrimeFactors.of(ctx, 6).factors());
        sorted.sort(null);
        assertEquals(lpfs, sorted);
        assertEquals(orderings, r.orderings());
        assertEquals(orderings, r.allocated(), "all orderings allocatable");
        assertEquals(bestIndex, r.orderingIndex());
        assertEquals(bestOrdering, r.mapping().loops().stream().map(l -> new LoopFactor(l.dimension(), l.size())).toList());
    }

    @Test
    void example1Fsrcnn1x1Tile8x8() {
        LayerContext ctx = context("fsrcnn", 1, loops("B", 1, "K", 12, "C", 56, "OY", 8, "OX", 8), Map.of());
        MappingSearchResult r = TemporalMappingSearch.best(ctx, 6);
        searchFacts(ctx, loops("B", 1, "C", 28, "OY", 2, "OX", 2), factors("C", 2, "C", 2, "C", 7, "OX", 2, "OY", 2),
                60, 35, factors("C", 2, "C", 7, "C", 2, "OY", 2, "OX", 2), r);
        assertEquals(Map.of("O", List.of(0, 0, 0, 1, 1), "W", List.of(1, 1, 1, 1, 1), "I", List.of(0, 0, 0, 0, 0)),
                r.mapping().levels());
        checkTables(WorkedExample.load(1), ctx, LayerCostOracle.levelsOf(ctx, r.mapping()), r.cost());
    }

    @Test
    void example2Fsrcnn3x3FractionalTileTruncatedHierarchy() {
        LayerContext ctx = context("fsrcnn", 2, loops("B", 1, "K", 12, "C", 12, "OY", 6, "OX", 10, "FY", 3, "FX", 3),
                Map.of(MemoryOperand.I1, "sram_64KB", MemoryOperand.O, "sram_64KB", MemoryOperand.I2, "sram_1MB_W"));
        assertEquals(List.of(List.of("rf_1B", "sram_32KB", "sram_1MB_W"), List.of("rf_2B", "sram_64KB"), List.of("sram_64KB")),
                List.of(names(ctx, 1), names(ctx, 0), names(ctx, 2)));
        assertEquals(List.of(Map.of(MemoryOperand.I1, 0, MemoryOperand.O, 1)), ctx.sharingList());
        MappingSearchResult r = TemporalMappingSearch.best(ctx, 6);
        searchFacts(ctx, loops("B", 1, "C", 6, "OY", 2, "OX", 3, "FY", 3, "FX", 3),
                factors("C", 2, "C", 3, "FX", 3, "FY", 3, "OX", 3, "OY", 2), 720, 542,
                factors("C", 2, "FY", 3, "FX", 3, "C", 3, "OY", 2, "OX", 3), r);
        assertEquals(Map.of("O", List.of(0, 0, 0, 0, 1, 1), "W", List.of(1, 1, 1, 1, 1, 1), "I", List.of(0, 0, 0, 0, 0, 0)),
                r.mapping().levels());
        checkTables(WorkedExample.load(2), ctx, LayerCostOracle.levelsOf(ctx, r.mapping()), r.cost());
    }

    @Test
    void example3MobilenetDepthwiseStride2() {
        LayerContext ctx = context("mobilenetv1", 3, loops("B", 1, "G", 64, "OY", 8, "OX", 8, "FY", 3, "FX", 3), Map.of());
        MappingSearchResult r = TemporalMappingSearch.best(ctx, 6);
        searchFacts(ctx, loops("B", 1, "G", 2, "OY", 2, "OX", 2, "FY", 3, "FX", 3),
                factors("FX", 3, "FY", 3, "G", 2, "OX", 2, "OY", 2), 120, 42,
                factors("FX", 3, "FY", 3, "OY", 2, "OX", 2, "G", 2), r);
        checkTables(WorkedExample.load(3), ctx, LayerCostOracle.levelsOf(ctx, r.mapping()), r.cost());
    }

    @Test
    void example4FsrcnnFullLayerFractionalUnrolling() {
        LayerContext ctx = context("fsrcnn", 1, loops("B", 1, "K", 12, "C", 56, "OY", 550, "OX", 970), Map.of());
        MappingSearchResult r = TemporalMappingSearch.best(ctx, 6);
        searchFacts(ctx, loops("B", 1, "C", 28, "OY", 138, "OX", 243),
                factors("C", 4, "C", 7, "OX", 9, "OX", 27, "OY", 6, "OY", 23), 720, 497,
                factors("C", 4, "C", 7, "OX", 27, "OY", 23, "OX", 9, "OY", 6), r);
        assertEquals(Map.of("O", List.of(0, 0, 1, 2, 3, 3), "W", List.of(1, 1, 1, 1, 1, 1), "I", List.of(0, 0, 0, 1, 2, 2)),
                r.mapping().levels());
        checkTables(WorkedExample.load(4), ctx, LayerCostOracle.levelsOf(ctx, r.mapping()), r.cost());
    }

    @Test
    void example5FixedOrderingSharedMemoryDoubleBuffer() {
        LayerContext ctx = context("fsrcnn", 7, loops("B", 1, "K", 16, "C", 56, "OY", 20, "OX", 20, "FY", 3, "FX", 3),
                Map.of());
        List<LoopFactor> ordering = factors("C", 28, "OY", 5, "OX", 5, "FY", 3, "FX", 3);
        List<LoopFactor> lpf5 = new ArrayList<>(LoopPrimeFactors.of(ctx, 5).factors());
        lpf5.sort(null);
        assertEquals(factors("C", 28, "FX", 3, "FY", 3, "OX", 5, "OY", 5), lpf5);
        var it = new MultisetPermutations(lpf5).iterator();
        it.next();
        assertEquals(ordering, it.next(), "LOMA's ordering #1 with lpf limit 5");
        List<List<List<Loop>>> levels = new MemoryAllocator(ctx).allocate(ordering).orElseThrow();
        LayerCost cost = LayerCostModel.evaluateLevels(ctx, levels);
        checkTables(WorkedExample.load(5), ctx, levels, cost);
    }

    private static List<String> names(LayerContext ctx, int x) {
        return ctx.chain(x).stream().map(l -> l.name()).toList();
    }

    private static void close(double expected, double actual, String what) {
        boolean ok = expected == actual
                || Math.abs(expected - actual) <= REL * Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(ok, what + ": expected " + expected + " but was " + actual);
    }

    private static void exact(double expected, long actual, String what) {
        assertEquals((long) expected, actual, what);
        assertEquals(expected, (double) (long) expected, what + " is an integer in the spec");
    }

    private static void checkTables(WorkedExample ex, LayerContext ctx, List<List<List<Loop>>> levels, LayerCost cost) {
        int ops = ctx.operandCount();
        StationaryMapping[] tm = new StationaryMapping[ops];
        for (int x = 0; x < ops; x++) {
            tm[x] = StationaryMapping.of(ctx, x, levels.get(x));
        }
        long tc = tm[0].totalCycles();
        OperandTransfers[][] maps = new OperandTransfers[2][ops];
        for (int x = 0; x < ops; x++) {
            maps[0][x] = new OperandTransfers(ctx, x, false, tm[x], tc);
            maps[1][x] = new OperandTransfers(ctx, x, true, tm[x], tc);
        }
        int checked = 0;
        // per-architectural-level tables
        for (int v = 0; v < 2; v++) {
            SpatialUnits units = ctx.units(v == 1);
            for (int x = 0; x < ops; x++) {
                String op = ctx.operands().get(x);
                List<String[]> rows = ex.archTables().get((v == 0 ? "frac" : "int") + op);
                assertEquals(ctx.chain(x).size() + 1, rows.size(), "rows of " + op);
                OperandTransfers t = maps[v][x];
                for (String[] row : rows) {
                    int a = (int) WorkedExample.number(row[0]);
                    String at = "example " + ex.number() + " " + (v == 0 ? "frac " : "int ") + op + " a=" + a + " ";
                    close(WorkedExample.number(row[1]), t.r1[a], at + "R(C1)");
                    close(WorkedExample.number(row[2]), t.ir1[a], at + "IR(C1)");
                    close(WorkedExample.number(row[3]), t.r2[a], at + "R(C2)");
                    close(WorkedExample.number(row[4]), t.ir2[a], at + "IR(C2)");
                    exact(WorkedExample.number(row[5]), t.rc1[a], at + "Rcabl1");
                    exact(WorkedExample.number(row[6]), t.data[a], at + "Rcabl2");
                    close(WorkedExample.number(row[7]), t.ic1[a], at + "IRcabl1");
                    close(WorkedExample.number(row[8]), t.ic2[a], at + "IRcabl2");
                    exact(WorkedExample.number(row[9]), t.prec[a], at + "prec");
                    exact(WorkedExample.number(row[10]), t.dataBits[a], at + "bits");
                    exact(WorkedExample.number(row[11]), t.effBits[a], at + "eff bits");
                    exact(WorkedExample.number(row[12]), units.unitCount(x, a), at + "unit_count");
                    close(WorkedExample.number(row[13]), units.unitUnique(x, a), at + "unit_unique");
                    exact(WorkedExample.number(row[14]), units.boost(x, a), at + "boost");
                    exact(WorkedExample.number(row[15]), t.raw1[a], at + "raw1");
                    exact(WorkedExample.number(row[16]), t.raw2[a], at + "raw2");
                    checked++;
                }
            }
            // transfer pattern: precision / amount / period / count / window per direction
            for (String[] row : ex.transferTables().get(v == 0 ? "frac" : "int")) {
                int x = ctx.indexOf(row[0]);
                int m = (int) WorkedExample.number(row[1]);
                assertEquals(ctx.chain(x).get(m).name(), row[2]);
                OperandTransfers t = maps[v][x];
                for (int d = 0; d < 4; d++) {
                    double[] f = WorkedExample.numbers(row[3 + d], " / ");
                    String at = "example " + ex.number() + " transfer " + row[0] + m + " dir " + d + " ";
                    exact(f[0], t.precision[m][d], at + "precision");
                    exact(f[1], t.amount[m][d], at + "amount");
                    exact(f[2], t.period[m][d], at + "period");
                    exact(f[3], t.count[m][d], at + "count");
                    exact(f[4], t.window[m][d], at + "window");
                }
                checked++;
            }
        }
        // energy table: word accesses and energies per direction, level total
        for (String[] row : ex.energyRows()) {
            int x = ctx.indexOf(row[0]);
            int m = (int) WorkedExample.number(row[1]);
            LayerCost.LevelCost lc = cost.operand(row[0]).levels().get(m);
            assertEquals(lc.memory(), row[2]);
            double[] acc = WorkedExample.numbers(row[3], ", ");
            double[] en = WorkedExample.numbers(row[4], ", ");
            double[] myAcc = {lc.accesses().rdOutToLow(), lc.accesses().wrInByLow(), lc.accesses().rdOutToHigh(),
                lc.accesses().wrInByHigh()};
            double[] myEn = {lc.energies().rdOutToLow(), lc.energies().wrInByLow(), lc.energies().rdOutToHigh(),
                lc.energies().wrInByHigh()};
            for (int d = 0; d < 4; d++) {
                close(acc[d], myAcc[d], "example " + ex.number() + " words " + row[0] + m + " dir " + d);
                close(en[d], myEn[d], "example " + ex.number() + " energy " + row[0] + m + " dir " + d);
            }
            close(WorkedExample.number(row[5]), lc.energy(), "example " + ex.number() + " level energy " + row[0] + x + m);
            checked++;
        }
        // latency table: utilizations, double-buffer flag, allowed and real cycles
        LayerCostOracle.BufferState buffers = LayerCostOracle.BufferState.of(ctx, maps[0]);
        LayerCostOracle.TransferCycles cycles = LayerCostOracle.TransferCycles.of(ctx, maps[1], buffers.doubleBuffered());
        for (String[] row : ex.latencyRows()) {
            int x = ctx.indexOf(row[0]);
            int m = (int) WorkedExample.number(row[1]);
            String at = "example " + ex.number() + " latency " + row[0] + m + " ";
            close(WorkedExample.number(row[2]), buffers.util()[x][m], at + "util");
            close(WorkedExample.number(row[3]), buffers.effective()[x][m], at + "eff util");
            close(WorkedExample.number(row[4]), buffers.effectiveShared()[x][m], at + "eff util shared");
            assertEquals(WorkedExample.number(row[5]) == 1, buffers.doubleBuffered()[x][m + 1], at + "double buffer");
            double[] allowed = WorkedExample.numbers(row[6], ", ");
            double[] real = WorkedExample.numbers(row[7], ", ");
            for (int d = 0; d < 4; d++) {
                boolean active = maps[1][x].count[m][d] > 0;
                exact(allowed[d], active ? cycles.allowed()[x][m][d] : 0, at + "allowed dir " + d);
                exact(real[d], active ? cycles.real()[x][m][d] : 0, at + "real dir " + d);
            }
            checked++;
        }
        assertTrue(checked > 20, "rows checked: " + checked);
        // totals
        close(ex.value("MAC energy = "), cost.macEnergy(), "MAC energy");
        close(ex.value("memory energy = "), cost.memoryEnergy(), "memory energy");
        close(ex.value("energy_total = "), cost.energyTotal(), "energy_total");
        exact(ex.value("overall SS_comb = max(0, all of the above) = "), cost.stallCycles(), "SS_comb");
        exact(ex.value("data_loading_cycle = "), cost.loadingCycles(), "loading");
        exact(ex.value("data_offloading_cycle = "), cost.offloadingCycles(), "offloading");
        exact(ex.value("ideal_cycle = "), cost.idealCycles(), "ideal cycle");
        exact(ex.value("ideal_temporal_cycle = "), cost.temporalCycles(), "temporal cycles");
        close(ex.value("MAC_spatial_utilization = "), cost.macSpatialUtilization(), "spatial utilization");
        exact(ex.value("latency_total0 = "), cost.latencyTotal0(), "latency_total0");
        exact(ex.value("latency_total1 = "), cost.latencyTotal1(), "latency_total1");
        exact(ex.value("latency_total2 = "), cost.latencyTotal2(), "latency_total2");
        double[] util = WorkedExample.numbers(ex.text().split("MAC_utilization0/1/2 = ")[1].split("\n")[0], ", ");
        close(util[0], cost.macUtilization0(), "MAC_utilization0");
        close(util[1], cost.macUtilization1(), "MAC_utilization1");
        close(util[2], cost.macUtilization2(), "MAC_utilization2");
    }
}
