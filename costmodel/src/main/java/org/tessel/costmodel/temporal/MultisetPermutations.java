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
        int n = multiset.size();
        if (n == 0) {
            return List.of(List.<LoopFactor>of()).iterator();
        }
        List<LoopFactor> sorted = new ArrayList<>(multiset);
        sorted.sort(null);
        // linked list over node indices: value[k], next[k]; built so that the head is the largest
        LoopFactor[] value = new LoopFactor[n];
        int[] next = new int[n];
        int head = -1;
        for (int k = 0; k < n; k++) {
            value[k] = sorted.get(k);
            next[k] = head;
            head = k;
        }
        int h0 = head;
        int i0 = nth(next, h0, n - 2);
        int j0 = nth(next, h0, n - 1);
        return new Iterator<>() {
            int h = h0;
            int i = i0;
            int j = j0;
            boolean first = true;

            @Override
            public boolean hasNext() {
                return first || next[j] != -1 || value[j].compareTo(value[h]) < 0;
            }

            @Override
            public List<LoopFactor> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (first) {
                    first = false;
                } else {
                    int s = (next[j] != -1 && value[i].compareTo(value[next[j]]) >= 0) ? j : i;
                    int t = next[s];
                    next[s] = next[t];
                    next[t] = h;
                    if (value[t].compareTo(value[h]) < 0) {
                        i = t;
                    }
                    j = next[i];
                    h = t;
                }
                List<LoopFactor> out = new ArrayList<>(n);
                for (int k = h; k != -1; k = next[k]) {
                    out.add(value[k]);
                }
                return out;
            }
        };
    }

    private static int nth(int[] next, int head, int pos) {
        int k = head;
        for (int c = 0; c < pos; c++) {
            k = next[k];
        }
        return k;
    }
}
