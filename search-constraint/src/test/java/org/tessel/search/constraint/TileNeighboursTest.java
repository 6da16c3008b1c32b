package org.tessel.search.constraint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileGrid;
import org.tessel.search.toy.ToyWorkloads;

/** Tile moves step to geometric neighbours, whatever the order of the candidate list. */
class TileNeighboursTest {

    /** 64x64 outputs: widths and heights 1, 2, 4, 8, 16, 32, 64: a 7x7 grid with 64x64 as the whole output. */
    static final ScheduleSpace SPACE = ScheduleSpace.of(ToyWorkloads.chain6());
    static final TileNeighbours TILES = new TileNeighbours(SPACE);

    static Set<TileSize> neighbours(TileSize t) {
        List<TileSize> candidates = SPACE.tileCandidates(0);
        return Arrays.stream(TILES.of(0, candidates.indexOf(t))).mapToObj(candidates::get).collect(Collectors.toSet());
    }

    @Test
    void anInnerTileHasItsEightGridNeighbours() {
        assertEquals(Set.of(TileSize.of(4, 8), TileSize.of(8, 8), TileSize.of(16, 8), TileSize.of(4, 16),
                TileSize.of(16, 16), TileSize.of(4, 32), TileSize.of(8, 32), TileSize.of(16, 32)),
                neighbours(TileSize.of(8, 16)));
    }

    @Test
    void theWholeOutputIsTheCornerOfTheGrid() {
        assertEquals(Set.of(TileSize.of(32, 32), TileSize.of(64, 32), TileSize.of(32, 64)),
                neighbours(TileSize.wholeOutput()));
        assertTrue(neighbours(TileSize.of(64, 32)).contains(TileSize.wholeOutput()));
        assertEquals(Set.of(TileSize.of(2, 1), TileSize.of(1, 2), TileSize.of(2, 2)), neighbours(TileSize.of(1, 1)));
    }

    @Test
    void theMiddleOfTheGridAndTranslationsBetweenUnits() {
        List<TileSize> candidates = SPACE.tileCandidates(0);
        assertEquals(TileSize.of(8, 8), candidates.get(TILES.nearestTo(0, new double[] {0.5, 0.5})));
        assertArrayEquals(new double[] {0.5, 0.5}, TILES.position(0, candidates.indexOf(TileSize.of(8, 8))));
        assertEquals(candidates.indexOf(TileSize.of(2, 32)), TILES.translate(0, candidates.indexOf(TileSize.of(2, 32)), 3));
    }

    @Test
    void aSparseFixedListStepsAlongItsDiagonal() {
        ScheduleSpace space = ScheduleSpace.of(ToyWorkloads.chain6(),
                TileGrid.fixed(List.of(TileSize.of(4, 4), TileSize.of(16, 18), TileSize.of(60, 60))),
                List.of(OverlapMode.values()));
        TileNeighbours tiles = new TileNeighbours(space);
        // candidates 4x4, 16x18, 60x60, full (= 64x64): ranks 0..3 on both axes
        assertArrayEquals(new int[] {1}, tiles.of(0, 0));
        assertArrayEquals(new int[] {0, 2}, tiles.of(0, 1));
        assertArrayEquals(new int[] {2}, tiles.of(0, 3));
    }
}
