package org.tessel.costmodel.spatial;

import java.util.List;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.OperandRelevance;

/**
 * Unit counts derived from a spatial mapping per operand and architectural level
 * (spec mapping.md §2.2–§2.3): active instances ({@code unit_count}, rounded), instances holding
 * distinct data ({@code unit_unique}, not rounded) and the truncated bandwidth boost.
 */
public final class SpatialUnits {

    private final long[][] unitCount;
    private final double[][] unitUnique;
    private final long[][] boost;

    private SpatialUnits(long[][] unitCount, double[][] unitUnique, long[][] boost) {
        this.unitCount = unitCount;
        this.unitUnique = unitUnique;
        this.boost = boost;
    }

    /**
     * The unit counts of {@code levels}.
     *
     * @param operands layer operands in equation order (the output first)
     * @param relevance their relevance lists, in the same order
     */
    public static SpatialUnits of(List<String> operands, List<OperandRelevance> relevance, SpatialLevels levels) {
        int n = operands.size();
        double[][] rawCount = new double[n][];
        double[][] unique = new double[n][];
        long[][] boost = new long[n][];
        for (int x = 0; x < n; x++) {
            OperandRelevance rel = relevance.get(x);
            List<List<Loop>> s = rel.decouple(levels.of(operands.get(x)));
            int top = s.size() - 1; // N
            double[] ur = new double[top + 1];
            double[] ut = new double[top + 1];
            for (int a = 0; a <= top; a++) {
                double r = 1;
                double t = 1;
                for (Loop l : s.get(a)) {
                    if (rel.isReformedRelevant(l.dim())) {
                        r *= l.size();
                    }
                    t *= l.size();
                }
                ur[a] = r;
                ut[a] = t;
            }
            rawCount[x] = new double[top + 1];
            unique[x] = new double[top + 1];
            for (int a = 0; a <= top; a++) {
                // spec mapping.md §2.3: fresh product of the slice [a … N], ascending
                double c = 1;
                double u = 1;
                for (int b = a; b <= top; b++) {
                    c *= ut[b];
                    u *= ur[b];
                }
                rawCount[x][a] = c;
                unique[x][a] = u;
            }
            boost[x] = new long[top + 1];
            for (int a = 0; a < top; a++) {
                boost[x][a] = (long) (unique[x][a] / unique[x][a + 1]); // spec mapping.md §2.3: trunc
            }
            boost[x][top] = 1;
        }
        // spec mapping.md §2.3: round; if the MAC-level counts differ, ceil; then floor
        for (int mode = 0; mode < 3; mode++) {
            long[][] count = new long[n][];
            for (int x = 0; x < n; x++) {
                count[x] = new long[rawCount[x].length];
                for (int a = 0; a < count[x].length; a++) {
                    double v = rawCount[x][a];
                    count[x][a] = (long) (mode == 0 ? Math.rint(v) : mode == 1 ? Math.ceil(v) : Math.floor(v));
                }
            }
            boolean consistent = true;
            for (int x = 1; x < n; x++) {
                consistent &= count[x][0] == count[0][0];
            }
            if (consistent) {
                return new SpatialUnits(count, unique, boost);
            }
        }
        throw new IllegalStateException("inconsistent MAC-level unit counts between operands");
    }

    /** {@code unit_count[x][a]}: active instances at architectural level {@code a}. */
    public long unitCount(int x, int a) {
        return unitCount[x][a];
    }

    /** {@code unit_unique[x][a]}: instances at level {@code a} holding distinct data. */
    public double unitUnique(int x, int a) {
        return unitUnique[x][a];
    }

    /** {@code mem_bw_boost[x][a]} for {@code a < N}, 1 for {@code a = N}. */
    public long boost(int x, int a) {
        return boost[x][a];
    }
}
