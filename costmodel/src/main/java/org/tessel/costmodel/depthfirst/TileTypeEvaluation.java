package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.OperationalArray;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.workload.Layer;

/**
 * The evaluation of one tile type of a stack ({@code run_for_tilesize}, spec depthfirst.md
 * §3.7): every node in topological order with its level choices, copies and single-layer result.
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

    private record Stored(MemoryLevel level, long bits) {}

    /** Everything a tile-type evaluation needs besides the tile type itself. */
    record Context(Stack stack, StackTiling tiling, MemoryHierarchy hierarchy, OperationalArray array,
            SpatialMappings mappings, int lpfLimit, LayerTileEvaluator evaluator) {}

    /** Evaluates tile type {@code typeIndex} of the stack in {@code ctx}. */
    static TileTypeEvaluation evaluate(Context ctx, int typeIndex) {
        StackTiling.TileType type = ctx.tiling().types().get(typeIndex);
        TileTypeKey key = type.key();
        StackGraph g = ctx.stack().graph();
        MemoryHierarchy hier = ctx.hierarchy();
        // 1. the computed region of every node (spec depthfirst.md §3.7 step 1)
        BackPropagation bpt = BackPropagation.run(g, g.loops(), key.size(), key.caching(), key.columns(), key.rows());
        // 2. weight levels
        MemoryLevel wstack = ctx.tiling().weightLevel();
        List<Integer> order = g.topologicalOrder();
        List<MemoryLevel> wlist = List.of();
        if (wstack != null) {
            for (int id : order) {
                DfNode n = g.node(id);
                if (n.linksWeights()) {
                    wlist = MemoryLevels.prefixUntil(hier.chain(n.weightLink()), ml -> MemoryLevels.same(ml, wstack));
                    break;
                }
            }
        }
        MemoryLevel stackIn = hier.top(MemoryOperand.I1);
        MemoryLevel stackOut = hier.top(MemoryOperand.O);
        Map<OperandRef, Extent> colsR = key.colsReadMap();
        Map<OperandRef, RowRead> rowsR = key.rowsReadMap();
        Map<Integer, Extent> colsW = key.colsWriteMap();
        Map<Integer, Extent> rowsW = key.rowsWriteMap();
        Map<Integer, Stored> stored = new HashMap<>();
        List<DataCopyAction> pending = List.of();
        List<NodeTileRecord> records = new ArrayList<>();
        for (int id : order) {
            DfNode n = g.node(id);
            Map<String, Long> lt = bpt.loops().get(id);
            boolean isIn = g.predecessorsOf(id).isEmpty();
            boolean isOut = g.successorsOf(id).isEmpty();
            long inBits = n.inBits(lt);
            long outBits = n.outBits(lt);
            // a node of an exact-size stack may have nothing to compute in a border tile: it is not
            // costed there, and reads and writes no data (docs/padding.md §2)
            boolean idle = !isIn && (SpatialAxis.X.sizeIn(lt) == 0 || SpatialAxis.Y.sizeIn(lt) == 0);
            int eO = 0;
            int eI = 0;
            int failed = 0;
            while (true) {
                // (a) level choices
                List<MemoryLevel> chainI = isIn ? List.of() : hier.chain(n.link(n.variableInputs().getFirst()));
                List<MemoryLevel> ilist = isIn ? List.of()
                        : MemoryLevels.prefixUntil(chainI, ml -> ml.memory().sizeBits() >= inBits && ml.unrollCount() == 1);
                MemoryLevel itop0 = ilist.isEmpty() ? null : ilist.getLast();
                List<MemoryLevel> chainO = hier.chain(n.outputLink());
                List<MemoryLevel> olist = isOut ? MemoryLevels.prefixUntil(chainO, ml -> MemoryLevels.same(ml, stackOut))
                        : MemoryLevels.prefixUntil(chainO, ml -> ml.memory().sizeBits()
                                >= outBits + (MemoryLevels.same(ml, itop0) ? inBits : 0) && ml.unrollCount() == 1);
                ilist = extend(ilist, chainI, eI);
                olist = extend(olist, chainO, eO);
                MemoryLevel itop = ilist.isEmpty() ? null : ilist.getLast();
                MemoryLevel otop = olist.getLast();
                // (b) copies before this node
                List<DataCopyAction> copies = new ArrayList<>(pending);
                if (idle) {
                    // nothing to read
                } else if (isIn) {
                    MemoryOperand op = n.outputLink();
                    copies.add(DataCopyAction.of(CopyKind.STACK_INPUT, outBits, op, index(hier, op, stackIn), op,
                            index(hier, op, otop), hier));
                } else {
                    for (Map.Entry<String, List<Integer>> src : n.layer().sources().entrySet()) {
                        for (int s : src.getValue()) {
                            Stored st = stored.get(s);
                            DfNode sn = g.node(s);
                            boolean copy = sn.isInput() ? !MemoryLevels.contains(ilist, st.level()) : !MemoryLevels.same(st.level(), itop);
                            if (copy) {
                                MemoryOperand so = sn.outputLink();
                                MemoryOperand dop = n.link(src.getKey());
                                copies.add(DataCopyAction.of(CopyKind.OUTPUT_TO_INPUT, st.bits(), so, index(hier, so, st.level()),
                                        dop, index(hier, dop, itop), hier));
                            }
                        }
                    }
                    if (key.useH() != null && !MemoryLevels.same(key.useH(), itop)) {
                        for (String x : n.variableInputs()) {
                            Extent c = colsR.get(new OperandRef(id, x));
                            if (c == null) {
                                continue;
                            }
                            Map<String, Long> f = factors(n, x, lt);
                            f.put(c.dim(), c.amount());
                            long bits = product(f) * n.precision(Layer.FINAL_OUTPUT);
                            if (bits > 0) {
                                MemoryOperand op = n.link(x);
                                copies.add(DataCopyAction.of(CopyKind.CACHE_TO_INPUT, bits, op, index(hier, op, key.useH()), op,
                                        index(hier, op, itop), hier));
                            }
                        }
                    }
                    if (key.useV() != null && !MemoryLevels.same(ctx.tiling().lastVml(), itop)) {
                        for (String x : n.variableInputs()) {
                            RowRead r = rowsR.get(new OperandRef(id, x));
                            if (r == null) {
                                continue;
                            }
                            long cols = lt.containsKey(r.dimX()) ? lt.get(r.dimX()) : n.extents(x, lt).get(r.dimX());
                            if (key.useH() != null) {
                                cols -= colsR.get(new OperandRef(id, x)).amount();
                            }
                            Map<String, Long> f = factors(n, x, lt);
                            f.put(r.dimX(), cols);
                            f.put(r.dimY(), r.overlap());
                            long bits = product(f) * n.precision(Layer.FINAL_OUTPUT);
                            if (bits > 0) {
                                MemoryOperand op = n.link(x);
                                copies.add(DataCopyAction.of(CopyKind.CACHE_TO_INPUT, bits, op, index(hier, op, key.useV()), op,
                                        index(hier, op, itop), hier));
                            }
                        }
                    }
                }
                // (d) data-copy layer
                DataCopyLayer dcl = DataCopyLayer.of(n.name(), copies);
                // (e) single-layer call
                LayerTileProblem problem = null;
                LayerTileResult result = null;
                if (!isIn && !idle) {
                    problem = problem(ctx, n, lt, itop, otop, isOut, key.weightsFromTop(), wlist, wstack);
                    try {
                        result = ctx.evaluator().evaluate(problem);
                    } catch (MemoryHierarchyTooSmallException e) {
                        // (g) retry with more levels: (1,0), (0,1), (1,1), (2,1), (1,2), (2,2), ...
                        failed++;
                        if (eO >= chainO.size() && eI >= chainI.size()) {
                            throw e;
                        }
                        if (eO == eI) {
                            eO++;
                        } else if (eO > eI) {
                            eI++;
                            eO--;
                        } else {
                            eO++;
                        }
                        continue;
                    }
                }
                // (c) bookkeeping
                stored.put(id, new Stored(otop, outBits));
                // (f) output → cache copies for the next node
                List<DataCopyAction> next = new ArrayList<>();
                if (!isIn && !idle) {
                    Extent sub = null;
                    Extent rw = rowsW.get(id);
                    if (key.makeV() != null && !MemoryLevels.same(key.makeV(), otop) && rw != null) {
                        Map<String, Long> f = outFactors(n, lt);
                        f.put(rw.dim(), rw.amount());
                        long bits = product(f) * n.precision(Layer.FINAL_OUTPUT);
                        if (bits > 0) {
                            next.add(outputToCache(hier, n, bits, otop, key.makeV()));
                        }
                        sub = rw;
                    }
                    Extent cw = colsW.get(id);
                    if (key.makeH() != null && !MemoryLevels.same(key.makeH(), otop) && cw != null) {
                        Map<String, Long> f = outFactors(n, lt);
                        f.put(cw.dim(), cw.amount());
                        if (sub != null) {
                            f.put(sub.dim(), f.getOrDefault(sub.dim(), 0L) - sub.amount());
                        }
                        long bits = product(f) * n.precision(Layer.FINAL_OUTPUT);
                        if (bits > 0) {
                            next.add(outputToCache(hier, n, bits, otop, key.makeH()));
                        }
                    }
                }
                pending = List.copyOf(next);
                records.add(new NodeTileRecord(n.name(), id, lt, inBits, outBits, itop == null ? null : itop.name(), otop.name(),
                        eO, eI, failed, dcl, problem, result));
                break;
            }
        }
        return new TileTypeEvaluation(ctx.stack().index(), typeIndex, type, records);
    }

    /** The truncated hierarchy and tile layer of one single-layer call (spec depthfirst.md §3.8, §3.9). */
    private static LayerTileProblem problem(Context ctx, DfNode n, Map<String, Long> lt, MemoryLevel itop, MemoryLevel otop,
            boolean isOut, boolean wFromTop, List<MemoryLevel> wlist, MemoryLevel wstack) {
        MemoryHierarchy h = ctx.hierarchy();
        for (String x : n.variableInputs()) {
            h = h.truncatedAt(n.link(x), itop.name());
        }
        if (!isOut) {
            h = h.truncatedAt(n.outputLink(), otop.name());
        }
        Layer layer = n.layer().withLoops(lt);
        List<MemoryOperand> inputLinks = n.layer().equation().inputOperands().stream().map(n::link).toList();
        if (inputLinks.equals(List.of(MemoryOperand.I1, MemoryOperand.I1))) {
            h = DepthFirstHierarchyTruncation.mirrorI1AsI2(h);
            Map<String, MemoryOperand> links = new LinkedHashMap<>(layer.memoryOperands());
            links.put(layer.equation().inputOperands().get(1), MemoryOperand.I2);
            layer = new Layer(layer.id(), layer.equation(), layer.relations(), layer.loops(), layer.precision(), layer.sources(),
                    layer.sourceDimensions(), layer.constantOperands(), links, layer.core(), layer.padding());
        }
        if (!wFromTop && !n.layer().constantOperands().isEmpty() && !wlist.isEmpty() && n.linksWeights()) {
            h = h.truncatedAt(n.weightLink(), wstack.name());
        }
        return new LayerTileProblem(layer, h, ctx.array(), ctx.mappings().of(n.id()), ctx.lpfLimit());
    }

    private static DataCopyAction outputToCache(MemoryHierarchy hier, DfNode n, long bits, MemoryLevel otop, MemoryLevel cache) {
        MemoryOperand o = n.outputLink();
        return DataCopyAction.of(CopyKind.OUTPUT_TO_CACHE, bits, MemoryOperand.O, index(hier, MemoryOperand.O, otop), o,
                index(hier, o, cache), hier);
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

    private static Map<String, Long> outFactors(DfNode n, Map<String, Long> lt) {
        Map<String, Long> f = new LinkedHashMap<>();
        for (String d : n.relevantDims(n.layer().equation().outputOperand())) {
            f.put(d, lt.getOrDefault(d, 1L));
        }
        return f;
    }

    private static long product(Map<String, Long> f) {
        long p = 1;
        for (long v : f.values()) {
            p = Math.multiplyExact(p, v);
        }
        return p;
    }

    private static List<MemoryLevel> extend(List<MemoryLevel> list, List<MemoryLevel> chain, int extra) {
        if (extra == 0 || list.isEmpty()) {
            return list;
        }
        int end = Math.min(chain.size(), list.size() + extra);
        return List.copyOf(chain.subList(0, end));
    }

    private static int index(MemoryHierarchy hier, MemoryOperand op, MemoryLevel level) {
        List<MemoryLevel> chain = hier.chain(op);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).name().equals(level.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException(level.name() + " does not serve " + op);
    }
}
