package org.tessel.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Workload;

/** Units, cut points, tile grids and the point ↔ rank ↔ schedule correspondences. */
class ScheduleSpaceTest {

    static final Path WORKLOADS = Path.of("..", "configs", "workloads");

    static Workload load(String name) {
        return ConfigLoader.workload(WORKLOADS.resolve(name + ".yaml"));
    }

    @Test
    void chainHasOneUnitPerLayer() {
        UndividableUnits units = UndividableUnits.of(load("fsrcnn"));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4), List.of(5), List.of(6),
                List.of(7)), units.units());
        assertEquals(7, units.cutPointCount());
    }

    @Test
    void residualBlockIsOneUnit() {
        Workload w = load("resnet18");
        UndividableUnits units = UndividableUnits.of(w);
        // layer 1 forks into the add 4 and the convolutions 2, 3: the block 2..4 cannot be cut
        assertEquals(List.of(0), units.unit(0));
        assertEquals(List.of(1), units.unit(1));
        assertEquals(List.of(2, 3, 4), units.unit(2));
        for (List<Integer> unit : units.units()) {
            for (int id : unit.subList(0, unit.size() - 1)) {
                // inside a unit, some branch is still open after every node but the last
                assertTrue(unit.size() > 1 && w.successors(id).stream().allMatch(unit::contains) || unit.size() == 1);
            }
        }
        assertEquals(w.computeLayers().size(), units.units().stream().mapToInt(List::size).sum());
    }

    @Test
    void defaultGridIsDivisorsAndPowersPlusWhole() {
        Workload w = load("fsrcnn");
        List<TileSize> tiles = TileGrid.divisorsAndPowers().candidates(w.layer(7));
        long ox = w.layer(7).loopSize("OX");
        long oy = w.layer(7).loopSize("OY");
        assertEquals(TileSize.wholeOutput(), tiles.getLast());
        assertTrue(tiles.contains(TileSize.of(1, 1)));
        assertTrue(tiles.contains(TileSize.of(ox, 1)));
        assertTrue(!tiles.contains(TileSize.of(ox, oy)));
        for (TileSize t : tiles.subList(0, tiles.size() - 1)) {
            TileSize.Fixed f = (TileSize.Fixed) t;
            assertTrue(ox % f.width() == 0 || Long.bitCount(f.width()) == 1, t.toString());
            assertTrue(oy % f.height() == 0 || Long.bitCount(f.height()) == 1, t.toString());
        }
        assertEquals(tiles.size(), new HashSet<>(tiles).size());
    }

    static ScheduleSpace small(String net) {
        return ScheduleSpace.of(load(net), TileGrid.fixed(List.of(TileSize.of(4, 4), TileSize.of(16, 8))),
                List.of(OverlapMode.FULLY_RECOMPUTE, OverlapMode.FULLY_CACHED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fsrcnn", "resnet18"})
    void sizeMatchesClosedForm(String net) {
        ScheduleSpace space = small(net);
        // every stack has 3 tiles × 2 modes = 6 choices: Σ_k C(n-1, k-1) 6^k = 6 · 7^(n-1)
        int n = space.units().count();
        assertEquals(BigInteger.valueOf(6).multiply(BigInteger.valueOf(7).pow(n - 1)), space.size());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void rankPointScheduleRoundTrip(long seed) {
        ScheduleSpace space = small(seed % 2 == 0 ? "fsrcnn" : "resnet18");
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            BigInteger rank = new BigInteger(space.size().bitLength() + 8, r).mod(space.size());
            SchedulePoint p = space.pointAt(rank);
            assertEquals(rank, space.rankOf(p));
            Schedule s = space.decode(p);
            assertEquals(p, space.encode(s));
            assertEquals(p.stackCount(), s.stacks().size());
        }
    }

    @Test
    void enumerationByRankHitsEveryScheduleOnce() {
        Workload w = load("fsrcnn");
        ScheduleSpace space = ScheduleSpace.of(w, TileGrid.fixed(List.of(TileSize.of(8, 8))), List.of(OverlapMode.FULLY_CACHED));
        Set<Schedule> seen = new HashSet<>();
        for (long i = 0; i < space.size().longValueExact(); i++) {
            assertTrue(seen.add(space.decode(space.pointAt(BigInteger.valueOf(i)))));
        }
        assertEquals(2 * 2187, seen.size()); // 2 choices per stack over 8 units: 2 · 3^7
    }

    @Test
    void encodeRejectsStacksThatSplitAUnit() {
        ScheduleSpace space = small("resnet18");
        List<Integer> all = space.units().layers(0, space.units().count() - 1);
        Schedule split = new Schedule(List.of(
                new StackSchedule(all.subList(0, 3), TileSize.wholeOutput(), OverlapMode.FULLY_CACHED),
                new StackSchedule(all.subList(3, all.size()), TileSize.wholeOutput(), OverlapMode.FULLY_CACHED)));
        assertThrows(IllegalArgumentException.class, () -> space.encode(split));
    }
}
