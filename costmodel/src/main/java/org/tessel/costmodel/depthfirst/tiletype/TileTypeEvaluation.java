package org.tessel.costmodel.depthfirst.tiletype;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation;
import org.tessel.costmodel.depthfirst.backprop.Extent;
import org.tessel.costmodel.depthfirst.backprop.OperandRef;
import org.tessel.costmodel.depthfirst.copy.CopyKind;
import org.tessel.costmodel.depthfirst.copy.DataCopyAction;
import org.tessel.costmodel.depthfirst.copy.DataCopyLayer;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.tiling.MemoryLevels;
import org.tessel.costmodel.depthfirst.tiling.RowRead;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.costmodel.depthfirst.tiling.TileTypeKey;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.OperationalArray;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.workload.Layer;

/**
 * The evaluation of one tile type of a stack ({@code run_for_tilesize}, spec depthfirst.md §3.7):
 * every node in topological order with its level choices, copies and single-layer result.
 *
 * <p>The steps, named as in the spec: {@link #evaluate} back-propagates the tile (step 1), finds the
 * weight levels (step 2) and takes the nodes in topological order (step 4). For each node, an
 * attempt (a) chooses the levels, (b) collects the copies before it, (d) builds its data-copy layer
 * and (e) makes the single-layer call; while that call finds the hierarchy too small, (g) the node
 * is attempted again with the next {@link Retry} offsets. The successful attempt is then (c) booked
 * and (f) registers the cache writes that the next node's data-copy layer pays for.
 *
 * @param stackIndex the stack's index
 * @param typeIndex the tile type's index in its stack
 * @param type the tile type (key, multiplicity, first position)
 * @param nodes one record per node, in topological order
 */
public record TileTypeEvaluation(int stackIndex, int typeIndex, StackTiling.TileType type, List<NodeTileRecord> nodes) {

    public TileTypeEvaluation {
        nodes = List.copyOf(nodes);
    }

    /** Everything a tile-type evaluation needs besides the tile type itself. */
    public record Context(FusedStack stack, StackTiling tiling, MemoryHierarchy hierarchy, OperationalArray array,
            SpatialMappings mappings, int lpfLimit, LayerTileEvaluator evaluator) {}

    /**
     * The retry offsets of spec depthfirst.md §3.7 (g): {@code eO} more levels of the output chain
     * and {@code eI} more of the input chain than the level choices (a) give.
     *
     * @param eO extra output levels
     * @param eI extra input levels
     */
    record Retry(int eO, int eI) {

        /** The first attempt: the level choices as they are. */
        static final Retry NONE = new Retry(0, 0);

        /**
         * The offsets of the next attempt, in the sequence {@code (1,0), (0,1), (1,1), (2,1), (1,2),
         * (2,2), (3,2), …}: if {@code eO == eI}, {@code eO + 1}; if {@code eO > eI}, one level moves
         * from the output to the input; else {@code eO + 1}.
         */
        Retry next() {
            if (eO == eI) {
                return new Retry(eO + 1, eI);
            }
            if (eO > eI) {
                return new Retry(eO - 1, eI + 1);
            }
            return new Retry(eO + 1, eI);
        }

        /** True if both offsets reach the length of their chains: no further attempt adds a level. */
        boolean exhausted(List<MemoryLevel> chainO, List<MemoryLevel> chainI) {
            return eO >= chainO.size() && eI >= chainI.size();
        }
    }

    /** Evaluates tile type {@code typeIndex} of the stack in {@code ctx}. */
    public static TileTypeEvaluation evaluate(Context ctx, int typeIndex) {
        StackTiling.TileType type = ctx.tiling().types().get(typeIndex);
        Run run = new Run(ctx, type.key());
        List<NodeTileRecord> records = new ArrayList<>();
        for (int id : ctx.stack().graph().topologicalOrder()) {
            records.add(run.node(id));
        }
        return new TileTypeEvaluation(ctx.stack().index(), typeIndex, type, records);
    }

    /** Where a node's output is kept in this tile and how much of it there is (§3.7 (c)). */
    private record Stored(MemoryLevel level, long bits) {}

