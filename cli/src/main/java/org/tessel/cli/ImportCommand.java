package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tessel.model.BadInputException;
import org.tessel.model.config.WorkloadWriter;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.LayerType;
import org.tessel.model.workload.Workload;
import org.tessel.onnx.ImportOptions;
import org.tessel.onnx.OnnxImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessel import MODEL.onnx --out WORKLOAD.yaml}: an ONNX model as a workload file (docs/onnx.md). */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Imports an ONNX model and writes the equivalent workload file (kind: workload): evaluating it gives the "
                    + "same numbers as evaluating the model with --workload MODEL.onnx.",
            "Layers keep their ONNX node names; ids are 0, 1, ... in topological order of the nodes with MACs, the input "
                    + "is -1 (docs/onnx.md).",
            "Example: ./tessel import resnet50.onnx --out resnet50.yaml --batch 1 --input-size 224x224"
        })
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the ONNX model (.onnx)")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the workload file to write")
    Path out;

    @Option(names = "--batch", paramLabel = "N", description = "the batch size (default: the model's, 1 where it is symbolic)")
    Integer batch;

    @Option(names = "--input-size", paramLabel = "HxW", description = "re-size the network input (default: the model's)")
    String inputSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFile.requireDirectory(out, "--out");
        if (out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())) {
            throw new BadInputException("--out " + out + " is the model itself");
        }
        long start = System.nanoTime();
        Workload w = OnnxImport.read(model, ImportOptions.of(batch, inputSize));
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> header = new ArrayList<>();
        header.add("Imported by `tessel import` from " + model.getFileName()
                + (batch != null ? ", batch " + batch : "") + (inputSize != null ? ", input " + inputSize : "")
                + " (docs/onnx.md).");
        header.add("Layer ids: the input -1, then 0, 1, ... in topological order of the ONNX nodes with MACs.");
        WorkloadWriter.write(out, w, header);
        PrintWriter o = spec.commandLine().getOut();
        long convAndGemm = w.layers().stream().filter(l -> LayerType.of(l) == LayerType.CONV || LayerType.of(l) == LayerType.GEMM)
                .mapToLong(Layer::macCount).sum();
        o.printf(Locale.ROOT, "Imported %s in %d ms: %d layers (%d computed), %,d MACs (%,d in convolutions and fully connected "
                + "layers)%n", model, millis, w.layers().size(), w.computeLayers().size(), w.macCount(), convAndGemm);
        o.println("Workload written to " + out);
        o.flush();
        return ExitCode.OK;
    }
}
