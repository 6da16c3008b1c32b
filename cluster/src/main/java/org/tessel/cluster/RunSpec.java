package org.tessel.cluster;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Arrays;
import java.util.List;

/**
 * One work unit: a whole search run, or one sweep point, as the three config files it reads and the
 * command's options other than the files ({@code --strategy genetic --seed 2 ...}); or the costing
 * problem of a distributed exhaustive search ({@link ClusterStackCoster}). Whole runs and sweep points, not single evaluations:
 * an evaluation takes microseconds to milliseconds, a remote call as long.
 *
 * @param kind what the unit is: which command's code runs it on a member
 * @param workload the workload file
 * @param accelerator the accelerator file
 * @param mapping the spatial-mapping file
 * @param options the command's options, in order
 */
public record RunSpec(UnitKind kind, ConfigFile workload, ConfigFile accelerator, ConfigFile mapping, List<String> options) {

    public RunSpec {
        java.util.Objects.requireNonNull(kind);
        options = List.copyOf(options);
    }

    /** A campaign's search run. */
    public RunSpec(ConfigFile workload, ConfigFile accelerator, ConfigFile mapping, List<String> options) {
        this(UnitKind.SEARCH_RUN, workload, accelerator, mapping, options);
    }

    /** A short fingerprint of the kind, the files and the options: the same problem on every machine. */
    public String fingerprint() {
        return ConfigFile.fingerprintOf(String.join("\u0000", kind.name(), workload.fingerprint(), accelerator.fingerprint(),
                mapping.fingerprint(), String.join("\u0000", options)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Compact serialization. */
    static final class Serializer implements CompactSerializer<RunSpec> {
        @Override
        public RunSpec read(CompactReader reader) {
            return new RunSpec(UnitKind.valueOf(reader.readString("kind")), reader.readCompact("workload"), reader.readCompact("accelerator"), reader.readCompact("mapping"),
                    Arrays.asList(reader.readArrayOfString("options")));
        }

        @Override
        public void write(CompactWriter writer, RunSpec spec) {
            writer.writeString("kind", spec.kind.name());
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