    /**
     * One node in this tile type.
     *
     * @param node the node
     * @param region its loop sizes {@code ℓt}
     * @param isIn no predecessor: an input pseudo-layer
     * @param isOut no successor: the stack output
     * @param inBits its full input region in bits
     * @param outBits its output region in bits
     * @param idle a real layer with nothing to compute in this tile (an exact-size stack's border,
     *     docs/padding.md §2): not costed, reads and writes no data
     * @param chainI the chain of its first variable input (empty for {@code isIn})
     * @param chainO the chain of its output
     */
    private record NodeTile(DfNode node, Map<String, Long> region, boolean isIn, boolean isOut, long inBits, long outBits,
            boolean idle, List<MemoryLevel> chainI, List<MemoryLevel> chainO) {

        /** True if the node gets a single-layer call (§3.7 (e)). */
        boolean evaluated() {
            return !isIn && !idle;
        }
    }

    /**
     * The level choices of one attempt (§3.7 (a)).
     *
     * @param ilist {@code Ilist}, extended by the retry offset
     * @param itop {@code Itop}, its top (null for an input pseudo-layer)
     * @param otop {@code Otop}, the top of {@code Olist} extended by the retry offset
     */
    private record LevelChoice(List<MemoryLevel> ilist, MemoryLevel itop, MemoryLevel otop) {}

    /** One attempt at a node: its offsets, the attempts that failed before it, what it chose, copied and got. */
    private record Attempt(Retry retry, int failed, LevelChoice levels, DataCopyLayer copies, LayerTileProblem problem,
            LayerTileResult result) {}

    /** One tile type being evaluated: the tile's regions and weight levels, and the state carried from node to node. */
    private static final class Run {

        private final Context ctx;
        private final TileTypeKey key;
        private final StackGraph graph;
        private final MemoryHierarchy hier;
        /** Step 1: {@code BP_t}, whose loop sizes are every node's region {@code ℓt}. */
        private final BackPropagation bpt;
        /** Step 2: {@code Wlist}. */
        private final List<MemoryLevel> wlist;
        private final MemoryLevel stackIn;
        private final MemoryLevel stackOut;
        private final Map<OperandRef, Extent> colsR;
        private final Map<OperandRef, RowRead> rowsR;
        private final Map<Integer, Extent> colsW;
        private final Map<Integer, Extent> rowsW;
        /** Step 3: {@code stored} and {@code pending}. */
        private final Map<Integer, Stored> stored = new HashMap<>();
        private List<DataCopyAction> pending = List.of();

        Run(Context ctx, TileTypeKey key) {
            this.ctx = ctx;
            this.key = key;
            this.graph = ctx.stack().graph();
            this.hier = ctx.hierarchy();
            // 1. the computed region of every node (spec depthfirst.md §3.7 step 1)
            this.bpt = BackPropagation.run(graph, graph.loops(), key.size(), key.caching(), key.columns(), key.rows());
            this.wlist = weightLevels();
            this.stackIn = hier.top(MemoryOperand.I1);
            this.stackOut = hier.top(MemoryOperand.O);
            this.colsR = key.colsReadMap();
            this.rowsR = key.rowsReadMap();
            this.colsW = key.colsWriteMap();
            this.rowsW = key.rowsWriteMap();
        }

        /** Step 2: the weight chain of the first node linking weights, up to {@code Wstack}; empty without {@code Wstack}. */
        private List<MemoryLevel> weightLevels() {
            MemoryLevel wstack = ctx.tiling().weightLevel();
            if (wstack == null) {
                return List.of();
            }
            return graph.topologicalOrder().stream().map(graph::node).filter(DfNode::linksWeights).findFirst()
                    .map(n -> MemoryLevels.prefixUntil(hier.chain(n.weightLink()), ml -> MemoryLevels.same(ml, wstack)))
                    .orElse(List.of());
        }

        /** Step 4 for node {@code id}: attempts until one succeeds, then (c) and (f). */
        NodeTileRecord node(int id) {
            NodeTile t = nodeTile(id);
            Attempt a = attempt(t, Retry.NONE, 0);
            LevelChoice levels = a.levels();
            // (c) bookkeeping
            stored.put(id, new Stored(levels.otop(), t.outBits()));
            // (f) output → cache copies for the next node
            pending = t.evaluated() ? cacheWritesAfter(t, levels.otop()) : List.of();
            return new NodeTileRecord(t.node().name(), id, t.region(), t.inBits(), t.outBits(),
                    levels.itop() == null ? null : levels.itop().name(), levels.otop().name(), a.retry().eO(), a.retry().eI(),
                    a.failed(), a.copies(), a.problem(), a.result());
        }

