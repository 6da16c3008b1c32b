package org.tessel.search.constraint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import org.tessel.model.schedule.OverlapMode;

/**
 * The local-search moves, drawn at random with fixed weights. Every move changes what matters —
 * the stacks — and no more than needed, so that it costs at most one or two new stacks:
 * <ul>
 *   <li>{@code tile}: one stack's tile steps to a neighbouring candidate ({@link TileNeighbours});
 *   <li>{@code mode}: one stack's overlap mode changes;
 *   <li>{@code tile+mode}: both at once;
 *   <li>{@code merge}: a cut is removed, and the merged stack takes the best tile and mode known for
 *       its span ({@link StackMemory}), or keeps those of its last unit;
 *   <li>{@code split}: a cut is added inside a stack, and the new first part takes the best known
 *       tile and mode for its span, or the tile most like the stack's own;
 *   <li>{@code shift}: a cut moves by one unit, the stack that changes its last unit likewise;
 *   <li>{@code jump}: one stack gets a random tile and mode (diversification);
 *   <li>{@code recombine}: the plan becomes the cheapest one made of known stacks
 *       ({@link StackMemory#composition}), which costs nothing new.
 * </ul>
 * Tile and mode moves pick the stack at random, half the time in proportion to its share of the
 * plan's cost.
 * Variables of units that end no stack are never touched: they do not change the schedule.
 */
public class StackMoveFactory implements MoveIteratorFactory<SchedulePlan, PlanMove> {

    /**
     * The kinds of stack move, with their relative frequencies: mostly tile steps, the cheapest way
     * down a smooth tile landscape.
     */
    enum Kind {
        TILE("tile", 40), MODE("mode", 10), TILE_AND_MODE("tile+mode", 10), MERGE("merge", 10), SPLIT("split", 10),
        SHIFT("shift", 10), JUMP("jump", 5), RECOMBINE("recombine", 2);

        private final String label;
        private final int weight;

        Kind(String label, int weight) {
            this.label = label;
            this.weight = weight;
        }

        /** True if the move steps the tile to a neighbouring one. */
        boolean stepsTile() {
            return this == TILE || this == TILE_AND_MODE;
        }

        /** True if the move changes the mode. */
        boolean changesMode() {
            return this == MODE || this == TILE_AND_MODE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Draws without a doable move after which the selector reports no more moves. */
    private static final int DRAWS = 1000;

    @Override
    public long getSize(ScoreDirector<SchedulePlan> scoreDirector) {
        return 20L * scoreDirector.getWorkingSolution().getUnits().size();
    }

    @Override
    public Iterator<PlanMove> createOriginalMoveIterator(ScoreDirector<SchedulePlan> scoreDirector) {
        throw new UnsupportedOperationException("the stack moves are only drawn at random");
    }

    @Override
    public Iterator<PlanMove> createRandomMoveIterator(ScoreDirector<SchedulePlan> scoreDirector, Random random) {
        return new Iterator<>() {
            private PlanMove next;

            /** False if no doable move turned up in {@value #DRAWS} draws (a space with nothing to change). */
            @Override
            public boolean hasNext() {
                for (int i = 0; next == null && i < DRAWS; i++) {
                    PlanMove move = draw(scoreDirector.getWorkingSolution().getUnits(), random);
                    if (move.isMoveDoable(scoreDirector)) {
                        next = move;
                    }
                }
                return next != null;
            }

            @Override
            public PlanMove next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PlanMove move = next;
                next = null;
                return move;
            }
        };
    }

    /** One random move on the current plan (units in unit order, all variables assigned). */
    static PlanMove draw(List<UnitChoice> units, Random random) {
        int total = 0;
        for (Kind k : Kind.values()) {
            total += k.weight;
        }
        int r = random.nextInt(total);
        for (Kind k : Kind.values()) {
            if (r < k.weight) {
                return draw(k, units, random);
            }
            r -= k.weight;
        }
        throw new AssertionError("weights sum to " + total);
    }

