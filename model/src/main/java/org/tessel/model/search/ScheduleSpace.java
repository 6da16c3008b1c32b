package org.tessel.model.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Workload;

/**
 * The space of depth-first schedules of one workload: every subset of the legal cut points
 * (between undividable units), and per resulting stack one of its candidate tile sizes and one of
 * the allowed overlap modes. A stack's tile candidates depend only on its last unit (whose last
 * layer's output is tiled).
 *
 * <p>Points are ranked {@code 0 .. size()-1} (mixed radix over the stack choices, first stack most
 * significant), which lets back ends enumerate or sample the space without materialising it.
 *
 * @param workload the workload being scheduled
 * @param units its undividable units
 * @param tilesByUnit per unit, the tile candidates of a stack that ends with that unit
 * @param modes the overlap modes a stack may use, without repeats
 */
public record ScheduleSpace(Workload workload, UndividableUnits units, List<List<TileSize>> tilesByUnit,
        List<OverlapMode> modes) {

    public ScheduleSpace {
        tilesByUnit = tilesByUnit.stream().map(List::copyOf).toList();
        modes = List.copyOf(modes);
        if (tilesByUnit.size() != units.count()) {
            throw new IllegalArgumentException(units.count() + " units but " + tilesByUnit.size() + " tile lists");
        }
        if (tilesByUnit.stream().anyMatch(List::isEmpty) || modes.isEmpty() || modes.stream().distinct().count() != modes.size()) {
            throw new IllegalArgumentException("every unit needs a tile candidate and modes must be non-empty and distinct");
        }
    }

    /** The default space: the divisors-and-powers tile grid and all three overlap modes. */
    public static ScheduleSpace of(Workload workload) {
        return of(workload, TileGrid.divisorsAndPowers(), List.of(OverlapMode.values()));
    }

    /** A space with the given tile grid and overlap modes. */
    public static ScheduleSpace of(Workload workload, TileGrid grid, List<OverlapMode> modes) {
        UndividableUnits units = UndividableUnits.of(workload);
        List<List<TileSize>> tiles = new ArrayList<>();
        for (int u = 0; u < units.count(); u++) {
            tiles.add(grid.candidates(workload.layer(units.lastLayer(u))));
        }
        return new ScheduleSpace(workload, units, tiles, modes);
    }

    /** Number of legal cut points. */
    public int cutPointCount() {
        return units.cutPointCount();
    }

    /** The tile candidates of a stack ending with unit {@code lastUnit}. */
    public List<TileSize> tileCandidates(int lastUnit) {
        return tilesByUnit.get(lastUnit);
    }

    /** Number of (tile, mode) choices of a stack ending with unit {@code lastUnit}. */
    public long stackChoices(int lastUnit) {
        return (long) tilesByUnit.get(lastUnit).size() * modes.size();
    }

    /** The unit spans of the stacks made by these cuts, in execution order. */
    public List<UnitSpan> spans(List<Boolean> cuts) {
        if (cuts.size() != cutPointCount()) {
            throw new IllegalArgumentException("expected " + cutPointCount() + " cut flags, got " + cuts.size());
        }
        List<UnitSpan> spans = new ArrayList<>();
        int first = 0;
        for (int u = 0; u < units.count(); u++) {
            if (u == units.count() - 1 || cuts.get(u)) {
                spans.add(new UnitSpan(first, u));
                first = u + 1;
            }
        }
        return spans;
    }

    /** The stack over {@code span} with tile candidate {@code tileIndex} and {@code mode}. */
    public StackSchedule stack(UnitSpan span, int tileIndex, OverlapMode mode) {
        if (!modes.contains(mode)) {
            throw new IllegalArgumentException("mode " + mode + " is not in this space");
        }
        List<Integer> ids = new ArrayList<>(units.layers(span.first(), span.last()));
        List<Integer> workloadOrder = workload.layers().stream().map(l -> l.id()).toList();
        ids.sort(Comparator.comparingInt(workloadOrder::indexOf));
        return new StackSchedule(ids, tileCandidates(span.last()).get(tileIndex), mode);
    }

    /** The schedule of a point. */
    public Schedule decode(SchedulePoint point) {
        List<UnitSpan> spans = spans(point.cuts());
        List<StackSchedule> stacks = new ArrayList<>();
        for (int s = 0; s < spans.size(); s++) {
            stacks.add(stack(spans.get(s), point.tiles().get(s), point.modes().get(s)));
        }
        return new Schedule(stacks);
    }

    /**
     * The point of a schedule.
     *
     * @throws IllegalArgumentException if the schedule is not in this space (a stack that splits a
     *     unit, a tile size or mode that is not a candidate, layers missing)
     */
    public SchedulePoint encode(Schedule schedule) {
        List<Boolean> cuts = new ArrayList<>();
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> stackModes = new ArrayList<>();
        int unit = 0;
        for (StackSchedule stack : schedule.stacks()) {
            int first = unit;
            List<Integer> covered = new ArrayList<>();
            while (unit < units.count() && covered.size() < stack.layerIds().size()) {
                covered.addAll(units.unit(unit));
                unit++;
            }
            if (covered.size() != stack.layerIds().size() || !covered.containsAll(stack.layerIds())) {
                throw new IllegalArgumentException("stack " + stack.layerIds() + " is not a run of whole units");
            }
            int last = unit - 1;
            for (int u = first; u < last; u++) {
                cuts.add(false);
            }
            if (unit < units.count()) {
                cuts.add(true);
            }
            int tile = tileCandidates(last).indexOf(stack.tile());
            if (tile < 0 || !modes.contains(stack.mode())) {
                throw new IllegalArgumentException("tile " + stack.tile() + " / mode " + stack.mode()
                        + " is not a choice of the stack ending with layer " + units.lastLayer(last));
            }
            tiles.add(tile);
            stackModes.add(stack.mode());
        }
        if (unit != units.count() || cuts.size() != cutPointCount()) {
            throw new IllegalArgumentException("the schedule does not cover every layer of " + workload.name());
        }
        return new SchedulePoint(cuts, tiles, stackModes);
    }

    /** Number of points (= distinct schedules) in the space. */
    public BigInteger size() {
        return suffixCounts()[0];
    }

    /** The point of rank {@code rank}, {@code 0 <= rank < size()}. */
    public SchedulePoint pointAt(BigInteger rank) {
        BigInteger[] suffix = suffixCounts();
        if (rank.signum() < 0 || rank.compareTo(suffix[0]) >= 0) {
            throw new IllegalArgumentException("rank " + rank + " outside 0.." + suffix[0]);
        }
        List<Boolean> cuts = new ArrayList<>();
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> stackModes = new ArrayList<>();
        BigInteger rest = rank;
        int first = 0;
        while (first < units.count()) {
            for (int last = first; ; last++) {
                BigInteger block = BigInteger.valueOf(stackChoices(last)).multiply(suffix[last + 1]);
                if (rest.compareTo(block) < 0) {
                    BigInteger[] qr = rest.divideAndRemainder(suffix[last + 1]);
                    int choice = qr[0].intValueExact();
                    tiles.add(choice / modes.size());
                    stackModes.add(modes.get(choice % modes.size()));
                    rest = qr[1];
                    for (int u = first; u < last; u++) {
                        cuts.add(false);
                    }
                    if (last < units.count() - 1) {
                        cuts.add(true);
                    }
                    first = last + 1;
                    break;
                }
                rest = rest.subtract(block);
            }
        }
        return new SchedulePoint(cuts, tiles, stackModes);
    }

    /** The rank of a point: the inverse of {@link #pointAt}. */
    public BigInteger rankOf(SchedulePoint point) {
        BigInteger[] suffix = suffixCounts();
        BigInteger rank = BigInteger.ZERO;
        List<UnitSpan> spans = spans(point.cuts());
        for (int s = 0; s < spans.size(); s++) {
            UnitSpan span = spans.get(s);
            for (int last = span.first(); last < span.last(); last++) {
                rank = rank.add(BigInteger.valueOf(stackChoices(last)).multiply(suffix[last + 1]));
            }
            int tile = point.tiles().get(s);
            int mode = modes.indexOf(point.modes().get(s));
            if (tile < 0 || tile >= tileCandidates(span.last()).size() || mode < 0) {
                throw new IllegalArgumentException("point " + point + " is not in this space");
            }
            long choice = (long) tile * modes.size() + mode;
            rank = rank.add(BigInteger.valueOf(choice).multiply(suffix[span.last() + 1]));
        }
        return rank;
    }

    /** suffix[j] = number of ways to schedule units j.. when a stack starts at unit j. */
    private BigInteger[] suffixCounts() {
        int n = units.count();
        BigInteger[] suffix = new BigInteger[n + 1];
        suffix[n] = BigInteger.ONE;
        for (int j = n - 1; j >= 0; j--) {
            BigInteger sum = BigInteger.ZERO;
            for (int last = j; last < n; last++) {
                sum = sum.add(BigInteger.valueOf(stackChoices(last)).multiply(suffix[last + 1]));
            }
            suffix[j] = sum;
        }
        return suffix;
    }
}
