package org.tessel.costmodel.temporal;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.tessel.costmodel.LayerCost;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The outcome of a temporal-mapping search: an immutable value (equal when all five accessors
 * are equal).
 *
 * <p>The branch-and-bound search does not allocate every ordering, so it does not know
 * {@link #allocated()}; that count is then made on the first call (one pass of the allocator over
 * every ordering, about half the time of an exhaustive search) and kept.
 */
public final class MappingSearchResult {

    private final LayerCost cost;
    private final TemporalMapping mapping;
    private final long orderingIndex;
    private final long orderings;
    private final LongSupplier countAllocated;
    private volatile long allocated = -1;

    /**
     * @param cost the cost of the chosen mapping
     * @param mapping the chosen temporal mapping (loops innermost first, before merge-down)
     * @param orderingIndex 0-based index of the chosen ordering in the visiting order
     * @param orderings number of orderings in the visiting order
     * @param allocated number of orderings the allocator accepts
     */
    public MappingSearchResult(LayerCost cost, TemporalMapping mapping, long orderingIndex, long orderings,
            long allocated) {
        this(cost, mapping, orderingIndex, orderings, () -> allocated);
    }

    /** As the public constructor, with the count of allocated orderings made when first asked for. */
    MappingSearchResult(LayerCost cost, TemporalMapping mapping, long orderingIndex, long orderings,
            LongSupplier countAllocated) {
        this.cost = Objects.requireNonNull(cost);
        this.mapping = Objects.requireNonNull(mapping);
        this.orderingIndex = orderingIndex;
        this.orderings = orderings;
        this.countAllocated = countAllocated;
    }

    /** The cost of the chosen mapping. */
    public LayerCost cost() {
        return cost;
    }

    /** The chosen temporal mapping (loops innermost first, before merge-down). */
    public TemporalMapping mapping() {
        return mapping;
    }

    /** 0-based index of the chosen ordering in the reference's visiting order (spec mapping.md §3.4). */
    public long orderingIndex() {
        return orderingIndex;
    }

    /** Number of orderings in the visiting order. */
    public long orderings() {
        return orderings;
    }

    /** Number of orderings the allocator accepts (and that overfill no memory): the reference's evaluations. */
    public long allocated() {
        long a = allocated;
        if (a < 0) {
            a = countAllocated.getAsLong(); // deterministic, so a race only repeats the count
            allocated = a;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappingSearchResult r && cost.equals(r.cost) && mapping.equals(r.mapping)
                && orderingIndex == r.orderingIndex && orderings == r.orderings && allocated() == r.allocated();
    }

    @Override
    public int hashCode() {
        return Objects.hash(cost, mapping, orderingIndex, orderings);
    }

    @Override
    public String toString() {
        return "MappingSearchResult[cost=" + cost + ", mapping=" + mapping + ", orderingIndex=" + orderingIndex
                + ", orderings=" + orderings + ", allocated=" + allocated() + "]";
    }
}
