package org.tessel.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.WorkloadWriter;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.LayerType;
import org.tessel.model.workload.Padding;
import org.tessel.model.workload.Workload;

/** Each supported operator on a small model built with the protobuf builders. */
class OperatorsTest {

    @TempDir
    Path dir;

    private Workload read(Models m) {
        Workload w = OnnxImport.read(m.write(dir, "m"));
        // every import is a valid workload file: written and read back, the same
        Path yaml = dir.resolve("m.yaml");
        WorkloadWriter.write(yaml, w, List.of());
        assertEquals(w, ConfigLoader.workload(yaml));
        return w;
    }

    private static Models image() {
        return Models.input("x", -1, 8, 16, 16);
    }

    @Test
    void convolutionWithStridesDilationsAndPads() {
        Workload w = read(image().weight("w", 12, 8, 3, 3)
                .node("Conv", "x,w", "y").ints("strides", 2, 1).ints("dilations", 1, 2).ints("pads", 1, 2, 0, 2).add());
        Layer in = w.layer(-1);
        assertEquals("x", in.name());
        assertEquals(Map.of("B", 1L, "K", 8L, "OY", 16L, "OX", 16L), in.loops());
        Layer c = w.layer(0);
        assertEquals("n0", c.name());
        assertEquals(Layers.CONV, c.equation());
        // OY = (16 + 1 + 0 - 3) / 2 + 1 = 8; OX = (16 + 2 + 2 - 5) / 1 + 1 = 16
        assertEquals(List.of(8L, 16L), List.of(c.loopSize("OY"), c.loopSize("OX")));
        assertEquals(List.of("B", "K", "C", "OY", "OX", "FY", "FX"), List.copyOf(c.loops().keySet()));
        assertEquals(List.of(new IndexRelation("IX", "OX", 1, "FX", 2), new IndexRelation("IY", "OY", 2, "FY", 1)),
                c.relations());
        assertEquals(new Padding(2, 2), c.padding("IX"));
        assertEquals(new Padding(1, 0), c.padding("IY"));
        assertEquals(Map.of("O", 16, "O_final", 8, "W", 8, "I", 8), c.precision());
        assertEquals(List.of(-1), c.sources().get("I"));
        assertEquals(LayerType.CONV, LayerType.of(c));
    }

    @Test
    void autoPadSameUpperSameLowerAndValid() {
        Workload w = read(image().weight("w", 8, 8, 4, 4)
                .node("Conv", "x,w", "a").s("auto_pad", "SAME_UPPER").ints("strides", 2, 2).add()
                .node("Conv", "a,w", "b").s("auto_pad", "SAME_LOWER").add()
                .node("Conv", "b,w", "c").s("auto_pad", "VALID").add());
        // SAME_UPPER: out 8, total (8-1)*2+4-16 = 2 → 1, 1; SAME_LOWER stride 1: total 3 → 2 before, 1 after
        assertEquals(8, w.layer(0).loopSize("OX"));
        assertEquals(new Padding(1, 1), w.layer(0).padding("IX"));
        assertEquals(8, w.layer(1).loopSize("OX"));
        assertEquals(new Padding(2, 1), w.layer(1).padding("IY"));
        assertEquals(5, w.layer(2).loopSize("OY"));
        assertFalse(w.layer(2).declaresPadding());
    }

    @Test
    void groupedAndDepthwiseConvolutions() {
        Workload w = read(image().weight("g", 16, 2, 1, 1).weight("d", 16, 1, 3, 3)
                .node("Conv", "x,g", "a").i("group", 4).add()
                .node("Conv", "a,d", "b").i("group", 16).ints("pads", 1, 1, 1, 1).add());
        Layer g = w.layer(0);
        assertEquals(Layers.GROUPED, g.equation());
        assertEquals(Map.of("B", 1L, "G", 4L, "K", 4L, "C", 2L, "OY", 16L, "OX", 16L, "FY", 1L, "FX", 1L), g.loops());
        assertEquals(16L * 2 * 256, g.macCount());
        Layer d = w.layer(1);
        assertEquals(Layers.DEPTHWISE, d.equation());
        assertEquals("K", d.sourceDimensions().get("I").get("G"));
        assertEquals(16L * 9 * 256, d.macCount());
        assertEquals(LayerType.CONV, LayerType.of(d));
    }

