package org.tessel.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: numbers right-aligned, text left-aligned. Immutable;
 * {@link #withRow} returns a new table.
 */
record TextTable(List<String> header, List<Boolean> rightAligned, List<List<String>> rows) {

    TextTable {
        header = List.copyOf(header);
        rightAligned = List.copyOf(rightAligned);
        rows = List.copyOf(rows);
    }

    /** A table with these column headers; a header starting with '>' marks a right-aligned column. */
    static TextTable of(String... columns) {
        List<String> names = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        for (String c : columns) {
            right.add(c.startsWith(">"));
            names.add(c.startsWith(">") ? c.substring(1) : c);
        }
        return new TextTable(names, right, List.of());
    }

    TextTable withRow(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size() + " columns");
        }
        List<List<String>> more = new ArrayList<>(rows);
        more.add(java.util.Arrays.stream(cells).map(String::valueOf).toList());
        return new TextTable(header, rightAligned, more);
    }

    /** The table as lines, indented by {@code indent} spaces. */
    String render(int indent) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width, indent);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        appendLine(sb, rule, width, indent);
        rows.forEach(r -> appendLine(sb, r, width, indent));
        return sb.toString();
    }

    private void appendLine(StringBuilder sb, List<String> cells, int[] width, int indent) {
        StringBuilder line = new StringBuilder(" ".repeat(indent));
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            line.append(rightAligned.get(c) ? pad + cell : cell + pad);
            if (c < cells.size() - 1) {
                line.append("  ");
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
