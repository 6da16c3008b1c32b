package org.tessel.model.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tessel.model.BadInputException;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Padding;
import org.tessel.model.workload.Workload;

/**
 * Writes a workload in the {@code kind: workload} format that {@link ConfigLoader#workload} reads
 * (docs/config-format.md), one flow-style line per field as {@code tools/gen_networks.py} writes the
 * bundled real-size networks: reading the text back gives an equal {@link Workload}.
 */
public final class WorkloadWriter {

    /** Plain scalars YAML 1.1 would read as something other than a string (booleans, null). */
    private static final Pattern NOT_PLAIN = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|~");
    /** A name that is safe as a plain scalar: letters, digits and a few separators, not starting with one. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private WorkloadWriter() {}

    /**
     * The workload as YAML text.
     *
     * @param workload the workload
     * @param comments comment lines written first, without the leading {@code #} (may be empty)
     */
    public static String toYaml(Workload workload, List<String> comments) {
        StringBuilder out = new StringBuilder();
        for (String c : comments) {
            out.append("# ").append(BadInputException.oneLine(c)).append('\n');
        }
        out.append("kind: workload\n");
        out.append("name: ").append(scalar(workload.name())).append('\n');
        out.append("layers:\n");
        for (Layer l : workload.layers()) {
            out.append("  - id: ").append(l.id()).append('\n');
            if (l.name() != null) {
                out.append("    name: ").append(quoted(l.name())).append('\n');
            }
            out.append("    equation: ").append(l.equation().text()).append('\n');
            if (l.isInput()) {
                out.append("    loops: ").append(map(l.loops())).append('\n');
                out.append("    precision: {O: ").append(l.precision().get("O")).append(", ").append(Layer.FINAL_OUTPUT)
                        .append(": ").append(l.precision().get(Layer.FINAL_OUTPUT)).append("}\n");
                out.append("    memory_operands: ").append(map(l.memoryOperands())).append('\n');
                out.append("    core: ").append(l.core()).append('\n');
                continue;
            }
            out.append("    relations: [").append(l.relations().stream().map(IndexRelation::toString)
                    .collect(Collectors.joining(", "))).append("]\n");
            out.append("    loops: ").append(map(l.loops())).append('\n');
            out.append("    precision: ").append(map(l.precision())).append('\n');
            out.append("    sources: {").append(l.sources().entrySet().stream()
                    .map(e -> key(e.getKey()) + ": [" + e.getValue().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + "]")
                    .collect(Collectors.joining(", "))).append("}\n");
            out.append("    source_dimensions: {").append(l.sourceDimensions().entrySet().stream()
                    .map(e -> key(e.getKey()) + ": " + map(e.getValue())).collect(Collectors.joining(", "))).append("}\n");
            out.append("    constant_operands: [").append(l.constantOperands().stream().map(WorkloadWriter::key)
                    .collect(Collectors.joining(", "))).append("]\n");
            out.append("    memory_operands: ").append(map(l.memoryOperands())).append('\n');
            if (l.declaresPadding()) {
                out.append("    padding: {").append(l.padding().entrySet().stream()
                        .map(e -> key(e.getKey()) + ": " + pair(e.getValue())).collect(Collectors.joining(", "))).append("}\n");
            }
            out.append("    core: ").append(l.core()).append('\n');
        }
        return out.toString();
    }

    /**
     * Writes the workload to {@code file}.
     *
     * @throws BadInputException if the file cannot be written (a file the user named)
     */
    public static void write(Path file, Workload workload, List<String> comments) {
        try {
            Files.writeString(file, toYaml(workload, comments));
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String pair(Padding p) {
        return "[" + p.before() + ", " + p.after() + "]";
    }

    private static String map(Map<String, ?> m) {
        return "{" + m.entrySet().stream().map(e -> key(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + "}";
    }

    /** A map key or operand name: quoted where YAML 1.1 would read it as a boolean ({@code "Y"}). */
    private static String key(String k) {
        return NOT_PLAIN.matcher(k).matches() || !PLAIN.matcher(k).matches() ? quoted(k) : k;
    }

    /** A plain scalar where that reads back as the same string, else a quoted one. */
    static String scalar(String s) {
        return PLAIN.matcher(s).matches() && !NOT_PLAIN.matcher(s).matches() ? s : quoted(s);
    }

    /** A double-quoted YAML scalar (JSON escapes, which YAML's double-quoted style reads as JSON does). */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
