package org.tessel.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Reading back what a chart test wrote: a PNG as an image, an SVG as an XML document. */
public final class ChartTestImages {

    private ChartTestImages() {}

    /** The names of a chart's series, in the order they were added. */
    public static List<String> names(Chart<?, ?> chart) {
        return chart.getSeriesCollection().stream().map(s -> s.getName()).toList();
    }

    /** True if the chart has a series of that name. */
    public static boolean has(Chart<?, ?> chart, String name) {
        return names(chart).contains(name);
    }

    /** The PNG in {@code bytes}; fails the test if it is not one. */
    public static BufferedImage png(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(image, "not a readable PNG");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNG in {@code file}. */
    public static BufferedImage png(Path file) throws IOException {
        return png(Files.readAllBytes(file));
    }

    /** The SVG in {@code file}, parsed (so well-formed XML with an svg root). */
    public static Document svg(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        return doc;
    }
}
