package org.tessel.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.tessel.model.BadInputException;

/** The evaluation figure: per-layer energy stacked by memory, MACs and copies; latency beside. */
class LayerEnergyChartTest {

    private static final String DOC = """
            {"kind": "evaluate", "workload": "w", "accelerator": "a", "layers": [
              {"name": "datamovement_b4_InputLayerNode_-1", "data_copy": true, "energy_total_pJ": 7.0, "latency_total1": 3},
              {"name": "0", "data_copy": false, "stack": 0, "energy_total_pJ": 111.0, "latency_total1": 50,
               "mac_energy_pJ": 10.0, "memory_energy_pJ": {"dram": 100.0, "rf": 1.0}},
              {"name": "datamovement_b4_LayerNode_1", "data_copy": true, "energy_total_pJ": 5.0, "latency_total1": 2},
              {"name": "1", "data_copy": false, "stack": 1, "energy_total_pJ": 42.0, "latency_total1": 20,
               "mac_energy_pJ": 2.0, "memory_energy_pJ": {"sram": 40.0}}]}
            """;

    @Test
    void eachLayerBarSumsToItsEnergyPlusTheCopiesBeforeIt() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(DOC);
        List<CategoryChart> panels = LayerEnergyChart.of(doc, "w on a");
        CategoryChart energy = panels.getFirst();
        assertEquals(List.of("dram", "sram", "rf", "MACs", "data copies"), ChartTestImages.names(energy),
                "memories largest first, then MACs and copies");
        double[] sums = new double[3];
        for (CategorySeries s : energy.getSeriesCollection()) {
            assertEquals(List.of("0", "1", "inputs"), s.getXData());
            for (int i = 0; i < 3; i++) {
                sums[i] += s.getYData()[i];
            }
        }
        assertEquals(111.0, sums[0]);
        assertEquals(42.0 + 5.0, sums[1], "layer 1 carries the copies before its node");
        assertEquals(7.0, sums[2], "copies before a stack input have no layer: the inputs bar");
        CategoryChart latency = panels.get(1);
        assertEquals(List.of(50.0, 20.0, 0.0), java.util.Arrays.stream(latency.getSeries("latency_total1").getYData())
                .boxed().toList());
        assertTrue(energy.getTitle().contains("energy per layer") && latency.getTitle().contains("latency per layer"));
        ChartFile.png(panels, 1); // and it draws
    }

    @Test
    void aDocumentWithoutLayersIsNotAnEvaluation() throws Exception {
        JsonNode doc = new ObjectMapper().readTree("{\"kind\": \"search\"}");
        assertThrows(BadInputException.class, () -> LayerEnergyChart.of(doc, "x"));
    }
}
