package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tessel.model.BadInputException;
import org.tessel.model.schedule.OverlapMode;

/**
 * A sweep's grid is a lazy product: any size takes the memory of its axes only, and a grid of
 * more than a million points needs {@code --yes} (issue 13, item 5).
 */
class SweepGridTest {

    private static String sizes(long n) {
        return LongStream.rangeClosed(1, n).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    @Test
    void aGridOfThirtyMillionPointsIsNotMaterialised() {
        // 30 million points as objects would take gigabytes: a product built eagerly fails here
        long before = usedHeap();
        SweepGrid grid = SweepGrid.parse(sizes(5000) + "x" + sizes(2000), List.of(OverlapMode.values()));
        assertEquals(30_000_000L, grid.size());
        Iterator<SweepGrid.Point> points = grid.iterator();
        assertEquals("1,1,fully-recompute", points.next().key());
        assertEquals("1,2,fully-recompute", points.next().key());
        assertTrue(usedHeap() - before < 64L << 20, "the grid holds its axes only");
        assertEquals(2L, grid.countOf(Set.of("1,1,fully-recompute", "5000,2000,fully-cached", "5001,1,fully-cached", "x")));
    }

    @Test
    void pointsComeModeByModeThenWidthThenHeightAndEachSizeOnce() {
        SweepGrid grid = SweepGrid.parse("4,8,4x1,2", List.of(OverlapMode.FULLY_CACHED));
        List<String> keys = new java.util.ArrayList<>();
        grid.forEach(p -> keys.add(p.key()));
        assertEquals(List.of("4,1,fully-cached", "4,2,fully-cached", "8,1,fully-cached", "8,2,fully-cached"), keys);
    }

    @Test
    void aGridOfMoreThanAMillionPointsNeedsYes() {
        SweepGrid grid = SweepGrid.parse(sizes(5000) + "x" + sizes(2000), List.of(OverlapMode.values()));
        BadInputException e = assertThrows(BadInputException.class, () -> grid.requireConfirmedIfLarge(false));
        assertEquals("--tiles: the grid has 30,000,000 points (3 modes x 5,000 widths x 2,000 heights), more than 1,000,000;"
                + " add --yes to run them all, or give fewer sizes", e.getMessage());
        grid.requireConfirmedIfLarge(true);
        SweepGrid.parse(sizes(1000) + "x" + sizes(1000), List.of(OverlapMode.FULLY_CACHED)).requireConfirmedIfLarge(false);
    }

    @Test
    void theCommandAsksForYesBeforeLoadingAnything() {
        CommandLineTest.Run r = CommandLineTest.run(EvaluateAndSweepTest.cmd("sweep", "--tiles", sizes(5000) + "x" + sizes(2000),
                "--csv", "/tmp/never-written.csv"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: --tiles: the grid has 30,000,000 points"), r.err());
        assertEquals("", r.out());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