    /** A random move of the given kind; if the plan has no place for it (no cut to merge), a tile move. */
    static PlanMove draw(Kind kind, List<UnitChoice> units, Random random) {
        PlanScoring scoring = units.getFirst().scoring();
        TileNeighbours tiles = scoring.tiles();
        StackMemory memory = scoring.memory();
        List<OverlapMode> modes = scoring.space().modes();
        int n = units.size();
        List<Integer> ends = new ArrayList<>();
        List<Integer> cuts = new ArrayList<>();
        List<Integer> inner = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            if (u == n - 1 || Boolean.TRUE.equals(units.get(u).getCut())) {
                ends.add(u);
                if (u < n - 1) {
                    cuts.add(u);
                }
            } else {
                inner.add(u);
            }
        }
        if ((kind == Kind.MERGE || kind == Kind.SHIFT) && cuts.isEmpty() || kind == Kind.SPLIT && inner.isEmpty()) {
            kind = Kind.TILE;
        }
        switch (kind) {
            case RECOMBINE -> {
                List<PlanScoring.ChoiceValues> current = new ArrayList<>();
                for (UnitChoice u : units) {
                    current.add(values(u, u.getCut(), u.getTile(), u.getMode()));
                }
                List<PlanScoring.ChoiceValues> best = memory.composition(current);
                if (best == null || best.equals(current)) {
                    return draw(Kind.TILE, units, random);
                }
                List<UnitChoice> changed = new ArrayList<>();
                List<PlanScoring.ChoiceValues> values = new ArrayList<>();
                for (int u = 0; u < n; u++) {
                    if (!best.get(u).equals(current.get(u))) {
                        changed.add(units.get(u));
                        values.add(best.get(u));
                    }
                }
                return new PlanMove(kind, changed, values);
            }
            case MERGE -> {
                int u = cuts.get(random.nextInt(cuts.size()));
                int e = endAfter(units, u);
                UnitChoice last = units.get(e);
                PlanScoring.ChoiceValues merged = remembered(memory, startOf(units, u), e, last, random);
                return new PlanMove(kind, List.of(units.get(u), last),
                        List.of(values(units.get(u), false, units.get(u).getTile(), units.get(u).getMode()), merged));
            }
            case SPLIT -> {
                int u = inner.get(random.nextInt(inner.size()));
                int e = endAfter(units, u);
                UnitChoice end = units.get(e);
                StackMemory.Choice known = memory.best(startOf(units, u), u);
                int tile = known != null ? known.tile() : units.get(u).getTile();
                OverlapMode mode = known != null ? known.mode() : units.get(u).getMode();
                return new PlanMove(kind, List.of(units.get(u), end),
                        List.of(values(units.get(u), true, tile, mode), remembered(memory, u + 1, e, end, random)));
            }
            case SHIFT -> {
                int u = cuts.get(random.nextInt(cuts.size()));
                int v = random.nextBoolean() ? u - 1 : u + 1;
                int e = endAfter(units, u);
                int f = startOf(units, u);
                if (v < f || v >= e) {
                    return draw(Kind.TILE, units, random); // the cut would leave an empty stack
                }
                StackMemory.Choice known = memory.best(f, v);
                UnitChoice from = units.get(u);
                int tile = known != null ? known.tile() : units.get(v).getTile();
                OverlapMode mode = known != null ? known.mode() : units.get(v).getMode();
                return new PlanMove(kind, List.of(from, units.get(v)),
                        List.of(values(from, false, from.getTile(), from.getMode()),
                                values(units.get(v), true, tile, mode)));
            }
            default -> {
                int e = ends.get(costlyStack(scoring, units, ends.size(), random));
                UnitChoice end = units.get(e);
                int tile = end.getTile();
                OverlapMode mode = end.getMode();
                if (kind == Kind.JUMP) {
                    tile = random.nextInt(end.getTileRange().size());
                    mode = modes.get(random.nextInt(modes.size()));
                }
                if (kind.stepsTile()) {
                    int[] near = tiles.of(e, tile);
                    if (near.length > 0) {
                        tile = near[random.nextInt(near.length)];
                    }
                }
                if (kind.changesMode() && modes.size() > 1) {
                    int m = random.nextInt(modes.size() - 1);
                    mode = modes.get(m >= modes.indexOf(mode) ? m + 1 : m);
                }
                return new PlanMove(kind, List.of(end), List.of(values(end, end.getCut(), tile, mode)));
            }
        }
    }

    /**
     * A stack index: with probability 1/2 uniformly, else in proportion to the stack's share of the
     * plan's objective (a tile or mode change of a cheap stack can gain little). Infeasible stacks
     * count as the most expensive one.
     */
    static int costlyStack(PlanScoring scoring, List<UnitChoice> units, int stacks, Random random) {
        if (random.nextBoolean() || stacks == 1) {
            return random.nextInt(stacks);
        }
        double[] values = scoring.stackValues(units);
        if (values == null) {
            return random.nextInt(stacks);
        }
        double max = 0;
        for (double v : values) {
            max = Double.isNaN(v) ? max : Math.max(max, v);
        }
        double total = 0;
        for (int s = 0; s < values.length; s++) {
            values[s] = Double.isNaN(values[s]) ? max : Math.max(0, values[s]);
            total += values[s];
        }
        if (!(total > 0)) {
            return random.nextInt(stacks);
        }
        double r = random.nextDouble() * total;
        for (int s = 0; s < values.length; s++) {
            r -= values[s];
            if (r < 0) {
                return s;
            }
        }
        return values.length - 1;
    }

    /**
     * The values for the last unit {@code e} of a stack over {@code f..e} that has just changed its
     * span: the best tile and mode known for exactly that span, else with probability 1/2 those of
     * the nearest known span ending at {@code e}, else its current ones.
     */
    private static PlanScoring.ChoiceValues remembered(StackMemory memory, int f, int e, UnitChoice last,
            Random random) {
        StackMemory.Choice known = memory.best(f, e);
        if (known != null && (known.exact() || random.nextBoolean())) {
            return values(last, last.getCut(), known.tile(), known.mode());
        }
        return values(last, last.getCut(), last.getTile(), last.getMode());
    }

    private static PlanScoring.ChoiceValues values(UnitChoice u, Boolean cut, Integer tile, OverlapMode mode) {
        return new PlanScoring.ChoiceValues(u.getUnit(), cut, tile, mode);
    }

    /** The last unit of the stack after the cut at {@code u} (or of the stack containing {@code u}). */
    private static int endAfter(List<UnitChoice> units, int u) {
        int e = u + 1;
        while (e < units.size() - 1 && !Boolean.TRUE.equals(units.get(e).getCut())) {
            e++;
        }
        return e;
    }

    /** The first unit of the stack that contains unit {@code u}. */
    private static int startOf(List<UnitChoice> units, int u) {
        int f = u;
        while (f > 0 && !Boolean.TRUE.equals(units.get(f - 1).getCut())) {
            f--;
        }
        return f;
    }
}
