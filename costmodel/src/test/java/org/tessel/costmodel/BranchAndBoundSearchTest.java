package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.temporal.ExhaustiveMappingSearch;
import org.tessel.costmodel.temporal.LoopFactor;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.config.Scenario;
import org.tessel.model.workload.Layer;

/**
 * The branch-and-bound search ({@link TemporalMappingSearch#best}) against the exhaustive oracle
 * ({@link ExhaustiveMappingSearch}): the same mapping, the same position in the reference's visiting
 * order (so ties are resolved alike), the same number of orderings and a bit-identical
 * {@link LayerCost} (energy and latencies), at lpf 6 and 8; on every distinct reference layer-tile
 * (at lpf 8, of those with more than 5,040 orderings every 8th, to keep the oracle's time short) and on
 * seeded random layer-tiles of the bundled networks under random hierarchy cuts of every bundled
 * accelerator (where both must also fail alike).
 */
class BranchAndBoundSearchTest {

    @ParameterizedTest
    @ValueSource(ints = {6, 8})
    void everyReferenceLayerTile(int lpf) {
        List<String> failures = new ArrayList<>();
        Set<LayerProblem> seen = new HashSet<>(); // the 344 tiles repeat problems; each distinct one once
        int large = 0;
        for (ReferenceLayerTile t : ReferenceLayerTile.all()) {
            LayerProblem p = t.problem();
            // the oracle costs ~1 µs per ordering: of the tiles with over 5,040 orderings every 8th
            boolean sampled = orderings(p, lpf) <= 5_040 || large++ % 8 == 0;
            if (seen.add(p) && sampled) {
                String diff = compare(LayerContext.of(p), lpf);
                if (!diff.isEmpty()) {
                    failures.add(t.name() + ": " + diff);
                }
            }
        }
        assertTrue(seen.size() > 100, "distinct reference layer-tiles: " + seen.size());
        System.out.printf("lpf %d: %d distinct reference layer-tiles, %d with over 5,040 orderings%n", lpf, seen.size(), large);
        assertEquals(List.of(), failures, failures.size() + " layer-tiles differ at lpf " + lpf);
    }

    static Stream<Arguments> randomLayerTiles() {
        List<String[]> scenarios = List.of(new String[] {"fsrcnn", "Meta_prototype_DF"},
                new String[] {"mobilenetv1", "Edge_TPU_like_DF"}, new String[] {"mccnn", "Ascend_like_DF"},
                new String[] {"resnet18", "Tesla_NPU_like_DF"}, new String[] {"dmcnnvd", "TPU_like_DF"},
                new String[] {"fsrcnn", "TPU_like"});
        Random rnd = new Random(20261202);
        List<Arguments> out = new ArrayList<>();
        for (int c = 0; c < 18; c++) {
            String[] s = scenarios.get(c % scenarios.size());
            Scenario scenario = ReferenceLayerTile.scenario(s[0], s[1]);
            // layers whose operands share a memory operand need relinking first (spec depthfirst.md §3.8)
            List<Layer> layers = scenario.workload().computeLayers().stream()
                    .filter(l -> Set.copyOf(l.memoryOperands().values()).size() == l.memoryOperands().size()).toList();
            Layer full = layers.get(rnd.nextInt(layers.size()));
            // a random tile: every loop between 1 and its full size, spatial ones rarely below it
            Map<String, Long> loops = new LinkedHashMap<>();
            full.loops().forEach((d, size) -> loops.put(d,
                    d.startsWith("O") && rnd.nextBoolean() ? 1 + (long) rnd.nextInt((int) Math.min(size, 400)) : size));
            Core core = scenario.coreOf(full);
            // a random top memory per memory operand (the depth-first engine's truncation)
            Map<MemoryOperand, String> tops = new LinkedHashMap<>();
            for (MemoryOperand mo : full.memoryOperands().values()) {
                List<MemoryLevel> chain = core.hierarchy().chain(mo);
                tops.put(mo, chain.get(rnd.nextInt(chain.size())).memory().name());
            }
            LayerProblem p = new LayerProblem(full.withLoops(loops), HierarchyCut.applyAll(core, tops),
                    scenario.mappings().of(full.id()));
            out.add(Arguments.of(s[0] + "/" + s[1] + " L" + full.id() + " " + loops + " " + tops, p));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomLayerTiles")
    void randomLayerTile(String name, LayerProblem problem) {
        LayerContext ctx = LayerContext.of(problem);
        assertEquals("", compare(ctx, 6), "lpf 6");
        assertEquals("", compare(ctx, 8), "lpf 8");
    }

    private static long orderings(LayerProblem p, int lpf) {
        List<LoopFactor> f = LoopPrimeFactors.of(LayerContext.of(p), lpf).factors();
        return countOrderings(f);
    }

    private static long countOrderings(List<LoopFactor> f) {
        long c = 1;
        for (int i = 2; i <= f.size(); i++) {
            c *= i;
        }
        for (LoopFactor d : Set.copyOf(f)) {
            long m = f.stream().filter(d::equals).count();
            for (int i = 2; i <= m; i++) {
                c /= i;
            }
        }
        return c;
    }

    // empty if the two searches agree in every respect (or both find no mapping)
    private static String compare(LayerContext ctx, int lpf) {
        MappingSearchResult oracle;
        try {
            oracle = ExhaustiveMappingSearch.best(ctx, lpf);
        } catch (MemoryHierarchyTooSmallException e) {
            try {
                TemporalMappingSearch.best(ctx, lpf);
                return "the oracle finds no mapping, branch and bound does";
            } catch (MemoryHierarchyTooSmallException expected) {
                return "";
            }
        }
        MappingSearchResult r = TemporalMappingSearch.best(ctx, lpf);
        StringBuilder diff = new StringBuilder();
        if (Double.doubleToRawLongBits(r.cost().energyTotal()) != Double.doubleToRawLongBits(oracle.cost().energyTotal())) {
            diff.append(" energy ").append(r.cost().energyTotal()).append(" vs ").append(oracle.cost().energyTotal());
        }
        if (!r.mapping().equals(oracle.mapping())) {
            diff.append(" mapping ").append(r.mapping()).append(" vs ").append(oracle.mapping());
        }
        if (r.orderingIndex() != oracle.orderingIndex() || r.orderings() != oracle.orderings()) {
            diff.append(" index ").append(r.orderingIndex()).append('/').append(r.orderings()).append(" vs ")
                    .append(oracle.orderingIndex()).append('/').append(oracle.orderings());
        }
        if (!r.cost().equals(oracle.cost())) {
            diff.append(" cost differs");
        }
        return diff.toString();
    }
}
