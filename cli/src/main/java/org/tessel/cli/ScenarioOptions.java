package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tessel.cluster.ConfigFile;
import org.tessel.costmodel.depthfirst.partition.FullSizeGrowth;
import org.tessel.model.config.Scenario;
import org.tessel.model.config.SpatialMappingWriter;
import org.tessel.model.search.Objective;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The three config files every evaluation starts from; shared by the subcommands as a mixin. */
final class ScenarioOptions {

    @Mixin
    WorkloadOptions workloadFile;

    @Option(names = "--accelerator", required = true, paramLabel = "FILE", description = "accelerator config (kind: accelerator)")
    Path accelerator;

    @Mixin
    MappingOptions mapping;

    /**
     * Loads and cross-checks the files, searching the spatial mappings ({@code --mapping auto})
     * under {@code objective} with {@code lpfLimit}, and reporting the search on {@code err} (if not null).
     */
    Scenario load(Objective objective, int lpfLimit, PrintWriter err) {
        return mapping.scenario(workloadFile, accelerator, objective, lpfLimit, err);
    }

    /**
     * Loads the files for costing (a searched mapping valued by {@code objective} with {@code lpfLimit}),
     * and says on {@code err} when the engine will cost other layer sizes than the workload declares
     * (a workload without padding, grown as the reference grows it).
     */
    Scenario loadToCost(PrintWriter err, Objective objective, int lpfLimit) {
        Scenario s = load(objective, lpfLimit, err);
        List<FullSizeGrowth> grown = FullSizeGrowth.of(s.workload());
        if (!grown.isEmpty()) {
            FullSizeGrowth g = grown.getFirst();
            long modelled = FullSizeGrowth.modelledMacs(s.workload());
            long declared = s.workload().macCount();
            err.printf(Locale.ROOT, "warning: %s declares no padding, so as the reference the engine grows %d of its layers until "
                    + "none needs padding (layer %d: %dx%d, declared %dx%d)%s (docs/padding.md)%n", workloadFile.workload, grown.size(),
                    g.layerId(), g.ox(), g.oy(), g.declaredOx(), g.declaredOy(), modelled == declared ? ""
                            : String.format(Locale.ROOT, "; it costs %,d MACs, not the %,d declared", modelled, declared));
            err.flush();
        }
        return s;
    }

    /**
     * The workload, accelerator and mapping files of {@code s} as members get them: the files as
     * given; for searched mappings ({@code --mapping auto}) the mappings found here, written as a
     * spatial-mapping file, so that no member searches them again (and all cost the same ones).
     */
    List<ConfigFile> shipped(Scenario s) {
        ConfigFile mappingFile = mapping.isAuto(workloadFile) ? searchedMappings(s) : ConfigFile.of(Path.of(mapping.mapping));
        return List.of(ConfigFile.of(workloadFile.workload), ConfigFile.of(accelerator), mappingFile);
    }

    /** The mappings of {@code s} (searched here) as the spatial-mapping file members cost them with. */
    static ConfigFile searchedMappings(Scenario s) {
        return new ConfigFile("searched-mapping.yaml", SpatialMappingWriter.toYaml(s.mappings(), List.of(
                "Spatial mappings searched by the coordinator (mapping auto) for " + s.workload().name())).getBytes(
                        StandardCharsets.UTF_8));
    }

    /** The ONNX import options given ({@code --batch}, {@code --input-size}), as members need them. */
    List<String> importOptions() {
        List<String> o = new ArrayList<>();
        if (workloadFile.batch != null) {
            o.addAll(List.of("--batch", workloadFile.batch.toString()));
        }
        if (workloadFile.inputSize != null) {
            o.addAll(List.of("--input-size", workloadFile.inputSize));
        }
        return o;
    }
}
