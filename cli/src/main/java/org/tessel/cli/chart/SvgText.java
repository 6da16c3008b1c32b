package org.tessel.cli.chart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The words of an SVG figure as SVG's own {@code <title>} and {@code <desc>}: XChart draws every
 * label as glyph outlines, so without them an SVG chart could be neither searched, read by a screen
 * reader, nor checked for its labels.
 */
final class SvgText {

    private static final String SVG = "http://www.w3.org/2000/svg";

    private SvgText() {}

    /** {@code svg} with a title (the first panel's) and a description: every panel's title, axis titles and legend entries. */
    static byte[] describe(byte[] svg, List<? extends Chart<?, ?>> panels) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
            Element root = doc.getDocumentElement();
            Element title = doc.createElementNS(SVG, "title");
            title.setTextContent(panels.getFirst().getTitle());
            Element desc = doc.createElementNS(SVG, "desc");
            desc.setTextContent(String.join("\n", words(panels)));
            root.insertBefore(desc, root.getFirstChild());
            root.insertBefore(title, desc);
            var transformer = TransformerFactory.newInstance();
            transformer.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            var t = transformer.newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "no");
            if (doc.getDoctype() != null) {
                t.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, doc.getDoctype().getPublicId());
                t.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, doc.getDoctype().getSystemId());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot annotate the SVG VectorGraphics2D wrote", e);
        }
    }

    private static List<String> words(List<? extends Chart<?, ?>> panels) {
        List<String> lines = new ArrayList<>();
        for (Chart<?, ?> c : panels) {
            lines.add(c.getTitle());
            if (c instanceof AxesChart<?, ?> axes) {
                lines.add("x axis: " + axes.getXAxisTitle());
                lines.add("y axis: " + axes.getYAxisTitle());
            }
            for (Series s : c.getSeriesCollection()) {
                if (s.isShowInLegend() && !s.getName().isBlank()) {
                    lines.add("legend: " + s.getName());
                }
            }
        }
        return lines;
    }
}
