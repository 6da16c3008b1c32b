package org.tessel.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tessel.model.config.ConfigException;
import org.tessel.model.workload.Workload;

/**
 * Reads an ONNX model into a {@link Workload} (docs/onnx.md): convolutions, fully connected layers,
 * pooling and element-wise adds become layers written as the bundled workloads write them;
 * operators without MACs are folded into their producers; a channel concatenation is folded into
 * its consumers (docs/concat.md). Only shapes are read, never weights: a weight's shape comes from
 * an initializer, a {@code Constant}, a {@code ConstantOfShape} with a constant shape input, or a
 * graph input with a declared shape, and a model with external data imports without that data.
 * Shapes are propagated by the importer itself; {@code value_info} is not needed.
 *
 * <p>Layer ids: the input is -1 (further network inputs -2, -3, ...); the layers are numbered
 * 0, 1, 2, ... in topological order of the nodes that carry MACs (the file's node order where it is
 * already topological, which ONNX requires), an n-ary {@code Sum} taking n − 1 consecutive ids.
 * Every layer keeps its node's name.
 *
 * <p>Every problem is a {@link ConfigException} naming the file, the node (name and operator) and
 * the reason, in one line.
 */
public final class OnnxImport {

    /** The operators the importer understands, for error messages and docs. */
    public static final List<String> SUPPORTED = List.of("Conv", "Gemm", "MatMul", "MaxPool", "AveragePool",
            "GlobalAveragePool", "GlobalMaxPool", "Add", "Sum", "Mul", "Concat", "Pad", "BatchNormalization", "Relu",
            "Clip", "LeakyRelu", "Sigmoid", "LRN", "Dropout", "Softmax", "Identity", "Flatten", "Reshape", "Transpose",
            "Squeeze", "Unsqueeze", "Constant", "ConstantOfShape");

    /** Newest opset of the default domain whose operators the importer knows. */
    public static final int MAX_OPSET = 23;

    private OnnxImport() {}

    /** Imports {@code file} with the model's own sizes. */
    public static Workload read(Path file) {
        return read(file, ImportOptions.DEFAULT);
    }

    /**
     * Imports {@code file}.
     *
     * @throws ConfigException if the file is missing, not an ONNX model, or uses something the
     *     importer cannot represent
     */
    public static Workload read(Path file, ImportOptions options) {
        ModelProto model = parse(file);
        return new Lowering(file, model, options).run();
    }

    /**
     * True if {@code file} should be read as ONNX: its name ends in {@code .onnx}, or its first byte is
     * that of an ONNX model's first field ({@code ir_version}, tag 0x08), which no YAML text starts with.
     */
    public static boolean isOnnx(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x08;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A workload name for {@code file}: its file name without the {@code .onnx} extension. */
    static String workloadName(Path file) {
        String n = file.getFileName() == null ? "onnx" : file.getFileName().toString();
        return n.toLowerCase(Locale.ROOT).endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }

    private static ModelProto parse(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file, "", "is a directory, not an ONNX model");
        }
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "no such file");
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigException(file, "", "is not an ONNX model: it does not parse as one (truncated or another kind"
                    + " of file: " + oneLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot be read: " + oneLine(e.getMessage()));
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph()) {
            throw new ConfigException(file, "", "is not an ONNX model: " + (model.getIrVersion() <= 0 ? "no ir_version" : "no graph")
                    + " (truncated, empty or another kind of file)");
        }
        return model;
    }

    static String oneLine(String s) {
        return s == null ? "unknown problem" : s.strip().replaceAll("\\s+", " ");
    }
}
