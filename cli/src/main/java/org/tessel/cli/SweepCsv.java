package org.tessel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.tessel.model.BadInputException;

/**
 * The CSV file of one {@code tessel sweep}, open for the whole run and locked against a second
 * sweep ({@link FileLock}, released by the operating system even if the process dies). Rows are
 * appended one whole line per write as they finish, so a crash can tear only the last line; a
 * resumed sweep finds it (no line end), drops it with a warning and runs its point again.
 */
final class SweepCsv implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Set<String> done;

    private SweepCsv(Path file, FileChannel channel, FileLock lock, Set<String> done) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.done = done;
    }

    /**
     * Opens and locks {@code file}: with {@code resume}, keeps its complete rows (a torn last line
     * is cut off, with a warning on {@code err}); else, or if it is empty, starts it anew with the
     * header.
     *
     * @throws BadInputException if another sweep holds the file, it is not a sweep CSV, or it
     *     cannot be read or written
     */
    static SweepCsv open(Path file, boolean resume, String header, PrintWriter err) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new BadInputException("--csv: " + file + " is being written by another sweep (it holds the file's lock);"
                        + " wait for it to end or give another --csv");
            }
            Set<String> done = new HashSet<>();
            if (resume && channel.size() > 0) {
                done = complete(file, channel, header, err);
            }
            if (!resume || channel.size() == 0) {
                // a new sweep, or nothing kept (also if a crash tore the header itself): the header alone
                channel.truncate(0);
                channel.position(0);
                write(channel, header + "\n");
            }
            channel.position(channel.size());
            return new SweepCsv(file, channel, lock, done);
        } catch (IOException e) {
            close(channel);
            throw new BadInputException("--csv: cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** The keys ({@link SweepGrid.Point#key()}) of the rows already in the file. */
    Set<String> done() {
        return Set.copyOf(done);
    }

    /** Appends one row and its line end in one write, straight to the operating system. */
    void append(String row) {
        try {
            write(channel, row + "\n");
        } catch (IOException e) {
            throw new BadInputException("--csv: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    /**
     * The keys of the file's complete rows; a last line without its line end was cut short by a
     * crash or a full disk: it is cut off the file, said on {@code err}, and its point runs again.
     */
    private static Set<String> complete(Path file, FileChannel channel, String header, PrintWriter err) throws IOException {
        long size = channel.size();
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        boolean torn = last.get(0) != '\n';
        int fields = header.split(",", -1).length;
        Set<String> done = new HashSet<>();
        long kept = 0; // bytes of complete lines
        String tornLine = null;
        channel.position(0);
        // not closed: closing it would close the channel, which the sweep keeps
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        long lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            long end = kept + line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (torn && end > size) {
                tornLine = line;
                break;
            }
            if (lineNumber == 1) {
                if (!line.equals(header)) {
                    throw new BadInputException("--resume: " + file + " is not a sweep CSV (its header differs)");
                }
            } else {
                String[] f = line.split(",", -1);
                if (f.length != fields) {
                    throw new BadInputException("--resume: " + file + " line " + lineNumber + " has " + f.length + " fields, not "
                            + fields + ": not a sweep row; remove it or start the sweep anew");
                }
                done.add(f[0] + "," + f[1] + "," + f[2]);
            }
            kept = end;
        }
        if (tornLine != null) {
            err.println("warning: " + file + ": the last line was cut short (an interrupted write?) and is dropped; its point"
                    + " runs again: '" + BadInputException.oneLine(tornLine) + "'");
            err.flush();
            channel.truncate(kept);
        }
        return done;
    }

    private static void write(FileChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it that a close could lose
            }
        }
    }
}
