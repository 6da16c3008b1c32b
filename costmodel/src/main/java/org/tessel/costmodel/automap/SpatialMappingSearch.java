package org.tessel.costmodel.automap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.depthfirst.tiletype.DepthFirstHierarchyTruncation;
import org.tessel.costmodel.layer.OverfullMemoryException;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.BadInputException;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.search.Objective;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * {@code --mapping auto}: the spatial mapping of every compute layer searched on its core, judged
 * by the layer's cost under an objective, memoised per distinct layer shape
 * (docs/spatial-mapping.md). Thread-safe; the result does not depend on the order or the
 * parallelism of the calls.
 */
public final class SpatialMappingSearch {

    /** The LPF limit of the first, screening round (spec mapping.md §3.3). */
    public static final int SCREENING_LPF_LIMIT = 2;
    /** How many candidates of the screening round the second round costs with the run's LPF limit. */
    public static final int FINALISTS = 2;

    private final Objective objective;
    private final int lpfLimit;
    private final Map<ShapeKey, Choice> memo = new ConcurrentHashMap<>();

    /**
     * One layer's searched mapping.
     *
     * @param mapping the chosen mapping (factors as the layer sees them)
     * @param value its value under the objective, at the run's LPF limit
     * @param candidates how many candidates were screened
     */
    public record Choice(SpatialMapping mapping, double value, int candidates) {}

    /** A layer without its identity (id, name, sources, padding: not read by the single-layer model), loops in order. */
    private record ShapeKey(Layer shape, List<String> loopOrder, Core core) {
        static ShapeKey of(Layer l, Core core) {
            Layer shape = new Layer(0, l.equation(), l.relations(), l.loops(), l.precision(), Map.of(), Map.of(),
                    l.constantOperands(), l.memoryOperands(), l.core(), Map.of(), null);
            return new ShapeKey(shape, List.copyOf(l.loops().keySet()), core);
        }
    }

    /**
     * @param objective what a candidate's layer cost is valued by ({@link Objective#PARETO_ENERGY_LATENCY}: EDP)
     * @param lpfLimit the LPF limit of the final round (the run's)
     */
    public SpatialMappingSearch(Objective objective, int lpfLimit) {
        this.objective = objective;
        this.lpfLimit = lpfLimit;
    }

    /**
     * The searched mappings of every compute layer of {@code w} on {@code accelerator}, named for
     * {@code w} and the accelerator (what {@code --mapping-out} writes).
     *
     * @throws BadInputException if a layer has no candidate the memory hierarchy can hold
     */
    public SpatialMappings mappings(Workload w, Accelerator accelerator) {
        List<Layer> layers = w.computeLayers();
        // distinct shapes in parallel; each result depends on its shape only
        Map<ShapeKey, Layer> firstOfShape = new LinkedHashMap<>();
        for (Layer l : layers) {
            firstOfShape.putIfAbsent(ShapeKey.of(l, accelerator.core(l.core())), l);
        }
        List.copyOf(firstOfShape.entrySet()).parallelStream().forEach(e -> choose(e.getKey(), e.getValue()));
        Map<Integer, SpatialMapping> out = new LinkedHashMap<>();
        for (Layer l : layers) {
            out.put(l.id(), choose(ShapeKey.of(l, accelerator.core(l.core())), l).mapping());
        }
        return new SpatialMappings(w.name(), List.of(accelerator.name()), out);
    }

    /** The choice for {@code layer} on {@code core} (memoised by shape). */
    public Choice choose(Layer layer, Core core) {
        return choose(ShapeKey.of(layer, core), layer);
    }

    /** Number of distinct layer shapes searched so far. */
    public int shapesSearched() {
        return memo.size();
    }

    private Choice choose(ShapeKey key, Layer layer) {
        Choice c = memo.get(key);
        if (c == null) {
            // searched outside the map (long); two threads on one shape get the same, deterministic choice
            c = search(key.shape(), key.core(), layer);
            Choice first = memo.putIfAbsent(key, c);
            return first != null ? first : c;
        }
        return c;
    }

    private record Scored(int index, SpatialMapping mapping, double value) {}

