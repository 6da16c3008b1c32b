package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tessel.cli.io.LineJournal;
import org.tessel.model.BadInputException;

/**
 * The CSV file of one {@code tessel sweep}, open for the whole run and locked against a second
 * sweep ({@link LineJournal}). Rows are appended one whole line per write as they finish, so a
 * crash can tear only the last line; a resumed sweep finds it (no line end), drops it with a
 * warning and runs its point again.
 */
final class SweepCsv implements AutoCloseable {

    private final LineJournal journal;
    private final Set<String> done;

    private SweepCsv(LineJournal journal, Set<String> done) {
        this.journal = journal;
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
        LineJournal journal = LineJournal.open(file, "--csv", "another sweep", resume, err);
        try {
            List<String> lines = journal.lines();
            if (lines.isEmpty()) {
                // a new sweep, or nothing kept (also if a crash tore the header itself): the header alone
                journal.restart(header);
                return new SweepCsv(journal, Set.of());
            }
            return new SweepCsv(journal, done(file, lines, header));
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** The keys ({@link SweepGrid.Point#key()}) of the rows already in the file. */
    Set<String> done() {
        return Set.copyOf(done);
    }

    /** Appends one row and its line end in one write, straight to the operating system. */
    void append(String row) {
        journal.append(row);
    }

    @Override
    public void close() {
        journal.close();
    }

    /** The keys of the file's rows, after its header. */
    private static Set<String> done(Path file, List<String> lines, String header) {
        if (!lines.getFirst().equals(header)) {
            throw new BadInputException("--resume: " + file + " is not a sweep CSV (its header differs)");
        }
        int fields = header.split(",", -1).length;
        Set<String> done = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != fields) {
                throw new BadInputException("--resume: " + file + " line " + (i + 1) + " has " + f.length + " fields, not "
                        + fields + ": not a sweep row; remove it or start the sweep anew");
            }
            done.add(f[0] + "," + f[1] + "," + f[2]);
        }
        return done;
    }
}
