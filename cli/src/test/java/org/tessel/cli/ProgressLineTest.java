package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tessel.model.search.Budget;

/** The search's progress line: done / total, the rate over the last minute and an ETA from it. */
class ProgressLineTest {

    static final long T0 = 1_000_000_000_000L;

    static long at(double seconds) {
        return T0 + (long) (seconds * 1e9);
    }

    @Test
    void etaIsUnknownUntilARateIsMeasured() {
        ProgressLine line = new ProgressLine("stacks", T0, Budget.NO_TIME_LIMIT, false);
        assertEquals("exhaustive   0% 0/9,411 stacks, 0:00:00 elapsed, ETA unknown", line.line("exhaustive", 0, 9411, T0));
        assertEquals("exhaustive   0% 0/9,411 stacks, 0:00:07 elapsed, ETA unknown",
                line.line("exhaustive", 0, 9411, at(7)));
    }

    @Test
    void etaIsTheWorkLeftAtTheMeasuredRate() {
        ProgressLine line = new ProgressLine("stacks", T0, Budget.NO_TIME_LIMIT, false);
        line.line("exhaustive", 0, 1000, at(0));
        assertEquals("exhaustive  10% 100/1,000 stacks, 10.0/s, 0:00:10 elapsed, ETA 0:01:30",
                line.line("exhaustive", 100, 1000, at(10)));
    }

    @Test
    void theRateIsMeasuredOverTheLastMinuteOnly() {
        ProgressLine line = new ProgressLine("stacks", T0, Budget.NO_TIME_LIMIT, false);
        // slow long stacks first, then fast short ones: the ETA follows the recent rate
        line.line("exhaustive", 100, 10_000, at(100));
        line.line("exhaustive", 100, 10_000, at(140));
        String now = line.line("exhaustive", 1300, 10_000, at(200));
        assertTrue(now.contains("20.0/s"), now); // (1300 - 100) stacks in the 60 s since 140 s
        assertTrue(now.endsWith("ETA 0:07:15"), now); // 8,700 left at 20/s
    }

    @Test
    void aTimeBudgetCapsTheEta() {
        ProgressLine line = new ProgressLine("stacks", T0, Duration.ofSeconds(30), false);
        assertEquals("exhaustive   0% 0/9,411 stacks, 0:00:00 elapsed, ETA 0:00:30 (time budget)",
                line.line("exhaustive", 0, 9411, T0));
        assertTrue(line.line("exhaustive", 100, 9411, at(10)).endsWith("ETA 0:00:20 (time budget)"));
        ProgressLine fast = new ProgressLine("stacks", T0, Duration.ofSeconds(300), false);
        assertTrue(fast.line("exhaustive", 100, 200, at(10)).endsWith("ETA 0:00:10"));
    }

    @Test
    void withoutATotalOnlyATimeBudgetGivesAnEta() {
        ProgressLine open = new ProgressLine("stacks", T0, Budget.NO_TIME_LIMIT, false);
        assertEquals("genetic 250 stacks, 25.0/s, 0:00:10 elapsed, ETA unknown", open.line("genetic", 250, -1, at(10)));
        ProgressLine timed = new ProgressLine("stacks", T0, Duration.ofSeconds(60), false);
        assertEquals("genetic 250 stacks, 25.0/s, 0:00:10 elapsed, ETA 0:00:50 (time budget)",
                timed.line("genetic", 250, -1, at(10)));
    }

    @Test
    void aTerminalGetsABar() {
        ProgressLine line = new ProgressLine("stacks", T0, Budget.NO_TIME_LIMIT, true);
        assertTrue(line.line("exhaustive", 50, 100, at(5)).startsWith("exhaustive  50% [==========          ] 50/100 stacks"));
    }
}
