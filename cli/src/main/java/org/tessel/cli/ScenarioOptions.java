package org.tessel.cli;

import java.nio.file.Path;
import org.tessel.model.config.Scenario;
import picocli.CommandLine.Option;

/** The three config files every evaluation starts from; shared by the subcommands as a mixin. */
final class ScenarioOptions {

    @Option(names = "--workload", required = true, paramLabel = "FILE", description = "workload config (kind: workload)")
    Path workload;

    @Option(names = "--accelerator", required = true, paramLabel = "FILE", description = "accelerator config (kind: accelerator)")
    Path accelerator;

    @Option(names = "--mapping", required = true, paramLabel = "FILE",
            description = "spatial mapping of the workload on this accelerator (kind: spatial-mapping)")
    Path mapping;

    /** Loads and cross-checks the three files. */
    Scenario load() {
        return Scenario.load(workload, accelerator, mapping);
    }
}
