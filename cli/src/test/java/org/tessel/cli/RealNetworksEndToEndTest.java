package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.automap.SpatialMappingSearch;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Objective;
import org.tessel.model.workload.Workload;
import org.tessel.onnx.OnnxImport;

/**
 * A real network of ../shared/onnx on every bundled _DF accelerator without a hand-written mapping
 * (--mapping auto): layer by layer and depth first (--cuts auto). A sample of the 9 × 5 matrix that
 * tools/onnx-matrix.sh runs whole, kept small for the suite; skipped with a message where
 * ../shared/onnx is absent.
 */
class RealNetworksEndToEndTest {

    static final Path SHARED = Path.of("..", "..", "shared", "onnx");

    static Stream<Arguments> sample() {
        // SqueezeNet: concatenations; AlexNet: grouped convolutions (G unrolled to leave 6 temporal loops) and Gemm
        return Stream.of("light_squeezenet", "light_bvlc_alexnet").flatMap(net -> Stream.of("Ascend_like_DF", "Edge_TPU_like_DF",
                "Meta_prototype_DF", "TPU_like_DF", "Tesla_NPU_like_DF").map(acc -> Arguments.of(net, acc)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("sample")
    void evaluatesLayerByLayerAndDepthFirstWithASearchedMapping(String net, String accelerator) {
        Path file = SHARED.resolve(net + ".onnx");
        assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file.toAbsolutePath().normalize()
                + " is absent (the nine real networks live in ../shared/onnx beside the clone)");
        Workload w = OnnxImport.read(file);
        Accelerator acc = ConfigLoader.accelerator(Path.of(CommandLineTest.CONFIGS, "accelerators", accelerator + ".yaml"));
        SpatialMappings mappings = new SpatialMappingSearch(Objective.ENERGY, TemporalMappingSearch.DEFAULT_LPF_LIMIT)
                .mappings(w, acc);
        assertEquals(w.computeLayers().size(), mappings.layers().size());
        Scenario s = Scenario.of(w, file, acc, mappings);
        DepthFirstEngine engine = new DepthFirstEngine(SingleLayerEvaluator.memoized());
        DepthFirstResult layerByLayer = engine.run(s, new DepthFirstSettings(TileSize.wholeOutput(), OverlapMode.FULLY_CACHED,
                EvaluateCommand.cuts("all", s), TemporalMappingSearch.DEFAULT_LPF_LIMIT, false));
        DepthFirstResult depthFirst = engine.run(s, new DepthFirstSettings(TileSize.of(28, 28), OverlapMode.FULLY_CACHED,
                null, TemporalMappingSearch.DEFAULT_LPF_LIMIT, false));
        assertEquals(w.computeLayers().size(), layerByLayer.stacks().size());
        assertTrue(depthFirst.stacks().size() < layerByLayer.stacks().size(), "--cuts auto fuses layers");
        double lbl = layerByLayer.totals().energyTotal();
        double df = depthFirst.totals().energyTotal();
        assertTrue(lbl > 0 && Double.isFinite(lbl) && df > 0 && Double.isFinite(df), lbl + " " + df);
        // every MAC is costed once either way: the MAC energy is the same
        assertEquals(layerByLayer.totals().macEnergy(), depthFirst.totals().macEnergy(), 1e-6 * layerByLayer.totals().macEnergy());
    }
}
