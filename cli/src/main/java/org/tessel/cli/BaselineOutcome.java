package org.tessel.cli;

import java.util.Locale;

/**
 * What the baseline step of {@code tessel search} came to. The search's result never depends on
 * it: the result is reported first, and a baseline that is skipped, stopped, interrupted or fails
 * only leaves a note.
 *
 * @param kind what happened
 * @param baseline the best candidate evaluated ({@link Kind#COMPLETE}, {@link Kind#PARTIAL}), else null
 * @param failure the failure's type and message ({@link Kind#FAILED}), else null
 */
record BaselineOutcome(Kind kind, Baseline baseline, String failure) {

    /** What happened to the baseline. */
    enum Kind {
        /** Every candidate was evaluated. */
        COMPLETE,
        /** The wall-time budget ran out after some candidates: the best of those. */
        PARTIAL,
        /** Every candidate was evaluated and none is feasible. */
        NONE_FEASIBLE,
        /** Not yet computed: the search's result is written before the baseline runs. */
        PENDING,
        /** The search spent the wall-time budget: no time left for the baseline. */
        SKIPPED,
        /** It failed with an exception (reported as a warning). */
        FAILED,
        /** Ctrl-C came first. */
        INTERRUPTED
    }

    /** The baseline of every candidate, a partial one, or none feasible. */
    static BaselineOutcome of(Baseline baseline) {
        if (baseline == null) {
            return new BaselineOutcome(Kind.NONE_FEASIBLE, null, null);
        }
        return new BaselineOutcome(baseline.complete() ? Kind.COMPLETE : Kind.PARTIAL, baseline, null);
    }

    static BaselineOutcome pending() {
        return new BaselineOutcome(Kind.PENDING, null, null);
    }

    static BaselineOutcome skipped() {
        return new BaselineOutcome(Kind.SKIPPED, null, null);
    }

    static BaselineOutcome interrupted() {
        return new BaselineOutcome(Kind.INTERRUPTED, null, null);
    }

    static BaselineOutcome failed(Throwable e) {
        return new BaselineOutcome(Kind.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Why the baseline is missing or partial (the JSON's {@code baseline_note}); null if it is complete. */
    String note() {
        return switch (kind) {
            case COMPLETE -> null;
            case PARTIAL -> String.format(Locale.ROOT, "baseline stopped: budget spent after %d of %d candidates",
                    baseline.candidates(), baseline.total());
            case NONE_FEASIBLE -> "no feasible baseline candidate";
            case PENDING -> "baseline pending: not computed when this was written";
            case SKIPPED -> "baseline skipped: budget spent";
            case FAILED -> "baseline failed: " + failure;
            case INTERRUPTED -> "baseline not computed: interrupted";
        };
    }
}
