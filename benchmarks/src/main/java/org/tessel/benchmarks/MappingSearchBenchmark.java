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
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.schedule.OverlapMode;

/**
 * Goal 2 (issue 3): the LOMA-equivalent temporal-mapping search of one FSRCNN layer-tile on
 * Meta_prototype_DF, as the depth-first engine poses it (tile 60×72, fully cached: the
 * steady-state tile of layer 2), from the problem to the chosen mapping with its full cost.
 * Run in sample mode, so JMH reports the median (p0.50) per search. Goal: ≤ 50 ms median at
 * lpf 8 on one core; the lpf 6 / lpf 8 ratio comes from the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class MappingSearchBenchmark {

    /** The loop-prime-factor limit (spec mapping.md §3.3). */
    @Param({"6", "8"})
    public int lpf;

    /** FSRCNN layer id. */
    @Param({"2"})
    public int layer;

    private LayerProblem problem;

    @Setup
    public void prepare() {
        problem = CaseStudy.fsrcnnOnMetaPrototypeDf()
                .layerTile(CaseStudy.settings(60, 72, OverlapMode.FULLY_CACHED, 6), layer);
    }

    /** The whole search, including preparing the problem's {@link LayerContext}. */
    @Benchmark
    public MappingSearchResult search() {
        return TemporalMappingSearch.best(LayerContext.of(problem), lpf);
    }
}
