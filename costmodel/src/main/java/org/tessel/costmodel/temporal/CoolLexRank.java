package org.tessel.costmodel.temporal;

/**
 * The 0-based position of an ordering in the visiting order of {@link MultisetPermutations}
 * (the prefix-shift order, spec mapping.md §3.4), without walking the order: what lets a search
 * that visits orderings in another order keep the reference's tie-break (spec mapping.md §4, the
 * earliest ordering among equal energies).
 *
 * <p>The order has this recursive structure (checked against the walk for every ordering of the
 * multisets in the tests). Let {@code W(E)} be the list for multiset {@code E}; with one distinct
 * value it is that one string. Otherwise let {@code z} be the smallest value and
 * {@code x1 < … < xm} the others, {@code Z = W(E − z)}, and {@code p_k} the position in {@code Z}
 * of {@code desc(E − z − x_k) · x_k} (innermost first, the last element outermost). Then
 * {@code W(E)} is {@code Z[0..p_1]·z}, {@code R(E − x_1)·x_1}, {@code Z[p_1+1..p_2]·z},
 * {@code R(E − x_2)·x_2}, …, {@code R(E − x_m)·x_m}, where {@code R(F)} is {@code W(F)} with its
 * first string moved to the end (and {@code p_m = |Z| − 1}). The rank of a string therefore follows
 * from the ranks of its prefixes, computed innermost first.
 *
 * <p>Values are the ranks {@code 0 … d−1} of the distinct loop factors; sub-multisets are indexed
 * in mixed radix (digit v counts value v), and the positions {@code p_k} are memoised per
 * sub-multiset. Not thread-safe; one instance per search.
 */
final class CoolLexRank {

    private final int distinct;
    /** Mixed-radix weight of each value's count. */
    private final int[] stride;
    private final int[] multiplicity;
    /** Per sub-multiset: the split positions {@code p_k} per other value (by value), or null if not yet computed. */
    private final long[][] splits;
    private final long[] factorial;

    /** @param multiplicity per distinct value (ascending), how often it occurs; at most 20 elements in all */
    CoolLexRank(int[] multiplicity) {
        this.distinct = multiplicity.length;
        this.multiplicity = multiplicity.clone();
        this.stride = new int[distinct];
        int states = 1;
        int n = 0;
        for (int v = 0; v < distinct; v++) {
            stride[v] = states;
            states = Math.multiplyExact(states, multiplicity[v] + 1);
            n += multiplicity[v];
        }
        if (n > 20) {
            throw new IllegalArgumentException("ranks of more than 20 elements overflow a long");
        }
        this.splits = new long[states][];
        this.factorial = new long[n + 1];
        factorial[0] = 1;
        for (int i = 1; i <= n; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
    }

    /** Number of distinct orderings of the whole multiset. */
    long count() {
        int[] c = multiplicity.clone();
        return count(c, sum(c));
    }

    /**
     * Position of {@code values} (innermost first, one value per loop, a permutation of the whole
     * multiset) in the visiting order.
     */
    long rank(int[] values) {
        int n = values.length;
        int[] counts = new int[distinct];
        long r = 0; // rank of values[0 .. j) in W(counts)
        for (int j = 0; j < n; j++) {
            counts[values[j]]++;
            r = extend(counts, j + 1, values[j], r);
        }
        return r;
    }

    // rank in W(E) of s·last, where E = counts (last included, size n) and r the rank of s in W(E − last)
    private long extend(int[] counts, int n, int last, long r) {
        int z = -1;
        int present = 0;
        for (int v = 0; v < distinct; v++) {
            if (counts[v] > 0) {
                if (z < 0) {
                    z = v;
                }
                present++;
            }
        }
        if (present <= 1) {
            return 0;
        }
        long[] p = splits(counts, n, z);
        if (last == z) {
            // in the z-pieces: r plus every block R(E − x_k)·x_k that comes before
            long out = r;
            for (int v = z + 1; v < distinct; v++) {
                if (counts[v] > 0 && p[v] < r) {
                    out += countWithout(counts, n, v);
                }
            }
            return out;
        }
        long out = p[last] + 1;
        for (int v = z + 1; v < last; v++) {
            if (counts[v] > 0) {
                out += countWithout(counts, n, v);
            }
        }
        long nk = countWithout(counts, n, last);
        return out + Math.floorMod(r - 1, nk); // R(F) is W(F) rotated by one
    }

    // p_k for every other value k of E = counts: the rank in W(E − z) of desc(E − z − k)·k
    private long[] splits(int[] counts, int n, int z) {
        int id = id(counts);
        long[] p = splits[id];
        if (p != null) {
            return p;
        }
        p = new long[distinct];
        int[] f = counts.clone();
        f[z]--;
        for (int k = z + 1; k < distinct; k++) {
            if (counts[k] == 0) {
                continue;
            }
            f[k]--;
            int[] s = new int[n - 1];
            int w = 0;
            for (int v = distinct - 1; v >= 0; v--) {
                for (int c = 0; c < f[v]; c++) {
                    s[w++] = v;
                }
            }
            s[w] = k;
            f[k]++;
            p[k] = rankOf(s);
        }
        splits[id] = p;
        return p;
    }

    // rank of a string of any sub-multiset (the sub-multiset is the string's content)
    private long rankOf(int[] s) {
        int[] counts = new int[distinct];
        long r = 0;
        for (int j = 0; j < s.length; j++) {
            counts[s[j]]++;
            r = extend(counts, j + 1, s[j], r);
        }
        return r;
    }

    private long countWithout(int[] counts, int n, int v) {
        counts[v]--;
        long c = count(counts, n - 1);
        counts[v]++;
        return c;
    }

    private long count(int[] counts, int n) {
        long c = factorial[n];
        for (int v = 0; v < distinct; v++) {
            c /= factorial[counts[v]];
        }
        return c;
    }

    private int id(int[] counts) {
        int id = 0;
        for (int v = 0; v < distinct; v++) {
            id += counts[v] * stride[v];
        }
        return id;
    }

    private static int sum(int[] c) {
        int s = 0;
        for (int v : c) {
            s += v;
        }
        return s;
    }
}
