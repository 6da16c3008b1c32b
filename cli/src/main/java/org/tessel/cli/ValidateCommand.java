package org.tessel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tessel.cluster.Campaign;
import org.tessel.cluster.ClusterSpec;
import org.tessel.model.config.ConfigException;
import org.tessel.model.config.ConfigKind;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.workload.Workload;
import org.tessel.onnx.OnnxImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tessel validate FILE...}: checks config files of any kind, each on its own. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks config files of any kind (accelerator, workload, spatial-mapping, schedule, temporal-mapping, campaign, cluster), each on its own;"
                    + " an ONNX model (.onnx) is checked by importing it.",
            "Prints OK or one error line per file; exit status 2 if any file is invalid."
        })
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "config files to check; a directory stands for every .yaml/.yml/.onnx file below it")
    List<Path> arguments;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = arguments.stream().flatMap(ValidateCommand::expand).toList();
        int invalid = 0;
        for (Path file : files) {
            try {
                if (OnnxImport.isOnnx(file)) {
                    Workload w = OnnxImport.read(file);
                    out.println("OK      " + file + " (onnx model: " + w.computeLayers().size() + " layers)");
                } else {
                    ConfigKind kind = ConfigLoader.validate(file);
                    // these two kinds are read by the cluster module
                    if (kind == ConfigKind.CAMPAIGN) {
                        Campaign.read(file);
                    } else if (kind == ConfigKind.CLUSTER) {
                        ClusterSpec.read(file);
                    }
                    out.println("OK      " + file + " (" + kind.fileName() + ")");
                }
            } catch (ConfigException e) {
                invalid++;
                err.println("INVALID " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        if (files.size() > 1) {
            out.println((files.size() - invalid) + " of " + files.size() + " files valid");
        }
        return invalid == 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
    }

    /** A directory → its YAML files, sorted; anything else → itself (missing files are reported). */
    private static Stream<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return Stream.of(p);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")
                    || f.toString().endsWith(".onnx")))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
