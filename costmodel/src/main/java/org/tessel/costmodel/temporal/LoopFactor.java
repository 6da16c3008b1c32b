package org.tessel.costmodel.temporal;

/**
 * A loop prime factor (LPF): one temporal loop of the search, compared as the reference does
 * (dimension name by character codes, then size; spec mapping.md §3.4).
 *
 * @param dim the loop dimension
 * @param size the factor (a prime, or a product of primes after LPF limiting)
 */
public record LoopFactor(String dim, long size) implements Comparable<LoopFactor> {

    @Override
    public int compareTo(LoopFactor o) {
        int c = dim.compareTo(o.dim);
        return c != 0 ? c : Long.compare(size, o.size);
    }
}
