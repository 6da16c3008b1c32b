package org.tessel.costmodel.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and numbers of one worked example of {@code spec/examples.md} (a copy of the
 * specification in the test resources), read as printed.
 *
 * @param number the example number (1 … 5)
 * @param text the example's section
 * @param archTables "frac"/"int" + operand → rows of the per-architectural-level table
 * @param transferTables "frac"/"int" → rows of the per-memory-level transfer pattern table
 * @param energyRows rows of the energy table
 * @param latencyRows rows of the latency table
 */
record WorkedExample(int number, String text, Map<String, List<String[]>> archTables,
        Map<String, List<String[]>> transferTables, List<String[]> energyRows, List<String[]> latencyRows) {

    static WorkedExample load(int number) {
        String doc;
        try (InputStream in = WorkedExample.class.getResourceAsStream("/spec/examples.md")) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = doc.indexOf("\n## " + number + ". Example " + number);
        int end = doc.indexOf("\n## ", start + 5);
        String text = doc.substring(start, end);
        Map<String, List<String[]>> arch = new LinkedHashMap<>();
        Map<String, List<String[]>> transfer = new LinkedHashMap<>();
        List<String[]> energy = new ArrayList<>();
        List<String[]> latency = new ArrayList<>();
        String section = "";
        String variant = "";
        String operand = "";
        boolean integerSameAsFractional = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#### Per-architectural-level quantities")) {
                section = "arch";
                variant = line.contains("integer") ? "int" : "frac";
            } else if (line.startsWith("Per-memory-level transfer pattern")) {
                section = "transfer";
                variant = line.contains("integer") ? "int" : "frac";
            } else if (line.startsWith("(All per-direction transfer quantities of the integer mapping are identical")) {
                integerSameAsFractional = true;
            } else if (line.startsWith("#### Energy")) {
                section = "energy";
            } else if (line.startsWith("#### Latency")) {
                section = "latency";
            } else if (line.startsWith("Active port activities") || line.startsWith("####")) {
                section = "";
            } else if (line.startsWith("Operand ")) {
                operand = line.substring(8, line.length() - 1);
            } else if (line.startsWith("| ") && !line.startsWith("| a |") && !line.startsWith("| op |")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                switch (section) {
                    case "arch" -> arch.computeIfAbsent(variant + operand, k -> new ArrayList<>()).add(cells);
                    case "transfer" -> transfer.computeIfAbsent(variant, k -> new ArrayList<>()).add(cells);
                    case "energy" -> energy.add(cells);
                    case "latency" -> latency.add(cells);
                    default -> { }
                }
            }
        }
        if (integerSameAsFractional) {
            transfer.put("int", transfer.get("frac"));
        }
        return new WorkedExample(number, text, arch, transfer, energy, latency);
    }

    /** The number printed after {@code label} (e.g. {@code "energy_total = "}), bold or not. */
    double value(String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\**(-?[0-9.e+-]+)").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no '" + label + "' in example " + number);
        }
        return Double.parseDouble(m.group(1));
    }

    static double number(String cell) {
        return switch (cell.strip()) {
            case "True" -> 1;
            case "False" -> 0;
            case "—" -> 0;
            default -> Double.parseDouble(cell.strip());
        };
    }

    static double[] numbers(String cell, String separator) {
        String[] parts = cell.split(separator);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(parts[i]);
        }
        return out;
    }
}
