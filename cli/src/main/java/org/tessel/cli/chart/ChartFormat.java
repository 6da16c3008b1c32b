package org.tessel.cli.chart;

import java.nio.file.Path;
import java.util.Locale;
import org.tessel.model.BadInputException;

/** The image formats a chart is written in, chosen by the file name's extension. */
public enum ChartFormat {
    /** A bitmap at twice the chart's logical size, sharp on paper and on high-density screens. */
    PNG,
    /** A vector image; scales to any size. */
    SVG;

    /**
     * The format of {@code file}, from its extension.
     *
     * @param option the option that named the file, for the message
     * @throws BadInputException if the extension is neither {@code .png} nor {@code .svg}
     */
    public static ChartFormat of(Path file, String option) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PNG;
        }
        if (name.endsWith(".svg")) {
            return SVG;
        }
        throw new BadInputException(option + ": " + file + ": a chart file must end in .png or .svg");
    }
}
