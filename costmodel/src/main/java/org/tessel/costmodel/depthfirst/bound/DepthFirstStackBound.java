package org.tessel.costmodel.depthfirst.bound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation;
import org.tessel.costmodel.depthfirst.copy.CopyKind;
import org.tessel.costmodel.depthfirst.copy.DataCopyAction;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.layertile.IdentityFreeKey;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.tiling.MemoryLevels;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.costmodel.depthfirst.tiling.TileTypeKey;
import org.tessel.costmodel.layer.EnergyLowerBound;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.costmodel.temporal.LoopFactor;
import org.tessel.costmodel.temporal.LoopPrimeFactors;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryInstance;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;
import org.tessel.model.workload.Layer;

/**
 * A lower bound of a stack's depth-first cost (docs/search.md "Lower bounds"), in milliseconds
 * where the stack itself takes up to seconds: the engine's own stack building, tiling, tile types
 * and multiplicities (spec depthfirst.md §2.3, §3.3–§3.6) and each tile type's computed regions
 * (§3.7 step 1), but no temporal-mapping search. Per tile type × multiplicity (§5), it counts only
 * what every run of the stack must pay and what the engine's retries (§3.7 (g)) cannot change:
 * <ul>
 * <li><b>MAC energy</b> of every layer-tile that computes something, exactly:
 *   {@code unit.cost × MACs} of the tile layer (costmodel.md §5) — the regions, and which layers are
 *   idle in a border tile of an exact-size stack (docs/padding.md §2), do not depend on any
 *   single-layer result;</li>
 * <li><b>weights</b>: each layer-tile reads its weights at least once from the top of its weight
 *   chain — the whole chain on the stack's first tile, {@code Wstack} on the others (§3.5, §3.8
 *   step 5; both fixed before any single-layer call);</li>
 * <li><b>the stack-input fetch</b> {@code SI} (§3.7 (b2)), exactly (§4.2): an input pseudo-layer is
 *   never evaluated, so nothing changes its level;</li>
 * <li><b>top-level inputs and outputs</b>: a variable input whose {@code Ilist} already reaches the
 *   top of its chain is read there at least once, and an output whose {@code Olist} reaches the top
 *   (always for the stack output, §3.7 (a)) is written there at least once at its final precision;
 *   a retry only adds levels, so the real run's chains reach the top too;</li>
 * <li><b>level 0</b>: every operand's words between its innermost memory and the MAC array, which
 *   every temporal mapping of the layer-tile shares ({@link EnergyLowerBound#levelZero}; the
 *   engine's truncations keep level 0 and, where {@link EnergyLowerBound#levelZeroIgnoresUpperLevels},
 *   do not change them). Where level 0 is the level of one of the terms above, the larger of the
 *   two counts, else both (different levels or directions of the layer-tile's breakdown).</li>
 * </ul>
 * A compulsory access is counted at {@code bits × cost / bandwidth}: word counts are
 * {@code ceil(e·p/Bmin)·(Bmin/Bmax)·c·k·U ≥ n·p·c·U/Bmax} (costmodel.md §4), and the elements moved
 * {@code n·c·U} from (into) a level cover every distinct element at least once. Everything else —
 * other copies, lower levels, stalls, loading — counts as 0. Latency: each layer-tile at least its
 * ideal cycles {@code ceil(MACs / units)} (costmodel.md §10). The energy is finally lowered by a
 * relative 1e-9 against the real run's floating-point summation order.
 *
 * <p>A stack whose tiling finds no level for an overlap cache (the real run fails the same way in
 * the same step, before any single-layer call) is infeasible; a stack input fetch the hierarchy
 * cannot route gives the zero bound. Thread-safe.
 */
public final class DepthFirstStackBound implements StackLowerBound {

    /** Relative slack for floating-point reassociation. */
    private static final double ROUNDING_SLACK = 1 - 1e-9;
    /**
     * Above this many tiles an exact-size stack gets the tiling-free bound: its tiling works on real
     * positions tile by tile and can take as long as costing the stack.
     */
    private static final long TILING_FREE_ABOVE = 4;