        private NodeTile nodeTile(int id) {
            DfNode n = graph.node(id);
            Map<String, Long> lt = bpt.loops().get(id);
            boolean isIn = graph.predecessorsOf(id).isEmpty();
            boolean isOut = graph.successorsOf(id).isEmpty();
            // a node of an exact-size stack may have nothing to compute in a border tile: it is not
            // costed there, and reads and writes no data (docs/padding.md §2)
            boolean idle = !isIn && (SpatialAxis.X.sizeIn(lt) == 0 || SpatialAxis.Y.sizeIn(lt) == 0);
            List<MemoryLevel> chainI = isIn ? List.of() : hier.chain(n.link(n.variableInputs().getFirst()));
            return new NodeTile(n, lt, isIn, isOut, n.inBits(lt), n.outBits(lt), idle, chainI, hier.chain(n.outputLink()));
        }

        /**
         * One attempt at a node with the offsets {@code retry}: (a), (b), (d) and (e). If the
         * single-layer call finds the hierarchy too small, (g): the node is attempted again from (a)
         * with the next offsets and the {@code pending} copies as they were, until the offsets are
         * exhausted.
         *
         * @throws MemoryHierarchyTooSmallException if the last possible attempt failed
         */
        private Attempt attempt(NodeTile t, Retry retry, int failed) {
            LevelChoice levels = chooseLevels(t, retry);
            // (d) data-copy layer
            DataCopyLayer copies = DataCopyLayer.of(t.node().name(), copiesBefore(t, levels));
            if (!t.evaluated()) {
                return new Attempt(retry, failed, levels, copies, null, null);
            }
            // (e) single-layer call
            LayerTileProblem problem = problem(t, levels);
            LayerTileResult result;
            try {
                result = ctx.evaluator().evaluate(problem);
            } catch (MemoryHierarchyTooSmallException e) {
                if (retry.exhausted(t.chainO(), t.chainI())) {
                    throw e;
                }
                return attempt(t, retry.next(), failed + 1);
            }
            return new Attempt(retry, failed, levels, copies, problem, result);
        }

        /**
         * (a) Level choices: {@code Ilist} up to the first level that holds the input region,
         * {@code Olist} up to the stack output level, or to the first level that holds the output
         * (and the input if it is the same memory as the un-extended {@code Itop}); then both
         * extended by the retry offsets.
         */
        private LevelChoice chooseLevels(NodeTile t, Retry retry) {
            List<MemoryLevel> ilist = t.isIn() ? List.of()
                    : MemoryLevels.prefixUntil(t.chainI(), ml -> ml.memory().sizeBits() >= t.inBits() && ml.unrollCount() == 1);
            MemoryLevel itop0 = ilist.isEmpty() ? null : ilist.getLast();
            List<MemoryLevel> olist = t.isOut() ? MemoryLevels.prefixUntil(t.chainO(), ml -> MemoryLevels.same(ml, stackOut))
                    : MemoryLevels.prefixUntil(t.chainO(), ml -> ml.memory().sizeBits()
                            >= t.outBits() + (MemoryLevels.same(ml, itop0) ? t.inBits() : 0) && ml.unrollCount() == 1);
            ilist = extend(ilist, t.chainI(), retry.eI());
            olist = extend(olist, t.chainO(), retry.eO());
            return new LevelChoice(ilist, ilist.isEmpty() ? null : ilist.getLast(), olist.getLast());
        }

        /** (b) The copies of this node's data-copy layer, in the spec's order (b1)–(b5). */
        private List<DataCopyAction> copiesBefore(NodeTile t, LevelChoice levels) {
            // (b1) the output → cache copies registered by the previous node
            List<DataCopyAction> copies = new ArrayList<>(pending);
            if (t.idle()) {
                return copies; // nothing to read (docs/padding.md §2)
            }
            if (t.isIn()) {
                copies.add(stackInputFetch(t, levels.otop()));
                return copies;
            }
            addOutputToInput(copies, t, levels);
            if (key.useH() != null && !MemoryLevels.same(key.useH(), levels.itop())) {
                addHorizontalCacheToInput(copies, t, levels.itop());
            }
            if (key.useV() != null && !MemoryLevels.same(ctx.tiling().lastVml(), levels.itop())) {
                addVerticalCacheToInput(copies, t, levels.itop());
            }
            return copies;
        }

