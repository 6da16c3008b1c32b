package org.tessel.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.model.config.ConfigException;

/**
 * Everything the importer cannot read is one line naming the file, the node (name and operator)
 * and the reason; where an operator is the problem, with the list of supported ones. Never a silent
 * skip.
 */
class ErrorsTest {

    @TempDir
    Path dir;

    private static Models image() {
        return Models.input("x", 1, 8, 16, 16).weight("w", 8, 8, 3, 3);
    }

    /** name → model, field path (the node), part of the reason. */
    static Stream<Arguments> models() {
        return Stream.of(
                row("unsupported operator", () -> image().node("Conv", "x,w", "a").add().node("Tanh", "a", "b").add()
                        .node("Conv", "b,w", "c").add(),
                        "node 'n1' (Tanh)", "operator Tanh is not supported (supported: Conv, Gemm, MatMul, MaxPool, AveragePool,"),
                row("operator of another domain", () -> image().node("FusedConv", "x,w", "a").domain("com.microsoft").add(),
                        "node 'n0' (FusedConv)", "operator domain 'com.microsoft' is not supported (only the default ONNX domain;"
                        + " supported operators: Conv,"),
                row("unknown attribute", () -> image().node("Conv", "x,w", "a").i("groups", 2).add(),
                        "node 'n0' (Conv)", "attribute 'groups' is unknown to the importer for Conv (opset 13; it knows auto_pad,"),
                row("unresolvable weight shape", () -> image().node("Conv", "x,v", "a").add().graphInput("v"),
                        "node 'n0' (Conv)", "the shape of its weight 'v' cannot be resolved (not an initializer, Constant,"),
                row("ConstantOfShape of a computed shape", () -> image().node("Relu", "x", "s").add()
                        .node("ConstantOfShape", "s", "v").add().node("Conv", "x,v", "a").add(),
                        "node 'n1' (ConstantOfShape)", "its shape input 's' is not a constant: the weight shape cannot be resolved"),
                row("dangling input", () -> image().node("Conv", "x,w", "a").add().node("Add", "a,ghost", "b").add(),
                        "node 'n1' (Add)", "its input 'ghost' is dangling: no node, initializer or graph input defines it"),
                row("cycle", () -> image().node("Add", "x,c", "b").add().node("Relu", "b", "c").add(),
                        "node 'n0' (Add)", "the graph has a cycle through this node"),
                row("value defined twice", () -> image().node("Conv", "x,w", "a").add().node("Relu", "x", "a").add(),
                        "node 'n1' (Relu)", "its output 'a' is already defined by node 'n0' (Conv)"),
                row("concatenation along the height", () -> image().node("Concat", "x,x", "a").i("axis", 2).add()
                        .node("Conv", "a,w", "b").add(),
                        "node 'n0' (Concat)", "concatenates along axis 2 of [1, 8, 16, 16]: only a concatenation along the channels"),
                row("product of two activations", () -> image().node("Mul", "x,x", "a").add(),
                        "node 'n0' (Mul)", "multiplies two activations element-wise: not supported"),
                row("broadcasting add", () -> image().weight("v", 8, 8, 16, 16).node("Conv", "x,v", "a").add()
                        .node("Add", "x,a", "b").add(),
                        "node 'n1' (Add)", "adds tensors of shapes [1, 8, 16, 16] and [1, 8, 1, 1]: broadcasting adds are not supported"),
                row("Pad feeding an add", () -> image().ints("p", 0, 0, 1, 1, 0, 0, 1, 1).node("Pad", "x,p", "a").add()
                        .node("Conv", "x,w", "b").ints("pads", 1, 1, 1, 1).add().node("Add", "a,b", "c").add(),
                        "node 'n2' (Add)", "reads the padded output of node 'n0' (Pad): only a convolution or pooling can take"),
                row("padding past a whole window", () -> image().node("Conv", "x,w", "a").ints("pads", 3, 0, 0, 0).add(),
                        "node 'n0' (Conv)", "pads 3, 0 reach past a whole window of 3 (a window would read only padding)"),
                row("weight that does not fit the input", () -> Models.input("x", 1, 6, 8, 8).weight("w", 8, 4, 3, 3)
                        .node("Conv", "x,w", "a").add(),
                        "node 'n0' (Conv)", "the weight [8, 4, 3, 3] with group 1 does not fit an input of 6 channels"),
                row("symbolic image size", () -> Models.input("x", -1, 3, -1, -1).weight("w", 8, 3, 3, 3)
                        .node("Conv", "x,w", "a").add(),
                        "", "the network input 'x' has a symbolic height or width (N×3×N×N): give it with --input-size HxW"),
                row("no layer with MACs", () -> image().node("Relu", "x", "a").add(),
                        "", "the model has no layer with MACs"),
                row("Reshape that does not fit", () -> image().ints("s", 1, 100).node("Reshape", "x,s", "a").add(),
                        "node 'n0' (Reshape)", "cannot reshape [1, 8, 16, 16] (2048 elements) to [1, 100]"),
                row("spatial view into a convolution", () -> image().ints("s", 1, 32, 8, 8).node("Reshape", "x,s", "a").add()
                        .node("Conv", "a,v", "b").add().weight("v", 8, 32, 1, 1),
                        "node 'n1' (Conv)", "reads a tensor reshaped to [1, 32, 8, 8] from its producers' 1×8×16×16"),
                row("3-D convolution", () -> Models.input("x", 1, 8, 4, 16, 16).weight("w", 8, 8, 3, 3, 3)
                        .node("Conv", "x,w", "a").add(),
                        "", "the network input 'x' has 5 dimensions"),
                row("weights computed from the input", () -> image().node("Conv", "x,x", "a").add(),
                        "node 'n0' (Conv)", "its weight 'x' is computed from the network input"),
                row("opset newer than known", () -> image().opset(99).node("Conv", "x,w", "a").add(),
                        "", "the model uses opset 99 of the default domain; the importer knows opsets 1 to 23"));
    }