    private final Core core;
    private final StackGraph fullGraph;
    private final boolean definesCompat;
    private final SpatialMappings mappings;
    private final int lpfLimit;
    /** Per layer id: whether its windows are at least as wide as its strides ({@link #windowsCoverTheirStrides}). */
    private final Map<Integer, Boolean> windowsCover = new ConcurrentHashMap<>();
    /**
     * Per single-layer problem (layer identity aside: equal layers share): the level-0 energy per
     * operand, empty where it is not counted.
     */
    private final Map<IdentityFreeKey, Map<String, Double>> levelZero = new ConcurrentHashMap<>();

    /**
     * @param core the core the network runs on
     * @param fullGraph the network after the full-size propagation ({@link StackPartition#fullSize})
     * @param definesCompat as the evaluator's
     * @param mappings the spatial mappings of the network's layers, as the evaluator's
     * @param lpfLimit the evaluator's loop-prime-factor limit
     */
    public DepthFirstStackBound(Core core, StackGraph fullGraph, boolean definesCompat, SpatialMappings mappings,
            int lpfLimit) {
        this.core = core;
        this.fullGraph = fullGraph;
        this.definesCompat = definesCompat;
        this.mappings = mappings;
        this.lpfLimit = lpfLimit;
    }

    @Override
    public StackCost of(StackSchedule stack) {
        MemoryHierarchy hier = core.hierarchy();
        FusedStack s = StackPartition.stackOf(fullGraph, 0, stack.layerIds(), definesCompat);
        if (s.graph().exactSizes() && tileCount(s.graph(), stack.tile()) > TILING_FREE_ABOVE) {
            return withoutTiling(s.graph(), stack);
        }
        StackTiling tiling;
        try {
            tiling = StackTiling.of(s, hier, stack.mode(), stack.tile());
        } catch (MemoryHierarchyTooSmallException e) {
            return StackCost.infeasible();
        }
        StackGraph graph = s.graph();
        double energy = 0;
        long latency = 0;
        try {
            for (StackTiling.TileType type : tiling.types()) {
                double[] e = {0};
                long l = typeBound(graph, hier, tiling, type.key(), e);
                energy += e[0] * type.multiplicity();
                latency = Math.addExact(latency, Math.multiplyExact(l, type.multiplicity()));
            }
        } catch (UnroutableCopyException e) {
            return new StackCost(0, 0, true);
        }
        return new StackCost(energy * ROUNDING_SLACK, latency, true);
    }

    /**
     * The tiling-free bound ({@link #withoutTiling}) for every stack: no tiling and no
     * back-propagation, a few microseconds a stack where {@link #of} takes milliseconds, and it
     * holds for any stack (its tiles partition the output, the first tile computes in every layer).
     */
    @Override
    public StackLowerBound quick() {
        return stack -> withoutTiling(StackPartition.stackOf(fullGraph, 0, stack.layerIds(), definesCompat).graph(), stack);
    }

    /** The number of tiles of the stack's output (spec depthfirst.md §3.3). */
    private static long tileCount(StackGraph graph, TileSize tile) {
        if (!(tile instanceof TileSize.Fixed f)) {
            return 1;
        }
        Map<String, Long> out = graph.loops().get(graph.firstSink());
        long w = SpatialAxis.X.sizeIn(out);
        long h = SpatialAxis.Y.sizeIn(out);
        return Math.ceilDiv(w, Math.min(w, f.width())) * Math.ceilDiv(h, Math.min(h, f.height()));
    }

