package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.OperandRelevance;
import org.tessel.model.workload.IndexRelation;

/**
 * One operand's relevance lists, pr relations and spatial loops as arrays indexed by dimension
 * id, for the hot paths of the cost model and the allocator. Dimension ids: the layer's loop
 * dimensions in order ({@code 0 … D-1}), then per index relation {@code p} its {@code P_r}
 * ({@code D+2p}) and {@code P_ir} ({@code D+2p+1}). All arithmetic on these arrays is the one of
 * {@link OperandRelevance}, in the same order, so results are bit-identical.
 */
public final class IndexedOperand {

    final boolean[] relevant;
    final boolean[] irrelevant;
    final boolean[] reformedRelevant;
    final boolean[] reformedIrrelevant;
    /** Per layer dimension id: the relations (indices) it is the first or second term of. */
    final int[][] relationsOf;
    /** Per layer dimension id and matched relation: true if it is the first term. */
    final boolean[][] isFirst;
    /** Relation p: {@code sA/g} and {@code sB/g} as doubles (spec zigzag-inputs.md §2.3). */
    final double[] firstOffset;
    final double[] secondOffset;
    /** Relation p: ids of the first and second term. */
    final int[] firstDim;
    final int[] secondDim;
    /** Ids of the (non-reformed) relevant dimensions, for tensor sizes. */
    final int[] relevantDims;
    /** Whether the operand has pr dimensions (all relations apply). */
    final boolean hasPr;
    /** Spatial loops per architectural level: fractional and ceiled. */
    final int[][] spatialDims;
    final double[][] spatialSizes;
    final double[][] spatialSizesInt;

    /** Operand {@code x} of {@code ctx}, indexed; dimension ids follow {@link LayerContext#dimensions()}. */
    static IndexedOperand of(LayerContext ctx, int x) {
        String op = ctx.operands().get(x);
        return new IndexedOperand(ctx.dimensions(), ctx.relevance(x), ctx.layer().relations(),
                ctx.spatial(false).of(op), ctx.spatial(true).of(op));
    }

    private IndexedOperand(List<String> dims, OperandRelevance rel, List<IndexRelation> relations,
            List<List<Loop>> spatial, List<List<Loop>> spatialInt) {
        int d = dims.size();
        int ids = d + 2 * relations.size();
        relevant = new boolean[ids];
        irrelevant = new boolean[ids];
        reformedRelevant = new boolean[ids];
        reformedIrrelevant = new boolean[ids];
        List<Integer> rd = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            relevant[i] = rel.isRelevant(dims.get(i));
            irrelevant[i] = rel.isIrrelevant(dims.get(i));
            reformedRelevant[i] = relevant[i];
            reformedIrrelevant[i] = irrelevant[i];
            if (relevant[i]) {
                rd.add(i);
            }
        }
        relevantDims = rd.stream().mapToInt(Integer::intValue).toArray();
        hasPr = !rel.partial().isEmpty();
        int np = hasPr ? relations.size() : 0;
        firstOffset = new double[np];
        secondOffset = new double[np];
        firstDim = new int[np];
        secondDim = new int[np];
        relationsOf = new int[d][];
        isFirst = new boolean[d][];
        for (int p = 0; p < np; p++) {
            IndexRelation r = relations.get(p);
            long g = gcd(r.firstScale(), r.secondScale());
            firstOffset[p] = (double) r.firstScale() / g;
            secondOffset[p] = (double) r.secondScale() / g;
            firstDim[p] = dims.indexOf(r.first());
            secondDim[p] = dims.indexOf(r.second());
            reformedRelevant[d + 2 * p] = true;
            reformedIrrelevant[d + 2 * p + 1] = true;
        }
        for (int i = 0; i < d; i++) {
            List<Integer> ps = new ArrayList<>();
            List<Boolean> fs = new ArrayList<>();
            if (!relevant[i] && !irrelevant[i]) {
                for (int p = 0; p < np; p++) {
                    boolean a = firstDim[p] == i;
                    boolean b = secondDim[p] == i;
                    if (a || b) {
                        ps.add(p);
                        fs.add(a);
                    }
                }
            }
            relationsOf[i] = ps.stream().mapToInt(Integer::intValue).toArray();
            isFirst[i] = new boolean[fs.size()];
            for (int k = 0; k < fs.size(); k++) {
                isFirst[i][k] = fs.get(k);
            }
        }
        spatialDims = new int[spatial.size()][];
        spatialSizes = new double[spatial.size()][];
        spatialSizesInt = new double[spatial.size()][];
        for (int a = 0; a < spatial.size(); a++) {
            List<Loop> s = spatial.get(a);
            spatialDims[a] = s.stream().mapToInt(l -> dims.indexOf(l.dim())).toArray();
            spatialSizes[a] = s.stream().mapToDouble(Loop::size).toArray();
            spatialSizesInt[a] = spatialInt.get(a).stream().mapToDouble(Loop::size).toArray();
        }
    }

    private static long gcd(long x, long y) {
        return y == 0 ? x : gcd(y, x % y);
    }

    /** {@code prsize} of relation p (spec zigzag-inputs.md §2.3), as {@link IndexRelation#distinctIndices}. */
    long distinctIndices(int p, double a, double b) {
        double value = a * b - Math.max(0.0, b - firstOffset[p]) * (a - secondOffset[p]);
        return (long) value;
    }

    /**
     * Elements of the operand for the given extents per layer dimension id, every extent ceiled
     * first (spec zigzag-inputs.md §2.5).
     */
    public long tensorElements(double[] extent) {
        long size = 1;
        for (int i : relevantDims) {
            size *= (long) Math.ceil(extent[i]);
        }
        for (int p = 0; p < firstDim.length; p++) {
            size *= distinctIndices(p, Math.ceil(extent[firstDim[p]]), Math.ceil(extent[secondDim[p]]));
        }
        return size;
    }

    /** True if layer dimension id {@code dim} is in the (non-reformed) ir list. */
    public boolean isIrrelevant(int dim) {
        return irrelevant[dim];
    }

    /** Number of architectural levels (memory levels + 1). */
    public int spatialLevels() {
        return spatialDims.length;
    }

    /** Dimension ids of the spatial loops at architectural level {@code a}. */
    public int[] spatialDims(int a) {
        return spatialDims[a].clone();
    }

    /** Fractional sizes of the spatial loops at architectural level {@code a}. */
    public double[] spatialSizes(int a) {
        return spatialSizes[a].clone();
    }
}
