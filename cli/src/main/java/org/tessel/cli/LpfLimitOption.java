package org.tessel.cli;

import org.tessel.model.BadInputException;
import picocli.CommandLine.Option;

/** The {@code --lpf-limit} option of every command that searches temporal mappings (a mixin). */
final class LpfLimitOption {

    @Option(names = "--lpf-limit", paramLabel = "N", defaultValue = "6",
            description = "loop prime factor limit of the temporal-mapping search (default: ${DEFAULT-VALUE}, "
                    + "as the reference's main.py; its artifact script uses 8)")
    int value;

    /**
     * The limit.
     *
     * @throws BadInputException if it is below 1 (reported as bad input)
     */
    int get() {
        if (value < 1) {
            throw new BadInputException("--lpf-limit must be at least 1, got " + value);
        }
        return value;
    }
}
