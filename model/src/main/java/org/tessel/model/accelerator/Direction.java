package org.tessel.model.accelerator;

import java.util.Arrays;
import java.util.Optional;

/** A direction of data movement at one memory level (spec zigzag-inputs.md §3.3). */
public enum Direction {
    /** Written with data coming from the level above ({@code fh}). */
    WR_IN_BY_HIGH("wr_in_by_high"),
    /** Read to feed the level below or the MACs ({@code tl}). */
    RD_OUT_TO_LOW("rd_out_to_low"),
    /** Written by the level below: outputs and partial sums ({@code fl}). */
    WR_IN_BY_LOW("wr_in_by_low"),
    /** Read to send data to the level above ({@code th}). */
    RD_OUT_TO_HIGH("rd_out_to_high");

    private final String configName;

    Direction(String configName) {
        this.configName = configName;
    }

    /** The name used in config files. */
    public String configName() {
        return configName;
    }

    /** The direction with this config name, if any. */
    public static Optional<Direction> fromConfigName(String name) {
        return Arrays.stream(values()).filter(d -> d.configName.equals(name)).findFirst();
    }

    /** True for the two write directions. */
    public boolean isWrite() {
        return this == WR_IN_BY_HIGH || this == WR_IN_BY_LOW;
    }
}
