package org.tessel.costmodel.temporal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * All distinct orderings of a multiset in the reference's visiting order: the prefix-shift
 * algorithm of A. Williams (2009) as in the reference's {@code multipermute.py}
 * (spec mapping.md §3.4). Each ordering lists the loops innermost first; the first one is the
 * multiset in descending order. An empty multiset yields one empty ordering (the reference
 * crashes there).
 *
 * @param multiset the elements, in any order
 */
public record MultisetPermutations(List<LoopFactor> multiset) implements Iterable<List<LoopFactor>> {

    public MultisetPermutations {
        multiset = List.copyOf(multiset);
    }

    @Override
    public Iterator<List<LoopFactor>> iterator() {
        if (multiset.isEmpty()) {
            return List.of(List.<LoopFactor>of()).iterator();
        }
        Cursor c = cursor();
        return new Iterator<>() {
            boolean pending = c.advance();

            @Override
            public boolean hasNext() {
                return pending;
            }

            @Override
            public List<LoopFactor> next() {
                if (!pending) {
                    throw new NoSuchElementException();
                }
                List<LoopFactor> out = c.ordering();
                pending = c.advance();
                return out;
            }
        };
    }

    /** A cursor over the same orderings as {@link #iterator()} (non-empty multisets only). */
    Cursor cursor() {
        return new Cursor(multiset);
    }

    /**
     * The prefix-shift walk without building lists: after each successful {@link #advance()},
     * {@link #order()} holds the current ordering as indices into {@link #sorted()} (ascending,
     * equal elements adjacent), innermost first. Not thread-safe.
     */
    static final class Cursor {
        private final List<LoopFactor> sorted;
        /** Per node: rank of its value among the distinct values (equal values, equal rank). */
        private final int[] rank;
        private final int[] next;
        private final int[] order;
        private int h;
        private int i;
        private int j;
        private boolean first = true;

        Cursor(List<LoopFactor> multiset) {
            int n = multiset.size();
            List<LoopFactor> s = new ArrayList<>(multiset);
            s.sort(null);
            sorted = List.copyOf(s);
            rank = new int[n];
            for (int k = 1; k < n; k++) {
                rank[k] = rank[k - 1] + (sorted.get(k).compareTo(sorted.get(k - 1)) != 0 ? 1 : 0);
            }
            // linked list over node indices k (value sorted[k]), built so that the head is the largest
            next = new int[n];
            int head = -1;
            for (int k = 0; k < n; k++) {
                next[k] = head;
                head = k;
            }
            h = head;
            i = nth(next, h, n - 2);
            j = nth(next, h, n - 1);
            order = new int[n];
        }

        /** The multiset in ascending order. */
        List<LoopFactor> sorted() {
            return sorted;
        }

        /** Moves to the next ordering (the first on the first call); false when there is none. */
        boolean advance() {
            if (first) {
                first = false;
            } else {
                if (next[j] == -1 && rank[j] >= rank[h]) {
                    return false;
                }
                int s = (next[j] != -1 && rank[i] >= rank[next[j]]) ? j : i;
                int t = next[s];
                next[s] = next[t];
                next[t] = h;
                if (rank[t] < rank[h]) {
                    i = t;
                }
                j = next[i];
                h = t;
            }
            int w = 0;
            for (int k = h; k != -1; k = next[k]) {
                order[w++] = k;
            }
            return true;
        }

        /** The current ordering as indices into {@link #sorted()}; overwritten by {@link #advance()}. */
        int[] order() {
            return order;
        }

        /** The current ordering as loop factors. */
        List<LoopFactor> ordering() {
            List<LoopFactor> out = new ArrayList<>(order.length);
            for (int k : order) {
                out.add(sorted.get(k));
            }
            return out;
        }
    }

    private static int nth(int[] next, int head, int pos) {
        int k = head;
        for (int c = 0; c < pos; c++) {
            k = next[k];
        }
        return k;
    }
}
