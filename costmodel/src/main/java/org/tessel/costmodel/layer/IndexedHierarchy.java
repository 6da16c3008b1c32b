package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.MemoryInstance;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.Port;

/**
 * The memory hierarchy as one problem's operands see it, as arrays indexed by operand, memory
 * level and direction, for the hot paths of the cost model: per operand and memory level the
 * memory's energies, bandwidths, granularities, size and the spatial unit factors of the
 * word-access formulas; the ports with the (operand, level, direction) movements they carry; the
 * sharing groups. Everything here is read from the accelerator and the spatial mapping once per
 * {@link LayerContext}, in the order the cost model would otherwise look it up, so results are
 * bit-identical.
 */
final class IndexedHierarchy {

    /** Per operand x and memory level m. */
    final double[][] readEnergy;
    final double[][] writeEnergy;
    final long[][] readBandwidth;
    final long[][] writeBandwidth;
    /** Read/write granularity, or the bandwidth where none is given (spec costmodel.md §4). */
    final long[][] readMin;
    final long[][] writeMin;
    final long[][] sizeBits;
    final long[][] latency;
    /** {@code unit_unique[x][m] / unit_unique[x][m+1]} of the fractional mapping (spec costmodel.md §4). */
    final double[][] uniqueRatio;
    /** {@code unit_count[x][m+1]} of the fractional mapping. */
    final long[][] unitCount;
    /** Ports in hierarchy order; per port its movements {@code [use] = {x, m, d}} of operands of this layer. */
    final int[][][] portUses;
    /** Per port: true if it serves both I1 and I2 (spec costmodel.md §9.1). */
    final boolean[] portShared;
    /**
     * The movements of {@link #portUses} flattened for the port walk of {@link TransferLatency}: port
     * {@code p}'s are {@code portUseStart[p] … portUseStart[p+1]-1}; per movement its slot in the
     * workspace's direction arrays ({@link WorkspaceIndex#direction}), the version of the transfer
     * pattern latency reads ({@link TransferPatterns#forLatency}) and what the walk records of it
     * ({@link #RECORDS_LOADING}, {@link #RECORDS_OFFLOADING} or 0).
     */
    final int[] portUseStart;
    final int[] useSlot;
    final int[] useVersion;
    final int[] useRecord;
    /**
     * Per movement: the bandwidth its real cycles divide by (spec costmodel.md §7: the level's read
     * bandwidth for rd directions, its write bandwidth for wr ones) and the architectural slot
     * ({@link WorkspaceIndex#arch}) whose double-buffer flag picks its allowed cycles (level m for
     * the low side, m + 1 for the high side).
     */
    final long[] useBandwidth;
    final int[] useBufferSlot;
    static final int RECORDS_LOADING = 1;
    static final int RECORDS_OFFLOADING = 2;
    /**
     * Per operand: the ceiled spatial mapping gives this operand the same spatial sizes and
     * bandwidth boosts as the fractional one, so its ceiled transfer pattern is the fractional one.
     */
    final boolean[] ceiledSame;
    /** Per operand: linked to I1 or I2. */
    final boolean[] isInputOperand;
    /** The layer's input operands in equation order (operand indices). */
    final int[] inputs;
    /** Sharing groups: members {@code {x, m}} of operands of this layer; whether the group has a level-0 member. */
    final int[][][] groups;
    final boolean[] groupHasLevel0;
    /** Per operand x and level m: the first sharing group that maps x's memory operand to m, or -1. */
    final int[][] firstGroupAt;

    // Constants of the single-pass evaluator (LayerEvaluator), read once per context.
    /** Number of operands, the largest chain length and the most movements one port carries. */
    final int operands;
    final int maxLevels;
    final int maxPortUses;
    /** Per operand: the chain length N. */
    final int[] levels;
    /** Per operand: the index of its first memory level when all operands' levels are listed in order; their count. */
    final int[] firstLevel;
    final int totalLevels;
    /** Per operand x and memory level m: {@code (double) readMin / readBandwidth}, likewise for writes (spec costmodel.md §4). */
    final double[][] readMinRatio;
    final double[][] writeMinRatio;
    /** Per operand x and memory level m: the memory's name (for the breakdown). */
    final String[][] memoryNames;
    /** Per operand its memory operand (for the breakdown). */
    final List<MemoryOperand> memoryOperands;
    /** {@code mem_bw_boost[x][m]} of the fractional ([0]) and ceiled ([1]) spatial mapping, m = 0 … N. */
    final long[][][] boost;
    /** Per operand: its precision (the partial-sum precision for the output). */
    final int[] precision;
    final int outputPartialPrecision;
    final int outputFinalPrecision;
    /** The layer's loop dimensions (ids as {@link LayerContext#dimensionId}) and their string hash codes. */
    private final String[] dimensionNames;
    private final int[] dimensionHashes;
    /** MAC energy per MAC × MAC count (spec costmodel.md §5). */
    final double macEnergy;
    /** {@code ceil(MACs / MAC units)} (spec costmodel.md §10). */
    final long idealCycles;

