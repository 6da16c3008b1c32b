package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.CommandLineTest.META_DF;
import static org.tessel.cli.CommandLineTest.run;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --workload MODEL.onnx} in every command, {@code tessel import}, and {@code describe --json}:
 * an ONNX model built here with the protobuf builders (a residual block with a pooling and a
 * fully connected layer) evaluates exactly as the workload file {@code tessel import} writes for it.
 */
class OnnxCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String model;
    static String mapping;

    /**
     * Writes the block model to {@code dir}/block.onnx: x → conv a (3x3 pad 1) → conv b (3x3 pad 1)
     * → Add(a, b) → max pool 2x2 → Flatten → Gemm.
     */
    static Path writeBlockModel(Path dir) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("block")
                .addInput(input("x", 1, 4, 16, 16))
                .addInitializer(weight("wa", 16, 4, 3, 3)).addInitializer(weight("wb", 16, 16, 3, 3))
                .addInitializer(weight("fc", 10, 16 * 8 * 8))
                .addNode(node("conv_a", "Conv", List.of("x", "wa"), "a").addAttribute(ints("pads", 1, 1, 1, 1)))
                .addNode(node("relu_a", "Relu", List.of("a"), "ra"))
                .addNode(node("conv_b", "Conv", List.of("ra", "wb"), "b").addAttribute(ints("pads", 1, 1, 1, 1)))
                .addNode(node("residual", "Add", List.of("ra", "b"), "s"))
                .addNode(node("pool", "MaxPool", List.of("s"), "p").addAttribute(ints("kernel_shape", 2, 2))
                        .addAttribute(ints("strides", 2, 2)))
                .addNode(node("flatten", "Flatten", List.of("p"), "f"))
                .addNode(node("classifier", "Gemm", List.of("f", "fc"), "y")
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addOutput(ValueInfoProto.newBuilder().setName("y"));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(g).build();
        Path file = dir.resolve("block.onnx");
        Files.write(file, m.toByteArray());
        return file;
    }

    @BeforeAll
    static void writeModel() throws IOException {
        model = writeBlockModel(dir).toString();
        Path map = dir.resolve("block-mapping.yaml");
        Files.writeString(map, """
                kind: spatial-mapping
                workload: block
                accelerators: [Meta_prototype_DF]
                layers:
                  0: {D1: [K, 16], D2: [C, 2], D3: [OX, 4], D4: [OY, 4]}
                  1: {D1: [K, 16], D2: [C, 2], D3: [OX, 4], D4: [OY, 4]}
                  2: {D1: [G, 16], D3: [OX, 4], D4: [OY, 4]}
                  3: {D1: [G, 16], D3: [OX, 4], D4: [OY, 4]}
                  4: {D1: [K, 10], D2: [C, 2]}
                """);
        mapping = map.toString();
    }

    @Test
    void evaluatingTheImportedFileGivesBitIdenticalNumbers() throws IOException {
        Path yaml = dir.resolve("block.yaml");
        CommandLineTest.Run imported = run("import", model, "--out", yaml.toString());
        assertEquals(0, imported.status(), imported.err());
        assertTrue(imported.out().contains("5 computed"), imported.out());
        assertTrue(Files.readString(yaml).contains("name: \"conv_b\""));
        for (String mode : List.of("fully-cached", "fully-recompute")) {
            for (String tile : List.of("4x4", "full")) {
                JsonNode fromOnnx = evaluate(model, mode, tile);
                JsonNode fromYaml = evaluate(yaml.toString(), mode, tile);
                assertEquals(fromOnnx, fromYaml, mode + " " + tile);
                assertTrue(fromOnnx.get("energy_total_pJ").asDouble() > 0);
            }
        }
    }

    private JsonNode evaluate(String workload, String mode, String tile) throws IOException {
        Path json = Files.createTempFile(dir, "eval", ".json");
        CommandLineTest.Run r = run("evaluate", "--workload", workload, "--accelerator", META_DF, "--mapping", mapping,
                "--tile", tile, "--mode", mode, "--cuts", "none", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        ObjectNode doc = (ObjectNode) JSON.readTree(json.toFile());
        doc.remove("runtime_ms");
        return doc;
    }

    @Test
    void evaluateShowsTheOnnxNamesOfTheLayers() throws IOException {
        JsonNode doc = evaluate(model, "fully-cached", "full");
        List<String> names = java.util.stream.StreamSupport.stream(doc.get("layers").spliterator(), false)
                .filter(l -> l.has("layer_name")).map(l -> l.get("layer_name").asText()).toList();
        assertEquals(List.of("conv_a", "conv_b", "residual", "pool", "classifier"), names);
    }

    @Test
    void describeJsonIsTheSameForTheModelAndItsImport(@TempDir Path out) throws IOException {
        Path yaml = out.resolve("block.yaml");
        assertEquals(0, run("import", model, "--out", yaml.toString()).status());
        Path a = out.resolve("a.json");
        Path b = out.resolve("b.json");
        CommandLineTest.Run r = run("describe", "--workload", model, "--json", a.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("conv_b"), r.out());
        assertFalse(r.out().contains("Accelerator"), r.out());
        assertEquals(0, run("describe", "--workload", yaml.toString(), "--accelerator", META_DF, "--mapping", mapping,
                "--json", b.toString()).status());
        JsonNode doc = JSON.readTree(a.toFile());
        assertEquals(doc, JSON.readTree(b.toFile()));
        long conv = 16L * 4 * 9 * 256 + 16L * 16 * 9 * 256;
        assertEquals(conv, doc.get("macs_by_type").get("conv").asLong());
        assertEquals(10L * 16 * 64, doc.get("macs_by_type").get("gemm").asLong());
        assertEquals(16L * 64 * 4, doc.get("macs_by_type").get("pool").asLong());
        assertEquals(16L * 256, doc.get("macs_by_type").get("add").asLong());
        assertEquals(conv + 10L * 16 * 64 + 16L * 64 * 4 + 16L * 256, doc.get("total_macs").asLong());
        JsonNode add = doc.get("layers").get(3);
        assertEquals("residual", add.get("name").asText());
        assertEquals("add", add.get("type").asText());
        assertEquals("[0]", add.get("sources").get("X").toString());
        assertEquals("[1,1]", doc.get("layers").get(1).get("padding").get("IX").toString());
        assertEquals(-1, doc.get("layers").get(0).get("id").asInt());
    }

    @Test
    void describeJsonOfABundledWorkload(@TempDir Path out) throws IOException {
        Path json = out.resolve("vgg.json");
        assertEquals(0, run("describe", "--workload", CommandLineTest.CONFIGS + "/workloads/vgg19.yaml", "--json",
                json.toString()).status());
        JsonNode doc = JSON.readTree(json.toFile());
        // VGG-19's conv+FC MACs, as in the README of ../shared/onnx
        assertEquals(19_632_062_464L, doc.get("macs_by_type").get("conv").asLong() + doc.get("macs_by_type").get("gemm").asLong());
        assertTrue(doc.get("layers").get(1).get("name").isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer", "sweep", "search", "compare"})
    void everyCommandTakesAnOnnxWorkload(String command, @TempDir Path out) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--workload", model, "--accelerator", META_DF,
                "--mapping", mapping));
        switch (command) {
            case "layer" -> args.addAll(List.of("--layer", "1"));
            case "sweep" -> args.addAll(List.of("--tiles", "4,8x4,8", "--modes", "fully-cached", "--csv",
                    out.resolve("s.csv").toString()));
            case "search" -> args.addAll(List.of("--strategy", "exhaustive", "--tiles", "8x8"));
            default -> args.addAll(List.of("--strategies", "exhaustive,genetic", "--budget-evals", "10", "--seeds", "1",
                    "--tiles", "8x8"));
        }
        CommandLineTest.Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err() + r.out());
    }

    @Test
    void validateChecksAnOnnxModel() {
        CommandLineTest.Run r = run("validate", model);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("(onnx model: 5 layers)"), r.out());
    }

    @Test
    void anUnsupportedOperatorIsBadInputNamingFileNodeAndTheSupportedOnes(@TempDir Path out) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addInitializer(weight("w", 4, 4, 1, 1))
                .addNode(node("conv", "Conv", List.of("x", "w"), "a"))
                .addNode(node("act", "Tanh", List.of("a"), "b"));
        Path file = out.resolve("tanh.onnx");
        Files.write(file, ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(g).build().toByteArray());
        CommandLineTest.Run r = run("describe", "--workload", file.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + file + ": node 'act' (Tanh): operator Tanh is not supported (supported: Conv,"),
                r.err());
        CommandLineTest.Run imported = run("import", file.toString(), "--out", out.resolve("x.yaml").toString());
        assertEquals(2, imported.status());
        assertEquals(r.err(), imported.err());
    }

    @Test
    void importOptionsOnAWorkloadFileAreBadInput() {
        CommandLineTest.Run r = run("describe", "--workload", CommandLineTest.FSRCNN, "--batch", "2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--batch applies to ONNX workloads only"), r.err());
    }

    @Test
    void batchAndInputSizeResizeTheImport(@TempDir Path out) throws IOException {
        Path yaml = out.resolve("b.yaml");
        CommandLineTest.Run r = run("import", model, "--out", yaml.toString(), "--batch", "2", "--input-size", "32x16");
        assertEquals(2, r.status(), r.out()); // the classifier's weight is for 16×8×8 features, not 16×16×8
        assertTrue(r.err().contains("node 'classifier' (Gemm): its input has 2048 features but its weight expects 1024"), r.err());
        assertEquals(0, run("import", model, "--out", yaml.toString(), "--batch", "3").status());
        String text = Files.readString(yaml);
        assertEquals(6, text.lines().filter(l -> l.contains("loops: {B: 3,")).count(), text);
        assertTrue(text.lines().collect(Collectors.joining("\n")).startsWith("# Imported by `tessel import` from block.onnx, batch 3"));
    }

    // --- builders ----------------------------------------------------------------------------------

    static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    static TensorProto weight(String name, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static NodeProto.Builder node(String name, String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
