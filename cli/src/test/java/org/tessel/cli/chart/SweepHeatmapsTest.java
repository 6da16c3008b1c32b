package org.tessel.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.tessel.model.BadInputException;

/** The sweep figure: one heatmap per overlap mode and metric, best marked, infeasible crossed. */
class SweepHeatmapsTest {

    private static final List<Long> WIDTHS = List.of(1L, 4L, 16L, 60L);
    private static final List<Long> HEIGHTS = List.of(1L, 18L, 72L);
    private static final List<String> MODES = List.of("fully-recompute", "h-cached-v-recompute", "fully-cached");

    /** A grid of seeded random points over three decades; about one in six infeasible. */
    static List<SweepPoint> grid(long seed) {
        Random r = new Random(seed);
        List<SweepPoint> points = new ArrayList<>();
        for (String m : MODES) {
            for (long w : WIDTHS) {
                for (long h : HEIGHTS) {
                    boolean feasible = r.nextInt(6) != 0;
                    points.add(new SweepPoint(w, h, m, feasible, feasible ? Math.pow(10, 9 + 3 * r.nextDouble()) : Double.NaN,
                            feasible ? Math.pow(10, 6 + 2 * r.nextDouble()) : Double.NaN));
                }
            }
        }
        return points;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void onePanelPerModeAndMetricWithTheBestOfEachMarkedAndNamed(long seed) {
        List<SweepPoint> points = grid(seed);
        List<XYChart> panels = SweepHeatmaps.of(points, "net on acc");
        assertEquals(2 * MODES.size(), panels.size());
        for (int i = 0; i < panels.size(); i++) {
            String mode = MODES.get(i / 2);
            boolean energy = i % 2 == 0;
            XYChart panel = panels.get(i);
            assertTrue(panel.getTitle().contains(mode) && panel.getTitle().contains(energy ? "energy" : "latency"), panel.getTitle());
            List<SweepPoint> ofMode = points.stream().filter(p -> p.mode().equals(mode) && p.feasible()).toList();
            SweepPoint best = ofMode.stream().min((a, b) -> Double.compare(energy ? a.energy() : a.latency(),
                    energy ? b.energy() : b.latency())).orElseThrow();
            String bestName = ChartTestImages.names(panel).stream().filter(n -> n.startsWith("best: ")).findFirst().orElseThrow();
            assertTrue(bestName.endsWith(" at " + best.width() + "×" + best.height()), bestName);
            XYSeries marker = panel.getSeries(bestName);
            assertEquals(WIDTHS.indexOf(best.width()), marker.getXData()[0]);
            assertEquals(HEIGHTS.indexOf(best.height()), marker.getYData()[0]);
            long infeasible = points.stream().filter(p -> p.mode().equals(mode) && !p.feasible()).count();
            assertEquals(infeasible > 0, ChartTestImages.has(panel, "infeasible (" + infeasible + ")"),
                    ChartTestImages.names(panel).toString());
            long cells = ChartTestImages.names(panel).stream().filter(n -> n.startsWith("cell ")).count();
            assertEquals(ofMode.size(), cells, "one coloured cell per feasible point");
        }
    }

    @Test
    void cellsTakeTheColourOfTheirBinOnOneLogScalePerMetric() {
        List<SweepPoint> points = grid(7);
        LogColourScale scale = LogColourScale.spanning(points.stream().mapToDouble(SweepPoint::energy).toArray());
        XYChart panel = SweepHeatmaps.of(points, "x").getFirst();
        List<SweepPoint> feasible = points.stream().filter(p -> p.mode().equals(MODES.getFirst()) && p.feasible()).toList();
        for (int n = 0; n < feasible.size(); n++) {
            SweepPoint p = feasible.get(n);
            XYSeries cell = panel.getSeries("cell " + n);
            assertEquals(scale.colour(scale.bin(p.energy())), cell.getFillColor());
            assertEquals(WIDTHS.indexOf(p.width()) - 0.5, cell.getXData()[0]);
            assertEquals(HEIGHTS.indexOf(p.height()) - 0.5, cell.getYData()[0]);
        }
    }

    @Test
    void aPngIsTwiceTheLogicalSizeOfTheGridOfPanels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.png");
        ChartFile.write(file, SweepHeatmaps.of(grid(1), "x"), SweepHeatmaps.COLUMNS, "--chart");
        BufferedImage image = ChartTestImages.png(file);
        assertEquals(2 * TileHeatmap.WIDTH * ChartFile.PNG_SCALE, image.getWidth());
        assertEquals(3 * TileHeatmap.HEIGHT * ChartFile.PNG_SCALE, image.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void anSvgIsWellFormedAndDescribesItsLabels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.svg");
        List<SweepPoint> points = grid(2);
        ChartFile.write(file, SweepHeatmaps.of(points, "fsrcnn on Meta"), SweepHeatmaps.COLUMNS, "--chart");
        String text = ChartTestImages.svg(file).getDocumentElement().getElementsByTagName("desc").item(0).getTextContent();
        for (String label : List.of("fsrcnn on Meta, fully-cached: energy", "tile width (output columns)", "tile height (output rows)",
                "best: ", " pJ", " cycles", "infeasible")) {
            assertTrue(text.contains(label), label);
        }
    }

    @Test
    void aPanelWithoutAFeasiblePointSaysSo() {
        List<SweepPoint> points = List.of(new SweepPoint(1, 1, "fully-cached", false, Double.NaN, Double.NaN),
                new SweepPoint(2, 1, "fully-cached", false, Double.NaN, Double.NaN));
        List<XYChart> panels = SweepHeatmaps.of(points, "x");
        assertTrue(panels.getFirst().getTitle().endsWith("(no feasible point)"));
        assertTrue(ChartTestImages.has(panels.getFirst(), "infeasible (2)"));
        assertFalse(ChartTestImages.names(panels.getFirst()).stream().anyMatch(n -> n.startsWith("best")));
        ChartFile.png(panels, 2); // and it draws
    }

    @ParameterizedTest
    @ValueSource(strings = {"chart.jpg", "chart", "chart.png.txt"})
    void aChartFileMustBePngOrSvg(String name, @TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> ChartFormat.of(dir.resolve(name), "--chart"));
        assertTrue(e.getMessage().startsWith("--chart: ") && e.getMessage().endsWith("must end in .png or .svg"), e.getMessage());
    }

