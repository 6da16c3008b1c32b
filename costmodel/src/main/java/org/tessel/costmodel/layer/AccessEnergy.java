package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

import org.tessel.costmodel.OperandCostTable;

/**
 * Word accesses and their energy per operand, memory level and direction, from the fractional
 * transfer pattern (spec costmodel.md §4–§5): the two steps of {@link LayerEvaluator} that fill
 * the result's {@link OperandCostTable} numbers, and the word-access formulas {@link OperandEnergy}
 * uses too.
 */
final class AccessEnergy {

    private AccessEnergy() {}

    /**
     * Spec costmodel.md §4: the word accesses of every operand, level and direction into
     * {@code table} (per level its {@link OperandCostTable#SLOT} numbers).
     */
    static void wordAccesses(IndexedHierarchy h, WorkspaceIndex index, TransferPatterns patterns, double[] table) {
        long[] amount = patterns.amount[TransferPatterns.FRACTIONAL];
        long[] precision = patterns.precision[TransferPatterns.FRACTIONAL];
        long[] count = patterns.count[TransferPatterns.FRACTIONAL];
        for (int x = 0; x < h.operands; x++) {
            int n = h.levels[x];
            long[] rbw = h.readBandwidth[x];
            long[] wbw = h.writeBandwidth[x];
            long[] rmin = h.readMin[x];
            long[] wmin = h.writeMin[x];
            double[] rq = h.readMinRatio[x];
            double[] wq = h.writeMinRatio[x];
            double[] ratio = h.uniqueRatio[x];
            long[] units = h.unitCount[x];
            int k0 = index.direction(x, 0, 0);
            for (int m = 0; m < n; m++) {
                int k = k0 + m * DirectionIndex.COUNT;
                int o = (h.firstLevel[x] + m) * OperandCostTable.SLOT;
                table[o + RD_LOW] = lowWords(amount[k + RD_LOW], precision[k + RD_LOW], count[k + RD_LOW], rbw[m],
                        rmin[m], rq[m], m > 0 ? wbw[m - 1] : 0, m, ratio[m], units[m]);
                table[o + WR_LOW] = lowWords(amount[k + WR_LOW], precision[k + WR_LOW], count[k + WR_LOW], wbw[m],
                        wmin[m], wq[m], m > 0 ? rbw[m - 1] : 0, m, ratio[m], units[m]);
                table[o + RD_HIGH] = highWords(amount[k + RD_HIGH], precision[k + RD_HIGH], count[k + RD_HIGH],
                        rmin[m], rq[m], units[m]);
                table[o + WR_HIGH] = highWords(amount[k + WR_HIGH], precision[k + WR_HIGH], count[k + WR_HIGH],
                        wmin[m], wq[m], units[m]);
            }
        }
    }

    /**
     * Spec costmodel.md §5: from the word accesses in {@code table}, the memory energy, accumulated
     * operand by operand, level by level ({@link OperandCostTable#levelEnergy}; the table computes
     * the per-direction energies itself when read).
     */
    static double energy(IndexedHierarchy h, double[] table) {
        double memory = 0;
        for (int x = 0; x < h.operands; x++) {
            int n = h.levels[x];
            double[] re = h.readEnergy[x];
            double[] we = h.writeEnergy[x];
            for (int m = 0; m < n; m++) {
                int o = (h.firstLevel[x] + m) * OperandCostTable.SLOT;
                memory += OperandCostTable.levelEnergy(table[o + RD_LOW], table[o + WR_LOW], table[o + RD_HIGH],
                        table[o + WR_HIGH], re[m], we[m]);
            }
        }
        return memory;
    }

    /**
     * Spec costmodel.md §4, low-side directions: the words one transfer of {@code n} elements of
     * {@code p} bits moves, times the periods, the sub-transfers and the units.
     *
     * @param minRatio {@code (double) bmin / bmax}
     * @param otherBw the bandwidth of the level below in the opposite direction (unused at level 0)
     * @param ratio {@code unit_unique[m] / unit_unique[m+1]}
     */
    static double lowWords(long n, long p, long count, long bmax, long bmin, double minRatio, long otherBw, int m,
            double ratio, long units) {
        if (n == 0 || p == 0) {
            return 0;
        }
        double e;
        double k;
        if (m > 0) {
            // the unit_unique ratio first, then times the bandwidth
            double bother = otherBw * ratio;
            e = Math.min(Math.min(bother / p, (double) bmax / p), (double) n);
            k = Math.ceil(n / e);
        } else {
            e = n;
            k = 1;
        }
        // strictly left to right
        return Math.ceil(e * p / bmin) * minRatio * count * k * units;
    }

    /** Spec costmodel.md §4, high-side directions; {@code minRatio = (double) bmin / bmax}. */
    static double highWords(long n, long p, long count, long bmin, double minRatio, long units) {
        if (n == 0) {
            return 0;
        }
        return Math.ceil((double) (n * p) / bmin) * minRatio * count * units;
    }
}
