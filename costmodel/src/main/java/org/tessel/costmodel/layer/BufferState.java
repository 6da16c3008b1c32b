package org.tessel.costmodel.layer;

import java.util.List;
import java.util.Map;
import org.tessel.costmodel.LayerContext;
import org.tessel.model.accelerator.MemoryOperand;

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
        int ops = ctx.operandCount();
        double[][] util = new double[ops][];
        double[][] eff = new double[ops][];
        double[][] effShared = new double[ops][];
        for (int x = 0; x < ops; x++) {
            int n = ctx.chain(x).size();
            util[x] = new double[n];
            eff[x] = new double[n];
            for (int m = 0; m < n; m++) {
                double z = ctx.chain(x).get(m).memory().sizeBits();
                util[x][m] = map[x].dataBits[m + 1] / z;
                eff[x][m] = map[x].effBits[m + 1] / z;
                if (util[x][m] > 1) {
                    throw new IllegalStateException("memory utilization above 1 at " + ctx.chain(x).get(m).name());
                }
            }
            effShared[x] = eff[x].clone();
        }
        List<Map<MemoryOperand, Integer>> groups = ctx.sharingList();
        for (Map<MemoryOperand, Integer> g : groups) {
            double sumU = 0;
            double sumE = 0;
            for (var e : g.entrySet()) {
                int x = ctx.operandOf(e.getKey());
                if (x >= 0) {
                    sumU += util[x][e.getValue()];
                    sumE += eff[x][e.getValue()];
                }
            }
            if (!g.containsValue(0) && sumU > 1) {
                throw new IllegalStateException("shared memory utilization above 1");
            }
            for (var e : g.entrySet()) {
                int x = ctx.operandOf(e.getKey());
                if (x >= 0) {
                    effShared[x][e.getValue()] = sumE;
                }
            }
        }
        boolean[][] db = new boolean[ops][];
        for (int x = 0; x < ops; x++) {
            int n = ctx.chain(x).size();
            db[x] = new boolean[n + 1];
            for (int m = 0; m < n; m++) {
                if (effShared[x][m] <= 0.5) {
                    db[x][m + 1] = true;
                } else if (eff[x][m] <= 1 - effShared[x][m]) {
                    db[x][m + 1] = true;
                    MemoryOperand mo = ctx.memoryOperand(x);
                    for (Map<MemoryOperand, Integer> g : groups) {
                        Integer lv = g.get(mo);
                        if (lv != null && lv == m) {
                            for (var e : g.entrySet()) {
                                int y = ctx.operandOf(e.getKey());
                                if (y >= 0) {
                                    effShared[y][e.getValue()] += eff[x][m];
                                }
                            }
                            break;
                        }
                    }
                }
            }
        }
        return new BufferState(util, eff, effShared, db);
    }
}
