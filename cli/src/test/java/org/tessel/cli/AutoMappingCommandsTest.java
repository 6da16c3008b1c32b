package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.CommandLineTest.CONFIGS;
import static org.tessel.cli.CommandLineTest.FSRCNN;
import static org.tessel.cli.CommandLineTest.META_DF;
import static org.tessel.cli.CommandLineTest.run;
import static org.tessel.cli.OnnxCommandsTest.input;
import static org.tessel.cli.OnnxCommandsTest.ints;
import static org.tessel.cli.OnnxCommandsTest.node;
import static org.tessel.cli.OnnxCommandsTest.weight;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.mapping.SpatialMappings;

/**
 * {@code --mapping auto}, the default of an ONNX workload (docs/spatial-mapping.md): searched,
 * shown by describe, written by {@code --mapping-out}, and replayed bit for bit.
 */
class AutoMappingCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TESLA_DF = CONFIGS + "/accelerators/Tesla_NPU_like_DF.yaml";

    @TempDir
    static Path dir;
    static String model;

    /** One layer of every operator type: conv → depthwise → add → max pool → global pool → Gemm. */
    @BeforeAll
    static void writeModel() throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("kinds")
                .addInput(input("x", 1, 8, 16, 16))
                .addInitializer(weight("wc", 16, 8, 3, 3)).addInitializer(weight("wd", 16, 1, 3, 3))
                .addInitializer(weight("fc", 10, 16))
                .addNode(node("conv", "Conv", List.of("x", "wc"), "c").addAttribute(ints("pads", 1, 1, 1, 1)))
                .addNode(node("dw", "Conv", List.of("c", "wd"), "d").addAttribute(ints("pads", 1, 1, 1, 1))
                        .addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT).setI(16)))
                .addNode(node("sum", "Add", List.of("c", "d"), "s"))
                .addNode(node("pool", "MaxPool", List.of("s"), "p").addAttribute(ints("kernel_shape", 2, 2))
                        .addAttribute(ints("strides", 2, 2)))
                .addNode(node("gap", "GlobalAveragePool", List.of("p"), "q"))
                .addNode(node("flatten", "Flatten", List.of("q"), "f"))
                .addNode(node("fc", "Gemm", List.of("f", "fc"), "y")
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addOutput(ValueInfoProto.newBuilder().setName("y"));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
        Path file = dir.resolve("kinds.onnx");
        Files.write(file, m.toByteArray());
        model = file.toString();
    }

    private static JsonNode evaluate(String accelerator, String tile, String... mapping) throws IOException {
        Path json = Files.createTempFile(dir, "eval", ".json");
        List<String> args = new ArrayList<>(List.of("evaluate", "--workload", model, "--accelerator", accelerator,
                "--tile", tile, "--mode", "fully-cached", "--cuts", "none", "--json", json.toString()));
        args.addAll(List.of(mapping));
        CommandLineTest.Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        ObjectNode doc = (ObjectNode) JSON.readTree(json.toFile());
        doc.remove("runtime_ms");
        return doc;
    }

    @Test
    void anOnnxWorkloadWithoutMappingIsSearchedAndTheWrittenMappingReplaysBitForBit() throws IOException {
        for (String acc : List.of(META_DF, TESLA_DF)) {
            Path out = dir.resolve("auto-" + Path.of(acc).getFileName());
            JsonNode searched = evaluate(acc, "4x4", "--mapping-out", out.toString());
            SpatialMappings written = ConfigLoader.spatialMappings(out);
            assertEquals(6, written.layers().size());
            assertEquals("kinds", written.workload().orElseThrow());
            assertEquals(searched, evaluate(acc, "4x4", "--mapping", out.toString()), acc);
            assertEquals(searched, evaluate(acc, "4x4", "--mapping", "auto"), acc);
            assertEquals(evaluate(acc, "full", "--mapping", "auto"), evaluate(acc, "full", "--mapping", out.toString()), acc);
        }
    }

    @Test
    void describeShowsTheSearchedMappingOfEveryLayer() {
        CommandLineTest.Run r = run("describe", "--workload", model, "--accelerator", TESLA_DF);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("searched per layer (--mapping auto"), r.out());
        assertTrue(r.err().contains("6 distinct layer shapes"), r.err());
        for (String name : List.of("conv", "dw", "sum", "pool", "gap", "fc")) {
            String row = r.out().lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow();
            assertTrue(row.matches(".*D1:[A-Z]+x\\d+.*"), row);
        }
    }

    @Test
    void theObjectiveOfASearchValuesTheLayers(@TempDir Path out) throws IOException {
        Path energy = out.resolve("energy.yaml");
        Path latency = out.resolve("latency.yaml");
        for (Path p : List.of(energy, latency)) {
            CommandLineTest.Run r = run("search", "--workload", model, "--accelerator", TESLA_DF, "--strategy", "exhaustive",
                    "--tiles", "8x8", "--objective", p == energy ? "energy" : "latency", "--mapping-out", p.toString());
            assertEquals(0, r.status(), r.err());
        }
        assertTrue(Files.readString(energy).contains("(energy, lpf limit 6)"));
        assertTrue(Files.readString(latency).contains("(latency, lpf limit 6)"));
    }

    @Test
    void aWorkloadFileNeedsAMappingOrAuto() {
        CommandLineTest.Run r = run("evaluate", "--workload", FSRCNN, "--accelerator", META_DF, "--tile", "full",
                "--mode", "fully-cached");
        assertEquals(2, r.status());
        assertEquals("error: --mapping FILE (or --mapping auto) is needed for the workload file " + FSRCNN
                + "; only an ONNX workload defaults to auto", r.err().strip());
        CommandLineTest.Run d = run("describe", "--workload", FSRCNN, "--mapping", "auto");
        assertEquals(2, d.status());
        assertEquals("error: --mapping needs --accelerator too (or describe the workload alone)", d.err().strip());
    }

    @Test
    void aDefaultsFileMapsAnOnnxWorkload() throws IOException {
        JsonNode byDefaults = evaluate(TESLA_DF, "full", "--mapping", CONFIGS + "/mappings/Tesla_NPU_like/defaults.yaml");
        assertNotEquals(0.0, byDefaults.get("energy_total_pJ").asDouble());
    }
}
