package org.tessel.cli.report;

import java.util.List;
import java.util.Map;

/**
 * What the report shows of one result file.
 *
 * @param title heading, e.g. {@code search: fsrcnn on Meta_prototype_DF}
 * @param source the file it comes from
 * @param inputs what produced the result, as recorded in the file (name → value)
 * @param tables the result's tables
 * @param images the result's figure as PNG images
 */
public record Section(String title, String source, Map<String, String> inputs, List<Table> tables, List<byte[]> images) {

    public Section {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        tables = List.copyOf(tables);
        images = List.copyOf(images);
    }

    /**
     * A table: a caption, column names and rows of cells (text).
     *
     * @param caption what the table shows
     * @param header column names
     * @param rows the rows, each as long as the header
     */
    public record Table(String caption, List<String> header, List<List<String>> rows) {

        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
