package org.tessel.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Index relations and prsize (spec zigzag-inputs.md §2.3, examples.md §A.1). */
class IndexRelationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ix=1*ox+1*fx,         IX, OX, 1, FX, 1",
        "iy=1*oy+1*fy,         IY, OY, 1, FY, 1",
        "ix=2*ox+1*fx,         IX, OX, 2, FX, 1",
        "ix=1*ox+2*fx,         IX, OX, 1, FX, 2",
        "ix=ox+fx,             IX, OX, 1, FX, 1",   // omitted factors are 1
        "' ix = 2 * ox + 3 * fx ', IX, OX, 2, FX, 3",
        "IX=2*OX+1*FX,         IX, OX, 2, FX, 1"})
    void parses(String text, String target, String first, long firstScale, String second, long secondScale) {
        assertEquals(new IndexRelation(target, first, firstScale, second, secondScale), IndexRelation.parse(text));
    }

    /** examples.md §A.1: relation, a (values of the first dimension), b (of the second), prsize. */
    @ParameterizedTest(name = "{0}: prsize({1}, {2}) = {3}")
    @CsvSource({
        "ix=1*ox+1*fx, 8,                  3, 10",
        "ix=1*ox+1*fx, 3.3333333333333335, 1, 3",   // trunc of 3.333…
        "ix=1*ox+1*fx, 3.3333333333333335, 3, 5",   // trunc of 5.333…
        "ix=2*ox+1*fx, 8,                  3, 17",
        "ix=2*ox+1*fx, 4,                  3, 9",
        "ix=2*ox+1*fx, 4,                  1, 4",   // unique indices, not the span 7
        "ix=1*ox+2*fx, 10,                 3, 14"})
    void distinctIndices(String relation, double a, double b, long expected) {
        assertEquals(expected, IndexRelation.parse(relation).distinctIndices(a, b));
    }

    @Test
    void distinctIndicesIsNotSymmetric() {
        IndexRelation stride2 = IndexRelation.parse("ix=2*ox+1*fx");
        assertEquals(17, stride2.distinctIndices(8, 3));
        assertEquals(12, stride2.distinctIndices(3, 8)); // 2·{0,1,2} + {0..7} covers 0..11
    }

    @ParameterizedTest
    @ValueSource(strings = {"ix=ox+fx-1", "ix=2*ox", "ix=-1*ox+1*fx", "ix=1*ox+1*fx+1*c", "ix=ox*2+fx", "ix=0*ox+1*fx", ""})
    void rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> IndexRelation.parse(text));
    }

    @Test
    void printsInCanonicalForm() {
        assertEquals("ix=1*ox+1*fx", IndexRelation.parse("ix = ox + fx").toString());
        assertEquals("iy=2*oy+1*fy", IndexRelation.parse("iy=2*oy+1*fy").toString());
    }
}