    @Test
    void gemmAndMatMulAreConvolutionsOverTheirWholeInput() {
        Workload w = read(image().weight("fc", 10, 8 * 16 * 16).weight("fc2", 10, 6)
                .node("Flatten", "x", "f").add()
                .node("Gemm", "f,fc", "g").i("transB", 1).add()
                .node("MatMul", "g,fc2t", "h").add()
                .weight("fc2t", 10, 6));
        Layer g = w.layer(0);
        assertEquals(Map.of("B", 1L, "K", 10L, "C", 8L, "OY", 1L, "OX", 1L, "FY", 16L, "FX", 16L), g.loops());
        assertEquals(LayerType.GEMM, LayerType.of(g));
        Layer h = w.layer(1);
        assertEquals(Map.of("B", 1L, "K", 6L, "C", 10L, "OY", 1L, "OX", 1L, "FY", 1L, "FX", 1L), h.loops());
        assertEquals(List.of(0), h.sources().get("I"));
    }

    @Test
    void gemmWithTransposedActivation() {
        Workload w = read(Models.input("v", 1, 3).weight("b", 3, 5)
                .node("Transpose", "v", "t").add()
                .node("Gemm", "t,b", "y").i("transA", 1).add());
        assertEquals(5, w.layer(0).loopSize("K"));
        assertEquals(3, w.layer(0).loopSize("C"));
    }

    @Test
    void poolingWithCeilModeGetsTheExtraTrailingPadding() {
        Workload w = read(image()
                .node("MaxPool", "x", "a").ints("kernel_shape", 3, 3).ints("strides", 2, 2).i("ceil_mode", 1).add()
                .node("AveragePool", "a", "b").ints("kernel_shape", 2, 2).ints("strides", 2, 2).add()
                .node("GlobalMaxPool", "b", "c").add()
                .node("GlobalAveragePool", "b", "d").add());
        Layer p = w.layer(0);
        assertEquals(Layers.POOL, p.equation());
        // ceil((16 - 3) / 2) + 1 = 8 outputs; floor needs one more trailing element: padding 0, 1
        assertEquals(8, p.loopSize("OX"));
        assertEquals(new Padding(0, 1), p.padding("IX"));
        assertEquals(Map.of("O", 16, "O_final", 8, "I", 8, "W", 0), p.precision());
        assertEquals(4, w.layer(1).loopSize("OY"));
        Layer global = w.layer(2);
        assertEquals(Map.of("B", 1L, "G", 8L, "OY", 1L, "OX", 1L, "FX", 4L, "FY", 4L), global.loops());
        assertEquals(LayerType.POOL, LayerType.of(global));
    }

    @Test
    void addsAndAnNarySumAreElementWiseLayersAndConstantOperandsFold() {
        Workload w = read(image().weight("w", 8, 8, 1, 1).weight("bias", 8, 1, 1).weight("scale", 1, 8, 1, 1)
                .node("Conv", "x,w", "a").add()
                .node("Mul", "a,scale", "s").add()
                .node("Add", "bias,s", "t").add()
                .node("Add", "t,x", "u").add()
                .node("Sum", "u,a,x,bias", "v").add());
        assertEquals(4, w.computeLayers().size());
        Layer add = w.layer(1);
        assertEquals(Layers.ADD, add.equation());
        assertEquals(Map.of("X", List.of(0), "Y", List.of(-1)), add.sources());
        assertEquals("n3", add.name());
        assertEquals(Map.of("X", List.of(1), "Y", List.of(0)), w.layer(2).sources());
        assertEquals(Map.of("X", List.of(2), "Y", List.of(-1)), w.layer(3).sources());
        assertEquals(List.of("n4", "n4#2"), List.of(w.layer(2).name(), w.layer(3).name()));
        assertEquals(LayerType.ADD, LayerType.of(add));
    }

    @Test
    void aConcatenationIsFoldedIntoEachConsumerNestedOnesFlattened() {
        Workload w = read(image().weight("w4", 4, 8, 1, 1).weight("w1", 6, 20, 1, 1).weight("w2", 2, 20, 3, 3)
                .node("Conv", "x,w4", "a").add()
                .node("MaxPool", "x", "p").ints("kernel_shape", 3, 3).ints("pads", 1, 1, 1, 1).add()
                .node("Concat", "a,p", "ap").i("axis", 1).add()
                .node("Conv", "x,w4", "b").add()
                .node("Concat", "ap,b,a", "all").i("axis", -3).add()
                .node("Relu", "all", "r").add()
                .node("Conv", "r,w1", "c1").add()
                .node("Conv", "all,w2", "c2").ints("pads", 1, 1, 1, 1).add()
                .node("AveragePool", "r", "q").ints("kernel_shape", 1, 1).add());
        for (int consumer : List.of(3, 4, 5)) {
            assertEquals(List.of(0, 1, 2, 0), w.layer(consumer).sources().get("I"), "layer " + consumer);
        }
        assertEquals(20, w.layer(3).loopSize("C"));
        assertEquals("K", w.layer(3).sourceDimensions().get("I").get("C"));
        assertEquals(20, w.layer(5).loopSize("G"));
    }

