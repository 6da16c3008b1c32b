package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.layer.Allocation;
import org.tessel.costmodel.layer.EnergyLowerBound;
import org.tessel.costmodel.layer.IncrementalEnergy;
import org.tessel.costmodel.layer.IndexedOperand;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.layer.OverfullMemoryException;

/**
 * The exhaustive LOMA search (spec mapping.md §3.4–§4) as a branch-and-bound over loop orderings:
 * the same winner, found without costing most orderings.
 *
 * <p>Orderings are built innermost loop first, as a depth-first walk of the tree of distinct
 * prefixes. For a prefix, {@link MemoryAllocator#allocatePrefix} gives what the allocator decides
 * for every completion (a prefix on which it fails for every completion is dropped, as the
 * exhaustive search drops each of its orderings), and {@link EnergyLowerBound} a bound no larger
 * than the energy of any completion, bit for bit. A subtree whose bound exceeds the best energy
 * found is skipped: none of its orderings can win, nor tie. Subtrees with a bound equal to the
 * best are still searched, so every ordering of the minimum energy is costed. Leaves are costed
 * exactly as the exhaustive search costs them ({@link MemoryAllocator#allocate},
 * {@link IncrementalEnergy}). Among equal energies the ordering the reference visits first wins
 * (spec mapping.md §4): positions in the reference's visiting order come from {@link CoolLexRank}.
 * Children are searched in the order of their bounds, so that good orderings come early and prune
 * much. Not thread-safe; one instance per search.
 */
final class OrderingBranchAndBound {

    private final MemoryAllocator allocator;
    private final IncrementalEnergy energy;
    private final EnergyLowerBound lowerBound;
    private final CoolLexRank rank;
    private final IndexedOperand[] operands;
    private final int ops;
    private final int n;
    private final int distinct;
    /** Per distinct value (ascending, the order of {@link LoopFactor#compareTo}): dimension id, size, factor. */
    private final int[] valueDim;
    private final long[] valueSize;
    private final List<LoopFactor> valueFactor;
    private final int[] remaining;
    /** The current ordering: values of the prefix, then a completion (remaining values ascending). */
    private final int[] values;
    private final int[] dims;
    private final long[] sizes;
    private final int[][] ends;
    private final int[] decided;
    private final int[][] merged;
    private final int[] fixed;

    private boolean found;
    private double best = Double.NaN;
    private long bestRank = -1;
    private int[] bestValues;
    private Allocation bestAllocation;
    private boolean sawNaN;

    /**
     * @param factors the loop prime factors (at most 16)
     */
    OrderingBranchAndBound(LayerContext ctx, List<LoopFactor> factors, MemoryAllocator allocator,
            IncrementalEnergy energy, EnergyLowerBound lowerBound) {
        this.allocator = allocator;
        this.energy = energy;
        this.lowerBound = lowerBound;
        List<LoopFactor> sorted = new ArrayList<>(factors);
        sorted.sort(null);
        this.n = sorted.size();
        List<LoopFactor> byValue = new ArrayList<>();
        List<Integer> multiplicity = new ArrayList<>();
        for (LoopFactor f : sorted) {
            if (byValue.isEmpty() || byValue.getLast().compareTo(f) != 0) {
                byValue.add(f);
                multiplicity.add(0);
            }
            multiplicity.set(multiplicity.size() - 1, multiplicity.getLast() + 1);
        }
        this.distinct = byValue.size();
        this.valueFactor = List.copyOf(byValue);
        this.valueDim = new int[distinct];
        this.valueSize = new long[distinct];
        this.remaining = new int[distinct];
        for (int v = 0; v < distinct; v++) {
            valueDim[v] = ctx.dimensionId(byValue.get(v).dim());
            valueSize[v] = byValue.get(v).size();
            remaining[v] = multiplicity.get(v);
        }
        this.rank = new CoolLexRank(remaining);
        this.ops = ctx.operandCount();
        this.operands = new IndexedOperand[ops];
        this.ends = new int[ops][];
        this.merged = new int[ops][];
        for (int x = 0; x < ops; x++) {
            operands[x] = ctx.indexedOperand(x);
            ends[x] = new int[allocator.levels(x)];
            merged[x] = new int[allocator.levels(x)];
        }
        this.decided = new int[ops];
        this.fixed = new int[ops];
        this.values = new int[n];
        this.dims = new int[n];
        this.sizes = new long[n];
    }

