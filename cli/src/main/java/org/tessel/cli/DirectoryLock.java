package org.tessel.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tessel.model.BadInputException;

/**
 * An exclusive lock on an output directory for one command (a campaign's {@code --out}): a {@link
 * FileLock} on the directory's lock file, released by the operating system even if the process
 * dies. The file stays behind, empty: removing it would let a second command lock a new file while
 * a first still holds the old one.
 */
final class DirectoryLock implements AutoCloseable {

    /** The lock file's name in the directory. */
    static final String FILE = ".tessel.lock";

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code dir} (which must exist) for {@code what}.
     *
     * @param option the option that named the directory, for the message
     * @throws BadInputException in one line if another command holds it, or the lock file cannot be written
     */
    static DirectoryLock acquire(Path dir, String option, String what) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BadInputException(option + ": cannot write the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new BadInputException(option + ": cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            close(channel);
            throw new BadInputException(option + ": " + dir + " is in use by another " + what + " (it holds " + file
                    + "); wait for it to end or choose another directory");
        }
        return new DirectoryLock(channel);
    }

    /** Releases the lock (closing the channel does). */
    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, or with the process
        }
    }
}
