package org.tessel.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.workload.Equation.Operator;

/** Equation parsing as in spec zigzag-inputs.md §2.2, on the equations of the bundled workloads. */
class EquationTest {

    /** label, equation, operator, then operand → its dimensions ("B K OY OX"), output first. */
    static Stream<Arguments> equations() {
        return Stream.of(
                arguments("FSRCNN conv", "O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][ix][iy]", Operator.MULTIPLY_ACCUMULATE,
                        dims("O", "B K OY OX", "W", "K C FY FX", "I", "B C IX IY")),
                arguments("depthwise", "O[b][g][oy][ox]+=W[g][fy][fx]*I[b][g][ix][iy]", Operator.MULTIPLY_ACCUMULATE,
                        dims("O", "B G OY OX", "W", "G FY FX", "I", "B G IX IY")),
                // MobileNetV1 writes the first depthwise weights as W[fx][fy]: order as written is kept.
                arguments("depthwise, W[fx][fy]", "O[b][g][oy][ox]+=W[fx][fy]*I[b][g][ix][iy]", Operator.MULTIPLY_ACCUMULATE,
                        dims("O", "B G OY OX", "W", "FX FY", "I", "B G IX IY")),
                // FSRCNN layer 1: the input is indexed by the output's own OX, OY (no relations).
                arguments("1x1 conv (FSRCNN)", "O[b][k][oy][ox]+=W[k][c]*I[b][c][ox][oy]", Operator.MULTIPLY_ACCUMULATE,
                        dims("O", "B K OY OX", "W", "K C", "I", "B C OX OY")),
                arguments("1x1 conv (pointwise)", "O[b][k][oy][ox]+=W[k][c]*I[b][c][ix][iy]", Operator.MULTIPLY_ACCUMULATE,
                        dims("O", "B K OY OX", "W", "K C", "I", "B C IX IY")),
                arguments("element-wise add", "O[b][g][oy][ox]=X[b][g][oy][ox]+Y[b][g][oy][ox]", Operator.ADD,
                        dims("O", "B G OY OX", "X", "B G OY OX", "Y", "B G OY OX")),
                arguments("spaces around separators", "O[b][k] += W[k][c] * I[b][c]", Operator.MULTIPLY_ACCUMULATE,
                        dims("O", "B K", "W", "K C", "I", "B C")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equations")
    void parses(String label, String text, Operator operator, Map<String, List<String>> expected) {
        Equation eq = Equation.parse(text);
        List<String> operands = List.copyOf(expected.keySet());
        assertEquals(text, eq.text());
        assertEquals(operator, eq.operator());
        assertEquals(operands.getFirst(), eq.outputOperand());
        assertEquals(operands.subList(1, operands.size()), eq.inputOperands());
        assertEquals(operands, eq.operands());
        assertEquals(operands, List.copyOf(eq.operandDimensions().keySet()));
        expected.forEach((op, dims) -> assertEquals(dims, eq.dimensionsOf(op), op));
    }

    @Test
    void inputPseudoLayer() {
        Equation eq = Equation.parse("input");
        assertSame(Equation.INPUT, eq);
        assertEquals(Operator.INPUT, eq.operator());
        assertEquals("O", eq.outputOperand());
        assertEquals(List.of(), eq.inputOperands());
        assertEquals(List.of(), eq.dimensionsOf("O"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O[b][k][oy][ox]+=W[k][c][fy][fx]I[b][c][ix][iy]", // no separator between W and I
        "O[b][k][oy][ox]+=W[k][c][fy][fx]*",               // dangling *
        "O[b][k]",                                          // no right-hand side
        "O[B][K]+=W[K][C]*I[B][C]",                         // index letters must be lower case
        "O[b][k]+=W[k][c]*I[b][c]-Z[b]",                    // unknown operator
        "O[b][k]+=W[k][c]*O[b][k]",                         // operand twice
        "O[b][k]+=",                                        // nothing after +=
        "Input"})
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Equation.parse(text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void dimensionsOfUnknownOperandFails() {
        Equation eq = Equation.parse("O[b][k]+=W[k][c]*I[b][c]");
        assertThrows(IllegalArgumentException.class, () -> eq.dimensionsOf("X"));
    }

    private static Map<String, List<String>> dims(String... operandThenDims) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < operandThenDims.length; i += 2) {
            out.put(operandThenDims[i], Arrays.asList(operandThenDims[i + 1].split(" ")));
        }
        return out;
    }
}
