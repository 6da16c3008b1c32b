package org.tessel.costmodel.layer;

import java.util.List;
import org.tessel.costmodel.LayerContext;
import org.tessel.model.accelerator.MemoryInstance;
import org.tessel.model.accelerator.MemoryLevel;

/**
 * Word accesses and energy of one operand per memory level and direction, from the fractional
 * mapping (spec costmodel.md §4–§5), plus the per-level utilization the reference asserts on
 * (spec costmodel.md §3). Depends only on the operand's own allocation, so a search can reuse it.
 */
final class OperandEnergy {

    private static final int RD_LOW = OperandTransfers.RD_LOW;
    private static final int WR_LOW = OperandTransfers.WR_LOW;
    private static final int RD_HIGH = OperandTransfers.RD_HIGH;
    private static final int WR_HIGH = OperandTransfers.WR_HIGH;

    /** Word accesses {@code [m][direction]}. */
    final double[][] words;
    /** Energy {@code [m][direction]}. */
    final double[][] energy;
    /** Energy per level: {@code (E(rd→high) + E(rd→low)) + (E(wr←high) + E(wr←low))}. */
    final double[] level;
    /** {@code util[m] = Dbits[m+1] / size}. */
    final double[] util;

    OperandEnergy(LayerContext ctx, int x, OperandTransfers map) {
        List<MemoryLevel> chain = ctx.chain(x);
        int n = chain.size();
        words = new double[n][4];
        energy = new double[n][4];
        level = new double[n];
        util = new double[n];
        for (int m = 0; m < n; m++) {
            MemoryInstance mem = chain.get(m).memory();
            words[m][RD_LOW] = lowWords(ctx, map, x, m, RD_LOW);
            words[m][WR_LOW] = lowWords(ctx, map, x, m, WR_LOW);
            words[m][RD_HIGH] = highWords(ctx, map, x, m, RD_HIGH);
            words[m][WR_HIGH] = highWords(ctx, map, x, m, WR_HIGH);
            // spec costmodel.md §5: E_rd = rd→high·r_cost + rd→low·r_cost; E_wr likewise; E = E_rd + E_wr
            energy[m][RD_HIGH] = words[m][RD_HIGH] * mem.readEnergy();
            energy[m][RD_LOW] = words[m][RD_LOW] * mem.readEnergy();
            energy[m][WR_HIGH] = words[m][WR_HIGH] * mem.writeEnergy();
            energy[m][WR_LOW] = words[m][WR_LOW] * mem.writeEnergy();
            level[m] = (energy[m][RD_HIGH] + energy[m][RD_LOW]) + (energy[m][WR_HIGH] + energy[m][WR_LOW]);
            util[m] = map.dataBits[m + 1] / (double) mem.sizeBits();
        }
    }

    private static long granularity(long min, long bw) {
        return min > 0 ? min : bw;
    }

    // spec costmodel.md §4, low-side directions
    private static double lowWords(LayerContext ctx, OperandTransfers t, int x, int m, int d) {
        long n = t.amount[m][d];
        long p = t.precision[m][d];
        if (n == 0 || p == 0) {
            return 0;
        }
        List<MemoryLevel> chain = ctx.chain(x);
        MemoryInstance mem = chain.get(m).memory();
        boolean read = d == RD_LOW;
        long bmax = read ? mem.readBandwidth() : mem.writeBandwidth();
        long bmin = granularity(read ? mem.readGranularity() : mem.writeGranularity(), bmax);
        double e;
        double k;
        if (m > 0) {
            MemoryInstance below = chain.get(m - 1).memory();
            long otherBw = read ? below.writeBandwidth() : below.readBandwidth();
            // spec costmodel.md §4: the unit_unique ratio first, then times the bandwidth
            double ratio = ctx.units(false).unitUnique(x, m) / ctx.units(false).unitUnique(x, m + 1);
            double bother = otherBw * ratio;
            e = Math.min(Math.min(bother / p, (double) bmax / p), (double) n);
            k = Math.ceil(n / e);
        } else {
            e = n;
            k = 1;
        }
        long units = ctx.units(false).unitCount(x, m + 1);
        // spec costmodel.md §4: strictly left to right
        return Math.ceil(e * p / bmin) * ((double) bmin / bmax) * t.count[m][d] * k * units;
    }

    // spec costmodel.md §4, high-side directions
    private static double highWords(LayerContext ctx, OperandTransfers t, int x, int m, int d) {
        long n = t.amount[m][d];
        if (n == 0) {
            return 0;
        }
        long p = t.precision[m][d];
        MemoryInstance mem = ctx.chain(x).get(m).memory();
        boolean read = d == RD_HIGH;
        long bmax = read ? mem.readBandwidth() : mem.writeBandwidth();
        long bmin = granularity(read ? mem.readGranularity() : mem.writeGranularity(), bmax);
        long units = ctx.units(false).unitCount(x, m + 1);
        return Math.ceil((double) (n * p) / bmin) * ((double) bmin / bmax) * t.count[m][d] * units;
    }
}
