package org.tessel.costmodel.layer;

import java.util.Arrays;

/**
 * Running pr decoupling of one loop sequence (spec mapping.md §2.1): per level, the products of
 * the reformed-relevant ({@link #r}) and reformed-irrelevant ({@link #ir}, with {@link #irFlag})
 * factors of the loops added since {@link #begin}, in list order. {@link #add} computes both; a
 * sequence that needs only one calls {@link #addRelevant} or {@link #addIrrelevant}, which skip
 * the other product's arithmetic (it never feeds the one kept). The three are written out apart on
 * purpose: one method with two flags made the fixed-mapping evaluation about 8 % slower. The state
 * arrays are reused across {@link #reset}s.
 */
final class PrDecoupler {

    private IndexedOperand operand;
    // the operand's arrays the adds read, one hop nearer
    private int[][] relationsOf;
    private boolean[][] isFirst;
    private boolean[] reformedRelevant;
    private boolean[] reformedIrrelevant;
    private double[] extA = new double[0];
    private double[] extB = new double[0];
    private double[] prevSize = new double[0];
    private double[] prevReuse = new double[0];
    /** Product of the reformed-relevant factors since {@link #begin}. */
    double r;
    /** Product of the reformed-irrelevant factors since {@link #begin}. */
    double ir;
    /** Whether some reformed-irrelevant factor since {@link #begin} exceeds 1. */
    boolean irFlag;

    /** Starts a new sequence of {@code operand}'s loops. */
    void reset(IndexedOperand operand) {
        this.operand = operand;
        relationsOf = operand.relationsOf;
        isFirst = operand.isFirst;
        reformedRelevant = operand.reformedRelevant;
        reformedIrrelevant = operand.reformedIrrelevant;
        int np = operand.firstDim.length;
        if (extA.length < np) {
            extA = new double[np];
            extB = new double[np];
            prevSize = new double[np];
            prevReuse = new double[np];
        }
        Arrays.fill(extA, 0, np, 1.0);
        Arrays.fill(extB, 0, np, 1.0);
        Arrays.fill(prevSize, 0, np, 1.0);
        Arrays.fill(prevReuse, 0, np, 1.0);
    }

    /** Starts the products of the next level. */
    void begin() {
        r = 1;
        ir = 1;
        irFlag = false;
    }

    /** Adds a loop to both products. */
    void add(int dim, double size) {
        int[] ps = relationsOf[dim];
        if (ps.length == 0) {
            if (reformedRelevant[dim]) {
                r *= size;
            }
            if (reformedIrrelevant[dim]) {
                ir *= size;
                irFlag |= size > 1;
            }
            return;
        }
        boolean[] first = isFirst[dim];
        for (int k = 0; k < ps.length; k++) {
            int p = ps[k];
            if (first[k]) {
                extA[p] *= size;
            } else {
                extB[p] *= size;
            }
            double s = operand.distinctIndices(p, extA[p], extB[p]);
            double reuse = extA[p] * extB[p] / s;
            double fr = s / prevSize[p];
            double fir = reuse / prevReuse[p];
            r *= fr;
            ir *= fir;
            irFlag |= fir > 1;
            prevSize[p] = s;
            prevReuse[p] = reuse;
        }
    }

    /** {@link #add} for {@link #r} only. */
    void addRelevant(int dim, double size) {
        int[] ps = relationsOf[dim];
        if (ps.length == 0) {
            if (reformedRelevant[dim]) {
                r *= size;
            }
            return;
        }
        boolean[] first = isFirst[dim];
        for (int k = 0; k < ps.length; k++) {
            int p = ps[k];
            if (first[k]) {
                extA[p] *= size;
            } else {
                extB[p] *= size;
            }
            double s = operand.distinctIndices(p, extA[p], extB[p]);
            r *= s / prevSize[p];
            prevSize[p] = s;
        }
    }

    /** {@link #add} for {@link #ir} and {@link #irFlag} only. */
    void addIrrelevant(int dim, double size) {
        int[] ps = relationsOf[dim];
        if (ps.length == 0) {
            if (reformedIrrelevant[dim]) {
                ir *= size;
                irFlag |= size > 1;
            }
            return;
        }
        boolean[] first = isFirst[dim];
        for (int k = 0; k < ps.length; k++) {
            int p = ps[k];
            if (first[k]) {
                extA[p] *= size;
            } else {
                extB[p] *= size;
            }
            double s = operand.distinctIndices(p, extA[p], extB[p]);
            double reuse = extA[p] * extB[p] / s;
            double fir = reuse / prevReuse[p];
            ir *= fir;
            irFlag |= fir > 1;
            prevReuse[p] = reuse;
        }
    }
}
