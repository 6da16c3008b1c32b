package org.tessel.cli.chart;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tessel.cli.io.AtomicFile;
import org.tessel.model.BadInputException;

/**
 * Writes a page of chart panels, laid out in a grid, as one PNG or SVG file. XChart writes one
 * chart per file; a figure of several panels (a heatmap per overlap mode and metric, say) is the
 * same charts painted side by side onto one canvas.
 */
public final class ChartFile {

    /** PNGs are drawn at this multiple of the charts' logical size. */
    public static final int PNG_SCALE = 2;

    static {
        System.setProperty("java.awt.headless", "true"); // no display needed, none used
    }

    private ChartFile() {}

    /**
     * Writes {@code panels} in rows of {@code columns} to {@code file}, all or nothing
     * ({@link AtomicFile}).
     *
     * @param option the option that named the file, for messages
     * @throws BadInputException if the file cannot be written or has neither a .png nor .svg name
     */
    public static void write(Path file, List<? extends Chart<?, ?>> panels, int columns, String option) {
        byte[] bytes = switch (ChartFormat.of(file, option)) {
            case PNG -> png(panels, columns);
            case SVG -> svg(panels, columns);
        };
        AtomicFile.write(file, bytes);
    }

    /** The panels as PNG bytes, at {@link #PNG_SCALE} times their size. */
    public static byte[] png(List<? extends Chart<?, ?>> panels, int columns) {
        Layout layout = Layout.of(panels, columns);
        BufferedImage image = new BufferedImage(layout.width() * PNG_SCALE, layout.height() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(PNG_SCALE, PNG_SCALE);
        layout.paint(g, panels);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    /** The panels as an SVG document. */
    public static byte[] svg(List<? extends Chart<?, ?>> panels, int columns) {
        Layout layout = Layout.of(panels, columns);
        VectorGraphics2D g = new VectorGraphics2D();
        layout.paint(g, panels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, layout.width(), layout.height())).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return SvgText.describe(out.toByteArray(), panels);
    }

    /**
     * Where each panel goes: rows of {@code columns} panels, each column as wide as its widest
     * panel and each row as high as its highest.
     */
    private record Layout(int[] x, int[] y, int width, int height) {

        static Layout of(List<? extends Chart<?, ?>> panels, int columns) {
            if (panels.isEmpty()) {
                throw new IllegalArgumentException("no chart to write");
            }
            int cols = Math.max(1, Math.min(columns, panels.size()));
            int rows = (panels.size() + cols - 1) / cols;
            int[] colWidth = new int[cols];
            int[] rowHeight = new int[rows];
            for (int i = 0; i < panels.size(); i++) {
                colWidth[i % cols] = Math.max(colWidth[i % cols], panels.get(i).getWidth());
                rowHeight[i / cols] = Math.max(rowHeight[i / cols], panels.get(i).getHeight());
            }
            int[] x = new int[panels.size()];
            int[] y = new int[panels.size()];
            for (int i = 0; i < panels.size(); i++) {
                for (int c = 0; c < i % cols; c++) {
                    x[i] += colWidth[c];
                }
                for (int r = 0; r < i / cols; r++) {
                    y[i] += rowHeight[r];
                }
            }
            return new Layout(x, y, java.util.Arrays.stream(colWidth).sum(), java.util.Arrays.stream(rowHeight).sum());
        }

        void paint(Graphics2D g, List<? extends Chart<?, ?>> panels) {
            for (int i = 0; i < panels.size(); i++) {
                Chart<?, ?> chart = panels.get(i);
                Graphics2D panel = (Graphics2D) g.create();
                panel.translate(x[i], y[i]);
                panel.clipRect(0, 0, chart.getWidth(), chart.getHeight());
                chart.paint(panel, chart.getWidth(), chart.getHeight());
                panel.dispose();
            }
        }
    }
}
