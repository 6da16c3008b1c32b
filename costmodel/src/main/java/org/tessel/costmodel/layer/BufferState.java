package org.tessel.costmodel.layer;


/**
 * Memory utilizations and double-buffer flags from the fractional mapping
 * (spec costmodel.md §3 and §6).
 *
 * @param util {@code util[x][m]}
 * @param effective {@code effutil[x][m]}
 * @param effectiveShared {@code effutil_sh[x][m]} after the double-buffer updates
 * @param doubleBuffered {@code DB[x][a]}: index 0 = MAC level, a = m+1 = memory level m
 */
record BufferState(double[][] util, double[][] effective, double[][] effectiveShared, boolean[][] doubleBuffered) {

    static BufferState of(LayerContext ctx, OperandTransfers[] map) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        int ops = ctx.operandCount();
        double[][] util = new double[ops][];
        double[][] eff = new double[ops][];
        double[][] effShared = new double[ops][];
        for (int x = 0; x < ops; x++) {
            int n = h.sizeBits[x].length;
            util[x] = new double[n];
            eff[x] = new double[n];
            for (int m = 0; m < n; m++) {
                double z = h.sizeBits[x][m];
                util[x][m] = map[x].dataBits[m + 1] / z;
                eff[x][m] = map[x].effBits[m + 1] / z;
                if (util[x][m] > 1) {
                    throw new IllegalStateException("memory utilization above 1 at " + ctx.chain(x).get(m).name());
                }
            }
            effShared[x] = eff[x].clone();
        }
        for (int g = 0; g < h.groups.length; g++) {
            double sumU = 0;
            double sumE = 0;
            for (int[] member : h.groups[g]) {
                sumU += util[member[0]][member[1]];
                sumE += eff[member[0]][member[1]];
            }
            if (!h.groupHasLevel0[g] && sumU > 1) {
                throw new IllegalStateException("shared memory utilization above 1");
            }
            for (int[] member : h.groups[g]) {
                effShared[member[0]][member[1]] = sumE;
            }
        }
        boolean[][] db = new boolean[ops][];
        for (int x = 0; x < ops; x++) {
            int n = h.sizeBits[x].length;
            db[x] = new boolean[n + 1];
            for (int m = 0; m < n; m++) {
                if (effShared[x][m] <= 0.5) {
                    db[x][m + 1] = true;
                } else if (eff[x][m] <= 1 - effShared[x][m]) {
                    db[x][m + 1] = true;
                    int g = h.firstGroupAt[x][m];
                    if (g >= 0) {
                        for (int[] member : h.groups[g]) {
                            effShared[member[0]][member[1]] += eff[x][m];
                        }
                    }
                }
            }
        }
        return new BufferState(util, eff, effShared, db);
    }
}
