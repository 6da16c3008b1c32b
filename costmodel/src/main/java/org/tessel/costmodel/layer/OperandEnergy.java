package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

import org.tessel.costmodel.OperandCostTable;

/**
 * Word accesses and energy of one operand per memory level and direction, from the fractional
 * mapping (spec costmodel.md §4–§5), plus the per-level utilization the reference asserts on
 * (spec costmodel.md §3). Depends only on the operand's own allocation, so a search can reuse it
 * ({@link IncrementalEnergy}); the formulas are those of {@link AccessEnergy}.
 */
final class OperandEnergy {

    /** Word accesses {@code [m][direction]}. */
    final double[][] words;
    /** Energy {@code [m][direction]}. */
    final double[][] energy;
    /** Energy per level ({@link OperandCostTable#levelEnergy}). */
    final double[] level;
    /** {@code util[m] = Dbits[m+1] / size}. */
    final double[] util;

    OperandEnergy(LayerContext ctx, int x, OperandTransfers map) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        int n = map.levels;
        words = new double[n][4];
        energy = new double[n][4];
        level = new double[n];
        util = new double[n];
        double[] re = h.readEnergy[x];
        double[] we = h.writeEnergy[x];
        for (int m = 0; m < n; m++) {
            double[] w = words[m];
            double[] e = energy[m];
            w[RD_LOW] = lowWords(h, map, x, m, RD_LOW);
            w[WR_LOW] = lowWords(h, map, x, m, WR_LOW);
            w[RD_HIGH] = highWords(h, map, x, m, RD_HIGH);
            w[WR_HIGH] = highWords(h, map, x, m, WR_HIGH);
            // spec costmodel.md §5: E_rd = rd→high·r_cost + rd→low·r_cost; E_wr likewise; E = E_rd + E_wr
            e[RD_HIGH] = w[RD_HIGH] * re[m];
            e[RD_LOW] = w[RD_LOW] * re[m];
            e[WR_HIGH] = w[WR_HIGH] * we[m];
            e[WR_LOW] = w[WR_LOW] * we[m];
            level[m] = OperandCostTable.levelEnergy(w[RD_LOW], w[WR_LOW], w[RD_HIGH], w[WR_HIGH], re[m], we[m]);
            util[m] = map.dataBits[m + 1] / (double) h.sizeBits[x][m];
        }
    }

    // spec costmodel.md §4, low-side directions
    private static double lowWords(IndexedHierarchy h, OperandTransfers t, int x, int m, int d) {
        boolean read = d == RD_LOW;
        return AccessEnergy.lowWords(t.amount[m][d], t.precision[m][d], t.count[m][d],
                read ? h.readBandwidth[x][m] : h.writeBandwidth[x][m], read ? h.readMin[x][m] : h.writeMin[x][m],
                read ? h.readMinRatio[x][m] : h.writeMinRatio[x][m],
                m > 0 ? (read ? h.writeBandwidth[x][m - 1] : h.readBandwidth[x][m - 1]) : 0, m, h.uniqueRatio[x][m],
                h.unitCount[x][m]);
    }

    // spec costmodel.md §4, high-side directions
    private static double highWords(IndexedHierarchy h, OperandTransfers t, int x, int m, int d) {
        boolean read = d == RD_HIGH;
        return AccessEnergy.highWords(t.amount[m][d], t.precision[m][d], t.count[m][d],
                read ? h.readMin[x][m] : h.writeMin[x][m], read ? h.readMinRatio[x][m] : h.writeMinRatio[x][m],
                h.unitCount[x][m]);
    }
}
