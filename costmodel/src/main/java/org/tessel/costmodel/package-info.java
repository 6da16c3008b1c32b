/**
 * The DeFiNES single-layer cost model, reproduced exactly (specs: shared/spec/costmodel.md,
 * mapping.md, zigzag-inputs.md).
 *
 * <p>Entry points: a {@link org.tessel.costmodel.LayerProblem} (layer or tile, core with a
 * possibly {@link org.tessel.costmodel.HierarchyCut truncated} hierarchy, user spatial mapping)
 * is costed under a temporal mapping by
 * {@link org.tessel.costmodel.layer.LayerCostModel#evaluate(LayerProblem, org.tessel.model.mapping.TemporalMapping)},
 * giving a {@link org.tessel.costmodel.LayerCost}; the minimum-energy temporal mapping is found by
 * {@link org.tessel.costmodel.temporal.TemporalMappingSearch#best(LayerProblem, int)}.
 * {@link org.tessel.costmodel.layer.LayerContext} holds what both derive from a problem once.
 *
 * <p>This package holds the values they exchange; it depends on none of its subpackages except
 * through {@link org.tessel.costmodel.SingleLayerEvaluator}, the depth-first engine's adapter.
 */
package org.tessel.costmodel;
