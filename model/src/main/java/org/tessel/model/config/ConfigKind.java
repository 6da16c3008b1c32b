package org.tessel.model.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of config file; every file names its kind in its {@code kind:} field. */
public enum ConfigKind {
    ACCELERATOR("accelerator"),
    WORKLOAD("workload"),
    SPATIAL_MAPPING("spatial-mapping"),
    SCHEDULE("schedule"),
    TEMPORAL_MAPPING("temporal-mapping"),
    /** A batch of search runs ({@code tessel campaign}); read by the cluster module. */
    CAMPAIGN("campaign"),
    /** The members of a Hazelcast cluster ({@code --cluster}); read by the cluster module. */
    CLUSTER("cluster");

    private final String fileName;

    ConfigKind(String fileName) {
        this.fileName = fileName;
    }

    /** The value of {@code kind:} in files of this kind. */
    public String fileName() {
        return fileName;
    }

    /** The kind named {@code name} in a file, if any. */
    public static Optional<ConfigKind> fromFileName(String name) {
        return Arrays.stream(values()).filter(k -> k.fileName.equals(name)).findFirst();
    }

    /** The accepted {@code kind:} values, for error messages. */
    public static String accepted() {
        return Arrays.stream(values()).map(ConfigKind::fileName).collect(Collectors.joining(", "));
    }
}
