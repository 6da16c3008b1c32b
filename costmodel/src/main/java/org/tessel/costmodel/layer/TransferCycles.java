package org.tessel.costmodel.layer;


/**
 * Allowed and real transfer cycles per operand, memory level and direction, from the ceiled
 * mapping (spec costmodel.md §7).
 *
 * @param real {@code ceil(amount · precision / bw)} of the memory owning the direction
 * @param allowed the period if the relevant level is double-buffered, else the window
 */
record TransferCycles(long[][][] real, long[][][] allowed) {

    static TransferCycles of(LayerContext ctx, OperandTransfers[] mapInt, boolean[][] doubleBuffered) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        int ops = ctx.operandCount();
        long[][][] real = new long[ops][][];
        long[][][] allowed = new long[ops][][];
        for (int x = 0; x < ops; x++) {
            OperandTransfers t = mapInt[x];
            int n = t.levels;
            real[x] = new long[n][4];
            allowed[x] = new long[n][4];
            for (int m = 0; m < n; m++) {
                for (int d = 0; d < 4; d++) {
                    boolean write = d == OperandTransfers.WR_LOW || d == OperandTransfers.WR_HIGH;
                    long bw = write ? h.writeBandwidth[x][m] : h.readBandwidth[x][m];
                    real[x][m][d] = (long) Math.ceil((double) (t.amount[m][d] * t.precision[m][d]) / bw);
                    boolean low = d == OperandTransfers.RD_LOW || d == OperandTransfers.WR_LOW;
                    boolean flag = low ? doubleBuffered[x][m] : doubleBuffered[x][m + 1];
                    allowed[x][m][d] = flag ? t.period[m][d] : t.window[m][d];
                }
            }
        }
        return new TransferCycles(real, allowed);
    }
}
