package org.tessel.cluster;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Arrays;
import java.util.List;

/**
 * One work unit: a whole search run, as the three config files it reads and the {@code tessel
 * search} options other than the files ({@code --strategy genetic --seed 2 ...}). Whole runs, not
 * single evaluations: an evaluation takes microseconds to milliseconds, a remote call as long.
 *
 * @param workload the workload file
 * @param accelerator the accelerator file
 * @param mapping the spatial-mapping file
 * @param options the search options, in order
 */
public record RunSpec(ConfigFile workload, ConfigFile accelerator, ConfigFile mapping, List<String> options) {

    public RunSpec {
        options = List.copyOf(options);
    }

    /** Compact serialization. */
    static final class Serializer implements CompactSerializer<RunSpec> {
        @Override
        public RunSpec read(CompactReader reader) {
            return new RunSpec(reader.readCompact("workload"), reader.readCompact("accelerator"), reader.readCompact("mapping"),
                    Arrays.asList(reader.readArrayOfString("options")));
        }

        @Override
        public void write(CompactWriter writer, RunSpec spec) {
            writer.writeCompact("workload", spec.workload);
            writer.writeCompact("accelerator", spec.accelerator);
            writer.writeCompact("mapping", spec.mapping);
            writer.writeArrayOfString("options", spec.options.toArray(String[]::new));
        }

        @Override
        public String getTypeName() {
            return "tessel.RunSpec";
        }

        @Override
        public Class<RunSpec> getCompactClass() {
            return RunSpec.class;
        }
    }
}
