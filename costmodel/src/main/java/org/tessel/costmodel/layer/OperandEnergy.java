package org.tessel.costmodel.layer;


/**
 * Word accesses and energy of one operand per memory level and direction, from the fractional
 * mapping (spec costmodel.md §4–§5), plus the per-level utilization the reference asserts on
 * (spec costmodel.md §3). Depends only on the operand's own allocation, so a search can reuse it.
 */
final class OperandEnergy {

    private static final int RD_LOW = DirectionIndex.RD_LOW;
    private static final int WR_LOW = DirectionIndex.WR_LOW;
    private static final int RD_HIGH = DirectionIndex.RD_HIGH;
    private static final int WR_HIGH = DirectionIndex.WR_HIGH;

    /** Word accesses {@code [m][direction]}. */
    final double[][] words;
    /** Energy {@code [m][direction]}. */
    final double[][] energy;
    /** Energy per level: {@code (E(rd→high) + E(rd→low)) + (E(wr←high) + E(wr←low))}. */
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
            level[m] = (e[RD_HIGH] + e[RD_LOW]) + (e[WR_HIGH] + e[WR_LOW]);
            util[m] = map.dataBits[m + 1] / (double) h.sizeBits[x][m];
        }
    }

    // spec costmodel.md §4, low-side directions
    private static double lowWords(IndexedHierarchy h, OperandTransfers t, int x, int m, int d) {
        long n = t.amount[m][d];
        long p = t.precision[m][d];
        if (n == 0 || p == 0) {
            return 0;
        }
        boolean read = d == RD_LOW;
        long bmax = read ? h.readBandwidth[x][m] : h.writeBandwidth[x][m];
        long bmin = read ? h.readMin[x][m] : h.writeMin[x][m];
        double e;
        double k;
        if (m > 0) {
            long otherBw = read ? h.writeBandwidth[x][m - 1] : h.readBandwidth[x][m - 1];
            // spec costmodel.md §4: the unit_unique ratio first, then times the bandwidth
            double bother = otherBw * h.uniqueRatio[x][m];
            e = Math.min(Math.min(bother / p, (double) bmax / p), (double) n);
            k = Math.ceil(n / e);
        } else {
            e = n;
            k = 1;
        }
        long units = h.unitCount[x][m];
        // spec costmodel.md §4: strictly left to right
        return Math.ceil(e * p / bmin) * ((double) bmin / bmax) * t.count[m][d] * k * units;
    }

    // spec costmodel.md §4, high-side directions
    private static double highWords(IndexedHierarchy h, OperandTransfers t, int x, int m, int d) {
        long n = t.amount[m][d];
        if (n == 0) {
            return 0;
        }
        long p = t.precision[m][d];
        boolean read = d == RD_HIGH;
        long bmax = read ? h.readBandwidth[x][m] : h.writeBandwidth[x][m];
        long bmin = read ? h.readMin[x][m] : h.writeMin[x][m];
        long units = h.unitCount[x][m];
        return Math.ceil((double) (n * p) / bmin) * ((double) bmin / bmax) * t.count[m][d] * units;
    }
}
