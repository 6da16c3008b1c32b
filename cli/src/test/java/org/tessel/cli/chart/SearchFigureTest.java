package org.tessel.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tessel.model.BadInputException;

/** The search figure: schedule diagram, energy by memory, Pareto front, each when the result has it. */
class SearchFigureTest {

    private static final String SCHEDULES = """
            "best_schedule": {"stacks": [{"layers": [0, 1], "tile": "8x8", "mode": "fully-cached"},
                                         {"layers": [2], "tile": "16x16", "mode": "h-cached-v-recompute"}]},
            "baseline_schedule": {"stacks": [{"layers": [0, 1, 2], "tile": "16x16", "mode": "fully-recompute"}]},
            """;
    private static final String BREAKDOWN = """
            "energy_breakdown": {
              "best": {"energy_pJ": 10.0, "latency_cycles": 5, "mac_pJ": 2.0, "data_copy_pJ": 1.0, "by_memory": {"dram": 7.0}},
              "baseline": {"energy_pJ": 12.0, "latency_cycles": 6, "mac_pJ": 2.0, "data_copy_pJ": 0.0, "by_memory": {"dram": 10.0}},
              "layer_by_layer": {"energy_pJ": 40.0, "latency_cycles": 9, "mac_pJ": 2.0, "data_copy_pJ": 3.0,
                                 "by_memory": {"dram": 30.0, "sram": 5.0}}},
            """;

    private static JsonNode doc(String... parts) throws Exception {
        return new ObjectMapper().readTree("{\"kind\": \"search\", \"workload\": \"w\", \"accelerator\": \"a\", "
                + "\"strategy\": \"exhaustive\", \"objective\": \"pareto\", " + String.join("", parts)
                + "\"best_value\": 50.0, \"baseline_energy_pj\": 12.0, \"baseline_latency_cycles\": 6}");
    }

    @Test
    void aParetoResultWithABreakdownHasAllThreePanels() throws Exception {
        String front = "\"front\": [{\"energy_pj\": 11.0, \"latency_cycles\": 4}, {\"energy_pj\": 10.0, \"latency_cycles\": 5}],";
        List<Chart<?, ?>> panels = SearchFigure.of(doc(SCHEDULES, BREAKDOWN, front));
        assertEquals(3, panels.size());
        XYChart diagram = (XYChart) panels.getFirst();
        assertTrue(ChartTestImages.has(diagram, "best (2 stacks)"), ChartTestImages.names(diagram).toString());
        assertTrue(ChartTestImages.has(diagram, "baseline (1 stack)"));
        assertEquals(3.0, diagram.getSeries("baseline (1 stack)").getXData()[1], "the baseline's one stack spans 3 layers");
        CategoryChart memories = (CategoryChart) panels.get(1);
        assertEquals(List.of("best", "baseline", "layer by layer"), memories.getSeries("dram").getXData());
        for (int i = 0; i < 3; i++) {
            int at = i;
            double sum = memories.getSeriesCollection().stream().mapToDouble(s -> s.getYData()[at]).sum();
            assertEquals(List.of(10.0, 12.0, 40.0).get(i), sum, 1e-9, "bars add up to each schedule's energy");
        }
        XYChart pareto = (XYChart) panels.get(2);
        assertTrue(ChartTestImages.has(pareto, "front (2 schedules)"));
        assertEquals(10.0, pareto.getSeries("front (2 schedules)").getXData()[0], "front sorted by energy");
        assertEquals(12.0, pareto.getSeries("baseline").getXData()[0]);
        assertEquals(9.0, pareto.getSeries("layer by layer").getYData()[0]);
        ChartFile.png(panels, 1);
    }

    @Test
    void withoutBreakdownOrFrontOnlyTheDiagram() throws Exception {
        assertEquals(1, SearchFigure.of(doc(SCHEDULES)).size());
    }

    @Test
    void stackLabelsAbbreviateTheMode() throws Exception {
        JsonNode stack = new ObjectMapper().readTree("{\"layers\": [1], \"tile\": \"60x72\", \"mode\": \"h-cached-v-recompute\"}");
        assertEquals("60×72 hc", ScheduleDiagram.label(stack));
    }

    @Test
    void aDocumentThatIsNoSearchIsRefused() throws Exception {
        assertThrows(BadInputException.class, () -> SearchFigure.of(new ObjectMapper().readTree("{\"layers\": []}")));
    }
}
