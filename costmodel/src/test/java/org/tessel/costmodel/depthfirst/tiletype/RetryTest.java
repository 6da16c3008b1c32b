package org.tessel.costmodel.depthfirst.tiletype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.model.accelerator.MemoryLevel;

/** The retry rule of spec depthfirst.md §3.7 (g). */
class RetryTest {

    @Test
    void offsetsFollowTheSpecSequence() {
        List<String> seen = new ArrayList<>();
        TileTypeEvaluation.Retry r = TileTypeEvaluation.Retry.NONE;
        for (int i = 0; i < 9; i++) {
            r = r.next();
            seen.add("(" + r.eO() + "," + r.eI() + ")");
        }
        assertEquals(List.of("(1,0)", "(0,1)", "(1,1)", "(2,1)", "(1,2)", "(2,2)", "(3,2)", "(2,3)", "(3,3)"), seen);
    }

    @Test
    void exhaustedOnlyWhenBothOffsetsReachTheirChains() {
        List<MemoryLevel> three = Collections.nCopies(3, null);
        List<MemoryLevel> two = Collections.nCopies(2, null);
        assertFalse(new TileTypeEvaluation.Retry(3, 1).exhausted(three, two));
        assertFalse(new TileTypeEvaluation.Retry(2, 2).exhausted(three, two));
        assertTrue(new TileTypeEvaluation.Retry(3, 2).exhausted(three, two));
        assertTrue(new TileTypeEvaluation.Retry(0, 0).exhausted(List.of(), List.of()));
    }
}