    private static Arguments row(String name, Supplier<Models> model, String fieldPath, String reason) {
        return Arguments.of(name, model, fieldPath, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void refusedInOneLineNamingTheNode(String name, Supplier<Models> model, String fieldPath, String reason) {
        Path file = model.get().write(dir, "bad");
        assertRefused(file, fieldPath, reason);
    }

    @Test
    void atLeastTwelveKinds() {
        assertTrue(models().count() >= 12);
    }

    @Test
    void aTruncatedFile() throws IOException {
        byte[] whole = image().node("Conv", "x,w", "a").add().model().toByteArray();
        Path file = dir.resolve("truncated.onnx");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        assertRefused(file, "", "is not an ONNX model: it does not parse as one (truncated or another kind of file:");
    }

    @Test
    void aFileThatIsNotOnnx() throws IOException {
        Path file = dir.resolve("fsrcnn.onnx");
        Files.copy(Path.of("..", "configs", "workloads", "fsrcnn.yaml"), file);
        ConfigException e = assertThrows(ConfigException.class, () -> OnnxImport.read(file));
        assertTrue(e.reason().startsWith("is not an ONNX model"), e.reason());
    }

    @Test
    void anEmptyFile() throws IOException {
        Path file = dir.resolve("empty.onnx");
        Files.write(file, new byte[0]);
        assertRefused(file, "", "is not an ONNX model: no ir_version (truncated, empty or another kind of file)");
    }

    @Test
    void aMissingFile() {
        assertRefused(dir.resolve("missing.onnx"), "", "no such file");
    }

    @Test
    void aModelWithoutTheDefaultOpset() throws IOException {
        ModelProto m = image().node("Conv", "x,w", "a").add().model().toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3)).build();
        Path file = dir.resolve("ml.onnx");
        Files.write(file, m.toByteArray());
        assertRefused(file, "", "the model imports no opset of the default ONNX domain (only ['ai.onnx.ml'])");
    }

    @Test
    void aFixedReshapeThatCannotBeResized() {
        Path file = Models.input("x", 1, 8, 16, 16).weight("fc", 10, 8 * 16 * 16).ints("flat", 1, 2048)
                .node("Reshape", "x,flat", "f").add().node("Gemm", "f,fc", "y").i("transB", 1).add().write(dir, "fc");
        ConfigException e = assertThrows(ConfigException.class,
                () -> OnnxImport.read(file, ImportOptions.of(null, "32x32")));
        assertEquals("node 'n1' (Gemm)", e.fieldPath());
        assertEquals("its input has 8192 features but its weight expects 2048", e.reason());
    }

    @Test
    void badOptionValues() {
        assertTrue(assertThrows(org.tessel.model.BadInputException.class, () -> ImportOptions.of(0, null))
                .getMessage().contains("--batch must be at least 1"));
        assertTrue(assertThrows(org.tessel.model.BadInputException.class, () -> ImportOptions.of(null, "224"))
                .getMessage().contains("--input-size must be HEIGHTxWIDTH"));
    }

    private static void assertRefused(Path file, String fieldPath, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> OnnxImport.read(file));
        assertEquals(file, e.file());
        assertEquals(fieldPath, e.fieldPath(), e.getMessage());
        assertTrue(e.reason().contains(reason), () -> "reason '" + e.reason() + "' should contain '" + reason + "'");
        assertEquals(1, e.getMessage().lines().count(), () -> "not one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }
}
