package org.tessel.costmodel.automap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.spatial.SpatialUnrolling;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.Core;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.search.Objective;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/** {@code --mapping auto} (docs/spatial-mapping.md): the candidates, the bandwidth rule, the choice and its memo. */
class SpatialMappingSearchTest {

    private static final Path CONFIGS = Path.of("..", "configs");
    private static final Accelerator TESLA = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/Tesla_NPU_like_DF.yaml"));
    private static final Accelerator META = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/Meta_prototype_DF.yaml"));
    private static final Workload RESNET50 = ConfigLoader.workload(CONFIGS.resolve("workloads/resnet50.yaml"));
    private static final Workload MOBILENETV2 = ConfigLoader.workload(CONFIGS.resolve("workloads/mobilenetv2.yaml"));

    private static SpatialMapping mapping(Object... dimLoopFactor) {
        Map<String, SpatialUnroll> m = new LinkedHashMap<>();
        for (int i = 0; i < dimLoopFactor.length; i += 3) {
            m.put((String) dimLoopFactor[i], new SpatialUnroll((String) dimLoopFactor[i + 1], (Integer) dimLoopFactor[i + 2]));
        }
        return new SpatialMapping(m);
    }

    private static Set<List<Object>> clamped(Layer l, Core core, SpatialMapping m) {
        Set<List<Object>> out = new HashSet<>();
        for (SpatialUnrolling.Unroll u : SpatialUnrolling.of(l, core.array(), m).unrolls()) {
            if (u.factor() != 1.0) {
                out.add(List.of(u.arrayDimension(), u.loopDimension(), u.factor()));
            }
        }
        return out;
    }

    private static boolean offers(SpatialCandidates c, SpatialMapping m) {
        return c.mappings().stream().anyMatch(x -> clamped(c.layer(), c.core(), x).equals(clamped(c.layer(), c.core(), m)));
    }

    @Test
    void everyCandidateKeepsTheBandwidthRuleAndUnrollsEachLoopOnce() {
        Core core = TESLA.cores().getFirst();
        Layer conv = RESNET50.layer(3); // 3x3 convolution, 56x56, 64 -> 64
        SpatialCandidates c = SpatialCandidates.of(conv, core);
        assertTrue(c.mappings().size() >= 2, "candidates: " + c.mappings().size());
        double busiest = c.mappings().stream().mapToDouble(m -> SpatialCandidates.activeUnits(conv, core, m)).max().orElseThrow();
        for (SpatialMapping m : c.mappings()) {
            assertTrue(2 * SpatialCandidates.activeUnits(conv, core, m) >= busiest, m.toString());
            assertTrue(SpatialCandidates.fits(conv, core, m.unrolls()), m.toString());
            assertEquals(m.unrolls().size(), m.unrolls().values().stream().map(SpatialUnroll::loopDimension).distinct().count());
        }
        // the reference's convolution mapping on this family is a candidate: K broadcast to the 32-word input SRAM,
        // OX and OY irrelevant to the 1-byte weight register that serves D2 and D3
        assertTrue(offers(c, mapping("D1", "K", 32, "D2", "OX", 8, "D3", "OY", 4)));
        // C across D1 next to OX and OY would need 32 x 8 x 4 input words per cycle from 32
        assertFalse(SpatialCandidates.fits(conv, core, mapping("D1", "C", 32, "D2", "OX", 8, "D3", "OY", 4).unrolls()));
        // K across the weight register's dimensions would need 8 weights per cycle from a 1-weight register
        assertFalse(SpatialCandidates.fits(conv, core, mapping("D2", "K", 8).unrolls()));
    }

    @Test
    void theReferenceDepthwiseMappingExceedsTheInputBandwidthAndIsNoCandidate() {
        Core core = META.cores().getFirst();
        Layer dw = MOBILENETV2.layer(1);
        SpatialMapping reference = mapping("D1", "G", 32, "D3", "OX", 4, "D4", "OY", 4);
        assertFalse(SpatialCandidates.fits(dw, core, reference.unrolls())); // 32 x 4 x 4 words from 512 bits
        SpatialCandidates c = SpatialCandidates.of(dw, core);
        assertFalse(offers(c, reference));
        assertTrue(offers(c, mapping("D1", "G", 32, "D3", "OX", 2))); // G 32 x OX 2 = 64 words of 8 bits
    }

    @Test
    void theChoiceIsTheBestFinalistAndItsValueIsItsCost() {
        Core core = TESLA.cores().getFirst();
        Layer l = RESNET50.layer(68); // 3x3 convolution on 7x7
        SpatialMappingSearch search = new SpatialMappingSearch(Objective.ENERGY, TemporalMappingSearch.DEFAULT_LPF_LIMIT);
        SpatialMappingSearch.Choice choice = search.choose(l, core);
        assertEquals(TemporalMappingSearch.best(new LayerProblem(l, core, choice.mapping())).cost().energyTotal(), choice.value());
        // no worse than the reference's hand-written mapping of this layer
        SpatialMappings hand = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/Tesla_NPU_like/resnet50.yaml"));
        assertTrue(choice.value() <= TemporalMappingSearch.best(new LayerProblem(l, core, hand.of(68))).cost().energyTotal());
        // latency valued by latency
        SpatialMappingSearch byLatency = new SpatialMappingSearch(Objective.LATENCY, TemporalMappingSearch.DEFAULT_LPF_LIMIT);
        SpatialMappingSearch.Choice fast = byLatency.choose(l, core);
        assertEquals((double) TemporalMappingSearch.best(new LayerProblem(l, core, fast.mapping())).cost().latencyTotal1(),
                fast.value());
    }

    @Test
    void layersOfOneShapeAreSearchedOnceAndTheResultIsDeterministic() {
        Workload tail = new Workload("tail", RESNET50.layers().stream().filter(l -> l.id() < 0 || l.id() >= 58).toList());
        SpatialMappingSearch a = new SpatialMappingSearch(Objective.ENERGY, TemporalMappingSearch.DEFAULT_LPF_LIMIT);
        SpatialMappings first = a.mappings(tail, TESLA);
        long shapes = tail.computeLayers().stream().map(l -> List.of(l.equation(), l.loops(), l.relations(), l.precision()))
                .distinct().count();
        assertEquals(shapes, a.shapesSearched());
        assertTrue(shapes < tail.computeLayers().size());
        assertEquals(tail.computeLayers().size(), first.layers().size());
        assertEquals(List.of("Tesla_NPU_like_DF"), first.accelerators());
        SpatialMappings again = new SpatialMappingSearch(Objective.ENERGY, TemporalMappingSearch.DEFAULT_LPF_LIMIT)
                .mappings(tail, TESLA);
        assertEquals(first, again);
    }
}
