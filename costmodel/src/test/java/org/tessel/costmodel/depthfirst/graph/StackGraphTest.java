package org.tessel.costmodel.depthfirst.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/** networkx-compatible graph behaviour (spec depthfirst.md §0, §3.10). */
class StackGraphTest {

    private static Layer node(int id, List<Integer> sources) {
        if (sources.isEmpty()) {
            return new Layer(id, Equation.INPUT, List.of(), Map.of("OX", 4L, "OY", 4L), Map.of("O", 8, "O_final", 8), Map.of(),
                    Map.of(), List.of(), Map.of(), 1);
        }
        return new Layer(id, Equation.parse("O[b][k][oy][ox]+=W[k][c]*I[b][c][ox][oy]"), List.of(),
                Map.of("K", 2L, "C", 2L, "OX", 4L, "OY", 4L), Map.of("O", 16, "O_final", 8, "W", 8, "I", 8),
                Map.of("W", List.of(), "I", sources), Map.of("I", Map.of("OX", "OX", "OY", "OY", "C", "K")), List.of("W"),
                Map.of(), 1);
    }

    @Test
    void topologicalOrderIsGenerationBasedInInsertionOrder() {
        // 0 → 1 → 3 and 0 → 2: networkx ≥ 2.6 yields generations [0], [1, 2], [3]
        StackGraph g = StackGraph.of(new Workload("w", List.of(node(-1, List.of()), node(1, List.of(-1)), node(2, List.of(-1)),
                node(3, List.of(1)))));
        assertEquals(List.of(-1, 1, 2, 3), g.topologicalOrder());
        assertEquals(2, g.firstSink());
    }

    @Test
    void aForkJoinIsOneUndividableUnit() {
        // -1 → 1 → 2 → 3 and 1 → 3: the unit after the fork at 1 ends at the join 3 (spec depthfirst.md §2.1)
        StackGraph g = StackGraph.of(new Workload("w", List.of(node(-1, List.of()), node(1, List.of(-1)), node(2, List.of(1)),
                node(3, List.of(1, 2)))));
        assertEquals(List.of(List.of(-1), List.of(1), List.of(2, 3)), StackCuts.units(g));
    }
}