    @Test
    void padIsFoldedIntoTheConsumersPadding() {
        Workload w = read(image().weight("w", 8, 8, 3, 3).ints("pads", 0, 0, 1, 2, 0, 0, 2, 2)
                .node("Pad", "x,pads", "p").add()
                .node("Relu", "p", "r").add()
                .node("Conv", "r,w", "y").ints("pads", 1, 0, 0, 0).add());
        Layer c = w.layer(0);
        assertEquals(new Padding(2, 2), c.padding("IY"));
        assertEquals(new Padding(2, 2), c.padding("IX"));
        assertEquals(List.of(-1), c.sources().get("I"));
        assertEquals(18, c.loopSize("OY"));
        assertEquals(18, c.loopSize("OX"));
    }

    @Test
    void padBeforeOpset11TakesItsPadsFromAnAttribute() {
        Workload w = read(image().opset(9).weight("w", 8, 8, 3, 3)
                .node("Pad", "x", "p").ints("pads", 0, 0, 1, 1, 0, 0, 1, 1).add()
                .node("Conv", "p,w", "y").add());
        assertEquals(new Padding(1, 1), w.layer(0).padding("IX"));
        assertEquals(16, w.layer(0).loopSize("OX"));
    }

    @Test
    void channelShuffleIsAViewBetweenTwoConvolutions() {
        Workload w = read(image().weight("g", 16, 2, 1, 1).weight("w", 16, 16, 1, 1)
                .ints("split", 1, 4, 4, 16, 16).ints("merge", 1, -1, 16, 16)
                .node("Conv", "x,g", "a").i("group", 4).add()
                .node("Reshape", "a,split", "b").add()
                .node("Transpose", "b", "c").ints("perm", 0, 2, 1, 3, 4).add()
                .node("Reshape", "c,merge", "d").add()
                .node("Conv", "d,w", "e").add());
        assertEquals(List.of(0), w.layer(1).sources().get("I"));
        assertEquals(16, w.layer(1).loopSize("C"));
    }

    @Test
    void squeezeAndUnsqueezeOfConstantsAndActivations() {
        Workload w = read(image().weight("w", 4, 8, 1, 1).weight("s", 8).ints("axes", 1, 2).ints("ax0", 0).ints("ax023", 0, 2, 3)
                .node("Unsqueeze", "s,axes", "s3").add()
                .node("Mul", "x,s3", "xs").add()
                .node("GlobalAveragePool", "xs", "g").add()
                .node("Squeeze", "g", "q").add()
                .node("Unsqueeze", "q,ax0", "u").add()
                .node("Squeeze", "u,ax0", "v").add()
                .node("Unsqueeze", "v,ax023", "z").add()
                .node("Conv", "z,w", "y").add());
        assertEquals(List.of(0), w.layer(1).sources().get("I"));
    }

    @Test
    void weightShapesComeFromConstantsConstantOfShapeAndDeclaredGraphInputs() {
        TensorProto shape = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addDims(4)
                .addAllInt64Data(List.of(6L, 8L, 3L, 3L)).build();
        TensorProto wConst = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addAllDims(List.of(5L, 6L, 1L, 1L))
                .build();
        Workload w = read(image().graphInput("w3", 7, 5, 1, 1)
                .node("Constant", "", "shape").t("value", shape).add()
                .node("ConstantOfShape", "shape", "w1").add()
                .node("Conv", "x,w1", "a").add()
                .node("Constant", "", "w2").t("value", wConst).add()
                .node("Conv", "a,w2", "b").add()
                .node("Conv", "b,w3", "c").add());
        assertEquals(List.of(6L, 5L, 7L), List.of(w.layer(0).loopSize("K"), w.layer(1).loopSize("K"), w.layer(2).loopSize("K")));
        assertEquals(1, w.layers().stream().filter(Layer::isInput).count());
    }

