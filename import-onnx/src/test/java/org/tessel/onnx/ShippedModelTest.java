package org.tessel.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.LayerType;
import org.tessel.model.workload.Workload;

/**
 * The ONNX model the project ships (configs/onnx/resnet50.onnx, written from the bundled
 * configs/workloads/resnet50.yaml by tools/WorkloadToOnnx.java) imports to the same layers.
 */
class ShippedModelTest {

    private static final Path CONFIGS = Path.of("..", "configs");

    @Test
    void theShippedResNet50ImportsToTheLayersOfTheBundledWorkload() throws IOException {
        Path onnx = CONFIGS.resolve("onnx/resnet50.onnx");
        assertTrue(Files.size(onnx) < 64 * 1024, "weights are declared shapes, not data");
        Workload imported = OnnxImport.read(onnx);
        Workload yaml = ConfigLoader.workload(CONFIGS.resolve("workloads/resnet50.yaml"));
        assertEquals("resnet50", imported.name());
        assertEquals(yaml.macCount(), imported.macCount());
        assertEquals(4_096_610_304L, imported.macCount());
        assertEquals(yaml.layers().size(), imported.layers().size());
        for (Layer want : yaml.layers()) {
            Layer got = imported.layer(want.id());
            String at = "layer " + want.id();
            assertEquals(LayerType.of(want), LayerType.of(got), at);
            assertEquals(want.loops(), got.loops(), at);
            assertEquals(want.macCount(), got.macCount(), at);
            assertEquals(want.relations(), got.relations(), at);
            assertEquals(want.padding("IX"), got.padding("IX"), at);
            assertEquals(want.padding("IY"), got.padding("IY"), at);
            assertEquals(want.equation().text(), got.equation().text(), at);
            // an add's two operands may come in the other order
            assertEquals(sources(want), sources(got), at);
        }
    }

    private static Set<Integer> sources(Layer l) {
        Set<Integer> s = new TreeSet<>();
        l.sources().values().forEach(s::addAll);
        return s;
    }
}
