package org.tessel.cli.io;

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
import java.util.ArrayList;
import java.util.List;
import org.tessel.model.BadInputException;

/**
 * A text file that a long run appends to, one whole line per write, so that an interrupted run
 * loses at most the line being written (the files that are replaced whole go through
 * {@link AtomicFile}). Open for the whole run and locked against a second run ({@link FileLock},
 * released by the operating system even if the process dies). Opening it reads its complete
 * lines; a last line without its line end was cut short by a crash or a full disk: it is cut off
 * the file, with a warning.
 */
public final class LineJournal implements AutoCloseable {

    private final Path file;
    private final String option;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<String> lines;

    private LineJournal(Path file, String option, FileChannel channel, FileLock lock, List<String> lines) {
        this.file = file;
        this.option = option;
        this.channel = channel;
        this.lock = lock;
        this.lines = lines;
    }

    /**
     * Opens (creates) and locks {@code file} and, with {@code keep}, reads its complete lines
     * (without, what it holds is left for {@link #restart}).
     *
     * @param option the command-line option that names the file, for messages
     * @param writer what else would write it ("another sweep"), for the message when it is locked
     * @param err where the warning about a torn last line goes
     * @throws BadInputException if another process holds the file, or it cannot be read or written
     */
    public static LineJournal open(Path file, String option, String writer, boolean keep, PrintWriter err) {
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
                throw new BadInputException(option + ": " + file + " is being written by " + writer
                        + " (it holds the file's lock); wait for it to end or give another " + option);
            }
            List<String> lines = keep ? complete(file, channel, err) : List.of();
            channel.position(channel.size());
            return new LineJournal(file, option, channel, lock, lines);
        } catch (IOException e) {
            close(channel);
            throw new BadInputException(option + ": cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** The complete lines the file held when it was opened, without their line ends. */
    public List<String> lines() {
        return lines;
    }

    /** Empties the file and writes {@code first} as its only line. */
    public void restart(String first) {
        try {
            channel.truncate(0);
            channel.position(0);
            write(channel, first + "\n");
        } catch (IOException e) {
            throw new BadInputException(option + ": cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one line and its line end in one write, straight to the operating system. */
    public void append(String line) {
        try {
            write(channel, line + "\n");
        } catch (IOException e) {
            throw new BadInputException(option + ": cannot write " + file + ": " + e.getMessage(), e);
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

    private static List<String> complete(Path file, FileChannel channel, PrintWriter err) throws IOException {
        long size = channel.size();
        List<String> lines = new ArrayList<>();
        if (size == 0) {
            return List.of();
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        boolean torn = last.get(0) != '\n';
        long kept = 0; // bytes of complete lines
        String tornLine = null;
        channel.position(0);
        // not closed: closing it would close the channel, which the run keeps
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            long end = kept + line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (torn && end > size) {
                tornLine = line;
                break;
            }
            lines.add(line);
            kept = end;
        }
        if (tornLine != null) {
            err.println("warning: " + file + ": the last line was cut short (an interrupted write?) and is dropped; what it"
                    + " held is computed again: '" + BadInputException.oneLine(tornLine) + "'");
            err.flush();
            channel.truncate(kept);
        }
        return List.copyOf(lines);
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
