package org.tessel.model.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The best-so-far of a search: the lowest objective value offered, and a {@link TracePoint} at
 * every improvement, with the evaluation count at which it was found. Not thread-safe.
 */
public final class Trace {

    private final List<TracePoint> points = new ArrayList<>();
    private double best = Double.POSITIVE_INFINITY;

    /** Records {@code value}, found after {@code evaluations}, if it is lower than the best so far. */
    public void offer(long evaluations, double value) {
        if (value < best) {
            best = value;
            points.add(new TracePoint(evaluations, value));
        }
    }

    /** The lowest value offered (+∞ if none). */
    public double best() {
        return best;
    }

    /** A point at every improvement, in order. */
    public List<TracePoint> points() {
        return List.copyOf(points);
    }
}
