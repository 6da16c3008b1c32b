package org.tessel.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;
import org.tessel.model.config.ConfigException;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Padding;
import org.tessel.model.workload.Workload;
import org.tessel.onnx.Layers.Window;

/**
 * The import of one ONNX model: checks, a topological order of the nodes, and the shape pass that
 * lowers every node (docs/onnx.md). When the input is re-sized ({@code --batch}, {@code --input-size})
 * the pass first runs at the model's own sizes to learn what each fixed-shape {@code Reshape} does,
 * then again at the new sizes.
 */
final class Lowering {

    /** Input slots that hold parameters (weights, shapes, axes), not activations, per operator. */
    private static final Map<String, Integer> FIRST_PARAMETER_SLOT = Map.ofEntries(
            Map.entry("Conv", 1), Map.entry("Gemm", 1), Map.entry("MatMul", 1), Map.entry("BatchNormalization", 1),
            Map.entry("Reshape", 1), Map.entry("Pad", 1), Map.entry("Clip", 1), Map.entry("Squeeze", 1),
            Map.entry("Unsqueeze", 1), Map.entry("ConstantOfShape", 0), Map.entry("Dropout", 1));
    private static final Set<String> FOLDED = Set.of("BatchNormalization", "Relu", "Clip", "LeakyRelu", "Sigmoid", "LRN",
            "Dropout", "Softmax", "Identity");
    /** Largest integer tensor whose values are read (shapes, axes, pads); weights are never read. */
    private static final int MAX_INTS = 4096;

    private final Path file;
    private final GraphProto graph;
    private final ImportOptions options;
    private final int opset;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, ValueInfoProto> graphInputs = new LinkedHashMap<>();
    private final List<Integer> order;

    Lowering(Path file, ModelProto model, ImportOptions options) {
        this.file = file;
        this.graph = model.getGraph();
        this.options = options;
        this.opset = defaultOpset(model);
        if (graph.getSparseInitializerCount() > 0) {
            throw error("the graph has sparse initializers ('" + graph.getSparseInitializer(0).getValues().getName()
                    + "'), which the importer does not read");
        }
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (ValueInfoProto v : graph.getInputList()) {
            graphInputs.put(v.getName(), v);
        }
        if (graph.getNodeCount() == 0) {
            throw error("the graph has no nodes");
        }
        this.order = topologicalOrder();
    }

    Workload run() {
        if (!options.overrides()) {
            return new Pass(false, null).run();
        }
        Pass declared = new Pass(true, null);
        declared.run();
        return new Pass(false, declared.reshapes).run();
    }

    // --- checks of the whole model -----------------------------------------------------------------