    @Test
    void aModelWithExternalDataImportsWithoutIt() {
        Models m = image();
        m.graph().addInitializer(TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(List.of(8L, 8L, 3L, 3L)).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder().setKey("location")
                        .setValue("weights.bin")));
        Workload w = read(m.node("Conv", "x,w", "y").add());
        assertEquals(8L * 8 * 9 * 14 * 14, w.layer(0).macCount());
    }

    @Test
    void batchAndInputSizeOptionsResizeTheNetworkAndItsFixedReshapes(@TempDir Path other) {
        Models m = Models.input("x", 1, 8, 16, 16).weight("g", 16, 2, 1, 1).weight("fc", 10, 16)
                .ints("split", 1, 4, 4, 16, 16).ints("merge", 1, 16, 16, 16).ints("flat", 1, 16)
                .node("Conv", "x,g", "a").i("group", 4).add()
                .node("Reshape", "a,split", "b").add()
                .node("Transpose", "b", "c").ints("perm", 0, 2, 1, 3, 4).add()
                .node("Reshape", "c,merge", "d").add()
                .node("GlobalAveragePool", "d", "p").add()
                .node("Reshape", "p,flat", "f").add()
                .node("Gemm", "f,fc", "y").i("transB", 1).add();
        Path f = m.write(other, "shuffle");
        Workload plain = OnnxImport.read(f);
        assertEquals(1, plain.layer(-1).loopSize("B"));
        assertEquals(16, plain.layer(1).loopSize("FX"));
        assertEquals(16, plain.layer(2).loopSize("C"));
        Workload batched = OnnxImport.read(f, ImportOptions.of(4, null));
        for (Layer l : batched.layers()) {
            assertEquals(4, l.loopSize("B"), "layer " + l.id());
        }
        Workload big = OnnxImport.read(f, ImportOptions.of(null, "16x32"));
        assertEquals(32, big.layer(-1).loopSize("OX"));
        assertEquals(32, big.layer(0).loopSize("OX"));
        assertEquals(List.of(16L, 32L), List.of(big.layer(1).loopSize("FY"), big.layer(1).loopSize("FX")));
        assertEquals(16, big.layer(2).loopSize("C"));
        assertEquals(2 * plain.layer(0).macCount(), big.layer(0).macCount());
    }

    @Test
    void symbolicInputSizesTakeTheInputSizeOption() {
        Path f = Models.input("x", -1, 3, -1, -1).weight("w", 4, 3, 3, 3).node("Conv", "x,w", "y").add().write(dir, "sym");
        Workload w = OnnxImport.read(f, ImportOptions.of(2, "10x12"));
        assertEquals(Map.of("B", 2L, "K", 3L, "OY", 10L, "OX", 12L), w.layer(-1).loops());
        assertEquals(8 * 10, w.layer(0).loopSize("OX") * w.layer(0).loopSize("OY"));
    }

    @Test
    void aNetworkWithoutPaddingIsStillReadWithExactSizes() {
        Workload w = read(image().weight("w", 8, 8, 3, 3).node("Conv", "x,w", "a").add().node("Conv", "a,w", "b").add());
        assertTrue(w.declaresPadding());
        assertEquals(Map.of("IX", Padding.NONE, "IY", Padding.NONE), w.layer(0).padding());
        assertFalse(w.layer(1).declaresPadding());
    }

    @Test
    void foldedOperatorsKeepTheirProducer() {
        Workload w = read(image().weight("w", 8, 8, 1, 1).weight("bn", 8)
                .node("BatchNormalization", "x,bn,bn,bn,bn", "a").add()
                .node("Relu", "a", "b").add()
                .node("Clip", "b", "c").add()
                .node("LeakyRelu", "c", "d").add()
                .node("Sigmoid", "d", "e").add()
                .node("LRN", "e", "f").add()
                .node("Dropout", "f", "g,mask").add()
                .node("Identity", "g", "h").add()
                .node("Softmax", "h", "i").add()
                .node("Conv", "i,w", "y").add());
        assertEquals(2, w.layers().size());
        assertEquals(List.of(-1), w.layer(0).sources().get("I"));
    }

    @Test
    void unnamedNodesAreNamedByTheirOutput() {
        Workload w = read(image().weight("w", 8, 8, 1, 1).node("Conv", "x,w", "conv_out").unnamed().add());
        assertEquals("conv_out", w.layer(0).name());
    }

    @Test
    void looksLikeOnnxByExtensionOrFirstByte(@TempDir Path other) throws Exception {
        Path f = image().weight("w", 8, 8, 1, 1).node("Conv", "x,w", "y").add().write(other, "m");
        Path renamed = other.resolve("model.bin");
        java.nio.file.Files.copy(f, renamed);
        assertTrue(OnnxImport.isOnnx(f));
        assertTrue(OnnxImport.isOnnx(renamed));
        assertFalse(OnnxImport.isOnnx(Path.of("..", "configs", "workloads", "fsrcnn.yaml")));
        assertEquals("model.bin", OnnxImport.read(renamed).name());
    }
}
