package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.layer.LayerContext;

/**
 * The temporal loops left after spatial unrolling, split into prime factors and limited in
 * number (spec mapping.md §3.1–§3.3).
 *
 * @param temporalSizes dimension → temporal size, in layer dimension order (spec mapping.md §3.1)
 * @param factors the LPF multiset after limiting, in dimension order then ascending factor
 */
public record LoopPrimeFactors(Map<String, Long> temporalSizes, List<LoopFactor> factors) {

    public LoopPrimeFactors {
        temporalSizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(temporalSizes));
        factors = List.copyOf(factors);
    }

    /** The LPFs of {@code ctx}'s layer with at most {@code limit} factors. */
    public static LoopPrimeFactors of(LayerContext ctx, int limit) {
        return of(temporalSizes(ctx), limit);
    }

    /**
     * Temporal sizes left by the spatial unrolling (spec mapping.md §3.1), including the quirk
     * that {@code ceil(D / u)} in doubles can exceed the true iteration count by one.
     */
    public static Map<String, Long> temporalSizes(LayerContext ctx) {
        Map<String, Long> t = new LinkedHashMap<>(ctx.loops());
        String firstInput = ctx.layer().equation().inputOperands().getFirst();
        for (Loop s : ctx.spatial(false).flattened(firstInput)) {
            Long d = t.get(s.dim());
            if (d == null) {
                throw new IllegalArgumentException("spatial loop over " + s.dim() + " has no temporal remainder");
            }
            long q = (long) Math.ceil(d / s.size()); // spec mapping.md §3.1: double division, then ceil
            if (q == 1) {
                t.remove(s.dim());
            } else {
                t.put(s.dim(), q);
            }
        }
        return t;
    }

    /** Factors and limits {@code sizes} (spec mapping.md §3.2–§3.3). */
    public static LoopPrimeFactors of(Map<String, Long> sizes, int limit) {
        // spec mapping.md §3.2: distinct primes ascending with their multiplicities, per dimension
        Map<String, List<long[]>> pf = new LinkedHashMap<>(); // dim -> [prime, count] ascending
        Map<String, Integer> sum = new LinkedHashMap<>();
        int total = 0;
        for (var e : sizes.entrySet()) {
            List<long[]> f = primeFactors(e.getValue());
            pf.put(e.getKey(), f);
            int s = 0;
            for (long[] pc : f) {
                s += (int) pc[1];
            }
            sum.put(e.getKey(), s);
            total += s;
        }
        // Factors merge within a dimension only (§3.3), so no merging brings the count below the number
        // of dimensions: the reference fails there (it merges the two factors of a one-factor
        // dimension); here the limit rises to one factor per dimension (docs/reference-compatibility.md)
        int reachable = Math.max(limit, (int) sum.values().stream().filter(n -> n > 0).count());
        // spec mapping.md §3.3: merge the two smallest factors of the first dimension with the most factors
        while (total > reachable) {
            String best = null;
            for (var e : sum.entrySet()) {
                if (best == null || e.getValue() > sum.get(best)) {
                    best = e.getKey();
                }
            }
            List<long[]> f = pf.get(best);
            long merged;
            if (f.getFirst()[1] == 1) {
                merged = f.get(0)[0] * f.get(1)[0];
                f.get(0)[1] -= 1;
                f.get(1)[1] -= 1;
            } else {
                merged = f.get(0)[0] * f.get(0)[0];
                f.get(0)[1] -= 2;
            }
            int at = -1;
            for (int i = 0; i < f.size(); i++) {
                if (f.get(i)[0] == merged) {
                    at = i;
                }
            }
            if (at >= 0) {
                f.get(at)[1] += 1;
            } else {
                int pos = 0;
                while (pos < f.size() && f.get(pos)[0] < merged) {
                    pos++;
                }
                f.add(pos, new long[] {merged, 1});
            }
            f.removeIf(pc -> pc[1] == 0);
            sum.put(best, sum.get(best) - 1);
            total--;
        }
        List<LoopFactor> out = new ArrayList<>();
        pf.forEach((d, f) -> {
            for (long[] pc : f) {
                for (long c = 0; c < pc[1]; c++) {
                    out.add(new LoopFactor(d, pc[0]));
                }
            }
        });
        return new LoopPrimeFactors(sizes, out);
    }

    private static List<long[]> primeFactors(long n) {
        List<long[]> out = new ArrayList<>();
        long p = 2;
        while (n > 1) {
            if (p * p > n) {
                out.add(new long[] {n, 1});
                break;
            }
            if (n % p == 0) {
                long c = 0;
                while (n % p == 0) {
                    n /= p;
                    c++;
                }
                out.add(new long[] {p, c});
            }
            p++;
        }
        return out;
    }
}
