package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.layer.Allocation;
import org.tessel.costmodel.layer.EnergyLowerBound;
import org.tessel.costmodel.layer.IncrementalEnergy;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.layer.LayerCostModel;
import org.tessel.costmodel.layer.OverfullMemoryException;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The LOMA-equivalent temporal-mapping search (spec mapping.md §3–§4): of every distinct ordering
 * of the loop prime factors, allocated to memory levels and costed, the first ordering with the
 * strictly smallest energy wins. {@link #best} finds that winner by branch and bound over
 * orderings ({@link OrderingBranchAndBound}, see docs/architecture.md): same mapping, same energy
 * bit for bit, same choice among equal energies as {@link #exhaustive}, which costs every ordering
 * and stays as the fallback (and the tests' oracle). Only energy is computed per ordering (with
 * per-operand reuse, see {@link IncrementalEnergy}); the winner gets the full {@link LayerCost}.
 * Stateless and thread-safe.
 */
public final class TemporalMappingSearch {

    /** The LPF limit of the reference's {@code main.py}. */
    public static final int DEFAULT_LPF_LIMIT = 6;

    private TemporalMappingSearch() {}

    /** The minimum-energy temporal mapping of {@code problem} with the default LPF limit (6). */
    public static MappingSearchResult best(LayerProblem problem) {
        return best(problem, DEFAULT_LPF_LIMIT);
    }

    /**
     * The minimum-energy temporal mapping of {@code problem}.
     *
     * @param lpfLimit maximum number of loop prime factors (spec mapping.md §3.3)
     * @throws MemoryHierarchyTooSmallException if no ordering can be allocated
     */
    public static MappingSearchResult best(LayerProblem problem, int lpfLimit) {
        return best(LayerContext.of(problem), lpfLimit);
    }

    /** Most loop prime factors the branch and bound takes (its rank tables grow as 2^n); more search exhaustively. */
    static final int MAX_BRANCH_AND_BOUND_FACTORS = 16;

    /** As {@link #best(LayerProblem, int)} on a prepared problem. */
    public static MappingSearchResult best(LayerContext ctx, int lpfLimit) {
        List<LoopFactor> factors = LoopPrimeFactors.of(ctx, lpfLimit).factors();
        EnergyLowerBound bound = new EnergyLowerBound(ctx);
        if (factors.isEmpty() || factors.size() > MAX_BRANCH_AND_BOUND_FACTORS || !bound.applicable()) {
            return exhaustive(ctx, lpfLimit);
        }
        MemoryAllocator allocator = new MemoryAllocator(ctx);
        OrderingBranchAndBound search = new OrderingBranchAndBound(ctx, factors, allocator, new IncrementalEnergy(ctx),
                bound);
        if (!search.run()) {
            throw tooSmall(ctx);
        }
        if (search.sawNaN()) {
            return exhaustive(ctx, lpfLimit); // NaN energies make the exhaustive rule order-dependent, not a minimum
        }
        List<List<List<Loop>>> levels = search.allocation().levels(ctx);
        LayerCost cost = LayerCostModel.evaluateLevels(ctx, levels);
        return new MappingSearchResult(cost, toMapping(ctx, search.ordering(), levels), search.index(),
                search.orderings(), () -> countAllocated(ctx, factors));
    }

    /**
     * Number of orderings of {@code factors} the allocator accepts and whose mapping overfills no
     * memory (the evaluations of the reference's search).
     */
    static long countAllocated(LayerContext ctx, List<LoopFactor> factors) {
        MemoryAllocator allocator = new MemoryAllocator(ctx);
        IncrementalEnergy energy = new IncrementalEnergy(ctx);
        long allocated = 0;
        for (List<LoopFactor> ordering : new MultisetPermutations(factors)) {
            Allocation a = allocator.allocateCompact(ordering).orElse(null);
            if (a != null) {
                try {
                    energy.energyTotal(a);
                    allocated++;
                } catch (OverfullMemoryException overfull) {
                    // no candidate, as in the search
                }
            }
        }
        return allocated;
    }

    /** The search that costs every ordering in the reference's visiting order (spec mapping.md §3.4–§4). */
    static MappingSearchResult exhaustive(LayerContext ctx, int lpfLimit) {
        LoopPrimeFactors lpfs = LoopPrimeFactors.of(ctx, lpfLimit);
        MemoryAllocator allocator = new MemoryAllocator(ctx);
        IncrementalEnergy energy = new IncrementalEnergy(ctx);
        List<LoopFactor> factors = lpfs.factors();
        if (factors.isEmpty()) {
            // one empty ordering (the reference crashes here)
            Allocation a = allocator.allocate(new int[0], new long[0]);
            if (a == null) {
                throw tooSmall(ctx);
            }
            energy.energyTotal(a); // the utilization checks of the search
            return result(ctx, List.of(), a, 0, 1, 1);
        }
        MultisetPermutations.Cursor cursor = new MultisetPermutations(factors).cursor();
        int n = factors.size();
        int[] dimOf = new int[n];
        long[] sizeOf = new long[n];
        for (int k = 0; k < n; k++) {
            dimOf[k] = ctx.dimensionId(cursor.sorted().get(k).dim());
            sizeOf[k] = cursor.sorted().get(k).size();
        }
        double best = Double.NaN;
        List<LoopFactor> bestOrdering = null;
        Allocation bestAllocation = null;
        long bestIndex = -1;
        long index = 0;
        long allocated = 0;
        while (cursor.advance()) {
            int[] order = cursor.order();
            int[] dims = new int[n];
            long[] sizes = new long[n];
            for (int i = 0; i < n; i++) {
                dims[i] = dimOf[order[i]];
                sizes[i] = sizeOf[order[i]];
            }
            Allocation allocation = allocator.allocate(dims, sizes);
            double e = Double.NaN;
            if (allocation != null) {
                try {
                    e = energy.energyTotal(allocation);
                } catch (OverfullMemoryException overfull) {
                    // the reference would crash here; a mapping that overfills a memory is no candidate
                    allocation = null;
                }
            }
            if (allocation != null) {
                allocated++;
                // spec mapping.md §4: first strict minimum of energy_total
                if (bestOrdering == null || e < best) {
                    best = e;
                    bestOrdering = cursor.ordering();
                    bestAllocation = allocation;
                    bestIndex = index;
                }
            }
            index++;
        }
        if (bestOrdering == null) {
            throw tooSmall(ctx);
        }
        return result(ctx, bestOrdering, bestAllocation, bestIndex, index, allocated);
    }

    private static MemoryHierarchyTooSmallException tooSmall(LayerContext ctx) {
        return MemoryHierarchyTooSmallException.noLoopOrdering(ctx.layer().id());
    }

    /** The winner with its full cost. */
    private static MappingSearchResult result(LayerContext ctx, List<LoopFactor> ordering, Allocation allocation,
            long index, long orderings, long allocated) {
        List<List<List<Loop>>> levels = allocation.levels(ctx);
        LayerCost cost = LayerCostModel.evaluateLevels(ctx, levels);
        return new MappingSearchResult(cost, toMapping(ctx, ordering, levels), index, orderings, allocated);
    }

    /** The model form of an allocation: the ordering plus each operand's memory level per loop. */
    static TemporalMapping toMapping(LayerContext ctx, List<LoopFactor> ordering, List<List<List<Loop>>> levels) {
        List<TemporalLoop> loops = ordering.stream().map(f -> new TemporalLoop(f.dim(), f.size())).toList();
        Map<String, List<Integer>> perOperand = new LinkedHashMap<>();
        for (int x = 0; x < ctx.operandCount(); x++) {
            List<Integer> lv = new ArrayList<>(loops.size());
            List<List<Loop>> l = levels.get(x);
            for (int m = 0; m < l.size(); m++) {
                for (int c = 0; c < l.get(m).size(); c++) {
                    lv.add(m);
                }
            }
            perOperand.put(ctx.operands().get(x), lv);
        }
        return new TemporalMapping(loops, perOperand);
    }
}
