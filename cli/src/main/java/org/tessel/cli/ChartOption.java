package org.tessel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tessel.cli.chart.ChartFile;
import org.tessel.cli.chart.ChartFormat;
import picocli.CommandLine.Option;

/**
 * {@code --chart FILE}: the command's figure as PNG (at twice its size) or SVG, drawn from the same
 * result document that {@code --json} writes, so {@code tessel report} redraws it identically.
 */
final class ChartOption {

    @Option(names = "--chart", converter = OutputFile.class, paramLabel = "FILE", description = "also draw the result's charts to FILE (.png or .svg)")
    Path file;

    /**
     * Refuses a file of another format, before any work (that it can be written is checked with
     * every output option, {@link OutputFile}).
     */
    void check() {
        if (file != null) {
            ChartFormat.of(file, "--chart");
        }
    }

    /** True if a chart was asked for. */
    boolean requested() {
        return file != null;
    }

    /** Draws {@code figure} of {@code document} into the file, if one was asked for. */
    void write(Object document, Function<JsonNode, List<? extends Chart<?, ?>>> figure, int columns) {
        if (file != null) {
            write(figure.apply(JsonFile.tree(document)), columns);
        }
    }

    /** Writes {@code panels} into the file, if one was asked for. */
    void write(List<? extends Chart<?, ?>> panels, int columns) {
        if (file != null) {
            ChartFile.write(file, panels, columns, "--chart");
        }
    }
}
