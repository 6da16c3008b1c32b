package org.tessel.model.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A layer's operand equation, e.g. {@code O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][ix][iy]}.
 *
 * <p>The first operand is the output; the others are the inputs in equation order, which the
 * cost model uses as iteration order. Index letters are upper-cased into dimension names.
 *
 * @param text the equation as written, or {@code input} for the network input pseudo-layer
 * @param operandDimensions every operand with its dimensions, output first, in equation order
 * @param operator how the inputs combine
 */
public record Equation(String text, Map<String, List<String>> operandDimensions, Operator operator) {

    /** How the input operands of an equation combine. */
    public enum Operator {
        /** Products accumulated into the output ({@code O+=W*I}): convolutions, matrix products. */
        MULTIPLY_ACCUMULATE,
        /** Element-wise sum ({@code O=X+Y}): residual adds. */
        ADD,
        /** The network input pseudo-layer: only an output, never costed. */
        INPUT
    }

    /** The input pseudo-layer's equation: one output operand {@code O}. */
    public static final Equation INPUT = new Equation("input", Map.of("O", List.of()), Operator.INPUT);

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z]+|[=*+]");
    private static final Pattern WELL_FORMED =
            Pattern.compile("[A-Za-z]+(\\[[a-z]+\\])*\\s*\\+?=\\s*[A-Za-z]+(\\[[a-z]+\\])*(\\s*[*+]\\s*[A-Za-z]+(\\[[a-z]+\\])*)*");

    public Equation {
        operandDimensions = copyOrdered(operandDimensions);
    }

    /**
     * Parses an equation as the reference does (spec zigzag-inputs.md §2.2): tokens are runs of
     * letters and the separators {@code = * +}; a {@code +} directly before {@code =} is dropped;
     * the token after the start or a separator is an operand name, the tokens up to the next
     * separator are its index letters.
     *
     * @throws IllegalArgumentException with a readable reason if the text is not an equation
     */
    public static Equation parse(String text) {
        if (text.equals("input")) {
            return INPUT;
        }
        if (!WELL_FORMED.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an equation of the form O[..]+=W[..]*I[..] or O[..]=X[..]+Y[..]");
        }
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            boolean plusBeforeSeparator = t.equals("+") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).equals("=") || tokens.get(i + 1).equals("+"));
            if (!plusBeforeSeparator) {
                kept.add(t);
            }
        }
        Map<String, List<String>> operands = new LinkedHashMap<>();
        boolean sawPlus = false;
        String current = null;
        boolean expectOperand = true;
        for (String t : kept) {
            if (t.equals("=") || t.equals("*") || t.equals("+")) {
                sawPlus |= t.equals("+");
                expectOperand = true;
            } else if (expectOperand) {
                current = t;
                if (operands.containsKey(current)) {
                    throw new IllegalArgumentException("operand " + current + " appears twice in '" + text + "'");
                }
                operands.put(current, new ArrayList<>());
                expectOperand = false;
            } else {
                operands.get(current).add(t.toUpperCase(Locale.ROOT));
            }
        }
        if (operands.size() < 2) {
            throw new IllegalArgumentException("'" + text + "' has no input operand");
        }
        return new Equation(text, operands, sawPlus ? Operator.ADD : Operator.MULTIPLY_ACCUMULATE);
    }

    /** The output operand's name (the first operand). */
    public String outputOperand() {
        return operandDimensions.keySet().iterator().next();
    }

    /** The input operands in equation order. */
    public List<String> inputOperands() {
        return operandDimensions.keySet().stream().skip(1).toList();
    }

    /** All operands, output first, in equation order. */
    public List<String> operands() {
        return List.copyOf(operandDimensions.keySet());
    }

    /** The dimensions that index {@code operand}, in equation order. */
    public List<String> dimensionsOf(String operand) {
        List<String> dims = operandDimensions.get(operand);
        if (dims == null) {
            throw new IllegalArgumentException("no operand " + operand + " in " + text);
        }
        return dims;
    }

    private static Map<String, List<String>> copyOrdered(Map<String, List<String>> in) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return text;
    }
}
