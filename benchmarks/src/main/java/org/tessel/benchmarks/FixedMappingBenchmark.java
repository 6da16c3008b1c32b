package org.tessel.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.layer.LayerCostModel;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.mapping.TemporalMapping;
import org.tessel.model.schedule.OverlapMode;

/**
 * Goal 1 (issue 3): one single-layer evaluation with a fixed temporal mapping, the prepared
 * {@link LayerContext} reused as a search would — the full {@link LayerCost} (energy breakdown
 * and latency), not only the energy. The problem is a steady-state layer-tile of FSRCNN on
 * Meta_prototype_DF as the depth-first engine poses it (tile 60×72, fully cached, lpf 6), and
 * the mapping is the one the LOMA search chooses for it. Goal: ≥ 1,000,000 evaluations per
 * second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class FixedMappingBenchmark {

    /** FSRCNN layer id (2: a 3×3 convolution, 12→12 channels). */
    @Param({"2"})
    public int layer;

    private LayerContext ctx;
    private TemporalMapping mapping;

    @Setup
    public void prepare() {
        CaseStudy cs = CaseStudy.fsrcnnOnMetaPrototypeDf();
        LayerProblem p = cs.layerTile(CaseStudy.settings(60, 72, OverlapMode.FULLY_CACHED, 6), layer);
        ctx = LayerContext.of(p);
        mapping = TemporalMappingSearch.best(ctx, 6).mapping();
    }

    @Benchmark
    public LayerCost evaluate() {
        return LayerCostModel.evaluate(ctx, mapping);
    }
}
