package org.tessel.cli.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.tessel.cli.chart.ChartFile;

/**
 * The report as one self-contained HTML page: no scripts, no external style sheets, images inline
 * as {@code data:} URIs, so the file can be mailed, archived or opened offline.
 */
public final class ReportPage {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1500px; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 2em; }
            table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            th { background: #f2f2f2; } dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
            dt { font-weight: bold; } dd { margin: 0; } img { max-width: 100%; height: auto; }
            .source { color: #666; font-size: 0.85em; }
            """;

    private ReportPage() {}

    /** The page of {@code sections}. */
    public static String html(List<Section> sections, ZonedDateTime when) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Tessel report</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<h1>Tessel report</h1>\n<p class=\"source\">")
                .append(sections.size()).append(sections.size() == 1 ? " result" : " results").append(", made ")
                .append(escape(when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))).append("</p>\n");
        for (Section s : sections) {
            h.append("<section>\n<h2>").append(escape(s.title())).append("</h2>\n<p class=\"source\">from ")
                    .append(escape(s.source())).append("</p>\n<dl>\n");
            for (Map.Entry<String, String> e : s.inputs().entrySet()) {
                h.append("<dt>").append(escape(e.getKey())).append("</dt><dd>").append(escape(e.getValue())).append("</dd>\n");
            }
            h.append("</dl>\n");
            for (Section.Table t : s.tables()) {
                h.append("<table>\n<caption>").append(escape(t.caption())).append("</caption>\n<tr>");
                t.header().forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> row : t.rows()) {
                    h.append("<tr>");
                    row.forEach(c -> h.append("<td>").append(escape(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
            for (byte[] png : s.images()) {
                int[] size = pngSize(png);
                h.append("<img alt=\"").append(escape(s.title())).append("\" width=\"").append(size[0] / ChartFile.PNG_SCALE)
                        .append("\" height=\"").append(size[1] / ChartFile.PNG_SCALE).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
            }
            h.append("</section>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    /** Width and height of a PNG, from its header (IHDR: bytes 16–23). */
    static int[] pngSize(byte[] png) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        return new int[] {b.getInt(16), b.getInt(20)};
    }

    /** Text as HTML text or attribute value. */
    static String escape(String text) {
        return StringEscapeUtils.escapeHtml4(text);
    }
}
