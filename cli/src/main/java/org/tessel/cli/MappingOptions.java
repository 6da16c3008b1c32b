package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessel.costmodel.automap.SpatialMappingSearch;
import org.tessel.model.BadInputException;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.config.SpatialMappingWriter;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.search.Objective;
import org.tessel.model.workload.Workload;
import picocli.CommandLine.Option;
import org.tessel.cli.io.AtomicFile;

/**
 * {@code --mapping FILE|auto} and {@code --mapping-out FILE}: a spatial-mapping file, or the
 * mappings searched per layer (docs/spatial-mapping.md), which is also what an ONNX workload gets
 * without {@code --mapping}. A mixin of every command that costs.
 */
final class MappingOptions {

    /** The {@code --mapping} value that asks for the search. */
    static final String AUTO = "auto";

    @Option(names = "--mapping", paramLabel = "FILE|auto",
            description = "spatial mapping of the workload on this accelerator (kind: spatial-mapping: per layer and/or "
                    + "defaults per operator type), or auto: searched per layer (docs/spatial-mapping.md); "
                    + "default for an ONNX workload: auto")
    String mapping;

    @Option(names = "--mapping-out", converter = OutputFile.class, paramLabel = "FILE",
            description = "write the spatial mapping of every layer (searched with auto) as a spatial-mapping file, "
                    + "to replay the run with --mapping FILE")
    Path mappingOut;

    /** True if the mappings are searched: {@code --mapping auto}, or no {@code --mapping} for an ONNX workload. */
    boolean isAuto(WorkloadOptions workload) {
        return mapping == null ? workload.isOnnx() : mapping.strip().equals(AUTO);
    }

    /**
     * The scenario of {@code workload} on {@code acceleratorFile} with these mappings, written to
     * {@code --mapping-out} if given.
     *
     * @param err where the search reports what it did (null: nowhere)
     * @throws BadInputException for a YAML workload without {@code --mapping}, or files that do not fit
     */
    Scenario scenario(WorkloadOptions workload, Path acceleratorFile, Objective objective, int lpfLimit, PrintWriter err) {
        if (mapping == null && !workload.isOnnx()) {
            throw new BadInputException("--mapping FILE (or --mapping auto) is needed for the workload file "
                    + workload.workload + "; only an ONNX workload defaults to auto");
        }
        Workload w = workload.load();
        Scenario s;
        if (isAuto(workload)) {
            Accelerator acc = ConfigLoader.accelerator(acceleratorFile);
            Scenario.of(w, workload.workload, acc, new SpatialMappings(w.name(), List.of(acc.name()), Map.of()));
            long start = System.nanoTime();
            SpatialMappingSearch search = new SpatialMappingSearch(objective, lpfLimit);
            SpatialMappings found = search.mappings(w, acc);
            s = Scenario.of(w, workload.workload, acc, found);
            if (err != null) {
                err.printf(Locale.ROOT, "spatial mapping: searched per layer (--mapping auto, by %s): %d distinct layer shapes "
                        + "in %.1f s (docs/spatial-mapping.md)%n", objectiveName(objective), search.shapesSearched(),
                        (System.nanoTime() - start) / 1e9);
                err.flush();
            }
        } else {
            s = Scenario.load(w, workload.workload, acceleratorFile, Path.of(mapping));
        }
        if (mappingOut != null) {
            AtomicFile.write(mappingOut, SpatialMappingWriter.toYaml(s.mappings(), List.of(isAuto(workload)
                    ? "Spatial mappings searched by tessel --mapping auto (" + objectiveName(objective) + ", lpf limit "
                            + lpfLimit + ") for " + w.name() + " on " + s.accelerator().name() + "; replay with --mapping FILE"
                    : "Spatial mappings of " + w.name() + " on " + s.accelerator().name() + " as used (from " + mapping + ")"))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return s;
    }

    private static String objectiveName(Objective o) {
        return o == Objective.PARETO_ENERGY_LATENCY ? "edp" : o.name().toLowerCase(Locale.ROOT);
    }
}
