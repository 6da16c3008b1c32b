package org.tessel.costmodel.temporal;

import org.tessel.costmodel.LayerCost;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The outcome of a temporal-mapping search.
 *
 * @param cost the cost of the chosen mapping
 * @param mapping the chosen temporal mapping (loops innermost first, before merge-down)
 * @param orderingIndex 0-based index of the chosen ordering in the visiting order
 * @param orderings number of orderings visited
 * @param allocated number of orderings the allocator accepted (= evaluations)
 */
public record MappingSearchResult(LayerCost cost, TemporalMapping mapping, long orderingIndex, long orderings,
        long allocated) {}
