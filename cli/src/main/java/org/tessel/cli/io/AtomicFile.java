package org.tessel.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.tessel.model.BadInputException;

/**
 * Writes a whole file or nothing: the content goes to a temporary file beside it, which then
 * replaces the file in one rename. An interrupted or failed write leaves neither half a file nor
 * the temporary one behind. Every file the command line writes whole goes through here (the files
 * long runs append to line by line go through {@link LineJournal}).
 */
public final class AtomicFile {

    /** What is written into the temporary file that becomes the output. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /** Writes {@code bytes} to {@code file}; see {@link #write(Path, Content)}. */
    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes {@code file} atomically.
     *
     * @throws BadInputException if the file cannot be written (a file the user named)
     */
    public static void write(Path file, Content content) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            tmp = Files.createTempFile(dir, ".tessel", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            if (Files.isDirectory(file)) {
                throw new IOException("it is a directory");
            }
            keepReadable(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            // a file-system exception's message is mostly the path again: its reason says more
            String why = e instanceof FileSystemException f ? (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName())
                    : e.getMessage();
            throw new BadInputException("cannot write " + file + ": " + why, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more can be done about a temporary file that cannot be deleted
                }
            }
        }
    }

    /**
     * Temporary files are private to their owner (rw-------); a result is shared like any file a
     * user writes (rw-r--r--), where the file system has POSIX permissions.
     */
    private static void keepReadable(Path tmp) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
