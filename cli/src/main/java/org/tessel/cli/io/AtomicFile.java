package org.tessel.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.tessel.model.BadInputException;

/**
 * Writes a whole file or nothing: the bytes go to a temporary file beside it, which then replaces
 * the file in one rename. An interrupted or failed write leaves neither half a file nor the
 * temporary one behind.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /**
     * Temporary files are private to their owner (rw-------); a result is shared like any file a
     * user writes (rw-r--r--), where the file system has POSIX permissions.
     */
    private static void keepReadable(Path tmp) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Writes {@code bytes} to {@code file}.
     *
     * @param option the option that named the file, for the message
     * @throws BadInputException if the file cannot be written (a place the user named)
     */
    public static void write(Path file, byte[] bytes, String option) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tessel", ".tmp");
            Files.write(tmp, bytes);
            keepReadable(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed already; that is the error worth reporting
                }
            }
            throw new BadInputException(option + ": cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
