package org.tessel.costmodel.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.OperationalArray;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * Which bundled per-layer mappings the bundled defaults of their family reproduce
 * (docs/spatial-mapping.md): every layer but the ones listed here, where the reference used a
 * second rule for one operator type.
 */
class DefaultMappingsTest {

    private static final Path CONFIGS = Path.of("..", "configs");

    /** family/workload → the layers whose reference mapping the defaults do not give. */
    private static final Map<String, Set<Integer>> SECOND_RULE = Map.of(
            "Ascend_like/resnet18", Set.of(0), // stem [C, 2], other Ascend stems [C, 3] (= [C, 16] clamped)
            "Ascend_like/mobilenetv1", Set.of(27)); // global pool [G, 8] on a 16-wide D1, resnet18's [G, 16]

    static Stream<Arguments> bundledMappings() throws IOException {
        try (Stream<Path> files = Files.walk(CONFIGS.resolve("mappings"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("defaults.yaml"))
                    .sorted().map(p -> Arguments.of(p.getParent().getFileName().toString(),
                            p.getFileName().toString().replace(".yaml", "")))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("bundledMappings")
    void defaultsReproduceEveryLayerButTheListedOnes(String family, String net) {
        Workload w = ConfigLoader.workload(CONFIGS.resolve("workloads/" + net + ".yaml"));
        OperationalArray array = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/" + family + "_DF.yaml"))
                .cores().getFirst().array();
        SpatialMappings own = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/" + family + "/" + net + ".yaml"));
        SpatialMappings defaults = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/" + family + "/defaults.yaml"));
        Set<Integer> differ = new TreeSet<>();
        for (Layer l : w.computeLayers()) {
            SpatialMapping byDefault = defaults.mappingOf(l).orElseThrow();
            if (!clamped(l, array, own.of(l.id())).equals(clamped(l, array, byDefault))) {
                differ.add(l.id());
            }
        }
        assertEquals(SECOND_RULE.getOrDefault(family + "/" + net, Set.of()), differ);
    }

    /**
     * An unrolling clamped to 1 is no unrolling: fsrcnn's 1-channel first layer costs the same bits
     * with the reference's mapping (no C entry) and the Ascend_like default ({@code D2: [C, 16]}).
     */
    @Test
    void anUnrollingClampedToOneChangesNoNumber() {
        Workload w = ConfigLoader.workload(CONFIGS.resolve("workloads/fsrcnn.yaml"));
        Accelerator acc = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/Ascend_like_DF.yaml"));
        SpatialMappings own = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/Ascend_like/fsrcnn.yaml"));
        SpatialMappings defaults = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/Ascend_like/defaults.yaml"));
        Map<String, Long> tile = new LinkedHashMap<>(w.layer(0).loops());
        tile.put("OX", 16L);
        tile.put("OY", 12L);
        Layer l = w.layer(0).withLoops(tile);
        assertNotEquals(own.of(0), defaults.mappingOf(l).orElseThrow());
        var a = TemporalMappingSearch.best(new LayerProblem(l, acc.cores().getFirst(), own.of(0))).cost();
        var b = TemporalMappingSearch.best(new LayerProblem(l, acc.cores().getFirst(), defaults.mappingOf(l).orElseThrow())).cost();
        assertEquals(a.energyTotal(), b.energyTotal());
        assertEquals(a.latencyTotal2(), b.latencyTotal2());
        assertEquals(a, b);
    }

    /** The clamped unrolling per array dimension (spec mapping.md §1.1), unrollings of 1 left out. */
    private static Map<String, List<Object>> clamped(Layer l, OperationalArray array, SpatialMapping m) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (SpatialUnrolling.Unroll u : SpatialUnrolling.of(l, array, m).unrolls()) {
            if (u.factor() != 1.0) {
                out.put(u.arrayDimension(), List.of(u.loopDimension(), u.factor()));
            }
        }
        return out;
    }
}
