package org.tessel.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.model.BadInputException;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * Undividable units on networks with layers on both paths of a branch region (issue 9): every run of
 * whole units is a stack with one output, whatever the branches hold, so the search can only produce
 * valid stacks.
 */
class UndividableUnitsTest {

    /** Test workloads with projection shortcuts and Inception-like branches. */
    static final Path BRANCHES = Path.of("src", "test", "resources", "branches");

    static Workload branches(String name) {
        return ConfigLoader.workload(BRANCHES.resolve(name + ".yaml"));
    }

    static Stream<Workload> workloads() {
        return Stream.concat(Stream.of("fsrcnn", "mccnn", "dmcnnvd", "mobilenetv1", "resnet18", "resnet50", "vgg19", "mobilenetv2")
                .map(ScheduleSpaceTest::load),
                Stream.of("resnet50_blocks", "inception_block").map(UndividableUnitsTest::branches));
    }

    @Test
    void aProjectionBlockIsOneUnitWithBothPaths() {
        Workload w = branches("resnet50_blocks");
        // networkx order: the stem releases the main path's 1x1 (1) and the shortcut (4) together
        assertEquals(List.of(-1, 0, 1, 4, 2, 3, 5, 6, 7, 8, 9), UndividableUnits.topologicalOrder(w));
        assertEquals(List.of(List.of(0), List.of(1, 4, 2, 3, 5), List.of(6, 7, 8, 9)), UndividableUnits.of(w).units());
    }

    @Test
    void anInceptionBlockIsOneUnitWithAllItsBranches() {
        Workload w = branches("inception_block");
        assertEquals(List.of(-1, 0, 1, 2, 4, 3, 5, 7, 6, 8, 9), UndividableUnits.topologicalOrder(w));
        assertEquals(List.of(List.of(0), List.of(1, 2, 4, 3, 5, 7, 6, 8), List.of(9)), UndividableUnits.of(w).units());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void everyRunOfWholeUnitsHasOneOutputAndAllItsInputsBefore(Workload w) {
        UndividableUnits units = UndividableUnits.of(w);
        List<Integer> all = units.layers(0, units.count() - 1);
        assertEquals(w.computeLayers().size(), all.size());
        assertEquals(w.computeLayers().size(), new HashSet<>(all).size());
        for (int first = 0; first < units.count(); first++) {
            Set<Integer> before = first == 0 ? Set.of() : new HashSet<>(units.layers(0, first - 1));
            for (int last = first; last < units.count(); last++) {
                List<Integer> span = units.layers(first, last);
                List<Integer> outputs = span.stream()
                        .filter(id -> w.successors(id).stream().noneMatch(span::contains)).toList();
                assertEquals(List.of(units.lastLayer(last)), outputs, "outputs of units " + first + ".." + last);
                for (int id : span) {
                    for (int p : w.predecessors(id)) {
                        assertTrue(span.contains(p) || before.contains(p) || w.layer(p).isInput(),
                                "layer " + id + " of units " + first + ".." + last + " reads " + p + " from a later unit");
                    }
                }
            }
        }
    }

    @Test
    void anInputFeedingTwoBranchesOpensBoth() {
        // -1 → 0, -1 → 1, 2 = 0 + 1, 2 → 3: starting the count at 1 (the reference) would end a unit after
        // 0 and let the stack {0, 1} end in two layers
        Workload w = new Workload("fork", List.of(input(), conv(0, -1), conv(1, -1), add(2, 0, 1), conv(3, 2)));
        assertEquals(List.of(List.of(0, 1, 2), List.of(3)), UndividableUnits.of(w).units());
    }

    @Test
    void aNetworkWithTwoOutputsIsRefusedByName() {
        // 0 → 1 and 0 → 2, nothing reads 1 or 2: no stack could end in one layer
        Workload w = new Workload("two-outputs", List.of(input(), conv(0, -1), conv(1, 0), conv(2, 0)));
        BadInputException e = assertThrows(BadInputException.class, () -> UndividableUnits.of(w));
        assertEquals("the network has 2 output layers [1, 2] (layers no other layer reads); depth-first scheduling needs"
                + " exactly one", e.getMessage());
        assertThrows(BadInputException.class, () -> ScheduleSpace.of(w));
    }

    @Test
    void partitionKeepsTheInputAsItsOwnFirstUnit() {
        Workload w = branches("resnet50_blocks");
        List<List<Integer>> raw = UndividableUnits.partition(UndividableUnits.topologicalOrder(w), w::predecessors, w::successors);
        assertEquals(List.of(List.of(-1), List.of(0), List.of(1, 4, 2, 3, 5), List.of(6, 7, 8, 9)), raw);
    }

    private static Layer input() {
        return new Layer(-1, Equation.INPUT, List.of(), Map.of("K", 4L, "OX", 8L, "OY", 8L), Map.of("O", 8, "O_final", 8),
                Map.of(), Map.of(), List.of(), Map.of(), 1);
    }

    private static Layer conv(int id, int source) {
        return new Layer(id, Equation.parse("O[b][k][oy][ox]+=W[k][c]*I[b][c][ox][oy]"), List.of(),
                Map.of("K", 4L, "C", 4L, "OX", 8L, "OY", 8L), Map.of("O", 16, "O_final", 8, "W", 8, "I", 8),
                Map.of("W", List.of(), "I", List.of(source)), Map.of("I", Map.of("OX", "OX", "OY", "OY", "C", "K")),
                List.of("W"), Map.of(), 1);
    }

    private static Layer add(int id, int x, int y) {
        return new Layer(id, Equation.parse("O[b][g][oy][ox]=X[b][g][oy][ox]+Y[b][g][oy][ox]"), List.of(),
                Map.of("G", 4L, "OX", 8L, "OY", 8L), Map.of("O", 16, "O_final", 8, "X", 8, "Y", 8),
                Map.of("X", List.of(x), "Y", List.of(y)),
                Map.of("X", Map.of("OX", "OX", "OY", "OY", "G", "K"), "Y", Map.of("OX", "OX", "OY", "OY", "G", "K")),
                List.of(), Map.of(), 1);
    }
}
