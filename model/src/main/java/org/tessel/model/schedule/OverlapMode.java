package org.tessel.model.schedule;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the overlap between neighbouring tiles of a depth-first stack is handled
 * (spec depthfirst.md §1.1).
 */
public enum OverlapMode {
    /** Every tile recomputes its whole overlap (reference mode 1). */
    FULLY_RECOMPUTE("fully-recompute", false, false),
    /** Overlap with the left neighbour cached, with the upper neighbour recomputed (mode 2). */
    H_CACHED_V_RECOMPUTE("h-cached-v-recompute", true, false),
    /** Overlap cached in both directions (mode 3). */
    FULLY_CACHED("fully-cached", true, true);

    private final String cliName;
    private final boolean horizontalCaching;
    private final boolean verticalCaching;

    OverlapMode(String cliName, boolean horizontalCaching, boolean verticalCaching) {
        this.cliName = cliName;
        this.horizontalCaching = horizontalCaching;
        this.verticalCaching = verticalCaching;
    }

    /** The name used on the command line and in schedule files. */
    public String cliName() {
        return cliName;
    }

    /** True if overlap along the horizontal (x) direction is cached. */
    public boolean horizontalCaching() {
        return horizontalCaching;
    }

    /** True if overlap along the vertical (y) direction is cached. */
    public boolean verticalCaching() {
        return verticalCaching;
    }

    /** The reference's digit for this mode (1, 2, 3). */
    public int referenceDigit() {
        return ordinal() + 1;
    }

    /** The command-line names of all modes, for messages: {@code fully-recompute, ...}. */
    public static String cliNames() {
        return String.join(", ", Arrays.stream(values()).map(OverlapMode::cliName).toList());
    }

    /** The mode with this command-line name, if any. */
    public static Optional<OverlapMode> fromCliName(String name) {
        return Arrays.stream(values()).filter(m -> m.cliName.equals(name)).findFirst();
    }
}
