package org.tessel.costmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.temporal.MappingSearchResult;
import org.tessel.costmodel.temporal.TemporalMappingSearch;

/**
 * Golden test guarding the speed-ups: the search over every reference layer-tile must give
 * bit-identical energies, identical latencies, the same ordering index and the same number of
 * orderings as the straightforward implementation that produced {@code golden/search.tsv}.
 * Regenerate (only after a deliberate model change) with {@code -Dgolden.write=true}.
 */
class SearchGoldenTest {

    @Test
    void searchIsBitIdenticalToTheGolden() throws IOException {
        List<String> lines = new ArrayList<>();
        for (ReferenceLayerTile t : ReferenceLayerTile.all()) {
            MappingSearchResult r = TemporalMappingSearch.best(t.problem(), (int) t.integer("lpf"));
            LayerCost c = r.cost();
            lines.add(String.join("\t", t.name(), Double.toString(c.energyTotal()), Double.toString(c.memoryEnergy()),
                    Long.toString(c.latencyTotal0()), Long.toString(c.latencyTotal1()), Long.toString(c.latencyTotal2()),
                    Long.toString(r.orderingIndex()), Long.toString(r.orderings()), Long.toString(r.allocated())));
        }
        String actual = String.join("\n", lines) + "\n";
        if (Boolean.getBoolean("golden.write")) {
            Path out = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden/search.tsv");
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
        }
        try (InputStream in = SearchGoldenTest.class.getResourceAsStream("/golden/search.tsv")) {
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expected, actual);
        }
    }
}
