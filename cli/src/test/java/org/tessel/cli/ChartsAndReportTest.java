package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessel.cli.chart.ChartFile;
import org.tessel.cli.chart.ChartTestImages;
import org.tessel.cli.chart.TileHeatmap;

/** {@code --chart} on evaluate, sweep and search, and {@code tessel report} on what they wrote (tiny workload). */
class ChartsAndReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path evaluateJson;
    static Path sweepCsv;
    static Path searchJson;
    static CommandLineTest.Run evaluate;
    static CommandLineTest.Run sweep;
    static CommandLineTest.Run search;

    @BeforeAll
    static void runTheCommands() {
        evaluateJson = dir.resolve("evaluate.json");
        sweepCsv = dir.resolve("sweep.csv");
        searchJson = dir.resolve("search.json");
        evaluate = run("evaluate", "--tile", "8x8", "--mode", "fully-cached", "--cuts", "1", "--json", evaluateJson.toString(),
                "--chart", dir.resolve("evaluate.png").toString());
        sweep = run("sweep", "--tiles", "4,8,16x8,16", "--modes", "all", "--threads", "1", "--csv", sweepCsv.toString(), "--chart",
                dir.resolve("sweep.svg").toString());
        List<String> args = new ArrayList<>(List.of("search"));
        args.addAll(SearchCommandTest.tiny("--objective", "pareto", "--no-progress", "--json", searchJson.toString(), "--chart",
                dir.resolve("search.png").toString()));
        search = CommandLineTest.run(args.toArray(String[]::new));
    }

    private static CommandLineTest.Run run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--workload", SearchCommandTest.TINY, "--accelerator",
                SearchCommandTest.META_DF, "--mapping", SearchCommandTest.TINY_MAPPING));
        args.addAll(List.of(more));
        return CommandLineTest.run(args.toArray(String[]::new));
    }

    @Test
    void evaluateDrawsEnergyAndLatencyPerLayerAndItsJsonSplitsEachLayersEnergy() throws Exception {
        assertEquals(0, evaluate.status(), evaluate.err());
        BufferedImage png = ChartTestImages.png(dir.resolve("evaluate.png"));
        assertEquals(900 * ChartFile.PNG_SCALE, png.getWidth());
        assertEquals(2 * 440 * ChartFile.PNG_SCALE, png.getHeight());
        JsonNode doc = JSON.readTree(evaluateJson.toFile());
        assertEquals("evaluate", doc.path("kind").asText());
        int layers = 0;
        for (JsonNode l : doc.path("layers")) {
            if (l.path("data_copy").asBoolean()) {
                continue;
            }
            layers++;
            double sum = l.path("mac_energy_pJ").asDouble();
            for (JsonNode e : l.path("memory_energy_pJ")) {
                sum += e.asDouble();
            }
            assertEquals(l.path("energy_total_pJ").asDouble(), sum, 1e-9 * sum, "layer " + l.path("name"));
            assertEquals(l.path("name").asText().equals("2") ? 1 : 0, l.path("stack").asInt(), "cut before layer 1 only");
        }
        assertEquals(3, layers);
    }

    @Test
    void sweepDrawsAHeatmapPerModeAndMetric() throws Exception {
        assertEquals(0, sweep.status(), sweep.err());
        assertTrue(sweep.out().contains("heatmaps in "), sweep.out());
        String svg = ChartTestImages.svg(dir.resolve("sweep.svg")).getDocumentElement().getElementsByTagName("desc").item(0)
                .getTextContent();
        for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            assertTrue(svg.contains("tiny on Meta_prototype_DF, " + mode + ": energy"), mode);
            assertTrue(svg.contains("tiny on Meta_prototype_DF, " + mode + ": latency"), mode);
        }
        assertTrue(svg.contains("best: "));
    }

    @Test
    void searchDrawsItsFigureAndItsJsonKeepsTheBreakdownItDrew() throws Exception {
        assertEquals(0, search.status(), search.err());
        JsonNode doc = JSON.readTree(searchJson.toFile());
        JsonNode breakdown = doc.path("energy_breakdown");
        assertEquals(List.of("best", "baseline", "layer_by_layer"), iterator(breakdown));
        // the breakdown re-runs the schedules through the engine: it must give the search's own numbers
        assertEquals(doc.path("best_energy_pj").asDouble(), breakdown.path("best").path("energy_pJ").asDouble(),
                1e-12 * doc.path("best_energy_pj").asDouble());
        assertEquals(doc.path("baseline_energy_pj").asDouble(), breakdown.path("baseline").path("energy_pJ").asDouble(),
                1e-12 * doc.path("baseline_energy_pj").asDouble());
        BufferedImage png = ChartTestImages.png(dir.resolve("search.png"));
        assertTrue(png.getWidth() >= 900 * ChartFile.PNG_SCALE, "the diagram is at least 900 wide");
        assertTrue(png.getHeight() > 2 * 460 * ChartFile.PNG_SCALE, "diagram, memories and front one above the other");
    }

    @Test
    void reportPutsEveryResultOnOneSelfContainedPage() throws Exception {
        Path page = dir.resolve("report.html");
        CommandLineTest.Run r = CommandLineTest.run("report", sweepCsv.toString(), evaluateJson.toString(), searchJson.toString(),
                "--out", page.toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.strip().endsWith("</html>"));
        for (String heading : List.of("<h2>sweep: sweep.csv</h2>", "<h2>evaluate: tiny on Meta_prototype_DF</h2>",
                "<h2>search: tiny on Meta_prototype_DF</h2>", "best point per overlap mode", "best schedule", "<dt>strategy</dt>")) {
            assertTrue(html.contains(heading), heading);
        }
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched from the network");
        Matcher img = Pattern.compile("<img alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\" src=\"data:image/png;base64,([^\"]+)\">")
                .matcher(html);
        int images = 0;
        while (img.find()) {
            BufferedImage png = ChartTestImages.png(Base64.getDecoder().decode(img.group(3)));
            assertEquals(Integer.parseInt(img.group(1)) * ChartFile.PNG_SCALE, png.getWidth());
            assertEquals(Integer.parseInt(img.group(2)) * ChartFile.PNG_SCALE, png.getHeight());
            images++;
        }
        assertEquals(3, images, "one figure per result");
        assertTrue(html.contains("width=\"" + 2 * TileHeatmap.WIDTH + "\""), "the sweep figure: two panels wide");
    }

    @Test
    void reportRefusesWhatIsNotAResultInOneLine() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.json"), "{\"hello\": 1}");
        CommandLineTest.Run r = CommandLineTest.run("report", notes.toString(), "--out", dir.resolve("r.html").toString());
        assertEquals(2, r.status());
        assertEquals("error: " + notes + ": not a result Tessel writes (neither a search nor an evaluation JSON)", r.err().strip());
        CommandLineTest.Run missing = CommandLineTest.run("report", sweepCsv.toString(), "--out", "/no/such/dir/r.html");
        assertEquals(2, missing.status());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }

    @Test
    void aWrongChartFileIsRefusedBeforeAnyWork() {
        CommandLineTest.Run r = run("evaluate", "--tile", "8x8", "--mode", "fully-cached", "--chart", dir.resolve("x.jpg").toString());
        assertEquals(2, r.status());
        assertEquals("error: --chart: " + dir.resolve("x.jpg") + ": a chart file must end in .png or .svg", r.err().strip());
        assertEquals("", r.out(), "nothing evaluated");
        CommandLineTest.Run nowhere = run("sweep", "--tiles", "8x8", "--csv", dir.resolve("n.csv").toString(), "--chart",
                "/no/such/dir/x.png");
        assertEquals(2, nowhere.status());
        assertFalse(Files.exists(dir.resolve("n.csv")), "refused before the sweep started");
    }

    private static List<String> iterator(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