    private Choice search(Layer layer, Core original, Layer named) {
        Layer shape = layer;
        Core core = original;
        List<MemoryOperand> inputLinks = layer.equation().inputOperands().stream().map(x -> layer.memoryOperands().get(x)).toList();
        if (inputLinks.equals(List.of(MemoryOperand.I1, MemoryOperand.I1))) {
            // an add of two activations: costed as the depth-first engine costs it, the second input
            // relinked to a mirrored I2 (spec depthfirst.md §3.8 step 4)
            core = new Core(original.id(), original.array(), DepthFirstHierarchyTruncation.mirrorI1AsI2(original.hierarchy()));
            Map<String, MemoryOperand> links = new LinkedHashMap<>(layer.memoryOperands());
            links.put(layer.equation().inputOperands().get(1), MemoryOperand.I2);
            shape = new Layer(layer.id(), layer.equation(), layer.relations(), layer.loops(), layer.precision(), layer.sources(),
                    layer.sourceDimensions(), layer.constantOperands(), links, layer.core(), layer.padding());
        }
        SpatialCandidates all = SpatialCandidates.of(shape, core);
        int screeningLimit = Math.min(SCREENING_LPF_LIMIT, lpfLimit);
        List<SpatialMapping> candidates = all.mappings();
        List<Scored> screened = screen(shape, core, candidates, screeningLimit);
        if (screened.isEmpty()) {
            // none of the busiest can be costed (e.g. a grouped convolution leaving 7 temporal loops): the others
            candidates = all.others();
            screened = screen(shape, core, candidates, screeningLimit);
        }
        if (screened.isEmpty()) {
            throw new BadInputException("--mapping auto: layer " + named.label() + " has no spatial mapping whose temporal "
                    + "mapping fits the memory hierarchy (" + (all.mappings().size() + all.others().size()) + " candidates)");
        }
        // ties by enumeration order: a stable sort on the value keeps it
        Comparator<Scored> byValue = Comparator.comparingDouble(Scored::value).thenComparingInt(Scored::index);
        List<Scored> finalists = screened.stream().sorted(byValue).limit(FINALISTS).toList();
        if (screeningLimit == lpfLimit) {
            Scored best = finalists.getFirst();
            return new Choice(best.mapping(), best.value(), candidates.size());
        }
        Scored best = null;
        for (Scored f : finalists.stream().sorted(Comparator.comparingInt(Scored::index)).toList()) {
            double v = value(shape, core, f.mapping(), lpfLimit);
            if (!Double.isNaN(v) && (best == null || v < best.value())) {
                best = new Scored(f.index(), f.mapping(), v);
            }
        }
        if (best == null) {
            throw new BadInputException("--mapping auto: layer " + named.label() + " has no spatial mapping whose temporal "
                    + "mapping fits the memory hierarchy with LPF limit " + lpfLimit);
        }
        return new Choice(best.mapping(), best.value(), candidates.size());
    }

    private List<Scored> screen(Layer shape, Core core, List<SpatialMapping> candidates, int limit) {
        List<Scored> screened = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double v = value(shape, core, candidates.get(i), limit);
            if (!Double.isNaN(v)) {
                screened.add(new Scored(i, candidates.get(i), v));
            }
        }
        return screened;
    }

    /** The objective's value of the layer's best temporal mapping under {@code m}; NaN if none fits. */
    private double value(Layer layer, Core core, SpatialMapping m, int limit) {
        LayerCost c;
        try {
            LayerContext ctx = LayerContext.of(new LayerProblem(layer, core, m));
            // LPFs merge within a dimension only (spec mapping.md §3.3): the limit must cover the temporal dimensions
            int dims = (int) LoopPrimeFactors.temporalSizes(ctx).values().stream().filter(v -> v > 1).count();
            if (dims > lpfLimit) {
                return Double.NaN;
            }
            c = TemporalMappingSearch.best(ctx, Math.max(limit, dims)).cost();
        } catch (MemoryHierarchyTooSmallException | OverfullMemoryException e) {
            return Double.NaN;
        }
        return switch (objective) {
            case ENERGY -> c.energyTotal();
            case LATENCY -> c.latencyTotal1();
            case EDP, PARETO_ENERGY_LATENCY -> c.energyTotal() * c.latencyTotal1();
        };
    }
}
