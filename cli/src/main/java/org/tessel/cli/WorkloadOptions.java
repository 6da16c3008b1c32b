package org.tessel.cli;

import java.nio.file.Path;
import org.tessel.model.BadInputException;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.workload.Workload;
import org.tessel.onnx.ImportOptions;
import org.tessel.onnx.OnnxImport;
import picocli.CommandLine.Option;

/**
 * {@code --workload FILE}: a workload YAML file or an ONNX model (its extension {@code .onnx}, or the
 * first byte of the file, decides), with the import options {@code --batch} and {@code --input-size}
 * (docs/onnx.md). Shared by the subcommands as a mixin.
 */
final class WorkloadOptions {

    @Option(names = "--workload", required = true, paramLabel = "FILE",
            description = "workload config (kind: workload) or ONNX model (.onnx, imported as `tessel import` does)")
    Path workload;

    @Option(names = "--batch", paramLabel = "N",
            description = "ONNX workload: the batch size (default: the model's, 1 where it is symbolic)")
    Integer batch;

    @Option(names = "--input-size", paramLabel = "HxW",
            description = "ONNX workload: re-size the network input to H rows and W columns (default: the model's)")
    String inputSize;

    /** True if {@link #workload} is read as ONNX. */
    boolean isOnnx() {
        return OnnxImport.isOnnx(workload);
    }

    /**
     * Reads the workload: imports an ONNX model, or loads and checks a YAML file.
     *
     * @throws BadInputException if the file is invalid, or import options are given for a YAML workload
     */
    Workload load() {
        if (isOnnx()) {
            return OnnxImport.read(workload, ImportOptions.of(batch, inputSize));
        }
        if (batch != null || inputSize != null) {
            throw new BadInputException((batch != null ? "--batch" : "--input-size") + " applies to ONNX workloads only; "
                    + workload + " is a workload file with its own sizes");
        }
        return ConfigLoader.workload(workload);
    }
}
