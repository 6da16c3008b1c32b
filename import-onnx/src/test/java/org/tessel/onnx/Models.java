package org.tessel.onnx;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small ONNX models built in test code with the protobuf builders. */
final class Models {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private long opset = 13;
    private int nodes;

    /** A model reading {@code name} of shape {@code dims} (a negative size is symbolic). */
    static Models input(String name, long... dims) {
        Models m = new Models();
        m.graph.addInput(valueInfo(name, dims));
        return m;
    }

    Models opset(long version) {
        opset = version;
        return this;
    }

    /** A float initializer of this shape (no data: only the shape is read). */
    Models weight(String name, long... dims) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(box(dims)));
        return this;
    }

    /** An int64 initializer with these values (a shape, axes, pads). */
    Models ints(String name, long... values) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(box(values)));
        return this;
    }

    /** A graph input with a declared shape and no initializer; without dims, one that declares no shape. */
    Models graphInput(String name, long... dims) {
        graph.addInput(dims.length == 0 ? ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))).build()
                : valueInfo(name, dims));
        return this;
    }

    Models raw(GraphProto.Builder edit) {
        graph.mergeFrom(edit.build());
        return this;
    }

    GraphProto.Builder graph() {
        return graph;
    }

    /** A node {@code op} with inputs and outputs ("a,b" → "c"), named n0, n1, ... */
    Node node(String op, String inputs, String outputs) {
        NodeProto.Builder b = NodeProto.newBuilder().setName("n" + nodes++).setOpType(op);
        for (String i : inputs.split(",", -1)) {
            if (!inputs.isEmpty()) {
                b.addInput(i.strip());
            }
        }
        for (String o : outputs.split(",")) {
            b.addOutput(o.strip());
        }
        return new Node(b);
    }

    /** A node under construction: attributes, then {@link #add()}. */
    final class Node {
        final NodeProto.Builder b;

        Node(NodeProto.Builder b) {
            this.b = b;
        }

        Node ints(String name, long... values) {
            b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                    .addAllInts(box(values)));
            return this;
        }

        Node i(String name, long value) {
            b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value));
            return this;
        }

        Node s(String name, String value) {
            b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                    .setS(com.google.protobuf.ByteString.copyFromUtf8(value)));
            return this;
        }

        Node t(String name, TensorProto value) {
            b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value));
            return this;
        }

        Node domain(String d) {
            b.setDomain(d);
            return this;
        }

        Node unnamed() {
            b.clearName();
            return this;
        }

        Models add() {
            graph.addNode(b);
            return Models.this;
        }
    }

    Models output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name));
        return this;
    }

    ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("tessel-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(graph).build();
    }

    /** Writes the model to {@code dir/name.onnx}. */
    Path write(Path dir, String name) {
        Path f = dir.resolve(name + ".onnx");
        try {
            Files.write(f, model().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }

    private static java.util.List<Long> box(long[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
