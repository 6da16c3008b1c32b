package org.tessel.costmodel.depthfirst;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.workload.Layer;

/**
 * A deterministic stand-in for the single-layer model: a pure function of the {@link
 * LayerTileProblem}, so that arbitrary schedules can be evaluated. Energy = MACs × the array's MAC
 * energy + per operand and level of its (truncated) chain, its bits × the level's read+write cost
 * (more for operands larger than the level); latency_total0 = MACs / array size + a stall from the
 * top level's bandwidth, latency_total1 adds loading of the inputs, latency_total2 off-loading of
 * the output. It reports "hierarchy too small" when the output's top level holds less than twice
 * the output tile (which drives the engine's retries) and always for the layer {@code neverFits}.
 *
 * @param neverFits a layer id for which no hierarchy fits ({@link Integer#MIN_VALUE}: none)
 */
public record SyntheticLayerTileEvaluator(int neverFits) implements LayerTileEvaluator {

    /** The evaluator for which every layer fits somewhere. */
    public static final SyntheticLayerTileEvaluator INSTANCE = new SyntheticLayerTileEvaluator(Integer.MIN_VALUE);

    @Override
    public LayerTileResult evaluate(LayerTileProblem p) {
        Layer l = p.layer();
        if (l.id() == neverFits) {
            throw new MemoryHierarchyTooSmallException("layer " + l.id() + " never fits");
        }
        String out = l.equation().outputOperand();
        Map<String, Map<String, Double>> memory = new LinkedHashMap<>();
        double memEnergy = 0;
        long stall = 0;
        long loading = 0;
        long offloading = 0;
        long outBits = 0;
        for (Map.Entry<String, org.tessel.model.accelerator.MemoryOperand> link : l.memoryOperands().entrySet()) {
            String op = link.getKey();
            long bits = l.operandElements(op) * l.precision().getOrDefault(op.equals(out) ? Layer.FINAL_OUTPUT : op, 8);
            List<MemoryLevel> chain = p.hierarchy().chain(link.getValue());
            Map<String, Double> perLevel = new LinkedHashMap<>();
            for (MemoryLevel ml : chain) {
                double reuse = Math.min(16.0, Math.max(1.0, (double) bits / ml.memory().sizeBits()));
                double e = bits * (ml.memory().readEnergy() + ml.memory().writeEnergy()) / 64.0 * reuse;
                perLevel.put(ml.name(), e);
                memEnergy += e;
            }
            memory.put(op, perLevel);
            MemoryLevel top = chain.getLast();
            stall += ceilDiv(bits, top.memory().readBandwidth()) / 4;
            if (op.equals(out)) {
                outBits = bits;
                offloading += ceilDiv(bits, top.memory().writeBandwidth());
            } else {
                loading += ceilDiv(bits, top.memory().readBandwidth());
            }
        }
        MemoryLevel outTop = p.hierarchy().chain(l.memoryOperands().get(out)).getLast();
        if (outTop.memory().sizeBits() < 2 * outBits) {
            throw new MemoryHierarchyTooSmallException(outTop.name() + " cannot hold twice the output of layer " + l.id());
        }
        long macs = l.macCount();
        double macEnergy = macs * p.array().unit().macEnergy();
        long ideal = ceilDiv(macs, p.array().unitCount());
        long l0 = ideal + stall;
        long l1 = l0 + loading;
        return new LayerTileResult(macEnergy + memEnergy, macEnergy, memEnergy, l0, l1, l1 + offloading, ideal, ideal,
                loading, offloading, memory);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
