import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.LayerType;
import org.tessel.model.workload.Padding;
import org.tessel.model.workload.Workload;

/**
 * Writes a workload file as an ONNX model that {@code tessel import} reads back to the same layers
 * (tools/README.md): a one-off generator of {@code configs/onnx/resnet50.onnx}, not part of the build.
 * Built with the ONNX protobuf classes of tribuo-util-onnx in the tessel jar; weights are graph
 * inputs with declared shapes (the importer reads only shapes), so the file is a few KB.
 *
 * <pre>
 * ./tessel --help >/dev/null    # builds cli/target/tessel.jar
 * java -cp cli/target/tessel.jar tools/WorkloadToOnnx.java configs/workloads/resnet50.yaml configs/onnx/resnet50.onnx
 * </pre>
 *
 * Layer forms: convolution (one group, grouped, depthwise) → Conv; pooling → MaxPool, or
 * GlobalAveragePool where the window is the whole unpadded input; add → Add; fully connected
 * (1×1 window on a 1×1 input) → Flatten + Gemm; several sources → Concat along channels.
 */
public final class WorkloadToOnnx {

    private WorkloadToOnnx() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java -cp cli/target/tessel.jar tools/WorkloadToOnnx.java WORKLOAD.yaml OUT.onnx");
            System.exit(2);
        }
        Workload w = ConfigLoader.workload(Path.of(args[0]));
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setProducerName("tessel tools/WorkloadToOnnx.java")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph(w)).build();
        Files.write(Path.of(args[1]), model.toByteArray());
        System.out.printf("%s: %d layers, %,d MACs -> %s (%,d bytes)%n", w.name(), w.computeLayers().size(), w.macCount(),
                args[1], Files.size(Path.of(args[1])));
    }

    static GraphProto graph(Workload w) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(w.name());
        String last = null;
        for (Layer l : w.layers()) {
            if (l.isInput()) {
                g.addInput(value(output(l), l.loopSize("B"), l.loopSize("K"), l.loopSize("OY"), l.loopSize("OX")));
                continue;
            }
            String name = l.name() != null ? l.name() : "layer" + l.id();
            switch (LayerType.of(l)) {
                case ADD -> g.addNode(node(name, "Add", List.of(source(w, l, "X", g), source(w, l, "Y", g)), output(l)));
                case POOL -> pool(g, w, l, name);
                case GEMM -> {
                    if (l.loopSize("FX") != 1 || l.loopSize("FY") != 1) {
                        conv(g, w, l, name); // a window over a whole map: a convolution with a 1x1 output
                    } else {
                        String flat = name + "_flat";
                        g.addNode(node(name + "_flatten", "Flatten", List.of(source(w, l, "I", g)), flat));
                        String weight = name + "_W";
                        g.addInput(value(weight, l.loopSize("K"), l.loopSize("C")));
                        g.addNode(node(name, "Gemm", List.of(flat, weight), output(l)).addAttribute(intAttr("transB", 1)));
                    }
                }
                case CONV -> conv(g, w, l, name);
                case INPUT -> throw new IllegalStateException("unreachable");
            }
            last = output(l);
        }
        return g.addOutput(ValueInfoProto.newBuilder().setName(last)).build();
    }

    private static void conv(GraphProto.Builder g, Workload w, Layer l, String name) {
        String in = source(w, l, "I", g);
        String weight = name + "_W";
        long groups = l.loopSize("G");
        boolean depthwise = l.loops().containsKey("G") && !l.loops().containsKey("K");
        // ONNX weights are [out channels, in channels / group, FY, FX]
        long out = depthwise ? groups : groups * l.loopSize("K");
        long inPerGroup = depthwise ? 1 : l.loopSize("C");
        g.addInput(value(weight, out, inPerGroup, l.loopSize("FY"), l.loopSize("FX")));
        NodeProto.Builder n = node(name, "Conv", List.of(in, weight), output(l)).addAttribute(window(l));
        window(n, l);
        if (groups > 1) {
            n.addAttribute(intAttr("group", groups));
        }
        g.addNode(n);
    }

    private static void pool(GraphProto.Builder g, Workload w, Layer l, String name) {
        String in = source(w, l, "I", g);
        boolean global = l.loopSize("OX") == 1 && l.loopSize("OY") == 1 && l.padding("IX").total() == 0
                && l.padding("IY").total() == 0;
        if (global) {
            g.addNode(node(name, "GlobalAveragePool", List.of(in), output(l)));
            return;
        }
        NodeProto.Builder n = node(name, "MaxPool", List.of(in), output(l)).addAttribute(window(l));
        window(n, l);
        g.addNode(n);
    }

    /** kernel_shape [FY, FX]. */
    private static AttributeProto window(Layer l) {
        return ints("kernel_shape", l.loopSize("FY"), l.loopSize("FX"));
    }

    /** strides, dilations and pads [top, left, bottom, right] from the relations and the padding. */
    private static void window(NodeProto.Builder n, Layer l) {
        IndexRelation x = l.relationFor("IX").orElseThrow();
        IndexRelation y = l.relationFor("IY").orElseThrow();
        n.addAttribute(ints("strides", y.firstScale(), x.firstScale()));
        if (x.secondScale() != 1 || y.secondScale() != 1) {
            n.addAttribute(ints("dilations", y.secondScale(), x.secondScale()));
        }
        Padding px = l.padding("IX");
        Padding py = l.padding("IY");
        if (px.total() + py.total() > 0) {
            n.addAttribute(ints("pads", py.before(), px.before(), py.after(), px.after()));
        }
    }

    /** The tensor operand {@code op} reads: its producer's output, or a Concat of its producers' outputs. */
    private static String source(Workload w, Layer l, String op, GraphProto.Builder g) {
        List<Integer> ids = l.sources().get(op);
        if (ids.size() == 1) {
            return output(w.layer(ids.getFirst()));
        }
        String concat = "concat_" + l.id() + "_" + op;
        g.addNode(node(concat, "Concat", ids.stream().map(id -> output(w.layer(id))).toList(), concat)
                .addAttribute(intAttr("axis", 1)));
        return concat;
    }

    private static String output(Layer l) {
        return l.isInput() ? "input" : "out" + l.id();
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static NodeProto.Builder node(String name, String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
