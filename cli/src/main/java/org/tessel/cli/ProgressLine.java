package org.tessel.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.OptionalDouble;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;
import org.tessel.model.search.Budget;

/**
 * The progress line of a search on standard error: how much is done out of how much there is
 * (e.g. {@code 3,500/9,411 stacks}), the rate, the time elapsed and an ETA. The rate is measured
 * over the last {@link #WINDOW} (stacks do not all cost the same: the exhaustive search costs
 * long stacks first, so an average since the start would overstate the time left); the ETA is
 * the work left at that rate, never later than the end of a wall-time budget, and "ETA unknown"
 * while there is neither a measured rate towards a total nor a time budget. One instance per bar;
 * the bar calls it from its own thread.
 */
final class ProgressLine implements ProgressBarRenderer {

    /** How far back the rate is measured. */
    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final int BAR_WIDTH = 20;

    /** A count at a time. */
    private record Sample(long nanos, long done) {}

    private final String unit;
    private final long startNanos;
    private final Duration timeBudget;
    private final boolean bar;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /**
     * @param unit what is counted, e.g. {@code stacks}
     * @param startNanos when the budget started ({@link System#nanoTime()})
     * @param timeBudget the wall-time budget, or {@link Budget#NO_TIME_LIMIT}
     * @param bar draw a bar (on a terminal; a log gets the line only)
     */
    ProgressLine(String unit, long startNanos, Duration timeBudget, boolean bar) {
        this.unit = unit;
        this.startNanos = startNanos;
        this.timeBudget = timeBudget;
        this.bar = bar;
        samples.add(new Sample(startNanos, 0));
    }

    @Override
    public String render(ProgressState state, int maxLength) {
        String line = line(state.getTaskName(), state.getCurrent(), state.isIndefinite() ? -1 : state.getMax(),
                System.nanoTime());
        String extra = state.getExtraMessage();
        if (extra != null && !extra.isEmpty()) {
            line = line + ", " + extra;
        }
        return maxLength > 0 && line.length() > maxLength ? line.substring(0, maxLength) : line;
    }

    /**
     * The line for {@code done} of {@code total} ({@code -1}: no total) at time {@code nowNanos};
     * records the sample for the rate.
     */
    synchronized String line(String task, long done, long total, long nowNanos) {
        OptionalDouble rate = sample(nowNanos, done);
        StringBuilder sb = new StringBuilder(task);
        if (total > 0) {
            double share = Math.min(1, (double) done / total);
            sb.append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(100 * share)));
            if (bar) {
                int filled = (int) Math.round(BAR_WIDTH * share);
                sb.append(" [").append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append(']');
            }
            sb.append(String.format(Locale.ROOT, " %,d/%,d %s", done, total, unit));
        } else {
            sb.append(String.format(Locale.ROOT, " %,d %s", done, unit));
        }
        if (rate.isPresent()) {
            sb.append(String.format(Locale.ROOT, ", %.1f/s", rate.getAsDouble()));
        }
        Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
        sb.append(", ").append(clock(elapsed)).append(" elapsed, ").append(eta(done, total, rate, elapsed));
        return sb.toString();
    }

    /**
     * The ETA text: the work left at the measured rate, or the end of the wall-time budget if that
     * comes first (or is all there is to go by).
     */
    private String eta(long done, long total, OptionalDouble rate, Duration elapsed) {
        Duration budgetLeft = timeBudget.equals(Budget.NO_TIME_LIMIT) ? null
                : timeBudget.minus(elapsed).isNegative() ? Duration.ZERO : timeBudget.minus(elapsed);
        Duration work = null;
        if (total > 0 && rate.isPresent()) {
            work = Duration.ofMillis((long) Math.ceil(1000 * Math.max(0, total - done) / rate.getAsDouble()));
        }
        if (work != null && (budgetLeft == null || work.compareTo(budgetLeft) <= 0)) {
            return "ETA " + clock(work);
        }
        return budgetLeft != null ? "ETA " + clock(budgetLeft) + " (time budget)" : "ETA unknown";
    }

    /** Adds a sample and returns the rate per second over the window, if anything was done in it. */
    private OptionalDouble sample(long nowNanos, long done) {
        samples.addLast(new Sample(nowNanos, done));
        long windowStart = nowNanos - WINDOW.toNanos();
        // keep the last sample at or before the window's start: the rate covers the whole window
        while (samples.size() > 2) {
            Sample oldest = samples.removeFirst();
            if (samples.getFirst().nanos() > windowStart) {
                samples.addFirst(oldest);
                break;
            }
        }
        Sample first = samples.getFirst();
        if (done <= first.done() || nowNanos <= first.nanos()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((done - first.done()) * 1e9 / (nowNanos - first.nanos()));
    }

    /** h:mm:ss. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