    private int defaultOpset(ModelProto model) {
        Integer version = null;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                version = (int) o.getVersion();
            }
        }
        if (version == null) {
            if (model.getIrVersion() < 3) {
                return 1; // IR 1 and 2 had no opset imports
            }
            throw error("the model imports no opset of the default ONNX domain (only "
                    + model.getOpsetImportList().stream().map(o -> "'" + o.getDomain() + "'").toList() + ")");
        }
        if (version < 1 || version > OnnxImport.MAX_OPSET) {
            throw error("the model uses opset " + version + " of the default domain; the importer knows opsets 1 to "
                    + OnnxImport.MAX_OPSET);
        }
        return version;
    }

    /**
     * The nodes in a topological order that keeps the file's order wherever it can (ONNX requires
     * nodes to be sorted, so for a valid model this is the file's order); checks that every input is
     * defined once.
     */
    private List<Integer> topologicalOrder() {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto n = graph.getNode(i);
            for (String out : n.getOutputList()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (producer.containsKey(out) || initializers.containsKey(out) || graphInputs.containsKey(out)) {
                    throw error(n, "its output '" + out + "' is already defined "
                            + (producer.containsKey(out) ? "by " + where(graph.getNode(producer.get(out)))
                            : "as a graph input or initializer") + " (each value must be defined once)");
                }
                producer.put(out, i);
            }
        }
        List<List<Integer>> consumers = new ArrayList<>();
        int[] waiting = new int[graph.getNodeCount()];
        for (int i = 0; i < graph.getNodeCount(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto n = graph.getNode(i);
            Set<Integer> from = new HashSet<>();
            for (String in : n.getInputList()) {
                if (in.isEmpty()) {
                    continue; // an optional input left out
                }
                Integer p = producer.get(in);
                if (p != null) {
                    if (from.add(p)) {
                        consumers.get(p).add(i);
                        waiting[i]++;
                    }
                } else if (!initializers.containsKey(in) && !graphInputs.containsKey(in)) {
                    throw error(n, "its input '" + in + "' is dangling: no node, initializer or graph input defines it");
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < waiting.length; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Integer> sorted = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(i);
            for (int c : consumers.get(i)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (sorted.size() < graph.getNodeCount()) {
            for (int i = 0; i < waiting.length; i++) {
                if (waiting[i] > 0) {
                    throw error(graph.getNode(i), "the graph has a cycle through this node");
                }
            }
        }
        return sorted;
    }

    // --- values --------------------------------------------------------------------------------------

    /** What the shape pass knows about one ONNX value. */
    private sealed interface Val permits Const, Act, Unusable {}

    /**
     * A constant: a weight, a shape, axes. Only the shape (null if unknown) and, for small integer
     * tensors, the values are known.
     */
    private record Const(long[] shape, long[] ints) implements Val {}

    /**
     * An activation: a tensor computed from a network input. {@code shape} is its ONNX shape;
     * {@code parts} the layers whose outputs it is (several for a concatenation, in order), and
     * {@code n}, {@code h}, {@code w} the batch, height and width those layers compute. A view
     * operator changes only the ONNX shape. {@code pad} is a pending {@code Pad} (y before, y after,
     * x before, x after) that the consuming window takes over, made by node {@code padNode}.
     */
    private record Act(long[] shape, List<Part> parts, long n, long h, long w, long[] pad, NodeProto padNode)
            implements Val {
        long channels() {
            return parts.stream().mapToLong(Part::channels).sum();
        }

        List<Integer> sources() {
            return parts.stream().map(Part::id).toList();
        }

        String channelDim() {
            return parts.getFirst().dim();
        }

        Act withShape(long[] newShape) {
            return new Act(newShape, parts, n, h, w, pad, padNode);
        }

        /** True if the ONNX shape is the layers' own layout, [n, c, h, w] (or [n, c] at 1×1). */
        boolean canonical() {
            long c = channels();
            long ph = pad == null ? 0 : pad[0] + pad[1];
            long pw = pad == null ? 0 : pad[2] + pad[3];
            return (shape.length == 4 && shape[0] == n && shape[1] == c && shape[2] == h + ph && shape[3] == w + pw)
                    || (shape.length == 2 && h == 1 && w == 1 && shape[0] == n && shape[1] == c && pad == null);
        }
    }

    /** A layer's output, or a slice of a concatenation: its id, channels and channel dimension (K or G). */
    private record Part(int id, long channels, String dim) {}

    /** An output the importer cannot follow (a pooling's indices, training statistics). */
    private record Unusable(String why) implements Val {}

    /** Declared input and output shape of a fixed-shape Reshape, learnt at the model's own sizes. */
    private record ReshapePlan(long[] in, long[] out) {}

    // --- the pass -----------------------------------------------------------------------------------

    private final class Pass {

        private final boolean declaredSizes;
        private final Map<Integer, ReshapePlan> plans;
        final Map<Integer, ReshapePlan> reshapes = new HashMap<>();
        private final Map<String, Val> values = new HashMap<>();
        private final List<Layer> inputs = new ArrayList<>();
        private final List<Layer> layers = new ArrayList<>();
        private int nextId;
        private int nodeIndex;

        Pass(boolean declaredSizes, Map<Integer, ReshapePlan> plans) {
            this.declaredSizes = declaredSizes;
            this.plans = plans;
        }

        Workload run() {
            for (TensorProto t : initializers.values()) {
                values.put(t.getName(), constant(t));
            }
            Set<String> activationInputs = activationInputs();
            int inputId = -1;
            for (ValueInfoProto v : graphInputs.values()) {
                if (initializers.containsKey(v.getName())) {
                    continue;
                }
                if (activationInputs.contains(v.getName())) {
                    values.put(v.getName(), networkInput(v, inputId--));
                } else {
                    values.put(v.getName(), new Const(declaredShape(v), null));
                }
            }
            for (int i : order) {
                nodeIndex = i;
                lower(graph.getNode(i));
            }
            if (layers.isEmpty()) {
                throw error("the model has no layer with MACs (no convolution, fully connected layer, pooling or add)");
            }
            List<Layer> all = new ArrayList<>(inputs);
            if (layers.stream().noneMatch(Layer::declaresPadding)) {
                // exact sizes for every imported network (docs/onnx.md): zero padding on the first window
                for (int i = 0; i < layers.size(); i++) {
                    Layer l = layers.get(i);
                    if (!l.relations().isEmpty()) {
                        Map<String, Padding> zero = new LinkedHashMap<>();
                        zero.put("IX", Padding.NONE);
                        zero.put("IY", Padding.NONE);
                        layers.set(i, new Layer(l.id(), l.equation(), l.relations(), l.loops(), l.precision(), l.sources(),
                                l.sourceDimensions(), l.constantOperands(), l.memoryOperands(), l.core(), zero, l.name()));
                        break;
                    }
                }
            }
            all.addAll(layers);
            return new Workload(OnnxImport.workloadName(file), all);
        }

        /** Graph inputs (not initializers) that some node reads in an activation slot: the network inputs. */
        private Set<String> activationInputs() {
            Set<String> out = new HashSet<>();
            for (NodeProto n : graph.getNodeList()) {
                int first = FIRST_PARAMETER_SLOT.getOrDefault(n.getOpType(), Integer.MAX_VALUE);
                for (int i = 0; i < Math.min(first, n.getInputCount()); i++) {
                    String in = n.getInput(i);
                    if (graphInputs.containsKey(in) && !initializers.containsKey(in)) {
                        out.add(in);
                    }
                }
            }
            return out;
        }

        private Act networkInput(ValueInfoProto v, int id) {
            if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
                throw error("the network input '" + v.getName() + "' declares no shape");
            }
            List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
            if (dims.size() != 4 && dims.size() != 2) {
                throw error("the network input '" + v.getName() + "' has " + dims.size()
                        + " dimensions; the importer reads images (N×C×H×W) and vectors (N×D)");
            }
            long n = dims.getFirst().hasDimValue() && dims.getFirst().getDimValue() > 0 ? dims.getFirst().getDimValue() : 1;
            if (!declaredSizes && options.batch() != null) {
                n = options.batch();
            }
            long c = known(v, dims, 1, "channels");
            long h = 1;
            long w = 1;
            if (dims.size() == 4) {
                boolean symbolic = !(dims.get(2).getDimValue() > 0 && dims.get(3).getDimValue() > 0);
                if (options.height() != null && (!declaredSizes || symbolic)) {
                    h = options.height();
                    w = options.width();
                } else {
                    if (symbolic) {
                        throw error("the network input '" + v.getName() + "' has a symbolic height or width ("
                                + dims.stream().map(Lowering::dimText).collect(Collectors.joining("×"))
                                + "): give it with --input-size HxW");
                    }
                    h = dims.get(2).getDimValue();
                    w = dims.get(3).getDimValue();
                }
            } else if (options.height() != null) {
                throw error("the network input '" + v.getName() + "' is a vector (N×D): --input-size does not apply");
            }
            inputs.add(Layers.input(id, v.getName(), n, c, h, w));
            long[] shape = dims.size() == 4 ? new long[] {n, c, h, w} : new long[] {n, c};
            return new Act(shape, List.of(new Part(id, c, "K")), n, h, w, null, null);
        }

        private long known(ValueInfoProto v, List<TensorShapeProto.Dimension> dims, int i, String what) {
            if (dims.get(i).getDimValue() <= 0) {
                throw error("the network input '" + v.getName() + "' has no fixed number of " + what + " ("
                        + dims.stream().map(Lowering::dimText).collect(Collectors.joining("×")) + ")");
            }
            return dims.get(i).getDimValue();
        }

        // --- dispatch -------------------------------------------------------------------------------

        private void lower(NodeProto node) {
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                throw error(node, "operator domain '" + node.getDomain() + "' is not supported (only the default ONNX domain;"
                        + " supported operators: " + String.join(", ", OnnxImport.SUPPORTED) + ")");
            }
            switch (node.getOpType()) {
                case "Conv" -> conv(node);
                case "Gemm" -> gemm(node);
                case "MatMul" -> matMul(node);
                case "MaxPool", "AveragePool" -> pool(node);
                case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(node);
                case "Add", "Mul" -> binary(node);
                case "Sum" -> sum(node);
                case "Concat" -> concat(node);
                case "Pad" -> pad(node);
                case "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze" -> view(node);
                case "Constant" -> constantNode(node);
                case "ConstantOfShape" -> constantOfShape(node);
                default -> {
                    if (FOLDED.contains(node.getOpType())) {
                        folded(node);
                    } else {
                        throw error(node, "operator " + node.getOpType() + " is not supported (supported: "
                                + String.join(", ", OnnxImport.SUPPORTED) + ")");
                    }
                }
            }
        }

        // --- operators with MACs ------------------------------------------------------------------

        private void conv(NodeProto node) {
            Attrs a = new Attrs(node, "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
            Act x = activation(node, 0);
            long[] wShape = weightShape(node, 1);
            optional(node, 2);
            if (x.shape().length != 4 || wShape.length != 4) {
                throw error(node, "only 2-D convolutions are supported (input " + text(x.shape()) + ", weight "
                        + text(wShape) + ")");
            }
            canonical(node, x);
            long group = a.integer("group", 1);
            long c = x.channels();
            long m = wShape[0];
            if (group < 1 || c % group != 0 || m % group != 0 || wShape[1] * group != c) {
                throw error(node, "the weight " + text(wShape) + " with group " + group + " does not fit an input of "
                        + c + " channels");
            }
            long[] kernel = a.ints("kernel_shape", new long[] {wShape[2], wShape[3]});
            if (kernel.length != 2 || kernel[0] != wShape[2] || kernel[1] != wShape[3]) {
                throw error(node, "kernel_shape " + text(kernel) + " does not match the weight " + text(wShape));
            }
            Window[] yx = windows(node, a, x, kernel, a.ints("dilations", new long[] {1, 1}), false);
            long oy = outputs(node, x.h(), yx[0]);
            long ox = outputs(node, x.w(), yx[1]);
            int id = nextId++;
            String name = nodeName(node);
            Layer layer;
            String dim;
            if (group == 1) {
                layer = Layers.conv(id, name, x.n(), m, c, oy, ox, yx[0], yx[1], x.sources(), x.channelDim());
                dim = "K";
            } else if (group == c && m == c) {
                layer = Layers.depthwise(id, name, x.n(), c, oy, ox, yx[0], yx[1], x.sources(), x.channelDim());
                dim = "G";
            } else {
                layer = Layers.grouped(id, name, x.n(), group, m / group, c / group, oy, ox, yx[0], yx[1], x.sources(),
                        x.channelDim());
                dim = "K";
            }
            layers.add(layer);
            define(node, 0, new Act(new long[] {x.n(), m, oy, ox}, List.of(new Part(id, m, dim)), x.n(), oy, ox, null, null));
        }

        private void pool(NodeProto node) {
            boolean max = node.getOpType().equals("MaxPool");
            Attrs a = max ? new Attrs(node, "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides")
                    : new Attrs(node, "auto_pad", "ceil_mode", "count_include_pad", "dilations", "kernel_shape", "pads", "strides");
            Act x = activation(node, 0);
            if (x.shape().length != 4) {
                throw error(node, "only 2-D pooling is supported (input " + text(x.shape()) + ")");
            }
            canonical(node, x);
            long[] kernel = a.required("kernel_shape");
            if (kernel.length != 2) {
                throw error(node, "kernel_shape " + text(kernel) + " is not 2-D");
            }
            Window[] yx = windows(node, a, x, kernel, a.ints("dilations", new long[] {1, 1}), a.integer("ceil_mode", 0) != 0);
            long oy = outputs(node, x.h(), yx[0]);
            long ox = outputs(node, x.w(), yx[1]);
            int id = nextId++;
            layers.add(Layers.pool(id, nodeName(node), x.n(), x.channels(), oy, ox, yx[0], yx[1], x.sources(), x.channelDim()));
            define(node, 0, new Act(new long[] {x.n(), x.channels(), oy, ox}, List.of(new Part(id, x.channels(), "G")),
                    x.n(), oy, ox, null, null));
            for (int i = 1; i < node.getOutputCount(); i++) {
                define(node, i, new Unusable("the indices output of " + where(node)));
            }
        }

        private void globalPool(NodeProto node) {
            new Attrs(node);
            Act x = activation(node, 0);
            if (x.shape().length != 4) {
                throw error(node, "only 2-D pooling is supported (input " + text(x.shape()) + ")");
            }
            canonical(node, x);
            if (x.pad() != null) {
                throw error(node, "reads the padded output of " + where(x.padNode())
                        + ": global pooling has no padding to fold it into");
            }
            int id = nextId++;
            layers.add(Layers.pool(id, nodeName(node), x.n(), x.channels(), 1, 1, new Window(1, 1, x.h(), 0, 0),
                    new Window(1, 1, x.w(), 0, 0), x.sources(), x.channelDim()));
            define(node, 0, new Act(new long[] {x.n(), x.channels(), 1, 1}, List.of(new Part(id, x.channels(), "G")),
                    x.n(), 1, 1, null, null));
        }

        /** Gemm: Y = A'·B' + C, A an activation (batch × features), B a weight. */
        private void gemm(NodeProto node) {
            Attrs a = new Attrs(node, "alpha", "beta", "broadcast", "transA", "transB");
            if (!(value(node, 0) instanceof Act) && value(node, 1) instanceof Act) {
                throw error(node, "the activation is the second operand (weights on the left): not supported");
            }
            Act x = activation(node, 0);
            long[] b = weightShape(node, 1);
            optional(node, 2);
            if (x.shape().length != 2 || b.length != 2) {
                throw error(node, "Gemm takes 2-D operands, got " + text(x.shape()) + " and " + text(b));
            }
            boolean transA = a.integer("transA", 0) != 0;
            boolean transB = a.integer("transB", 0) != 0;
            long rows = transA ? x.shape()[1] : x.shape()[0];
            long inner = transA ? x.shape()[0] : x.shape()[1];
            long bInner = transB ? b[1] : b[0];
            long k = transB ? b[0] : b[1];
            fullyConnected(node, x, rows, inner, bInner, k, new long[] {rows, k});
        }

        /** MatMul of an activation (… × features) by a 2-D weight (features × outputs). */
        private void matMul(NodeProto node) {
            new Attrs(node);
            if (value(node, 0) instanceof Act && value(node, 1) instanceof Act) {
                throw error(node, "multiplies two activations: only a product with a constant weight is supported");
            }
            if (!(value(node, 0) instanceof Act) && value(node, 1) instanceof Act) {
                throw error(node, "the activation is the second operand (weights on the left): not supported");
            }
            Act x = activation(node, 0);
            long[] b = weightShape(node, 1);
            if (x.shape().length < 2 || b.length != 2) {
                throw error(node, "MatMul takes an activation of at least 2 and a weight of 2 dimensions, got "
                        + text(x.shape()) + " and " + text(b));
            }
            long rows = 1;
            for (int i = 0; i < x.shape().length - 1; i++) {
                rows *= x.shape()[i];
            }
            long[] out = Arrays.copyOf(x.shape(), x.shape().length);
            out[out.length - 1] = b[1];
            fullyConnected(node, x, rows, x.shape()[x.shape().length - 1], b[0], b[1], out);
        }

        /**
         * A fully connected layer as a convolution whose window is its whole input, on a 1×1 output
         * (a 1×1 convolution after global pooling; a 7×7 one over VGG's flattened 7×7 map), as the
         * bundled vgg19.yaml writes its FC layers.
         */
        private void fullyConnected(NodeProto node, Act x, long rows, long inner, long weightInner, long k, long[] outShape) {
            if (x.pad() != null) {
                throw error(node, "reads the padded output of " + where(x.padNode()) + ": only a convolution or pooling"
                        + " can take padding over");
            }
            if (inner != weightInner) {
                throw error(node, "its input has " + inner + " features but its weight expects " + weightInner);
            }
            if (rows != x.n()) {
                throw error(node, "its input has " + rows + " rows for a batch of " + x.n()
                        + ": only a product per batch element (rows = batch) is supported");
            }
            if (inner != x.channels() * x.h() * x.w()) {
                throw error(node, "its input of " + inner + " features is not the " + x.channels() + "×" + x.h() + "×" + x.w()
                        + " elements its producers make");
            }
            int id = nextId++;
            layers.add(Layers.conv(id, nodeName(node), x.n(), k, x.channels(), 1, 1, new Window(1, 1, x.h(), 0, 0),
                    new Window(1, 1, x.w(), 0, 0), x.sources(), x.channelDim()));
            define(node, 0, new Act(outShape, List.of(new Part(id, k, "K")), x.n(), 1, 1, null, null));
        }

        /** Add or Mul: with a constant operand (a bias, a per-channel scale) folded; two activations add. */
        private void binary(NodeProto node) {
            new Attrs(node, "axis", "broadcast", "consumed_inputs");
            if (node.getInputCount() != 2) {
                throw error(node, "takes 2 inputs, has " + node.getInputCount());
            }
            Val x = value(node, 0);
            Val y = value(node, 1);
            if (x instanceof Act ax && y instanceof Act ay) {
                if (node.getOpType().equals("Mul")) {
                    throw error(node, "multiplies two activations element-wise: not supported (only a Mul by a constant"
                            + " is folded)");
                }
                addLayers(node, List.of(ax, ay));
            } else if (x instanceof Act ax) {
                define(node, 0, foldConstant(node, ax, (Const) y));
            } else if (y instanceof Act ay) {
                define(node, 0, foldConstant(node, ay, (Const) x));
            } else {
                define(node, 0, new Const(broadcast(((Const) x).shape(), ((Const) y).shape()), null));
            }
        }

        /** n-ary Sum: the activations add up in n − 1 add layers; constant terms are folded. */
        private void sum(NodeProto node) {
            new Attrs(node, "consumed_inputs");
            List<Act> acts = new ArrayList<>();
            List<Const> consts = new ArrayList<>();
            for (int i = 0; i < node.getInputCount(); i++) {
                Val v = value(node, i);
                if (v instanceof Act a) {
                    acts.add(a);
                } else {
                    consts.add((Const) v);
                }
            }
            if (acts.isEmpty()) {
                long[] shape = new long[0];
                for (Const c : consts) {
                    shape = broadcast(shape, c.shape());
                }
                define(node, 0, new Const(shape, null));
                return;
            }
            if (acts.size() == 1) {
                Act only = acts.getFirst();
                for (Const c : consts) {
                    only = foldConstant(node, only, c);
                }
                define(node, 0, only);
                return;
            }
            for (Const c : consts) {
                foldConstant(node, acts.getFirst(), c);
            }
            addLayers(node, acts);
        }

        private void addLayers(NodeProto node, List<Act> acts) {
            Act first = acts.getFirst();
            for (Act a : acts) {
                if (a.pad() != null) {
                    throw error(node, "reads the padded output of " + where(a.padNode()) + ": only a convolution or pooling"
                            + " can take padding over");
                }
                if (!Arrays.equals(a.shape(), first.shape())) {
                    throw error(node, "adds tensors of shapes " + text(first.shape()) + " and " + text(a.shape())
                            + ": broadcasting adds are not supported");
                }
                if (a.n() != first.n() || a.h() != first.h() || a.w() != first.w() || a.channels() != first.channels()) {
                    throw error(node, "adds tensors laid out differently by their producers (" + layout(first) + " and "
                            + layout(a) + ")");
                }
            }
            Act acc = first;
            String name = nodeName(node);
            for (int i = 1; i < acts.size(); i++) {
                Act y = acts.get(i);
                int id = nextId++;
                layers.add(Layers.add(id, acts.size() > 2 && i > 1 ? name + "#" + i : name, first.n(), first.channels(),
                        first.h(), first.w(), acc.sources(), acc.channelDim(), y.sources(), y.channelDim()));
                acc = new Act(first.shape(), List.of(new Part(id, first.channels(), "G")), first.n(), first.h(), first.w(),
                        null, null);
            }
            define(node, 0, acc);
        }

        /** {@code a} op {@code c} with a constant {@code c} that broadcasts into {@code a} without enlarging it. */
        private Act foldConstant(NodeProto node, Act a, Const c) {
            if (c.shape() != null) {
                long[] b = broadcast(a.shape(), c.shape());
                if (!Arrays.equals(b, a.shape())) {
                    throw error(node, "its constant operand " + text(c.shape()) + " broadcasts the activation "
                            + text(a.shape()) + " to " + text(b) + ": not supported");
                }
            }
            return a;
        }

        private long[] broadcast(long[] x, long[] y) {
            if (x == null || y == null) {
                return x == null ? y : x;
            }
            int r = Math.max(x.length, y.length);
            long[] out = new long[r];
            for (int i = 0; i < r; i++) {
                long dx = i < r - x.length ? 1 : x[i - (r - x.length)];
                long dy = i < r - y.length ? 1 : y[i - (r - y.length)];
                if (dx != dy && dx != 1 && dy != 1) {
                    throw error(graph.getNode(nodeIndex), "its operands " + text(x) + " and " + text(y) + " do not broadcast");
                }
                out[i] = Math.max(dx, dy);
            }
            return out;
        }

        // --- operators without MACs ---------------------------------------------------------------

        private void concat(NodeProto node) {
            Attrs a = new Attrs(node, "axis");
            long axisAttr = opset < 4 ? a.integer("axis", 1) : a.requiredInt("axis");
            List<Val> ins = new ArrayList<>();
            for (int i = 0; i < node.getInputCount(); i++) {
                ins.add(value(node, i));
            }
            if (ins.isEmpty()) {
                throw error(node, "has no inputs");
            }
            if (ins.stream().allMatch(v -> v instanceof Const)) {
                define(node, 0, concatConstants(node, ins, axisAttr));
                return;
            }
            List<Act> acts = new ArrayList<>();
            for (Val v : ins) {
                if (!(v instanceof Act act)) {
                    throw error(node, "concatenates an activation with a constant: not supported");
                }
                acts.add(act);
            }
            Act first = acts.getFirst();
            int rank = first.shape().length;
            long axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
            if (axis != 1) {
                throw error(node, "concatenates along axis " + axisAttr + " of " + text(first.shape())
                        + ": only a concatenation along the channels (axis 1) is supported");
            }
            List<Part> parts = new ArrayList<>();
            long channels = 0;
            for (Act x : acts) {
                if (x.pad() != null) {
                    throw error(node, "reads the padded output of " + where(x.padNode()) + ": only a convolution or pooling"
                            + " can take padding over");
                }
                if (!x.canonical()) {
                    throw error(node, "concatenates a tensor reshaped to " + text(x.shape()) + " from its producers' "
                            + layout(x) + ": only tensors in their producers' layout can be concatenated");
                }
                if (x.shape().length != rank || x.n() != first.n() || x.h() != first.h() || x.w() != first.w()) {
                    throw error(node, "concatenates tensors of other sizes (" + text(first.shape()) + " and "
                            + text(x.shape()) + ")");
                }
                parts.addAll(x.parts());
                channels += x.channels();
            }
            long[] shape = first.shape().clone();
            shape[1] = channels;
            define(node, 0, new Act(shape, List.copyOf(parts), first.n(), first.h(), first.w(), null, null));
        }

        private Const concatConstants(NodeProto node, List<Val> ins, long axisAttr) {
            long[] shape = null;
            List<Long> ints = new ArrayList<>();
            boolean allInts = true;
            for (Val v : ins) {
                Const c = (Const) v;
                if (c.shape() == null) {
                    return new Const(null, null);
                }
                int r = c.shape().length;
                int axis = (int) (axisAttr < 0 ? axisAttr + r : axisAttr);
                if (axis < 0 || axis >= r) {
                    throw error(node, "axis " + axisAttr + " is out of range for " + text(c.shape()));
                }
                if (shape == null) {
                    shape = c.shape().clone();
                } else {
                    shape[axis] += c.shape()[axis];
                }
                if (c.ints() == null || r != 1) {
                    allInts = false;
                } else {
                    for (long i : c.ints()) {
                        ints.add(i);
                    }
                }
            }
            return new Const(shape, allInts ? ints.stream().mapToLong(Long::longValue).toArray() : null);
        }

        /** Pad: zero padding of height and width, taken over by the convolution or pooling that reads it. */
        private void pad(NodeProto node) {
            Attrs a = opset < 2 ? new Attrs(node, "mode", "paddings", "value")
                    : opset < 11 ? new Attrs(node, "mode", "pads", "value") : new Attrs(node, "mode");
            Act x = activation(node, 0);
            long[] pads;
            if (opset < 11) {
                pads = a.required(opset < 2 ? "paddings" : "pads");
            } else {
                pads = ints(node, 1, "pads");
                optional(node, 2);
                if (node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
                    long[] axes = ints(node, 3, "axes");
                    long[] full = new long[2 * x.shape().length];
                    for (int i = 0; i < axes.length; i++) {
                        int ax = (int) (axes[i] < 0 ? axes[i] + x.shape().length : axes[i]);
                        full[ax] = pads[i];
                        full[ax + x.shape().length] = pads[i + axes.length];
                    }
                    pads = full;
                }
            }
            if (x.shape().length != 4 || pads.length != 8) {
                throw error(node, "pads " + text(pads) + " of a tensor " + text(x.shape())
                        + ": only padding of an N×C×H×W tensor is supported");
            }
            if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
                throw error(node, "pads the batch or the channels (" + text(pads) + "): only height and width can be padded");
            }
            for (long p : pads) {
                if (p < 0) {
                    throw error(node, "has negative pads " + text(pads) + " (a crop): not supported");
                }
            }
            canonical(node, x);
            long[] pend = x.pad() == null ? new long[4] : x.pad().clone();
            pend[0] += pads[2];
            pend[1] += pads[6];
            pend[2] += pads[3];
            pend[3] += pads[7];
            long[] shape = {x.shape()[0], x.shape()[1], x.shape()[2] + pads[2] + pads[6], x.shape()[3] + pads[3] + pads[7]};
            define(node, 0, new Act(shape, x.parts(), x.n(), x.h(), x.w(), pend, node));
        }

        /** An operator without MACs: its output is its first input (batch normalization, activations, ...). */
        private void folded(NodeProto node) {
            if (node.getInputCount() == 0) {
                throw error(node, "has no input");
            }
            Val x = value(node, 0);
            for (int i = 1; i < node.getInputCount(); i++) {
                optional(node, i);
            }
            define(node, 0, x);
            for (int i = 1; i < node.getOutputCount(); i++) {
                define(node, i, node.getOpType().equals("Dropout") ? x
                        : new Unusable("output " + i + " of " + where(node) + " (a training statistic)"));
            }
        }

        /** Flatten, Reshape, Transpose, Squeeze, Unsqueeze: a new shape, no data movement. */
        private void view(NodeProto node) {
            Val in = value(node, 0);
            long[] s = in instanceof Act act ? act.shape() : ((Const) in).shape();
            String op = node.getOpType();
            long[] out;
            long[] ints = in instanceof Const c ? c.ints() : null;
            if (s == null) {
                for (int i = 1; i < node.getInputCount(); i++) {
                    optional(node, i);
                }
                define(node, 0, new Const(null, null));
                return;
            }
            switch (op) {
                case "Flatten" -> {
                    Attrs a = new Attrs(node, "axis");
                    long axis = a.integer("axis", 1);
                    int ax = (int) (axis < 0 ? axis + s.length : axis);
                    if (ax < 0 || ax > s.length) {
                        throw error(node, "axis " + axis + " is out of range for " + text(s));
                    }
                    out = new long[] {product(s, 0, ax), product(s, ax, s.length)};
                }
                case "Reshape" -> {
                    Attrs a = opset < 5 ? new Attrs(node, "consumed_inputs", "shape") : new Attrs(node, "allowzero");
                    long[] target = opset < 5 ? a.required("shape") : ints(node, 1, "shape");
                    out = reshape(node, s, target, a.integer("allowzero", 0) != 0);
                }
                case "Transpose" -> {
                    Attrs a = new Attrs(node, "perm");
                    long[] perm = a.ints("perm", null);
                    if (perm == null) {
                        perm = new long[s.length];
                        for (int i = 0; i < s.length; i++) {
                            perm[i] = s.length - 1 - i;
                        }
                    }
                    if (perm.length != s.length) {
                        throw error(node, "perm " + text(perm) + " does not fit " + text(s));
                    }
                    out = new long[s.length];
                    for (int i = 0; i < s.length; i++) {
                        if (perm[i] < 0 || perm[i] >= s.length) {
                            throw error(node, "perm " + text(perm) + " does not fit " + text(s));
                        }
                        out[i] = s[(int) perm[i]];
                    }
                    if (s.length > 1) {
                        ints = null;
                    }
                }
                case "Squeeze" -> {
                    long[] axes = axes(node);
                    List<Long> kept = new ArrayList<>();
                    Set<Integer> drop = new HashSet<>();
                    if (axes == null) {
                        for (int i = 0; i < s.length; i++) {
                            if (s[i] == 1) {
                                drop.add(i);
                            }
                        }
                    } else {
                        for (long ax : axes) {
                            int i = (int) (ax < 0 ? ax + s.length : ax);
                            if (i < 0 || i >= s.length || s[i] != 1) {
                                throw error(node, "cannot squeeze axis " + ax + " of " + text(s));
                            }
                            drop.add(i);
                        }
                    }
                    for (int i = 0; i < s.length; i++) {
                        if (!drop.contains(i)) {
                            kept.add(s[i]);
                        }
                    }
                    out = kept.stream().mapToLong(Long::longValue).toArray();
                }
                default -> { // Unsqueeze
                    long[] axes = axes(node);
                    if (axes == null) {
                        throw error(node, "has no axes");
                    }
                    int r = s.length + axes.length;
                    Set<Integer> add = new HashSet<>();
                    for (long ax : axes) {
                        int i = (int) (ax < 0 ? ax + r : ax);
                        if (i < 0 || i >= r || !add.add(i)) {
                            throw error(node, "axes " + text(axes) + " do not fit " + text(s));
                        }
                    }
                    out = new long[r];
                    for (int i = 0, j = 0; i < r; i++) {
                        out[i] = add.contains(i) ? 1 : s[j++];
                    }
                }
            }
            if (in instanceof Act act) {
                if (act.pad() != null) {
                    throw error(node, "reshapes the padded output of " + where(act.padNode())
                            + ": only a convolution or pooling can take padding over");
                }
                define(node, 0, act.withShape(out));
            } else {
                define(node, 0, new Const(out, ints));
            }
        }

        private long[] axes(NodeProto node) {
            if (opset < 13) {
                return new Attrs(node, "axes").ints("axes", null);
            }
            new Attrs(node);
            return node.getInputCount() > 1 && !node.getInput(1).isEmpty() ? ints(node, 1, "axes") : null;
        }

        /**
         * The output shape of a Reshape to {@code target} ({@code 0} copies a dimension unless
         * {@code allowzero}, {@code -1} is inferred). With a re-sized input, a fixed target written for
         * the model's own sizes is re-sized group by group (docs/onnx.md).
         */
        private long[] reshape(NodeProto node, long[] s, long[] target, boolean allowZero) {
            ReshapePlan plan = plans == null ? null : plans.get(nodeIndex);
            if (plan != null && !Arrays.equals(plan.in(), s)) {
                long[] resized = regroup(plan.in(), plan.out(), s);
                if (resized == null) {
                    throw error(node, "reshapes to " + text(plan.out()) + ", written for the input " + text(plan.in())
                            + "; it cannot be re-sized for " + text(s));
                }
                return resized;
            }
            long[] out = new long[target.length];
            int infer = -1;
            long known = 1;
            for (int i = 0; i < target.length; i++) {
                long t = target[i];
                if (t == 0 && !allowZero) {
                    if (i >= s.length) {
                        throw error(node, "target " + text(target) + " copies dimension " + i + " that " + text(s) + " lacks");
                    }
                    t = s[i];
                }
                if (t == -1) {
                    if (infer >= 0) {
                        throw error(node, "target " + text(target) + " has two -1");
                    }
                    infer = i;
                } else if (t < 0) {
                    throw error(node, "target " + text(target) + " has a negative size");
                } else {
                    known *= t;
                }
                out[i] = t;
            }
            long total = product(s, 0, s.length);
            if (infer >= 0) {
                if (known == 0 || total % known != 0) {
                    throw error(node, "cannot reshape " + text(s) + " to " + text(target));
                }
                out[infer] = total / known;
            } else if (known != total) {
                throw error(node, "cannot reshape " + text(s) + " (" + total + " elements) to " + text(target)
                        + (options.overrides() ? ": a fixed shape that does not fit the re-sized input" : ""));
            }
            if (declaredSizes) {
                reshapes.put(nodeIndex, new ReshapePlan(s.clone(), out.clone()));
            }
            return out;
        }

        private void constantNode(NodeProto node) {
            Attrs a = new Attrs(node, "sparse_value", "value", "value_float", "value_floats", "value_int", "value_ints",
                    "value_string", "value_strings");
            if (a.has("sparse_value")) {
                throw error(node, "holds a sparse tensor, which the importer does not read");
            }
            Const c;
            if (a.has("value")) {
                c = constant(a.attribute("value").getT());
            } else if (a.has("value_int")) {
                c = new Const(new long[0], new long[] {a.integer("value_int", 0)});
            } else if (a.has("value_ints")) {
                long[] v = a.ints("value_ints", new long[0]);
                c = new Const(new long[] {v.length}, v);
            } else if (a.has("value_floats")) {
                c = new Const(new long[] {a.attribute("value_floats").getFloatsCount()}, null);
            } else if (a.has("value_strings")) {
                c = new Const(new long[] {a.attribute("value_strings").getStringsCount()}, null);
            } else if (a.has("value_float") || a.has("value_string")) {
                c = new Const(new long[0], null);
            } else {
                throw error(node, "has no value");
            }
            define(node, 0, c);
        }

        private void constantOfShape(NodeProto node) {
            new Attrs(node, "value");
            Val v = value(node, 0);
            if (!(v instanceof Const c) || c.ints() == null) {
                throw error(node, "its shape input '" + node.getInput(0) + "' is not a constant: the weight shape cannot"
                        + " be resolved");
            }
            for (long d : c.ints()) {
                if (d < 0) {
                    throw error(node, "its shape " + text(c.ints()) + " has a negative size");
                }
            }
            define(node, 0, new Const(c.ints().clone(), null));
        }

        // --- helpers ------------------------------------------------------------------------------

        private Val value(NodeProto node, int i) {
            if (i >= node.getInputCount() || node.getInput(i).isEmpty()) {
                throw error(node, "input " + i + " is missing");
            }
            Val v = values.get(node.getInput(i));
            if (v == null) {
                throw new IllegalStateException("value '" + node.getInput(i) + "' read before it is defined");
            }
            if (v instanceof Unusable u) {
                throw error(node, "reads " + u.why() + ", which the importer cannot follow");
            }
            return v;
        }

        private void optional(NodeProto node, int i) {
            if (i < node.getInputCount() && !node.getInput(i).isEmpty()) {
                value(node, i);
            }
        }

        private Act activation(NodeProto node, int i) {
            Val v = value(node, i);
            if (!(v instanceof Act a)) {
                throw error(node, "its input '" + node.getInput(i) + "' is a constant, not computed from the network input:"
                        + " not supported");
            }
            return a;
        }

        /** The shape of the weight in input {@code i}: it must be a constant with a known shape. */
        private long[] weightShape(NodeProto node, int i) {
            Val v = value(node, i);
            String name = node.getInput(i);
            if (v instanceof Act) {
                throw error(node, "its weight '" + name + "' is computed from the network input: only constant weights"
                        + " are supported");
            }
            Const c = (Const) v;
            if (c.shape() == null) {
                throw error(node, "the shape of its weight '" + name + "' cannot be resolved (not an initializer, Constant,"
                        + " ConstantOfShape with a constant shape, nor a graph input with a declared shape)");
            }
            return c.shape();
        }

        private long[] ints(NodeProto node, int i, String what) {
            Val v = value(node, i);
            if (!(v instanceof Const c) || c.ints() == null) {
                throw error(node, "its " + what + " input '" + node.getInput(i) + "' is not a constant");
            }
            return c.ints();
        }

        private void canonical(NodeProto node, Act x) {
            if (!x.canonical()) {
                throw error(node, "reads a tensor reshaped to " + text(x.shape()) + " from its producers' " + layout(x)
                        + ": a view must keep the producers' layout to feed this operator");
            }
        }

        /** The two windows (y, x) of a convolution or pooling, with the pending Pad and auto_pad applied. */
        private Window[] windows(NodeProto node, Attrs a, Act x, long[] kernel, long[] dilations, boolean ceil) {
            long[] strides = a.ints("strides", new long[] {1, 1});
            if (strides.length != 2 || dilations.length != 2) {
                throw error(node, "strides " + text(strides) + " and dilations " + text(dilations) + " are not 2-D");
            }
            String autoPad = a.string("auto_pad", "NOTSET");
            long[] pads = a.ints("pads", new long[4]);
            if (pads.length != 4) {
                throw error(node, "pads " + text(pads) + " are not 2-D");
            }
            long[] pend = x.pad() == null ? new long[4] : x.pad();
            Window[] out = new Window[2];
            for (int axis = 0; axis < 2; axis++) {
                long real = axis == 0 ? x.h() : x.w();
                long in = real + pend[2 * axis] + pend[2 * axis + 1];
                long k = kernel[axis];
                long s = strides[axis];
                long d = dilations[axis];
                if (k < 1 || s < 1 || d < 1) {
                    throw error(node, "kernel " + text(kernel) + ", strides " + text(strides) + " and dilations "
                            + text(dilations) + " must be positive");
                }
                long window = d * (k - 1) + 1;
                long before;
                long after;
                switch (autoPad) {
                    case "NOTSET", "" -> {
                        before = pads[axis];
                        after = pads[axis + 2];
                    }
                    case "VALID" -> {
                        before = 0;
                        after = 0;
                    }
                    case "SAME_UPPER", "SAME_LOWER" -> {
                        long o = Math.ceilDiv(in, s);
                        long total = Math.max(0, (o - 1) * s + window - in);
                        long half = total / 2;
                        before = autoPad.equals("SAME_UPPER") ? half : total - half;
                        after = total - before;
                    }
                    default -> throw error(node, "auto_pad '" + autoPad + "' is unknown (NOTSET, SAME_UPPER, SAME_LOWER, VALID)");
                }
                if (before < 0 || after < 0) {
                    throw error(node, "has negative pads " + text(pads) + ": not supported");
                }
                if (ceil) {
                    // ceil_mode: the extra trailing padding that makes floor give the ceil size (docs/onnx.md)
                    long o = Math.ceilDiv(in + before + after - window, s) + 1;
                    if ((o - 1) * s >= in + before) {
                        o--;
                    }
                    after += Math.max(0, (o - 1) * s + window - (in + before + after));
                }
                before += pend[2 * axis];
                after += pend[2 * axis + 1];
                if (real + before + after < window) {
                    throw error(node, "its window of " + window + " is larger than its padded input of " + (real + before + after));
                }
                if (before >= window || after >= window) {
                    throw error(node, "pads " + before + ", " + after + " reach past a whole window of " + window
                            + " (a window would read only padding): cannot be costed");
                }
                out[axis] = new Window(s, d, k, before, after);
            }
            return out;
        }

        private long outputs(NodeProto node, long real, Window w) {
            long window = w.dilation() * (w.size() - 1) + 1;
            return (real + w.before() + w.after() - window) / w.stride() + 1;
        }

        private void define(NodeProto node, int i, Val v) {
            if (i < node.getOutputCount() && !node.getOutput(i).isEmpty()) {
                values.put(node.getOutput(i), v);
            }
        }
    }

    // --- tensors and attributes ----------------------------------------------------------------------

    /** A constant tensor: its dims, and its values if it is a small integer tensor stored in the file. */
    private static Const constant(TensorProto t) {
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        long[] ints = null;
        boolean inFile = t.getDataLocation() != TensorProto.DataLocation.EXTERNAL;
        int type = t.getDataType();
        if (inFile && count <= MAX_INTS && (type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE)) {
            ByteString raw = t.getRawData();
            if (!raw.isEmpty()) {
                ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                int width = type == TensorProto.DataType.INT64_VALUE ? 8 : 4;
                if (raw.size() == count * width) {
                    ints = new long[(int) count];
                    for (int i = 0; i < count; i++) {
                        ints[i] = width == 8 ? b.getLong() : b.getInt();
                    }
                }
            } else if (type == TensorProto.DataType.INT64_VALUE && t.getInt64DataCount() == count) {
                ints = t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
            } else if (type == TensorProto.DataType.INT32_VALUE && t.getInt32DataCount() == count) {
                ints = t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
            }
        }
        return new Const(shape, ints);
    }

    private static long[] declaredShape(ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (dims.get(i).getDimValue() <= 0) {
                return null;
            }
            shape[i] = dims.get(i).getDimValue();
        }
        return shape;
    }

    /**
     * {@code actual} reshaped as {@code declaredIn} was to {@code declaredOut}: the two declared shapes
     * split into the shortest runs of equal size; a run whose input is unchanged keeps its output, a
     * run that becomes one output dimension takes the new product; anything else cannot be re-sized
     * ({@code null}).
     */
    static long[] regroup(long[] declaredIn, long[] declaredOut, long[] actual) {
        if (actual.length != declaredIn.length) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < declaredIn.length || j < declaredOut.length) {
            int si = i;
            int sj = j;
            long pa = i < declaredIn.length ? declaredIn[i++] : 1;
            long pb = j < declaredOut.length ? declaredOut[j++] : 1;
            while (pa != pb) {
                if (pa < pb && i < declaredIn.length) {
                    pa *= declaredIn[i++];
                } else if (pb < pa && j < declaredOut.length) {
                    pb *= declaredOut[j++];
                } else {
                    return null;
                }
            }
            boolean same = true;
            long newProduct = 1;
            for (int k = si; k < i; k++) {
                same &= actual[k] == declaredIn[k];
                newProduct *= actual[k];
            }
            if (same) {
                for (int k = sj; k < j; k++) {
                    out.add(declaredOut[k]);
                }
            } else if (j - sj == 1) {
                out.add(newProduct);
            } else {
                return null;
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The attributes of a node, checked against the names its operator defines. */
    private final class Attrs {
        private final NodeProto node;
        private final Map<String, AttributeProto> byName = new HashMap<>();

        Attrs(NodeProto node, String... allowed) {
            this.node = node;
            Set<String> ok = Set.of(allowed);
            for (AttributeProto a : node.getAttributeList()) {
                if (!ok.contains(a.getName())) {
                    throw error(node, "attribute '" + a.getName() + "' is unknown to the importer for " + node.getOpType()
                            + " (opset " + opset + "; it knows " + (ok.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(ok))) + ")");
                }
                if (a.hasRefAttrName() && !a.getRefAttrName().isEmpty()) {
                    throw error(node, "attribute '" + a.getName() + "' refers to a function attribute: not supported");
                }
                byName.put(a.getName(), a);
            }
        }

        boolean has(String name) {
            return byName.containsKey(name);
        }

        AttributeProto attribute(String name) {
            return byName.get(name);
        }

        long integer(String name, long otherwise) {
            AttributeProto a = byName.get(name);
            return a == null ? otherwise : a.getI();
        }

        long requiredInt(String name) {
            if (!byName.containsKey(name)) {
                throw error(node, "has no '" + name + "' attribute");
            }
            return byName.get(name).getI();
        }

        long[] ints(String name, long[] otherwise) {
            AttributeProto a = byName.get(name);
            return a == null ? otherwise : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }

        long[] required(String name) {
            long[] v = ints(name, null);
            if (v == null) {
                throw error(node, "has no '" + name + "' attribute");
            }
            return v;
        }

        String string(String name, String otherwise) {
            AttributeProto a = byName.get(name);
            return a == null ? otherwise : a.getS().toStringUtf8();
        }
    }

    // --- messages ------------------------------------------------------------------------------------

    private ConfigException error(String reason) {
        return new ConfigException(file, "", reason);
    }

    private ConfigException error(NodeProto node, String reason) {
        return new ConfigException(file, where(node), reason);
    }

    /** {@code node 'n7' (Reshape)}; a node without a name is named by its first output. */
    private static String where(NodeProto node) {
        String name = node.getName().isEmpty()
                ? "with output '" + (node.getOutputCount() > 0 ? node.getOutput(0) : "?") + "'"
                : "'" + node.getName() + "'";
        return "node " + name + " (" + node.getOpType() + ")";
    }

    /** A layer's name: the node's, or its first output's for a node without a name. */
    private static String nodeName(NodeProto node) {
        return !node.getName().isEmpty() ? node.getName() : node.getOutputCount() > 0 ? node.getOutput(0) : node.getOpType();
    }

    private static String layout(Act x) {
        return x.n() + "×" + x.channels() + "×" + x.h() + "×" + x.w();
    }

    private static long product(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return p;
    }

    private static String text(long[] shape) {
        return shape == null ? "[?]" : Arrays.toString(shape);
    }

    private static String dimText(TensorShapeProto.Dimension d) {
        return d.getDimValue() > 0 ? String.valueOf(d.getDimValue()) : d.getDimParam().isEmpty() ? "?" : d.getDimParam();
    }
}
