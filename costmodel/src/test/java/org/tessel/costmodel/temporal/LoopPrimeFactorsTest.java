package org.tessel.costmodel.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loop prime factors and their limit (spec mapping.md §3.2–§3.3). */
class LoopPrimeFactorsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void factorsMultiplyBackToEachSizeAndKeepToTheLimitWhereMergingCanReachIt(long seed) {
        Random r = new Random(seed);
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String d : List.of("K", "C", "OX", "OY", "FX", "FY", "G").subList(0, 1 + r.nextInt(7))) {
            sizes.put(d, 2L + r.nextInt(500));
        }
        int limit = 1 + r.nextInt(8);
        LoopPrimeFactors lpf = LoopPrimeFactors.of(sizes, limit);
        for (var e : sizes.entrySet()) {
            long product = lpf.factors().stream().filter(f -> f.dim().equals(e.getKey())).mapToLong(LoopFactor::size)
                    .reduce(1, (a, b) -> a * b);
            assertEquals(e.getValue(), product, e.getKey());
        }
        int primes = sizes.values().stream().mapToInt(LoopPrimeFactorsTest::primeCount).sum();
        assertEquals(Math.min(primes, Math.max(limit, sizes.size())), lpf.factors().size(),
                "merged down to the limit, or to one factor per dimension, never further");
    }

    private static int primeCount(long n) {
        int c = 0;
        for (long p = 2; n > 1; p++) {
            while (n % p == 0) {
                n /= p;
                c++;
            }
        }
        return c;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void moreDimensionsThanTheLimitKeepOneFactorEachInsteadOfFailing(int limit) {
        // seven one-prime dimensions (a grouped convolution without G unrolled): nothing to merge
        Map<String, Long> sizes = new LinkedHashMap<>();
        List.of("K", "C", "OX", "OY", "FX", "FY", "G").forEach(d -> sizes.put(d, 7L));
        LoopPrimeFactors lpf = LoopPrimeFactors.of(sizes, limit);
        assertEquals(7, lpf.factors().size());
    }
}
