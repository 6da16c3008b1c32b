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
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;

/**
 * Goal 3 (issue 4): one whole-schedule evaluation — {@link DepthFirstEngine} with the real
 * {@link SingleLayerEvaluator} — of FSRCNN on Meta_prototype_DF, tile 60×72, fully cached,
 * lpf 6 (automatic cuts). {@code cold}: a fresh memo per run, so every distinct layer-tile is
 * searched (the engine still shares identical layer-tiles within the run and evaluates tile
 * types in parallel on the common pool). {@code warm}: a memo shared across runs, so every
 * layer-tile is a hit and what is left is the engine itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class WholeScheduleBenchmark {

    /** The loop-prime-factor limit. */
    @Param({"6"})
    public int lpf;

    private Scenario scenario;
    private DepthFirstSettings settings;
    private MemoizingLayerTileEvaluator shared;

    @Setup
    public void prepare() {
        scenario = CaseStudy.fsrcnnOnMetaPrototypeDf().scenario();
        settings = CaseStudy.settings(60, 72, OverlapMode.FULLY_CACHED, lpf);
        shared = SingleLayerEvaluator.memoized();
        new DepthFirstEngine(shared).run(scenario, settings);
    }

    @Benchmark
    public DepthFirstResult cold() {
        return new DepthFirstEngine(SingleLayerEvaluator.memoized())
                .run(scenario, settings);
    }

    @Benchmark
    public DepthFirstResult warm() {
        return new DepthFirstEngine(shared).run(scenario, settings);
    }
}