        /** (b2) The stack-input fetch {@code SI}: the new input patch, from the stack input level to {@code Otop}. */
        private DataCopyAction stackInputFetch(NodeTile t, MemoryLevel otop) {
            MemoryOperand op = t.node().outputLink();
            return DataCopyAction.of(CopyKind.STACK_INPUT, t.outBits(), op, index(op, stackIn), op, index(op, otop), hier);
        }

        /** (b3) Output → input: every source whose output is not where this node reads its input. */
        private void addOutputToInput(List<DataCopyAction> copies, NodeTile t, LevelChoice levels) {
            DfNode n = t.node();
            for (Map.Entry<String, List<Integer>> src : n.layer().sources().entrySet()) {
                for (int s : src.getValue()) {
                    Stored st = stored.get(s);
                    DfNode sn = graph.node(s);
                    boolean copy = sn.isInput() ? !MemoryLevels.contains(levels.ilist(), st.level())
                            : !MemoryLevels.same(st.level(), levels.itop());
                    if (copy) {
                        MemoryOperand so = sn.outputLink();
                        MemoryOperand dop = n.link(src.getKey());
                        copies.add(DataCopyAction.of(CopyKind.OUTPUT_TO_INPUT, st.bits(), so, index(so, st.level()), dop,
                                index(dop, levels.itop()), hier));
                    }
                }
            }
        }

        /** (b4) H cache → input: the cached columns of every variable input. */
        private void addHorizontalCacheToInput(List<DataCopyAction> copies, NodeTile t, MemoryLevel itop) {
            DfNode n = t.node();
            for (String x : n.variableInputs()) {
                Extent c = colsR.get(new OperandRef(n.id(), x));
                if (c != null) {
                    Map<String, Long> f = factors(n, x, t.region());
                    f.put(c.dim(), c.amount());
                    addCacheToInput(copies, n, x, bitsOf(n, f), key.useH(), itop);
                }
            }
        }

        /** (b5) V cache → input: the cached rows of every variable input, without the corner the H cache brought. */
        private void addVerticalCacheToInput(List<DataCopyAction> copies, NodeTile t, MemoryLevel itop) {
            DfNode n = t.node();
            Map<String, Long> lt = t.region();
            for (String x : n.variableInputs()) {
                RowRead r = rowsR.get(new OperandRef(n.id(), x));
                if (r != null) {
                    long cols = lt.containsKey(r.dimX()) ? lt.get(r.dimX()) : n.extents(x, lt).get(r.dimX());
                    if (key.useH() != null) {
                        cols -= colsR.get(new OperandRef(n.id(), x)).amount();
                    }
                    Map<String, Long> f = factors(n, x, lt);
                    f.put(r.dimX(), cols);
                    f.put(r.dimY(), r.overlap());
                    addCacheToInput(copies, n, x, bitsOf(n, f), key.useV(), itop);
                }
            }
        }

        private void addCacheToInput(List<DataCopyAction> copies, DfNode n, String x, long bits, MemoryLevel cache,
                MemoryLevel itop) {
            if (bits > 0) {
                MemoryOperand op = n.link(x);
                copies.add(DataCopyAction.of(CopyKind.CACHE_TO_INPUT, bits, op, index(op, cache), op, index(op, itop), hier));
            }
        }

        /**
         * (f) The output → cache copies this node registers for the next one: the rows for the V
         * cache first, then the columns for the H cache without the corner the rows already hold.
         */
        private List<DataCopyAction> cacheWritesAfter(NodeTile t, MemoryLevel otop) {
            DfNode n = t.node();
            List<DataCopyAction> next = new ArrayList<>();
            Extent sub = null;
            Extent rw = rowsW.get(n.id());
            if (key.makeV() != null && !MemoryLevels.same(key.makeV(), otop) && rw != null) {
                Map<String, Long> f = outFactors(n, t.region());
                f.put(rw.dim(), rw.amount());
                addOutputToCache(next, n, bitsOf(n, f), otop, key.makeV());
                sub = rw;
            }
            Extent cw = colsW.get(n.id());
            if (key.makeH() != null && !MemoryLevels.same(key.makeH(), otop) && cw != null) {
                Map<String, Long> f = outFactors(n, t.region());
                f.put(cw.dim(), cw.amount());
                if (sub != null) {
                    f.put(sub.dim(), f.getOrDefault(sub.dim(), 0L) - sub.amount());
                }
                addOutputToCache(next, n, bitsOf(n, f), otop, key.makeH());
            }
            return List.copyOf(next);
        }