    /** {@code ctx}'s hierarchy, indexed. */
    static IndexedHierarchy of(LayerContext ctx) {
        return new IndexedHierarchy(ctx);
    }

    private IndexedHierarchy(LayerContext ctx) {
        int ops = ctx.operandCount();
        readEnergy = new double[ops][];
        writeEnergy = new double[ops][];
        readBandwidth = new long[ops][];
        writeBandwidth = new long[ops][];
        readMin = new long[ops][];
        writeMin = new long[ops][];
        sizeBits = new long[ops][];
        latency = new long[ops][];
        uniqueRatio = new double[ops][];
        unitCount = new long[ops][];
        isInputOperand = new boolean[ops];
        ceiledSame = new boolean[ops];
        for (int x = 0; x < ops; x++) {
            List<MemoryLevel> chain = ctx.chain(x);
            int n = chain.size();
            readEnergy[x] = new double[n];
            writeEnergy[x] = new double[n];
            readBandwidth[x] = new long[n];
            writeBandwidth[x] = new long[n];
            readMin[x] = new long[n];
            writeMin[x] = new long[n];
            sizeBits[x] = new long[n];
            latency[x] = new long[n];
            uniqueRatio[x] = new double[n];
            unitCount[x] = new long[n];
            for (int m = 0; m < n; m++) {
                MemoryInstance mem = chain.get(m).memory();
                readEnergy[x][m] = mem.readEnergy();
                writeEnergy[x][m] = mem.writeEnergy();
                readBandwidth[x][m] = mem.readBandwidth();
                writeBandwidth[x][m] = mem.writeBandwidth();
                readMin[x][m] = mem.readGranularity() > 0 ? mem.readGranularity() : mem.readBandwidth();
                writeMin[x][m] = mem.writeGranularity() > 0 ? mem.writeGranularity() : mem.writeBandwidth();
                sizeBits[x][m] = mem.sizeBits();
                latency[x][m] = mem.latency();
                uniqueRatio[x][m] = ctx.units(false).unitUnique(x, m) / ctx.units(false).unitUnique(x, m + 1);
                unitCount[x][m] = ctx.units(false).unitCount(x, m + 1);
            }
            IndexedOperand operand = ctx.indexedOperand(x);
            boolean same = java.util.Arrays.deepEquals(operand.spatialSizes, operand.spatialSizesInt);
            for (int a = 0; a <= n; a++) {
                same &= ctx.units(false).boost(x, a) == ctx.units(true).boost(x, a);
            }
            ceiledSame[x] = same;
            MemoryOperand mo = ctx.memoryOperand(x);
            isInputOperand[x] = mo == MemoryOperand.I1 || mo == MemoryOperand.I2;
        }
        List<int[][]> uses = new ArrayList<>();
        List<Boolean> shared = new ArrayList<>();
        for (MemoryLevel level : ctx.hierarchy().levels()) {
            for (Port port : level.ports()) {
                boolean sh = port.served().stream().anyMatch(u -> u.operand() == MemoryOperand.I1)
                        && port.served().stream().anyMatch(u -> u.operand() == MemoryOperand.I2);
                List<int[]> u = new ArrayList<>();
                for (Port.Use use : port.served()) {
                    int x = ctx.operandOf(use.operand());
                    if (x >= 0) {
                        u.add(new int[] {x, use.level(), DirectionIndex.of(use.direction())});
                    }
                }
                uses.add(u.toArray(new int[0][]));
                shared.add(sh);
            }
        }
        portUses = uses.toArray(new int[0][][]);
        portShared = new boolean[shared.size()];
        for (int p = 0; p < portShared.length; p++) {
            portShared[p] = shared.get(p);
        }
        inputs = ctx.layer().equation().inputOperands().stream().mapToInt(ctx::indexOf).toArray();
        if (inputs.length == 0) {
            // spec costmodel.md §9.1: the loading latency is defined for one or two inputs
            throw new IllegalArgumentException("layer " + ctx.layer().id() + " has no input operand");
        }
        List<Map<MemoryOperand, Integer>> sharing = ctx.sharingList();
        groups = new int[sharing.size()][][];
        groupHasLevel0 = new boolean[sharing.size()];
        for (int g = 0; g < groups.length; g++) {
            List<int[]> members = new ArrayList<>();
            for (var e : sharing.get(g).entrySet()) {
                int x = ctx.operandOf(e.getKey());
                if (x >= 0) {
                    members.add(new int[] {x, e.getValue()});
                }
            }
            groups[g] = members.toArray(new int[0][]);
            groupHasLevel0[g] = sharing.get(g).containsValue(0);
        }
        firstGroupAt = new int[ops][];
        for (int x = 0; x < ops; x++) {
            firstGroupAt[x] = new int[ctx.chain(x).size()];
            java.util.Arrays.fill(firstGroupAt[x], -1);
            MemoryOperand mo = ctx.memoryOperand(x);
            for (int m = 0; m < firstGroupAt[x].length; m++) {
                for (int g = 0; g < groups.length; g++) {
                    Integer lv = sharing.get(g).get(mo);
                    if (lv != null && lv == m) {
                        firstGroupAt[x][m] = g;
                        break;
                    }
                }
            }
        }
        operands = ops;
        levels = new int[ops];
        memoryNames = new String[ops][];
        boost = new long[2][ops][];
        precision = new int[ops];
        List<MemoryOperand> mos = new ArrayList<>();
        firstLevel = new int[ops];
        readMinRatio = new double[ops][];
        writeMinRatio = new double[ops][];
        int nmax = 0;
        int total = 0;
        for (int x = 0; x < ops; x++) {
            List<MemoryLevel> chain = ctx.chain(x);
            int n = chain.size();
            levels[x] = n;
            firstLevel[x] = total;
            total += n;
            readMinRatio[x] = new double[n];
            writeMinRatio[x] = new double[n];
            for (int m = 0; m < n; m++) {
                readMinRatio[x][m] = (double) readMin[x][m] / readBandwidth[x][m];
                writeMinRatio[x][m] = (double) writeMin[x][m] / writeBandwidth[x][m];
            }
            nmax = Math.max(nmax, n);
            memoryNames[x] = new String[n];
            for (int m = 0; m < n; m++) {
                memoryNames[x][m] = chain.get(m).name();
            }
            for (int v = 0; v < 2; v++) {
                boost[v][x] = new long[n + 1];
                for (int a = 0; a <= n; a++) {
                    boost[v][x][a] = ctx.units(v == 1).boost(x, a);
                }
            }
            precision[x] = ctx.precision(x);
            mos.add(ctx.memoryOperand(x));
        }
        memoryOperands = List.copyOf(mos);
        totalLevels = total;
        maxLevels = nmax;
        int umax = 0;
        for (int[][] u : portUses) {
            umax = Math.max(umax, u.length);
        }
        maxPortUses = umax;
        portUseStart = new int[portUses.length + 1];
        for (int p = 0; p < portUses.length; p++) {
            portUseStart[p + 1] = portUseStart[p] + portUses[p].length;
        }
        int allUses = portUseStart[portUses.length];
        useSlot = new int[allUses];
        useVersion = new int[allUses];
        useRecord = new int[allUses];
        useBandwidth = new long[allUses];
        useBufferSlot = new int[allUses];
        for (int p = 0, i = 0; p < portUses.length; p++) {
            for (int[] use : portUses[p]) {
                int x = use[0];
                int d = use[2];
                int m = use[1];
                useSlot[i] = WorkspaceIndex.direction(nmax, x, m, d);
                boolean read = d == DirectionIndex.RD_LOW || d == DirectionIndex.RD_HIGH;
                useBandwidth[i] = read ? readBandwidth[x][m] : writeBandwidth[x][m];
                boolean low = d == DirectionIndex.RD_LOW || d == DirectionIndex.WR_LOW;
                useBufferSlot[i] = WorkspaceIndex.arch(nmax, x, low ? m : m + 1);
                useVersion[i] = ceiledSame[x] ? TransferPatterns.FRACTIONAL : TransferPatterns.CEILED;
                useRecord[i] = isInputOperand[x] ? RECORDS_LOADING
                        : d == DirectionIndex.WR_LOW || d == DirectionIndex.RD_HIGH ? RECORDS_OFFLOADING : 0;
                i++;
            }
        }
        dimensionNames = ctx.dimensions().toArray(new String[0]);
        dimensionHashes = new int[dimensionNames.length];
        for (int i = 0; i < dimensionNames.length; i++) {
            dimensionHashes[i] = dimensionNames[i].hashCode();
        }
        outputPartialPrecision = ctx.outputPartialPrecision();
        outputFinalPrecision = ctx.outputFinalPrecision();
        long macs = ctx.macCount();
        macEnergy = ctx.problem().core().array().unit().macEnergy() * macs;
        idealCycles = (long) Math.ceil((double) macs / ctx.problem().core().array().unitCount());
    }

    /** As {@link LayerContext#dimensionId}, comparing the (cached) hash codes first. */
    int dimensionId(LayerContext ctx, String dim) {
        int hash = dim.hashCode();
        for (int i = 0; i < dimensionHashes.length; i++) {
            if (dimensionHashes[i] == hash && dimensionNames[i].equals(dim)) {
                return i;
            }
        }
        return ctx.dimensionId(dim); // throws
    }
}
