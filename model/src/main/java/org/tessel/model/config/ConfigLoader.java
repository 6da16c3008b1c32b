package org.tessel.model.config;

import java.nio.file.Path;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.mapping.TemporalMapping;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.workload.Workload;

/**
 * Loads config files into validated domain values. Every method throws {@link ConfigException}
 * (file, field path, reason) for anything wrong with a file; nothing else escapes for bad input.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** Loads a {@code kind: accelerator} file. */
    public static Accelerator accelerator(Path file) {
        return AcceleratorReader.read(ConfigDocument.read(file).rootOf(ConfigKind.ACCELERATOR));
    }

    /** Loads a {@code kind: workload} file. */
    public static Workload workload(Path file) {
        return WorkloadReader.read(ConfigDocument.read(file).rootOf(ConfigKind.WORKLOAD));
    }

    /** Loads a {@code kind: spatial-mapping} file (checked against a workload by {@link Scenario}). */
    public static SpatialMappings spatialMappings(Path file) {
        return SpatialMappingReader.read(ConfigDocument.read(file).rootOf(ConfigKind.SPATIAL_MAPPING));
    }

    /**
     * Loads a {@code kind: schedule} file and checks it against {@code workload}: same workload
     * name, every compute layer in exactly one stack, stacks in an order that respects the layer
     * graph.
     */
    public static Schedule schedule(Path file, Workload workload) {
        ConfigNode root = ConfigDocument.read(file).rootOf(ConfigKind.SCHEDULE);
        return ScheduleReader.check(root, ScheduleReader.read(root), workload);
    }

    /** Loads a {@code kind: temporal-mapping} file (format: docs/temporal-mapping-format.md). */
    public static TemporalMapping temporalMapping(Path file) {
        return TemporalMappingReader.read(ConfigDocument.read(file).rootOf(ConfigKind.TEMPORAL_MAPPING));
    }

    /**
     * Loads a file of any kind and validates it on its own.
     *
     * @return the kind of the file
     */
    public static ConfigKind validate(Path file) {
        ConfigDocument doc = ConfigDocument.read(file);
        switch (doc.kind()) {
            case ACCELERATOR -> AcceleratorReader.read(doc.root());
            case WORKLOAD -> WorkloadReader.read(doc.root());
            case SPATIAL_MAPPING -> SpatialMappingReader.read(doc.root());
            case SCHEDULE -> ScheduleReader.read(doc.root());
            case TEMPORAL_MAPPING -> TemporalMappingReader.read(doc.root());
        }
        return doc.kind();
    }
}