    /** Searches every ordering; false if none can be allocated. */
    boolean run() {
        descend(0);
        return found;
    }

    /** True if some allocated ordering had a NaN energy (where the exhaustive rule is not a minimum). */
    boolean sawNaN() {
        return sawNaN;
    }

    /** The winner's position in the reference's visiting order. */
    long index() {
        return bestRank;
    }

    /** Number of distinct orderings. */
    long orderings() {
        return rank.count();
    }

    /** The winning ordering, innermost first. */
    List<LoopFactor> ordering() {
        List<LoopFactor> out = new ArrayList<>(n);
        for (int v : bestValues) {
            out.add(valueFactor.get(v));
        }
        return out;
    }

    /** The winner's allocation. */
    Allocation allocation() {
        return bestAllocation;
    }

    // the prefix values[0 .. depth) is fixed; search its completions
    private void descend(int depth) {
        int[] childValue = new int[distinct];
        double[] childBound = new double[distinct];
        int children = 0;
        for (int v = 0; v < distinct; v++) {
            if (remaining[v] == 0) {
                continue;
            }
            values[depth] = v;
            remaining[v]--;
            complete(depth + 1);
            if (depth + 1 == n) {
                leaf();
            } else if (allocator.allocatePrefix(dims, sizes, depth + 1, ends, decided)) {
                fixMergedEnds(depth + 1);
                double b = lowerBound.bound(dims, sizes, merged, fixed);
                // insertion by bound, stable (equal bounds keep the value order)
                int at = children;
                while (at > 0 && childBound[at - 1] > b) {
                    childBound[at] = childBound[at - 1];
                    childValue[at] = childValue[at - 1];
                    at--;
                }
                childBound[at] = b;
                childValue[at] = v;
                children++;
            }
            remaining[v]++;
        }
        for (int c = 0; c < children; c++) {
            if (found && childBound[c] > best) {
                return; // this child and the later ones (larger bounds) cannot win or tie
            }
            int v = childValue[c];
            values[depth] = v;
            remaining[v]--;
            descend(depth + 1);
            remaining[v]++;
        }
    }

    // positions from … n-1 take the remaining values in ascending order; dims and sizes follow values
    private void complete(int from) {
        int i = from;
        for (int v = 0; v < distinct; v++) {
            for (int c = 0; c < remaining[v]; c++) {
                values[i++] = v;
            }
        }
        for (int j = 0; j < n; j++) {
            dims[j] = valueDim[values[j]];
            sizes[j] = valueSize[values[j]];
        }
    }

    // spec mapping.md §3.6(a): after merge-down, level m ends at the first loop at or after its
    // allocated end that is not irrelevant to the operand (irrelevant loops sink through empty
    // levels too); known for every completion once such a loop lies inside the prefix
    private void fixMergedEnds(int known) {
        for (int x = 0; x < ops; x++) {
            int nonTop = Math.min(decided[x], ends[x].length - 1);
            int k = 0;
            while (k < nonTop) {
                int f = ends[x][k];
                while (f < known && operands[x].isIrrelevant(dims[f])) {
                    f++;
                }
                if (f == known && known < n) {
                    break;
                }
                merged[x][k++] = f;
            }
            fixed[x] = k;
        }
    }

    // one complete ordering, costed as the exhaustive search costs it
    private void leaf() {
        Allocation a = allocator.allocate(dims.clone(), sizes.clone());
        if (a == null) {
            return;
        }
        double e;
        try {
            e = energy.energyTotal(a);
        } catch (OverfullMemoryException overfull) {
            return; // as in the exhaustive search: a mapping that overfills a memory is no candidate
        }
        if (Double.isNaN(e)) {
            sawNaN = true;
        }
        // spec mapping.md §4: the least energy, and among equal energies the first in visiting order
        if (!found || e < best) {
            found = true;
            best = e;
            bestRank = rank.rank(values);
            bestValues = values.clone();
            bestAllocation = a;
        } else if (e == best) {
            long r = rank.rank(values);
            if (r < bestRank) {
                bestRank = r;
                bestValues = values.clone();
                bestAllocation = a;
            }
        }
    }
}
