package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.tessel.model.config.ScheduleWriter;

/**
 * Where the report of one {@code tessel search} goes — standard output, {@code --json},
 * {@code --schedule-out} — in an order that never loses the result: the search's result is
 * printed and written as soon as the search ends ({@link #result}), and only then does the
 * baseline run and get added ({@link #baseline}), so that nothing that happens after the search
 * (the baseline failing, a report or a file failing) costs its result. Every step is tried even if
 * an earlier one failed; the failures are rethrown at the end ({@link #rethrowFailures}). Ctrl-C's
 * shutdown hook ({@link #interrupted}) and the main thread take turns through this object's lock:
 * whichever comes first at each stage reports it, and nothing is reported twice.
 */
final class SearchOutput {

    /** How far the report has got. */
    private enum Stage {
        /** Nothing reported yet. */
        SEARCHING,
        /** The result is out; the baseline may be running. */
        RESULT_REPORTED,
        /** Everything is out. */
        DONE
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Path json;
    private final Path scheduleOut;
    private final List<RuntimeException> failures = new ArrayList<>();
    /** Files that could not be written once: not tried again, so their failure is reported once. */
    private final Set<Path> failedFiles = new HashSet<>();
    private Stage stage = Stage.SEARCHING;

    /**
     * @param json the {@code --json} file, or null
     * @param scheduleOut the {@code --schedule-out} file, or null
     */
    SearchOutput(PrintWriter out, PrintWriter err, Path json, Path scheduleOut) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.scheduleOut = scheduleOut;
    }

    /**
     * Reports the search's result (baseline pending): prints it, writes the schedule file and the
     * JSON.
     *
     * @return false if Ctrl-C has already reported the run
     */
    synchronized boolean result(SearchReport report) {
        if (stage != Stage.SEARCHING) {
            return false;
        }
        stage = Stage.RESULT_REPORTED;
        attempt(() -> report.printResult(out));
        writeSchedule(report);
        writeJson(report, true);
        return true;
    }

    /** Adds the baseline: prints it and writes the JSON again, now with it. */
    synchronized void baseline(SearchReport report) {
        if (stage != Stage.RESULT_REPORTED) {
            return;
        }
        stage = Stage.DONE;
        attempt(() -> report.printBaseline(out));
        writeJson(report, false);
    }

    /**
     * Ctrl-C: reports whatever is not out yet — the whole report (from {@code soFar}, the best so
     * far) if the search was still running, else that the baseline was interrupted.
     */
    synchronized void interrupted(Supplier<SearchReport> soFar) {
        switch (stage) {
            case SEARCHING -> {
                SearchReport report = soFar.get();
                attempt(() -> report.print(out));
                writeSchedule(report);
                writeJson(report, true);
            }
            case RESULT_REPORTED -> {
                SearchReport report = soFar.get();
                attempt(() -> {
                    out.println("Interrupted while evaluating the baseline.");
                    report.printBaseline(out);
                });
                writeJson(report, false);
            }
            case DONE -> {
                return;
            }
        }
        stage = Stage.DONE;
        // the exit status is the JVM's now: say on standard error what could not be done
        for (RuntimeException e : failures) {
            err.println("error: " + e.getMessage());
        }
        err.flush();
    }

    /** Throws the first failure (the others added as suppressed), if any step failed. */
    synchronized void rethrowFailures() {
        if (failures.isEmpty()) {
            return;
        }
        RuntimeException first = failures.getFirst();
        failures.subList(1, failures.size()).forEach(first::addSuppressed);
        throw first;
    }

    private void writeSchedule(SearchReport report) {
        var best = report.result().best();
        if (scheduleOut != null && best.isPresent() && !failedFiles.contains(scheduleOut)) {
            attempt(scheduleOut, () -> {
                ScheduleWriter.write(scheduleOut, report.setup().scenario().workload().name(), best.get().schedule());
                out.println("Wrote " + scheduleOut);
            });
        }
    }

    /** Writes the JSON; says so the first time only (later writes add the baseline to it). */
    private void writeJson(SearchReport report, boolean first) {
        if (json != null && !failedFiles.contains(json)) {
            attempt(json, () -> {
                JsonFile.write(json, report.json());
                if (first) {
                    out.println("Wrote " + json);
                }
            });
        }
    }

    private void attempt(Runnable step) {
        attempt(null, step);
    }

    private void attempt(Path file, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
            if (file != null) {
                failedFiles.add(file);
            }
        } finally {
            out.flush();
        }
    }
}
