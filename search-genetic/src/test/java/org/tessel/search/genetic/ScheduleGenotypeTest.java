package org.tessel.search.genetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileAxes;
import org.tessel.model.search.TileGrid;
import org.tessel.search.toy.ToyWorkloads;

/** The width/height encoding decodes every genotype to a valid point and reaches every tile candidate. */
class ScheduleGenotypeTest {

    private static final ScheduleSpace DEFAULT = ScheduleSpace.of(ToyWorkloads.chain6());
    /** Not a product of two axes: 4x16, 16x4 etc. are not candidates and decode to the nearest one. */
    private static final ScheduleSpace FIXED = ScheduleSpace.of(ToyWorkloads.residual(),
            TileGrid.fixed(List.of(TileSize.of(4, 4), TileSize.of(16, 16), TileSize.of(8, 32))),
            List.of(OverlapMode.FULLY_CACHED, OverlapMode.FULLY_RECOMPUTE));

    @Test
    void everyCandidateHasItsOwnWidthAndHeightGenes() {
        for (ScheduleSpace space : List.of(DEFAULT, FIXED)) {
            ScheduleGenotype encoding = new ScheduleGenotype(space);
            for (int u = 0; u < space.units().count(); u++) {
                TileAxes axes = encoding.axes().get(u);
                Set<Integer> reached = new HashSet<>();
                for (int h = 0; h < axes.heightCount(); h++) {
                    for (int w = 0; w < axes.widthCount(); w++) {
                        reached.add(axes.candidate(w, h));
                    }
                }
                for (int t = 0; t < space.tileCandidates(u).size(); t++) {
                    assertEquals(t, axes.candidate(axes.widthRank(t), axes.heightRank(t)), "unit " + u + " tile " + t);
                    assertTrue(reached.contains(t));
                }
                assertEquals(space.tileCandidates(u).size(), reached.size());
            }
        }
    }

    @Test
    void defaultGridIsAProductOfSortedAxes() {
        ScheduleGenotype encoding = new ScheduleGenotype(DEFAULT);
        TileAxes axes = encoding.axes().getFirst();
        assertEquals(DEFAULT.tileCandidates(0).size(), axes.widthCount() * axes.heightCount());
        for (int i = 1; i < axes.widthCount(); i++) {
            assertTrue(axes.width(i - 1) < axes.width(i));
        }
    }

    @Test
    void randomGenotypesDecodeToValidPointsAndEncodeBack() {
        Random random = new Random(3);
        for (ScheduleSpace space : List.of(DEFAULT, FIXED)) {
            ScheduleGenotype encoding = new ScheduleGenotype(space);
            for (int i = 0; i < 500; i++) {
                Genotype<IntegerGene> g = encoding.random(random.nextDouble(), random);
                SchedulePoint point = encoding.decode(g);
                space.decode(point); // a valid schedule of the space
                assertEquals(point, space.pointAt(space.rankOf(point)));
                SchedulePoint other = space.pointAt(space.rankOf(point).shiftRight(1));
                assertEquals(other, encoding.decode(encoding.encode(other, g)));
            }
        }
    }

    @Test
    void cutDensityZeroFusesEverythingAndOneCutsEverywhere() {
        ScheduleGenotype encoding = new ScheduleGenotype(DEFAULT);
        Random random = new Random(1);
        assertEquals(1, encoding.decode(encoding.random(0, random)).stackCount());
        assertEquals(DEFAULT.units().count(), encoding.decode(encoding.random(1, random)).stackCount());
    }
}
