package org.tessel.costmodel.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.HierarchyCut;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.model.BadInputException;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;
import org.tessel.model.workload.Layer;

/** A given temporal mapping against the layer it is to be evaluated on. */
class TemporalMappingCheckTest {

    /** Spec examples.md Example 2: FSRCNN layer 2, tile OY 6 × OX 10, hierarchy cut to the on-chip memories. */
    private static final LayerContext CTX = example2();
    /** The mapping the search picks for it: operand → levels {O: 0,0,0,0,1,1; W: all 1; I: all 0}. */
    private static final TemporalMapping BEST = TemporalMappingSearch.best(CTX, 6).mapping();

    private static LayerContext example2() {
        Path c = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../configs").normalize();
        Scenario s = Scenario.load(c.resolve("workloads/fsrcnn.yaml"), c.resolve("accelerators/Meta_prototype_DF.yaml"),
                c.resolve("mappings/Meta_prototype/fsrcnn.yaml"));
        Layer layer = s.workload().layer(2);
        Map<String, Long> loops = new LinkedHashMap<>(layer.loops());
        loops.put("OY", 6L);
        loops.put("OX", 10L);
        return LayerContext.of(new LayerProblem(layer.withLoops(loops), HierarchyCut.applyAll(s.coreOf(layer),
                Map.of(MemoryOperand.I1, "sram_64KB", MemoryOperand.O, "sram_64KB", MemoryOperand.I2, "sram_1MB_W")),
                s.mappings().of(2)));
    }

    private static String refusal(TemporalMapping mapping) {
        return assertThrows(BadInputException.class, () -> TemporalMappingCheck.requireFits(CTX, mapping))
                .getMessage();
    }

    private static TemporalMapping withLevels(String operand, UnaryOperator<List<Integer>> change) {
        Map<String, List<Integer>> levels = new LinkedHashMap<>(BEST.levels());
        levels.put(operand, change.apply(new ArrayList<>(levels.get(operand))));
        return new TemporalMapping(BEST.loops(), levels);
    }

    @Test
    void theSearchedMappingFitsAndSoDoesOneWithAnExtraLoopOfSizeOne() {
        TemporalMappingCheck.requireFits(CTX, BEST);
        List<TemporalLoop> loops = new ArrayList<>(BEST.loops());
        loops.add(new TemporalLoop("B", 1));
        Map<String, List<Integer>> levels = new LinkedHashMap<>();
        BEST.levels().forEach((op, lv) -> {
            List<Integer> more = new ArrayList<>(lv);
            more.add(lv.getLast());
            levels.put(op, more);
        });
        TemporalMappingCheck.requireFits(CTX, new TemporalMapping(loops, levels));
    }

    @Test
    void loopsThatDoNotMultiplyToTheTemporalSizesAreRefused() {
        TemporalMapping tooFew = new TemporalMapping(List.of(new TemporalLoop("C", 6)),
                Map.of("O", List.of(0), "W", List.of(1), "I", List.of(0)));
        assertEquals("the temporal mapping's loops multiply to {C=6}, but after spatial unrolling the layer needs "
                + "{C=6, OY=2, OX=3, FY=3, FX=3}", refusal(tooFew));
    }

    @Test
    void anOperandWithoutLevelsIsRefused() {
        Map<String, List<Integer>> levels = new LinkedHashMap<>(BEST.levels());
        levels.remove("W");
        assertEquals("the temporal mapping gives no levels for operand W",
                refusal(new TemporalMapping(BEST.loops(), levels)));
    }

    @Test
    void aLevelOutsideTheOperandsChainIsRefused() {
        assertEquals("operand O has 2 memory levels (0..1), the temporal mapping uses level 2",
                refusal(withLevels("O", lv -> {
                    lv.set(lv.size() - 1, 2);
                    return lv;
                })));
        assertEquals("operand I has 1 memory levels (0..0), the temporal mapping uses level -1",
                refusal(withLevels("I", lv -> {
                    lv.set(0, -1);
                    return lv;
                })));
    }
}