        private void addOutputToCache(List<DataCopyAction> copies, DfNode n, long bits, MemoryLevel otop, MemoryLevel cache) {
            if (bits > 0) {
                MemoryOperand o = n.outputLink();
                copies.add(DataCopyAction.of(CopyKind.OUTPUT_TO_CACHE, bits, MemoryOperand.O, index(MemoryOperand.O, otop), o,
                        index(o, cache), hier));
            }
        }

        /** The truncated hierarchy and tile layer of one single-layer call (spec depthfirst.md §3.8, §3.9). */
        private LayerTileProblem problem(NodeTile t, LevelChoice levels) {
            DfNode n = t.node();
            MemoryHierarchy h = hier;
            // §3.8 step 1, step 2: inputs end at Itop; outputs at Otop unless this is the stack output
            for (String x : n.variableInputs()) {
                h = h.truncatedAt(n.link(x), levels.itop().name());
            }
            if (!t.isOut()) {
                h = h.truncatedAt(n.outputLink(), levels.otop().name());
            }
            // §3.9: the layer with the tile's loop sizes
            Layer layer = n.layer().withLoops(t.region());
            List<MemoryOperand> inputLinks = n.layer().equation().inputOperands().stream().map(n::link).toList();
            if (inputLinks.equals(List.of(MemoryOperand.I1, MemoryOperand.I1))) {
                // §3.8 step 4: two inputs on I1, the second relinked to a mirrored I2
                h = DepthFirstHierarchyTruncation.mirrorI1AsI2(h);
                Map<String, MemoryOperand> links = new LinkedHashMap<>(layer.memoryOperands());
                links.put(layer.equation().inputOperands().get(1), MemoryOperand.I2);
                layer = new Layer(layer.id(), layer.equation(), layer.relations(), layer.loops(), layer.precision(),
                        layer.sources(), layer.sourceDimensions(), layer.constantOperands(), links, layer.core(),
                        layer.padding());
            }
            // §3.8 step 5: weights end at Wstack, except in the stack's first tile
            if (!key.weightsFromTop() && !n.layer().constantOperands().isEmpty() && !wlist.isEmpty() && n.linksWeights()) {
                h = h.truncatedAt(n.weightLink(), ctx.tiling().weightLevel().name());
            }
            return new LayerTileProblem(layer, h, ctx.array(), ctx.mappings().of(n.id()), ctx.lpfLimit());
        }

        /** The index of {@code level} in the chain of {@code op} in the original hierarchy. */
        private int index(MemoryOperand op, MemoryLevel level) {
            List<MemoryLevel> chain = hier.chain(op);
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i).name().equals(level.name())) {
                    return i;
                }
            }
            throw new IllegalArgumentException(level.name() + " does not serve " + op);
        }
    }

    /** Factors of a cached input slice: relevant dims from the region, pr dims as extents (§3.7 (b4)). */
    private static Map<String, Long> factors(DfNode n, String x, Map<String, Long> lt) {
        Map<String, Long> f = new LinkedHashMap<>();
        for (String d : n.relevantDims(x)) {
            f.put(d, lt.getOrDefault(d, 1L));
        }
        Map<String, Long> ext = n.extents(x, lt);
        n.partialRelations(x).forEach(r -> {
            if (ext.containsKey(r.target())) {
                f.put(r.target(), ext.get(r.target()));
            }
        });
        return f;
    }

    /** Factors of a cached output slice: the relevant dims of the output from the region (§3.7 (f)). */
    private static Map<String, Long> outFactors(DfNode n, Map<String, Long> lt) {
        Map<String, Long> f = new LinkedHashMap<>();
        for (String d : n.relevantDims(n.layer().equation().outputOperand())) {
            f.put(d, lt.getOrDefault(d, 1L));
        }
        return f;
    }

    /** {@code Π factors · prec(n, O_final)} (*quirk*: the consumer's output precision, §3.7 (b4)). */
    private static long bitsOf(DfNode n, Map<String, Long> factors) {
        long p = 1;
        for (long v : factors.values()) {
            p = Math.multiplyExact(p, v);
        }
        return p * n.precision(Layer.FINAL_OUTPUT);
    }

    private static List<MemoryLevel> extend(List<MemoryLevel> list, List<MemoryLevel> chain, int extra) {
        if (extra == 0 || list.isEmpty()) {
            return list;
        }
        int end = Math.min(chain.size(), list.size() + extra);
        return List.copyOf(chain.subList(0, end));
    }
}
