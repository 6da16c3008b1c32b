package org.tessel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tessel.model.BadInputException;

/**
 * Checks of the output files a command is asked to write. Long runs (search, compare) check them
 * before any work, so that a mistyped directory does not waste the run.
 */
final class OutputFile {

    private OutputFile() {}

    /**
     * Refuses {@code file} (given with {@code option}) if its directory does not exist; null is
     * accepted (the option was not given).
     *
     * @throws BadInputException naming the option and the file (reported as bad input)
     */
    static void requireDirectory(Path file, String option) {
        if (file != null && !Files.isDirectory(file.toAbsolutePath().getParent())) {
            throw new BadInputException(option + ": cannot write " + file + ": its directory does not exist");
        }
    }
}
