package org.tessel.costmodel.temporal;

import org.tessel.costmodel.layer.LayerContext;

/**
 * The test oracle of the temporal-mapping search: the exhaustive LOMA search that costs every
 * ordering in the reference's visiting order ({@link TemporalMappingSearch#exhaustive}), for tests
 * outside this package.
 */
public final class ExhaustiveMappingSearch {

    private ExhaustiveMappingSearch() {}

    /** The exhaustive search's result. */
    public static MappingSearchResult best(LayerContext ctx, int lpfLimit) {
        return TemporalMappingSearch.exhaustive(ctx, lpfLimit);
    }
}
