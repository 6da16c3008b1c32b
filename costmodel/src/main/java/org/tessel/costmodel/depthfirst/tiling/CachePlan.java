package org.tessel.costmodel.depthfirst.tiling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation;
import org.tessel.costmodel.depthfirst.backprop.Extent;
import org.tessel.costmodel.depthfirst.backprop.OperandRef;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.schedule.OverlapMode;

/**
 * The cache and weight plan of one tile configuration {@code (w, h, firstX, firstY)}
 * ({@code determine_caching_for_tilesize}, spec depthfirst.md §3.4). Levels are levels of the
 * core's original hierarchy; null means none.
 *
 * @param hml level the horizontal overlap is cached in
 * @param vml level the vertical overlap is cached in
 * @param colsWrite producer → output columns written to the H cache
 * @param colsRead (consumer, operand) → input columns read from the H cache
 * @param rowsWrite producer → output rows written to the V cache
 * @param rowsRead (consumer, operand) → input rows read from the V cache
 * @param wml lowest weight level holding the stack's weights (with the reservations of §3.4 G)
 * @param alive {@code L}, the largest simultaneously-alive feature data in bits
 * @param peakH {@code peakH} in bits
 * @param peak {@code peak} in bits
 */
public record CachePlan(MemoryLevel hml, MemoryLevel vml, Map<Integer, Extent> colsWrite,
        Map<OperandRef, Extent> colsRead, Map<Integer, Extent> rowsWrite, Map<OperandRef, RowRead> rowsRead,
        MemoryLevel wml, long alive, long peakH, long peak) {

    public CachePlan {
        colsWrite = ordered(colsWrite);
        colsRead = ordered(colsRead);
        rowsWrite = ordered(rowsWrite);
        rowsRead = ordered(rowsRead);
    }

    /** Plans configuration {@code conf} of {@code stack}, on real positions if it carries regions. */
    public static CachePlan plan(StackGraph stack, MemoryHierarchy hierarchy, OverlapMode mode,
            StackTiling.Configuration conf) {
        boolean firstX = conf.firstX();
        boolean firstY = conf.firstY();
        boolean hm = mode.horizontalCaching();
        boolean vm = mode.verticalCaching();
        Map<Integer, Map<String, Long>> full = stack.loops();
        // A. two back-propagations; BP_a ignores the mode (spec depthfirst.md §7 item 2)
        BackPropagation a = BackPropagation.run(stack, full, conf.size(), BackPropagation.Caching.keepingBoth(!firstX, !firstY),
                conf.columns(), conf.rows());
        BackPropagation b = BackPropagation.run(stack, full, conf.size(),
                BackPropagation.Caching.keepingBoth(!firstX && hm, !firstY && vm), conf.columns(), conf.rows());
        // B.
        long alive = alive(stack, b.loops());
        // C. cache amounts in bits
        long sumHIn = 0;
        for (Map.Entry<OperandRef, Extent> e : a.colsIn().entrySet()) {
            DfNode n = stack.node(e.getKey().layerId());
            String x = e.getKey().operand();
            String ix = e.getValue().dim();
            if (n.relevantDims(x).contains(ix)) {
                continue;
            }
            Map<String, Long> la = a.loops().get(n.id());
            Map<String, Long> ext = n.extents(x, la);
            sumHIn += per(n.elements(x, la), ext.get(ix)) * e.getValue().amount() * n.precision(x);
        }
        long sumVIn = 0;
        long sumOvIn = 0;
        for (Map.Entry<OperandRef, Extent> e : a.rowsIn().entrySet()) {
            DfNode n = stack.node(e.getKey().layerId());
            String x = e.getKey().operand();
            String iy = e.getValue().dim();
            long ovY = e.getValue().amount();
            Extent h0 = a.colsIn().get(e.getKey());
            String ix = h0.dim();
            long ovX = h0.amount();
            Map<String, Long> la = a.loops().get(n.id());
            Map<String, Long> ext = n.extents(x, la);
            long elems = n.elements(x, la);
            if (!n.relevantDims(x).contains(iy)) {
                Map<String, Long> extFull = n.extents(x, full.get(n.id()));
                sumVIn += per(per(elems, ext.get(ix)) * extFull.get(ix), ext.get(iy)) * ovY * n.precision(x);
            }
            boolean direct = n.layer().loops().containsKey(iy) || n.layer().loops().containsKey(ix);
            if (!direct) {
                sumOvIn += per(per(elems, ext.get(ix)) * ovX, ext.get(iy)) * ovY * n.precision(x);
            }
        }
        // D. memory operands
        MemoryOperand imo = null;
        MemoryOperand omo = null;
        for (int id : a.useful()) {
            DfNode n = stack.node(id);
            for (Map.Entry<String, MemoryOperand> link : n.layer().memoryOperands().entrySet()) {
                if (imo == null && !n.layer().constantOperands().contains(link.getKey()) && link.getValue() != MemoryOperand.O) {
                    imo = link.getValue();
                }
            }
            if (omo == null && n.layer().memoryOperands().containsKey(DfNode.OUTPUT)) {
                omo = n.outputLink();
            }
        }
        MemoryOperand inOp = imo;
        // E. IO reservation
        List<MemoryLevel> omoChain = hierarchy.chain(omo);
        List<MemoryLevel> ioList = MemoryLevels.prefixUntil(omoChain,
                ml -> ml.serves(inOp) && ml.memory().sizeBits() >= alive && ml.unrollCount() == 1);
        // F. cache levels
        MemoryLevel hml = null;
        MemoryLevel vml = null;
        long peakH = alive;
        long peak = alive;
        if (hm) {
            peakH = firstX ? alive : alive + sumHIn;
            long ph = peakH;
            hml = first(hierarchy.chain(MemoryOperand.O), ml -> ml.memory().sizeBits() >= ph && ml.serves(inOp)
                    && ml.unrollCount() == 1, "horizontal cache");
            if (vm) {
                peak = sumVIn + peakH;
                long pk = peak;
                long ov = sumOvIn;
                MemoryLevel hl = hml;
                vml = first(omoChain, ml -> ml.memory().sizeBits() >= pk - (MemoryLevels.same(ml, hl) ? ov : 0) && ml.serves(inOp)
                        && ml.unrollCount() == 1, "vertical cache");
            } else {
                peak = peakH;
            }
        }
        // G. weight level
        long wtot = 0;
        MemoryOperand wmo = null;
        for (int id : a.useful()) {
            DfNode n = stack.node(id);
            wtot += n.weightBits();
            if (wmo == null && n.linksWeights()) {
                wmo = n.weightLink();
            }
        }
        MemoryLevel wml = null;
        if (wmo != null) {
            List<MemoryLevel> wChain = hierarchy.chain(wmo);
            wml = wChain.getLast();
            for (MemoryLevel ml : wChain) {
                long need = wtot;
                if (MemoryLevels.contains(ioList, ml)) {
                    need = wtot + alive;
                }
                if (MemoryLevels.same(ml, hml)) {
                    need = wtot + peakH;
                }
                if (MemoryLevels.same(ml, vml)) {
                    need = wtot + peak;
                }
                if (MemoryLevels.same(ml, hml) && MemoryLevels.same(ml, vml)) {
                    need = wtot + peak - sumOvIn;
                }
                if (ml.memory().sizeBits() >= need) {
                    wml = ml;
                    break;
                }
            }
        }
        // H. write/read amounts
        Map<Integer, Extent> colsWrite = firstX ? a.colsOut() : clamp(a.colsOut(), a.loops());
        Map<Integer, Extent> rowsWrite = firstY ? a.rowsOut() : clamp(a.rowsOut(), a.loops());
        Map<OperandRef, Extent> colsRead = firstX ? Map.of() : a.colsIn();
        Map<OperandRef, RowRead> rowsRead = new LinkedHashMap<>();
        if (!firstY) {
            a.rowsIn().forEach((ref, e) -> rowsRead.put(ref, new RowRead(e.dim(), e.amount(), a.colsIn().get(ref).dim())));
        }
        return new CachePlan(hml, vml, colsWrite, colsRead, rowsWrite, rowsRead, wml, alive, peakH, peak);
    }

    /**
     * {@code ALIVE(G)}: the peak of simultaneously alive feature bits over the topological
     * schedule, recorded after every single change (spec depthfirst.md §3.4 B), without the
     * dead "permanent data" feature.
     */
    public static long alive(StackGraph stack, Map<Integer, Map<String, Long>> loops) {
        long cur = 0;
        long peak = 0;
        Map<Integer, List<Integer>> pendingConsumers = new HashMap<>();
        Map<Integer, Long> pendingBits = new HashMap<>();
        for (int id : stack.topologicalOrder()) {
            DfNode n = stack.node(id);
            long si = n.inBits(loops.get(id));
            long so = n.outBits(loops.get(id));
            List<Integer> preds = stack.predecessorsOf(id);
            for (int p : preds) {
                cur -= pendingBits.get(p);
                peak = Math.max(peak, cur);
            }
            cur += si;
            peak = Math.max(peak, cur);
            cur += so;
            peak = Math.max(peak, cur);
            cur -= si;
            peak = Math.max(peak, cur);
            for (int p : preds) {
                cur += pendingBits.get(p);
                peak = Math.max(peak, cur);
            }
            for (int p : preds) {
                List<Integer> consumers = pendingConsumers.get(p);
                consumers.remove(Integer.valueOf(id));
                if (consumers.isEmpty()) {
                    cur -= pendingBits.get(p);
                    peak = Math.max(peak, cur);
                    pendingConsumers.remove(p);
                    pendingBits.remove(p);
                }
            }
            pendingConsumers.put(id, new ArrayList<>(stack.successorsOf(id)));
            pendingBits.put(id, so);
        }
        return peak;
    }

    /**
     * {@code div(a, b)}; 0 for an empty extent, which only a node with nothing to compute in a
     * border tile of an exact-size stack has (docs/padding.md §2): it caches nothing.
     */
    private static long per(long a, long b) {
        return b == 0 ? 0 : Math.floorDiv(a, b);
    }

    private static MemoryLevel first(List<MemoryLevel> chain, java.util.function.Predicate<MemoryLevel> pred, String what) {
        return chain.stream().filter(pred).findFirst()
                .orElseThrow(() -> new MemoryHierarchyTooSmallException("no memory level can hold the " + what));
    }

    private static Map<Integer, Extent> clamp(Map<Integer, Extent> out, Map<Integer, Map<String, Long>> loops) {
        Map<Integer, Extent> m = new LinkedHashMap<>();
        out.forEach((p, e) -> m.put(p, new Extent(e.dim(), Math.min(e.amount(), loops.get(p).getOrDefault(e.dim(), 1L)))));
        return m;
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> in) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }
}
