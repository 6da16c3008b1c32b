package org.tessel.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/** Every bundled config loads, and a few known numbers per file are right. */
class BundledConfigsTest {

    static final Path CONFIGS = Path.of("..", "configs");
    static final List<String> FAMILIES = List.of("Ascend_like", "Edge_TPU_like", "Meta_prototype", "TPU_like", "Tesla_NPU_like");
    static final List<String> NETS = List.of("fsrcnn", "dmcnnvd", "mccnn", "mobilenetv1", "resnet18");
    /** Real-size networks written by tools/gen_networks.py, mapped for two families only. */
    static final List<String> BIG_FAMILIES = List.of("Meta_prototype", "Tesla_NPU_like");
    static final List<String> BIG_NETS = List.of("resnet50", "vgg19", "mobilenetv2");

    static Stream<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(CONFIGS)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void allFortyNineFilesAreBundled() throws IOException {
        assertEquals(10 + 5 + 25 + 3 + 6, allFiles().count());
    }

    @ParameterizedTest
    @MethodSource("allFiles")
    void everyBundledFileValidates(Path file) {
        ConfigKind kind = ConfigLoader.validate(file);
        assertEquals(file.getParent().getFileName().toString().equals("accelerators") ? ConfigKind.ACCELERATOR
                : file.getParent().getFileName().toString().equals("workloads") ? ConfigKind.WORKLOAD
                : ConfigKind.SPATIAL_MAPPING, kind);
    }

    static Stream<String[]> scenarios() {
        Stream<String[]> reference = FAMILIES.stream().flatMap(f -> Stream.of(f, f + "_DF")
                .flatMap(a -> NETS.stream().map(n -> new String[] {f, a, n})));
        Stream<String[]> big = BIG_FAMILIES.stream().flatMap(f -> Stream.of(f, f + "_DF")
                .flatMap(a -> BIG_NETS.stream().map(n -> new String[] {f, a, n})));
        return Stream.concat(reference, big);
    }

    @ParameterizedTest(name = "{2} on {1}")
    @MethodSource("scenarios")
    void everyWorkloadFitsEveryAcceleratorOfItsFamily(String family, String accelerator, String net) {
        Scenario s = Scenario.load(CONFIGS.resolve("workloads/" + net + ".yaml"),
                CONFIGS.resolve("accelerators/" + accelerator + ".yaml"),
                CONFIGS.resolve("mappings/" + family + "/" + net + ".yaml"));
        assertEquals(s.workload().computeLayers().size(), s.mappings().layers().size());
    }

    @Test
    void fsrcnnLayerZero() {
        Workload w = ConfigLoader.workload(CONFIGS.resolve("workloads/fsrcnn.yaml"));
        assertEquals(9, w.layers().size());
        Layer l0 = w.layer(0);
        assertEquals(List.of("B", "K", "C", "OY", "OX", "FY", "FX"), List.copyOf(l0.loops().keySet()));
        assertEquals(56, l0.loopSize("K"));
        assertEquals(1, l0.loopSize("C"));
        assertEquals(550, l0.loopSize("OY"));
        assertEquals(970, l0.loopSize("OX"));
        assertEquals(5, l0.loopSize("FY"));
        assertEquals(5, l0.loopSize("FX"));
        assertEquals(746_900_000L, l0.macCount());
        assertEquals(539_596L, l0.operandElements("I")); // 974 × 554, zigzag-inputs.md §2.6
        assertEquals(List.of(-1), w.predecessors(0));
        assertEquals(8, l0.precision().get(Layer.FINAL_OUTPUT));
    }

    @Test
    void metaPrototypeDfWeightSram() {
        Accelerator a = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/Meta_prototype_DF.yaml"));
        MemoryLevel w = a.core(1).hierarchy().level("sram_1MB_W");
        assertEquals(8_388_608L, w.memory().sizeBits());
        assertEquals(208.08, w.memory().readEnergy());
        assertEquals(1024, w.memory().readBandwidth());
        assertEquals(1024L, a.core(1).array().unitCount());
        assertEquals(List.of("rf_1B", "sram_32KB", "sram_1MB_W", "dram"),
                a.core(1).hierarchy().chain(MemoryOperand.I2).stream().map(MemoryLevel::name).toList());
        assertEquals(List.of("sram_64KB", "sram_1MB_A", "dram"),
                a.core(1).hierarchy().chain(MemoryOperand.I1).stream().map(MemoryLevel::name).toList());
        // Meta-proto sharing list, zigzag-inputs.md §3.6
        assertEquals("[{I1=2, I2=3, O=3}, {I1=0, O=1}, {I1=1, O=2}]", a.core(1).hierarchy().sharingList().toString());
        assertEquals(64, a.core(1).hierarchy().level("rf_1B").unrollCount());
        assertEquals(512, a.core(1).hierarchy().level("rf_2B").unrollCount());
    }

    @Test
    void knownNumbersOfOtherFiles() {
        Accelerator tesla = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/Tesla_NPU_like_DF.yaml"));
        assertEquals(182.07000000000002, tesla.core(1).hierarchy().level("sram_896KB_A").memory().readEnergy());
        Accelerator tpu = ConfigLoader.accelerator(CONFIGS.resolve("accelerators/TPU_like.yaml"));
        assertTrue(tpu.core(1).hierarchy().level("rf_128B").servedDimensions().isEmpty());
        Workload resnet = ConfigLoader.workload(CONFIGS.resolve("workloads/resnet18.yaml"));
        assertTrue(resnet.layer(4).isElementWise());
        assertEquals(List.of(1, 3), resnet.predecessors(4));
        Workload mobilenet = ConfigLoader.workload(CONFIGS.resolve("workloads/mobilenetv1.yaml"));
        assertEquals(30, mobilenet.layers().size());
        assertEquals(List.of("G"), mobilenet.layer(1).equation().dimensionsOf("W").stream().filter(d -> d.equals("G")).toList());
        var mapping = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/Tesla_NPU_like/fsrcnn.yaml"));
        assertEquals(8, mapping.of(0).unrolls().get("D2").factor());
        assertEquals("OX", mapping.of(0).unrolls().get("D2").loopDimension());
    }
}
