package org.tessel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;

/**
 * The case study every benchmark runs on: FSRCNN on {@code Meta_prototype_DF} with its bundled
 * spatial mappings, loaded from the repository's {@code configs/} directory (system property
 * {@code tessel.configs}, default {@code configs}, else {@code ../configs}: run from the
 * repository root or from {@code benchmarks/}).
 *
 * @param scenario the loaded workload, accelerator and spatial mappings
 */
public record CaseStudy(Scenario scenario) {

    /** Loads FSRCNN on Meta_prototype_DF. */
    public static CaseStudy fsrcnnOnMetaPrototypeDf() {
        Path configs = configs();
        return new CaseStudy(Scenario.load(configs.resolve("workloads/fsrcnn.yaml"),
                configs.resolve("accelerators/Meta_prototype_DF.yaml"),
                configs.resolve("mappings/Meta_prototype/fsrcnn.yaml")));
    }

    private static Path configs() {
        String set = System.getProperty("tessel.configs");
        if (set != null) {
            return Path.of(set);
        }
        for (Path p : List.of(Path.of("configs"), Path.of("..", "configs"))) {
            if (Files.isDirectory(p.resolve("workloads"))) {
                return p;
            }
        }
        throw new IllegalStateException("no configs/ directory here or one level up; run from the repository root or set"
                + " -Dtessel.configs=<path>");
    }

    /** DeFiNES' knobs with automatic cuts and the DeFiNES-compatible defects on. */
    public static DepthFirstSettings settings(long tileX, long tileY, OverlapMode mode, int lpfLimit) {
        return new DepthFirstSettings(TileSize.of(tileX, tileY), mode, null, lpfLimit, true);
    }

    /**
     * Every single-layer problem the depth-first engine poses for {@code settings}, in the order
     * posed (duplicates included), recorded while the engine runs with the real single-layer model.
     */
    public List<LayerTileProblem> layerTiles(DepthFirstSettings settings) {
        List<LayerTileProblem> posed = Collections.synchronizedList(new ArrayList<>());
        SingleLayerEvaluator real = new SingleLayerEvaluator();
        new DepthFirstEngine(p -> {
            posed.add(p);
            return real.evaluate(p);
        }).run(scenario, settings);
        return List.copyOf(posed);
    }

    /**
     * The largest (most MACs) layer-tile of layer {@code layerId} the engine poses for {@code settings}:
     * the steady-state tile, as a single-layer problem.
     */
    public LayerProblem layerTile(DepthFirstSettings settings, int layerId) {
        LayerTileProblem best = null;
        for (LayerTileProblem p : layerTiles(settings)) {
            if (p.layer().id() == layerId && (best == null || p.layer().macCount() > best.layer().macCount())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("the engine poses no tile of layer " + layerId);
        }
        return best.layerProblem();
    }
}
