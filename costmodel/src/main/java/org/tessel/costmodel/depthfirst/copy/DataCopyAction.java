package org.tessel.costmodel.depthfirst.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tessel.model.accelerator.Direction;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.Port;

/**
 * One data-copy action: {@code bits} moved from {@code (srcOp, srcLevel)} to
 * {@code (dstOp, dstLevel)}, level indices in the core's original hierarchy, with its energy
 * and per-port busy intervals (spec depthfirst.md §4.1–§4.2).
 *
 * @param kind what the copy is for
 * @param bits amount of data in bits
 * @param srcOp source memory operand
 * @param srcLevel source level index in {@code srcOp}'s chain
 * @param dstOp destination memory operand
 * @param dstLevel destination level index in {@code dstOp}'s chain
 * @param path the memories traversed (empty if the copy costs nothing)
 * @param energy energy in pJ (sum of send/receive energies in hop order)
 * @param busy the port busy intervals in hop order
 */
public record DataCopyAction(CopyKind kind, long bits, MemoryOperand srcOp, int srcLevel, MemoryOperand dstOp,
        int dstLevel, List<String> path, double energy, List<PortBusy> busy) {

    /**
     * One port busy interval {@code [start, end)}.
     *
     * @param memory the memory's name
     * @param port the port's name
     * @param start first busy cycle
     * @param end end (exclusive)
     */
    public record PortBusy(String memory, String port, long start, long end) {}

    private record Hop(MemoryLevel sender, Port out, MemoryLevel receiver, Port in) {}

    public DataCopyAction {
        path = List.copyOf(path);
        busy = List.copyOf(busy);
    }

    /** Builds the action and computes its path, energy and port intervals in {@code hierarchy}. */
    public static DataCopyAction of(CopyKind kind, long bits, MemoryOperand srcOp, int srcLevel, MemoryOperand dstOp,
            int dstLevel, MemoryHierarchy hierarchy) {
        List<MemoryLevel> src = hierarchy.chain(srcOp);
        List<MemoryLevel> dst = hierarchy.chain(dstOp);
        MemoryOperand so = srcOp;
        MemoryOperand dop = dstOp;
        int sl = srcLevel;
        int dl = dstLevel;
        MemoryLevel shared = null;
        // spec depthfirst.md §4.1 step 1
        if (so != dop) {
            for (int i = sl; i < src.size(); i++) {
                MemoryLevel ml = src.get(i);
                if (ml.serves(dop) && ml.levelOf().get(dop) >= dl) {
                    shared = ml;
                    break;
                }
            }
            if (shared == null) {
                throw new UnroutableCopyException("no shared memory between " + so + " and " + dop);
            }
            if (shared.name().equals(src.get(sl).name())) {
                so = dop;
                sl = shared.levelOf().get(dop);
            } else if (shared.name().equals(dst.get(dl).name())) {
                dop = so;
                dl = shared.levelOf().get(so);
            }
        }
        List<Hop> hops = new ArrayList<>();
        List<MemoryLevel> path = new ArrayList<>();
        MemoryLevel destination = hierarchy.chain(dop).get(dl);
        if (so != dop) {
            // step 2: up along the source chain to the shared memory, then down the destination chain
            List<MemoryLevel> sc = hierarchy.chain(so);
            List<MemoryLevel> dc = hierarchy.chain(dop);
            int top = shared.levelOf().get(so);
            for (int i = sl; i <= top; i++) {
                path.add(sc.get(i));
            }
            for (int i = sl; i < top; i++) {
                hops.add(new Hop(sc.get(i), port(sc.get(i), so, i, Direction.RD_OUT_TO_HIGH), sc.get(i + 1),
                        port(sc.get(i + 1), so, i + 1, Direction.WR_IN_BY_LOW)));
            }
            int sharedD = shared.levelOf().get(dop);
            for (int j = sharedD - 1; j >= dl; j--) {
                path.add(dc.get(j));
            }
            for (int j = sharedD; j > dl; j--) {
                hops.add(new Hop(dc.get(j), port(dc.get(j), dop, j, Direction.RD_OUT_TO_LOW), dc.get(j - 1),
                        port(dc.get(j - 1), dop, j - 1, Direction.WR_IN_BY_HIGH)));
            }
        } else if (sl < dl) {
            // step 3: same operand, up
            List<MemoryLevel> c = hierarchy.chain(so);
            for (int i = sl; i <= dl; i++) {
                path.add(c.get(i));
            }
            for (int i = sl; i < dl; i++) {
                hops.add(new Hop(c.get(i), port(c.get(i), so, i, Direction.RD_OUT_TO_HIGH), c.get(i + 1),
                        port(c.get(i + 1), so, i + 1, Direction.WR_IN_BY_LOW)));
            }
        } else {
            // step 4: same operand, down (or equal)
            List<MemoryLevel> c = hierarchy.chain(so);
            for (int i = sl; i >= dl; i--) {
                path.add(c.get(i));
            }
            for (int i = sl; i > dl; i--) {
                hops.add(new Hop(c.get(i), port(c.get(i), so, i, Direction.RD_OUT_TO_LOW), c.get(i - 1),
                        port(c.get(i - 1), so, i - 1, Direction.WR_IN_BY_HIGH)));
            }
        }
        // step 5: source already is the destination memory
        if (path.getFirst().name().equals(destination.name())) {
            return new DataCopyAction(kind, bits, srcOp, srcLevel, dstOp, dstLevel, List.of(), 0.0, List.of());
        }
        // spec depthfirst.md §4.2
        List<Double> parts = new ArrayList<>();
        List<PortBusy> busy = new ArrayList<>();
        Set<String> marked = new HashSet<>();
        long t = 0;
        for (Hop h : hops) {
            Port po = h.out();
            Port pi = h.in();
            parts.add(Math.ceilDiv(bits, po.granularity()) * ((double) po.granularity() / po.bandwidth())
                    * h.sender().memory().readEnergy());
            parts.add(Math.ceilDiv(bits, pi.granularity()) * ((double) pi.granularity() / pi.bandwidth())
                    * h.receiver().memory().writeEnergy());
            long cc = Math.max(Math.ceilDiv(bits, po.bandwidth()), Math.ceilDiv(bits, pi.bandwidth()));
            String outId = h.sender().name() + "/" + po.name();
            String inId = h.receiver().name() + "/" + pi.name();
            boolean advance = !marked.contains(inId);
            busy.add(new PortBusy(h.sender().name(), po.name(), t, t + cc));
            busy.add(new PortBusy(h.receiver().name(), pi.name(), t, t + cc));
            marked.add(outId);
            marked.add(inId);
            if (advance) {
                t += cc;
            }
        }
        double energy = 0;
        for (double p : parts) {
            energy += p;
        }
        return new DataCopyAction(kind, bits, srcOp, srcLevel, dstOp, dstLevel, path.stream().map(MemoryLevel::name).toList(),
                energy, busy);
    }

    private static Port port(MemoryLevel ml, MemoryOperand op, int level, Direction dir) {
        for (Port p : ml.ports()) {
            for (Port.Use u : p.served()) {
                if (u.operand() == op && u.level() == level && u.direction() == dir) {
                    return p;
                }
            }
        }
        throw new UnroutableCopyException("memory " + ml.name() + " has no port for " + op + " level " + level + " " + dir);
    }
}