    /**
     * The bound without tiling, for exact-size stacks with many tiles: the stack output layer's MAC
     * energy and its output written to the top once (the tiles partition its output exactly); every
     * layer's weights read once from the top in the first tile (which computes something in every
     * layer); and in each later tile the weights of the layers sure to compute there — the stack
     * output's, or all in {@code fully-recompute} (nothing cached, so no layer is idle) — at the
     * cheapest read of a level at or above the lowest weight level that holds all the stack's weights
     * ({@code Wstack} is at least that level, §3.4 G: {@code need(ml) ≥ Wtot}).
     */
    private StackCost withoutTiling(StackGraph graph, StackSchedule stack) {
        MemoryHierarchy hier = core.hierarchy();
        long tiles = tileCount(graph, stack.tile());
        int outId = graph.firstSink();
        DfNode out = graph.node(outId);
        double e = 0;
        long wtot = 0;
        double allWeights = 0;
        MemoryOperand wmo = null;
        for (int id : graph.topologicalOrder()) {
            DfNode n = graph.node(id);
            if (n.isInput() || !n.linksWeights()) {
                continue;
            }
            long wb = n.weightBits();
            wtot += wb;
            allWeights += wb;
            wmo = wmo == null ? n.weightLink() : wmo;
            e += wb * perBit(hier.chain(n.weightLink()).getLast().memory(), true);
        }
        if (wmo != null && tiles > 1) {
            List<MemoryLevel> chain = hier.chain(wmo);
            double cheapest = Double.POSITIVE_INFINITY;
            boolean reached = false;
            for (MemoryLevel ml : chain) {
                reached |= ml.memory().sizeBits() >= wtot;
                if (reached || ml == chain.getLast()) {
                    cheapest = Math.min(cheapest, perBit(ml.memory(), true));
                }
            }
            double later = stack.mode() == OverlapMode.FULLY_RECOMPUTE ? allWeights
                    : out.linksWeights() ? out.weightBits() : 0;
            e += (tiles - 1) * later * cheapest;
        }
        Layer layer = out.layer();
        long units = core.array().unitCount();
        long macs = layer.macCount();
        long cycles = Math.ceilDiv(macs, units);
        if (!graph.exactSizes() && windowsCoverTheirStrides(graph)) {
            // every layer computes at least its full size over the tiles (see windowsCoverTheirStrides)
            macs = 0;
            cycles = 0;
            for (int id : graph.topologicalOrder()) {
                DfNode n = graph.node(id);
                if (!n.isInput()) {
                    long m = n.layer().macCount();
                    macs += m;
                    cycles += Math.ceilDiv(m, units);
                }
            }
        }
        e += core.array().unit().macEnergy() * macs;
        e += bits(layer, layer.equation().outputOperand(), Layer.FINAL_OUTPUT)
                * perBit(hier.chain(out.outputLink()).getLast().memory(), false);
        return new StackCost(e * ROUNDING_SLACK, cycles, true);
    }

