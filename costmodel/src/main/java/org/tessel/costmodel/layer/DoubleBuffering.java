package org.tessel.costmodel.layer;

/**
 * Part of {@link LayerEvaluator}'s workspace: memory utilizations and double-buffer flags from the
 * fractional transfer pattern (spec costmodel.md §3 and §6), with the reference's utilization
 * assertions.
 */
final class DoubleBuffering {

    private final WorkspaceIndex index;
    /** Per memory level ({@link WorkspaceIndex#level}): {@code effutil}, and {@code effutil_sh} as updated by §6. */
    private double[] effective = new double[0];
    /** Per memory level: {@code util}, kept for the shared memories' sum. */
    private double[] utilization = new double[0];
    private double[] effectiveShared = new double[0];
    /** Per architectural level ({@link WorkspaceIndex#arch}): {@code DB[x][a]}; a = 0, the MAC level, is never. */
    boolean[] doubleBuffered = new boolean[0];

    DoubleBuffering(WorkspaceIndex index) {
        this.index = index;
    }

    /** Makes room for {@code operands} operands as {@link #index} is laid out now. */
    void ensureCapacity(int operands) {
        if (effective.length < index.levelSlots(operands)) {
            effective = new double[index.levelSlots(operands)];
            utilization = new double[index.levelSlots(operands)];
            effectiveShared = new double[index.levelSlots(operands)];
        }
        if (doubleBuffered.length < index.archSlots(operands)) {
            doubleBuffered = new boolean[index.archSlots(operands)];
        }
    }

    /**
     * The double-buffer flags.
     *
     * @throws IllegalStateException where a memory's, or a shared memory's, utilization exceeds 1
     */
    void compute(LayerContext ctx, IndexedHierarchy h, TransferPatterns patterns) {
        long[] dataBits = patterns.dataBits;
        long[] effBits = patterns.effBits;
        // spec costmodel.md §3
        for (int x = 0; x < h.operands; x++) {
            int n = h.levels[x];
            long[] size = h.sizeBits[x];
            int arch1 = index.arch(x, 1);
            int level0 = index.level(x, 0);
            for (int m = 0; m < n; m++) {
                double z = size[m];
                double util = dataBits[arch1 + m] / z;
                double e = effBits[arch1 + m] / z;
                effective[level0 + m] = e;
                utilization[level0 + m] = util;
                effectiveShared[level0 + m] = e;
                if (util > 1) {
                    throw new OverfullMemoryException("memory utilization above 1 at " + ctx.chain(x).get(m).name());
                }
            }
        }
        for (int g = 0; g < h.groups.length; g++) {
            double sumU = 0;
            double sumE = 0;
            for (int[] member : h.groups[g]) {
                int x = member[0];
                int m = member[1];
                sumU += utilization[index.level(x, m)];
                sumE += effective[index.level(x, m)];
            }
            if (!h.groupHasLevel0[g] && sumU > 1) {
                throw new OverfullMemoryException("shared memory utilization above 1");
            }
            for (int[] member : h.groups[g]) {
                effectiveShared[index.level(member[0], member[1])] = sumE;
            }
        }
        // spec costmodel.md §6
        for (int x = 0; x < h.operands; x++) {
            int n = h.levels[x];
            int arch0 = index.arch(x, 0);
            int level0 = index.level(x, 0);
            doubleBuffered[arch0] = false;
            for (int m = 0; m < n; m++) {
                int i = level0 + m;
                boolean flag = false;
                if (effectiveShared[i] <= 0.5) {
                    flag = true;
                } else if (effective[i] <= 1 - effectiveShared[i]) {
                    flag = true;
                    int g = h.firstGroupAt[x][m];
                    if (g >= 0) {
                        for (int[] member : h.groups[g]) {
                            effectiveShared[index.level(member[0], member[1])] += effective[i];
                        }
                    }
                }
                doubleBuffered[arch0 + m + 1] = flag;
            }
        }
    }
}
