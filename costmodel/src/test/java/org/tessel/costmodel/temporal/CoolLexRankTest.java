package org.tessel.costmodel.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CoolLexRank} against the walk it replaces: every ordering {@link MultisetPermutations}
 * visits has, as its rank, its position in the walk; on the spec's test vectors and on seeded
 * random multisets of up to 9 loops (duplicates frequent).
 */
class CoolLexRankTest {

    static Stream<List<LoopFactor>> multisets() {
        List<List<LoopFactor>> out = new ArrayList<>();
        out.add(parse("a1 a1 b1 c1"));
        out.add(parse("C2 C2 C7 OX2 OY2"));
        out.add(parse("C2 C3 OY2 OY3 OY3 OX17 FY3 FX3")); // the benchmark's layer-tile at lpf 8
        out.add(parse("K5"));
        out.add(parse("K5 K5 K5"));
        Random rnd = new Random(11);
        for (int c = 0; c < 40; c++) {
            int n = 1 + rnd.nextInt(9);
            int values = 1 + rnd.nextInt(5);
            List<LoopFactor> m = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int v = rnd.nextInt(values);
                m.add(new LoopFactor("D" + (v % 3), 2 + v));
            }
            out.add(m);
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("multisets")
    void rankIsThePositionInTheWalk(List<LoopFactor> multiset) {
        List<LoopFactor> distinct = multiset.stream().sorted().distinct().toList();
        int[] multiplicity = distinct.stream().mapToInt(d -> (int) multiset.stream().filter(d::equals).count()).toArray();
        CoolLexRank rank = new CoolLexRank(multiplicity);
        long index = 0;
        for (List<LoopFactor> ordering : new MultisetPermutations(multiset)) {
            int[] values = ordering.stream().mapToInt(distinct::indexOf).toArray();
            assertEquals(index, rank.rank(values), () -> "rank of " + ordering);
            index++;
        }
        assertEquals(index, rank.count());
    }

    private static List<LoopFactor> parse(String s) {
        return Stream.of(s.split(" ")).map(t -> {
            int i = IntStream.range(0, t.length()).filter(k -> Character.isDigit(t.charAt(k))).findFirst().orElseThrow();
            return new LoopFactor(t.substring(0, i), Long.parseLong(t.substring(i)));
        }).toList();
    }
}
