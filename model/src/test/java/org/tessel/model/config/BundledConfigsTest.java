package org.tessel.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void allFiftySevenFilesAreBundled() throws IOException {
        assertEquals(10 + 5 + 25 + 3 + 6 + 5 + 3, allFiles().count()); // + a defaults file per family, two campaigns and a cluster
    }

    @ParameterizedTest
    @MethodSource("allFiles")
    void everyBundledFileValidates(Path file) {
        ConfigKind kind = ConfigLoader.validate(file);
        assertEquals(file.getParent().getFileName().toString().equals("accelerators") ? ConfigKind.ACCELERATOR
                : file.getParent().getFileName().toString().equals("campaigns") ? ConfigKind.CAMPAIGN
                : file.getParent().getFileName().toString().equals("clusters") ? ConfigKind.CLUSTER
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

    @ParameterizedTest(name = "{2} on {1} by defaults")
    @MethodSource("scenarios")
    void theFamilyDefaultsMapEveryLayerOfEveryWorkload(String family, String accelerator, String net) {
        Scenario s = Scenario.load(CONFIGS.resolve("workloads/" + net + ".yaml"),
                CONFIGS.resolve("accelerators/" + accelerator + ".yaml"),
                CONFIGS.resolve("mappings/" + family + "/defaults.yaml"));
        assertEquals(s.workload().computeLayers().size(), s.mappings().layers().size());
        assertEquals(net, s.mappings().workload().orElseThrow());
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

    // --- the real-size networks (tools/gen_networks.py) ------------------------------------------

    /**
     * MACs of one kind of layer, as this model counts them (the product of the loop sizes):
     * {@code conv} (convolutions, depthwise convolutions and FC layers written as convolutions),
     * {@code pool} (weight precision 0, as the reference workloads write pooling) or {@code add}.
     */
    static long macs(Workload w, String kind) {
        return w.computeLayers().stream().filter(l -> kindOf(l).equals(kind)).mapToLong(Layer::macCount).sum();
    }

    static long count(Workload w, String kind) {
        return w.computeLayers().stream().filter(l -> kindOf(l).equals(kind)).count();
    }

    static String kindOf(Layer l) {
        return l.isElementWise() ? "add" : l.precision().get("W") == 0 ? "pool" : "conv";
    }

    static Workload big(String net) {
        Workload w = ConfigLoader.workload(CONFIGS.resolve("workloads/" + net + ".yaml"));
        assertTrue(w.declaresPadding(), net);
        return w;
    }

    @Test
    void resnet50() {
        Workload w = big("resnet50");
        assertEquals(1 + 72, w.layers().size());
        // conv + FC as the ONNX model-zoo ResNet-50 (../shared/onnx/README.md, light_resnet50.onnx:
        // 53 Conv + 1 Gemm, 4,089,184,256 MACs); with the stride on the first 1x1 instead of the
        // 3x3 of the main path it would be 3,857,973,248
        assertEquals(4_089_184_256L, macs(w, "conv"));
        assertEquals(53 + 1, count(w, "conv"));
        assertEquals(64L * 56 * 56 * 9 + 2048 * 49, macs(w, "pool")); // 3x3/2 max pool, 7x7 average pool
        assertEquals(1_906_688L, macs(w, "pool"));
        assertEquals(16, count(w, "add"));
        assertEquals(5_519_360L, macs(w, "add"));
        assertEquals(4_096_610_304L, w.macCount());
        Layer stem = w.layer(0);
        assertEquals(112, stem.loopSize("OX"));
        assertEquals(3, stem.padding("IX").before());
        assertEquals(3, stem.padding("IY").after());
        assertEquals(56, w.layer(1).loopSize("OY")); // max pool 3x3 /2, padding 1
        // first block of stage 2: 1x1 (stride 1), 3x3 (stride 2), 1x1, projection (stride 2), add
        assertEquals(1, w.layer(15).relationFor("IX").orElseThrow().firstScale());
        assertEquals(56, w.layer(15).loopSize("OX"));
        assertEquals(2, w.layer(16).relationFor("IX").orElseThrow().firstScale());
        assertEquals(28, w.layer(16).loopSize("OX"));
        assertEquals(List.of(14), w.predecessors(18));
        assertEquals(2, w.layer(18).relationFor("IX").orElseThrow().firstScale());
        assertEquals(List.of(18, 17), w.predecessors(19));
        Layer fc = w.layer(71);
        assertEquals(1000, fc.loopSize("K"));
        assertEquals(2048, fc.loopSize("C"));
        assertEquals(1, fc.loopSize("OX"));
    }

    @Test
    void vgg19() {
        Workload w = big("vgg19");
        assertEquals(1 + 24, w.layers().size());
        // conv + FC as ../shared/onnx/README.md, light_vgg19.onnx (16 Conv + 3 Gemm)
        assertEquals(19_632_062_464L, macs(w, "conv"));
        assertEquals(16 + 3, count(w, "conv"));
        assertEquals(5, count(w, "pool"));
        assertEquals(6_121_472L, macs(w, "pool"));
        assertEquals(0, count(w, "add"));
        assertEquals(19_638_183_936L, w.macCount());
        // the first FC layer reads the 7x7x512 map as a 7x7 convolution on a 7x7 input
        Layer fc1 = w.layer(21);
        assertEquals(List.of(20), w.predecessors(21));
        assertEquals(7, w.layer(20).loopSize("OX"));
        assertEquals(7, fc1.loopSize("FX"));
        assertEquals(1, fc1.loopSize("OX"));
        assertEquals(25_088L * 4096, fc1.macCount());
    }

    @Test
    void mobilenetv2() {
        Workload w = big("mobilenetv2");
        assertEquals(1 + 64, w.layers().size());
        // Sandler et al. 2018 (MobileNetV2, Table 4) publish 300M multiply-adds for 1.0 at 224;
        // counted exactly: 300,774,272, of which 20,716,416 in the 17 depthwise convolutions
        assertEquals(300_774_272L, macs(w, "conv"));
        assertEquals(20_716_416L, w.computeLayers().stream().filter(l -> l.loops().containsKey("G") && kindOf(l).equals("conv"))
                .mapToLong(Layer::macCount).sum());
        assertEquals(1 + 17 + 16 + 17 + 1 + 1, count(w, "conv"));
        assertEquals(62_720L, macs(w, "pool"));
        assertEquals(10, count(w, "add"));
        assertEquals(216_384L, macs(w, "add"));
        assertEquals(301_053_376L, w.macCount());
        assertEquals(7, w.layer(61).loopSize("OX")); // 1x1 convolution to 1280 channels
        assertEquals(1280, w.layer(61).loopSize("K"));
    }

    @Test
    void bigNetworkMappingsFollowTheReferenceRules() {
        var tesla = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/Tesla_NPU_like/resnet50.yaml"));
        assertEquals(8, tesla.of(0).unrolls().get("D2").factor()); // 112 wide
        assertEquals(7, tesla.of(68).unrolls().get("D2").factor()); // 7 wide: x7 as the reference resnet18
        assertEquals("G", tesla.of(69).unrolls().get("D1").loopDimension()); // add
        assertEquals(List.of("D1"), List.copyOf(tesla.of(71).unrolls().keySet())); // FC
        var meta = ConfigLoader.spatialMappings(CONFIGS.resolve("mappings/Meta_prototype/mobilenetv2.yaml"));
        assertEquals("C", meta.of(0).unrolls().get("D2").loopDimension());
        assertFalse(meta.of(1).unrolls().containsKey("D2")); // depthwise: no C
        assertEquals(List.of("D1", "D2"), List.copyOf(meta.of(63).unrolls().keySet())); // FC: K x32, C x2
    }
}
