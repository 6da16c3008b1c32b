package org.tessel.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tessel.model.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The type of every option naming a file Tessel writes ({@code --json}, {@code --csv},
 * {@code --schedule-out}, {@code --chart}, {@code --out}, ...): declare it with
 * {@code converter = OutputFile.class} and the command line checks it before the command does any
 * work ({@link #checkAll}, run by {@link TesselCommand#commandLine()}), so a mistyped path costs
 * nothing; files are then written atomically ({@link org.tessel.cli.io.AtomicFile}).
 */
final class OutputFile implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a file name: " + e.getReason());
        }
    }

    /**
     * Checks every output-file option given to the command of {@code parseResult} or to its
     * subcommands.
     *
     * @throws BadInputException for the first that cannot be written
     */
    static void checkAll(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            for (OptionSpec option : r.matchedOptions()) {
                boolean output = option.converters() != null
                        && java.util.Arrays.stream(option.converters()).anyMatch(OutputFile.class::isInstance);
                if (output && option.getValue() instanceof Path file) {
                    requireWritable(file, option.longestName());
                }
            }
        }
    }

    /** {@link #requireWritable}, under the name earlier callers know. */
    static void requireDirectory(Path file, String option) {
        requireWritable(file, option);
    }

    /**
     * Refuses {@code file} (given with {@code option}) if it cannot be written: it is a directory,
     * its directory does not exist or is not one, or no file can be created there. Nothing is
     * left behind by the check. Null is accepted (the option was not given).
     *
     * @throws BadInputException naming the option, the file and the reason
     */
    static void requireWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            // worded as the writers' own failure always was: "cannot write FILE: ..."
            throw new BadInputException("cannot write " + file + ": it is a directory (" + option + " takes a file name)");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.exists(dir)) {
            throw new BadInputException(option + ": cannot write " + file + ": its directory does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(option + ": cannot write " + file + ": " + dir + " is not a directory");
        }
        if (Files.exists(file) && !(Files.isRegularFile(file) && Files.isWritable(file))) {
            throw new BadInputException(option + ": cannot write " + file + ": it exists and is not a writable file");
        }
        try {
            // the only true test of a directory (permissions, read-only file systems, root's rights)
            Files.delete(Files.createTempFile(dir, ".tessel", ".probe"));
        } catch (IOException | SecurityException e) {
            String reason = e instanceof FileSystemException fse && fse.getReason() != null ? ": " + fse.getReason() : "";
            throw new BadInputException(option + ": cannot write " + file + ": cannot create files in " + dir + reason);
        }
    }
}