    /**
     * Whether every window of the stack is at least as wide as its stride along both axes
     * ({@code k ≥ s}: no 1×1 stride-2 layer): then, in a stack without real-position regions, the
     * widths a layer computes over a row (column) of tiles add up to at least its full-size width.
     * By induction from the output, whose tiles add up to it exactly: a tile's window over
     * consumer width {@code l} is {@code (l−1)s + k} wide, or {@code min((l−1)s + k, l·s) = l·s}
     * where the overlap is read from a cache (never in the first tile of a row), so over {@code n}
     * tiles at least {@code s·Σl − s + k ≥ (L−1)s + k} (spec depthfirst.md §3.2, {@code need} the
     * largest over consumers), and a tile's MACs are the product of its width and height. Hence
     * every layer's full-size MACs are a lower bound of its MACs over the stack.
     */
    private boolean windowsCoverTheirStrides(StackGraph graph) {
        for (int id : graph.topologicalOrder()) {
            DfNode n = graph.node(id);
            if (!n.isInput() && !windowsCover.computeIfAbsent(n.layer().id(), k -> windowsCoverTheirStrides(n))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #windowsCoverTheirStrides(StackGraph)} for one layer: a property of its relations, the same in every stack. */
    private static boolean windowsCoverTheirStrides(DfNode n) {
        String x = SpatialAxis.X.dim();
        String y = SpatialAxis.Y.dim();
        Map<String, Long> one = new java.util.LinkedHashMap<>(n.layer().loops());
        one.put(x, 1L);
        one.put(y, 1L);
        Map<String, Long> twoX = new java.util.LinkedHashMap<>(one);
        twoX.put(x, 2L);
        Map<String, Long> twoY = new java.util.LinkedHashMap<>(one);
        twoY.put(y, 2L);
        for (String operand : n.layer().sources().keySet()) {
            Map<String, Long> k = n.extents(operand, one);
            Map<String, Long> kx = n.extents(operand, twoX);
            Map<String, Long> ky = n.extents(operand, twoY);
            for (Map.Entry<String, Long> w : k.entrySet()) {
                long window = w.getValue();
                if (kx.get(w.getKey()) - window > window || ky.get(w.getKey()) - window > window) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One tile type: adds its energy bound to {@code energy[0]}, returns its latency bound. */
    private long typeBound(StackGraph graph, MemoryHierarchy hier, StackTiling tiling, TileTypeKey key, double[] energy) {
        // §3.7 step 1: the computed region of every node
        BackPropagation bpt = BackPropagation.run(graph, graph.loops(), key.size(), key.caching(), key.columns(), key.rows());
        MemoryLevel wstack = tiling.weightLevel();
        boolean weightsTruncated = !key.weightsFromTop() && wstack != null
                && graph.topologicalOrder().stream().map(graph::node).anyMatch(DfNode::linksWeights);
        double macEnergy = core.array().unit().macEnergy();
        long units = core.array().unitCount();
        double e = 0;
        long latency = 0;
        for (int id : graph.topologicalOrder()) {
            DfNode n = graph.node(id);
            Map<String, Long> lt = bpt.loops().get(id);
            List<MemoryLevel> chainO = hier.chain(n.outputLink());
            if (graph.predecessorsOf(id).isEmpty()) {
                // §3.7 (a), (b2): the new input patch goes to the lowest unrolled-once level that holds it
                long bits = n.outBits(lt);
                MemoryLevel otop = MemoryLevels.prefixUntil(chainO, ml -> ml.memory().sizeBits() >= bits && ml.unrollCount() == 1)
                        .getLast();
                MemoryOperand op = n.outputLink();
                e += DataCopyAction.of(CopyKind.STACK_INPUT, bits, op, index(hier, op, hier.top(MemoryOperand.I1)), op,
                        index(hier, op, otop), hier).energy();
                continue;
            }
            if (SpatialAxis.X.sizeIn(lt) == 0 || SpatialAxis.Y.sizeIn(lt) == 0) {
                continue; // idle in this tile (docs/padding.md §2)
            }
            Layer layer = n.layer().withLoops(lt);
            long macs = layer.macCount();
            e += macEnergy * macs;
            latency += Math.ceilDiv(macs, units);
            Map<String, Double> zero = levelZero(n, layer);
            // weights: from Wstack, or from the top on the stack's first tile (§3.8 step 5)
            for (String w : layer.constantOperands()) {
                List<MemoryLevel> chain = hier.chain(n.link(w));
                MemoryLevel top = weightsTruncated && n.linksWeights() ? level(chain, wstack) : chain.getLast();
                e += withLevelZero(bits(layer, w, w) * perBit(top.memory(), true), top, chain, zero, w);
            }
            // §3.7 (a) without retry offsets: a chain already at its top stays there
            long inBits = n.inBits(lt);
            List<MemoryLevel> chainI = hier.chain(n.link(n.variableInputs().getFirst()));
            List<MemoryLevel> ilist = MemoryLevels.prefixUntil(chainI,
                    ml -> ml.memory().sizeBits() >= inBits && ml.unrollCount() == 1);
            MemoryLevel itop = ilist.getLast();
            boolean inputsAtTop = MemoryLevels.same(itop, chainI.getLast());
            for (String x : n.variableInputs()) {
                double read = inputsAtTop ? bits(layer, x, x) * perBit(itop.memory(), true) : 0;
                e += withLevelZero(read, inputsAtTop ? itop : null, hier.chain(n.link(x)), zero, x);
            }
            boolean isOut = graph.successorsOf(id).isEmpty();
            long outBits = n.outBits(lt);
            MemoryLevel otop = isOut ? chainO.getLast() : MemoryLevels.prefixUntil(chainO, ml -> ml.memory().sizeBits()
                    >= outBits + (MemoryLevels.same(ml, itop) ? inBits : 0) && ml.unrollCount() == 1).getLast();
            boolean outputAtTop = MemoryLevels.same(otop, chainO.getLast());
            double write = outputAtTop
                    ? bits(layer, layer.equation().outputOperand(), Layer.FINAL_OUTPUT) * perBit(otop.memory(), false) : 0;
            e += withLevelZero(write, outputAtTop ? otop : null, chainO, zero, layer.equation().outputOperand());
        }
        energy[0] += e;
        return latency;
    }

    /**
     * A compulsory access {@code term} of {@code operand} at {@code level} (null: none) together with
     * the operand's level-0 energy: the larger of the two where {@code level} is level 0 (the same
     * entry of the layer-tile's breakdown), else both.
     */
    private static double withLevelZero(double term, MemoryLevel level, List<MemoryLevel> chain, Map<String, Double> zero,
            String operand) {
        double z = zero.getOrDefault(operand, 0.0);
        if (level != null && MemoryLevels.same(level, chain.getFirst())) {
            return Math.max(term, z);
        }
        return term + z;
    }

    /**
     * The level-0 energy per operand of node {@code n}'s layer-tile {@code layer} (spec
     * depthfirst.md §3.9: the layer with the tile's loop sizes, the layer's spatial mapping, on the
     * core's hierarchy; the engine's truncations above level 0 do not change it), or none where it
     * is not counted (empty): two inputs on I1 (the engine relinks one to a mirrored I2, §3.8 step 4), a
     * mapping whose level 0 could depend on the levels above
     * ({@link EnergyLowerBound#levelZeroIgnoresUpperLevels}), energies that are not all
     * non-negative, or a problem the model refuses on the whole hierarchy.
     */
    private Map<String, Double> levelZero(DfNode n, Layer layer) {
        List<MemoryOperand> links = layer.equation().inputOperands().stream().map(n::link).toList();
        if (links.equals(List.of(MemoryOperand.I1, MemoryOperand.I1))) {
            return Map.of();
        }
        LayerTileProblem problem = new LayerTileProblem(layer, core.hierarchy(), core.array(), mappings.of(layer.id()),
                lpfLimit);
        return levelZero.computeIfAbsent(new IdentityFreeKey(problem), k -> {
            try {
                LayerContext ctx = LayerContext.of(problem.layerProblem());
                EnergyLowerBound bound = new EnergyLowerBound(ctx);
                if (!bound.applicable() || !bound.levelZeroIgnoresUpperLevels()) {
                    return Map.of();
                }
                double[] e = levelZero(ctx, bound, lpfLimit);
                Map<String, Double> byOperand = new HashMap<>();
                for (int x = 0; x < e.length; x++) {
                    byOperand.put(ctx.operands().get(x), e[x]);
                }
                return Map.copyOf(byOperand);
            } catch (RuntimeException refused) { // a problem the model refuses here: 0 is always a bound
                return Map.of();
            }
        });
    }

    /** {@link EnergyLowerBound#levelZero} of {@code ctx}, on its loop prime factors in their order (any order will do). */
    static double[] levelZero(LayerContext ctx, EnergyLowerBound bound, int lpfLimit) {
        List<LoopFactor> factors = LoopPrimeFactors.of(ctx, lpfLimit).factors();
        int[] dims = new int[factors.size()];
        long[] sizes = new long[factors.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = ctx.dimensionId(factors.get(i).dim());
            sizes[i] = factors.get(i).size();
        }
        return bound.levelZero(dims, sizes);
    }

    /** Energy per bit of a full-width read (write) of {@code m}. */
    private static double perBit(MemoryInstance m, boolean read) {
        return read ? m.readEnergy() / m.readBandwidth() : m.writeEnergy() / m.writeBandwidth();
    }

    private static double bits(Layer layer, String operand, String precisionKey) {
        Integer p = layer.precision().get(precisionKey);
        if (p == null) {
            p = layer.precision().get(operand);
        }
        return (double) layer.operandElements(operand) * (p == null ? 0 : p);
    }

    private static MemoryLevel level(List<MemoryLevel> chain, MemoryLevel named) {
        return chain.stream().filter(ml -> MemoryLevels.same(ml, named)).findFirst().orElse(chain.getLast());
    }

    private static int index(MemoryHierarchy hier, MemoryOperand op, MemoryLevel level) {
        List<MemoryLevel> chain = hier.chain(op);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).name().equals(level.name())) {
                return i;
            }
        }
        throw new IllegalStateException(level.name() + " is not in the chain of " + op);
    }
}