    @Test
    void theCsvReaderTakesWhatSweepWritesAndSkipsATornLastLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("s.csv");
        Files.writeString(csv, SweepPoint.HEADER + "\n1,18,fully-cached,true,2.5E9,10,20,30,5\n4,1,fully-cached,false,,,,,3\n16,1,fully-ca");
        List<SweepPoint> points = SweepPoint.readCsv(csv);
        assertEquals(List.of(new SweepPoint(1, 18, "fully-cached", true, 2.5e9, 20), new SweepPoint(4, 1, "fully-cached", false,
                Double.NaN, Double.NaN)), points);
        Files.writeString(csv, SweepPoint.HEADER + "\n1,18,fully-cached,true,2.5E9\n4,1,fully-cached,false,,,,,3\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SweepPoint.readCsv(csv));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        // cut inside a number: the line still parses, but it has no line end, so it is not a row
        Files.writeString(csv, SweepPoint.HEADER + "\n1,18,fully-cached,true,2.5E9,10,20,30,5\n16,1,fully-cached,true,2.5");
        assertEquals(1, SweepPoint.readCsv(csv).size());
        // a malformed last line that did end is damage, not a torn write
        Files.writeString(csv, SweepPoint.HEADER + "\n1,18,fully-cached,true,2.5E9,10,20,30,5\n16,1,fully-ca\n");
        assertThrows(BadInputException.class, () -> SweepPoint.readCsv(csv));
    }
}
