package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.backprop.Extent;
import org.tessel.costmodel.depthfirst.backprop.OperandRef;
import org.tessel.costmodel.depthfirst.copy.DataCopyAction;
import org.tessel.costmodel.depthfirst.copy.DataCopyLayer;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.costmodel.depthfirst.tiling.RowRead;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.costmodel.depthfirst.tiling.TileTypeKey;
import org.tessel.model.accelerator.MemoryLevel;

/**
 * The depth-first engine against every DeFiNES reference run (extracts of
 * {@code shared/reference/defines/*.json}), with DeFiNES' own single-layer results replayed: stacks,
 * tile types, multiplicities, regions, chosen memory levels, every data-copy layer (energy and
 * latency), every per-key aggregate and the network totals.
 */
class DefinesReferenceTest {

    static Stream<String> cases() {
        return ReferenceCase.names().stream();
    }

    /** Runs a case through the engine with the replayed single-layer results. */
    static DepthFirstResult run(ReferenceCase c, boolean compat, ReplayLayerTileEvaluator replay) {
        return new DepthFirstEngine(replay).run(c.scenario(), c.settings(compat));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stacksTilesRegionsLevelsAndCopiesMatch(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        ReplayLayerTileEvaluator replay = new ReplayLayerTileEvaluator(c.json());
        DepthFirstResult r = run(c, true, replay);
        List<String> bad = new ArrayList<>();
        // cuts
        List<Integer> refCuts = new ArrayList<>();
        c.json().get("stackCuts").forEach(n -> refCuts.add(n.asInt()));
        check(bad, "cuts", refCuts, r.cuts().cuts());
        // stacks and tile types
        JsonNode stacks = c.json().get("stacks");
        check(bad, "stack count", stacks.size(), r.stacks().size());
        for (int s = 0; s < Math.min(stacks.size(), r.stacks().size()); s++) {
            JsonNode rs = stacks.get(s);
            List<Integer> ids = new ArrayList<>();
            rs.get("layerIds").forEach(n -> ids.add(n.asInt()));
            check(bad, "stack " + s + " layers", ids, r.stacks().get(s).layerIds());
            List<StackTiling.TileType> types = r.tilings().get(s).types();
            JsonNode rts = rs.get("tileTypes");
            check(bad, "stack " + s + " type count", rts.size(), types.size());
            for (int t = 0; t < Math.min(rts.size(), types.size()); t++) {
                JsonNode rt = rts.get(t);
                StackTiling.TileType tt = types.get(t);
                TileTypeKey k = tt.key();
                String at = "stack " + s + " type " + t + " ";
                check(bad, at + "size", rt.get("tileX").asLong() + "x" + rt.get("tileY").asLong(),
                        k.size().width() + "x" + k.size().height());
                check(bad, at + "pos", rt.get("x0").asLong() + "," + rt.get("y0").asLong(), tt.x0() + "," + tt.y0());
                check(bad, at + "wFromTop", rt.get("wFromTop").asBoolean(), k.weightsFromTop());
                check(bad, at + "makeH", text(rt.get("makeH")), name(k.makeH()));
                check(bad, at + "useH", text(rt.get("useH")), name(k.useH()));
                check(bad, at + "makeV", text(rt.get("makeV")), name(k.makeV()));
                check(bad, at + "useV", text(rt.get("useV")), name(k.useV()));
                check(bad, at + "colsW", rt.get("colsW").toString(), writes(k.colsWriteMap()));
                check(bad, at + "colsR", rt.get("colsR").toString(), colReads(k.colsReadMap()));
                check(bad, at + "rowsW", rt.get("rowsW").toString(), writes(k.rowsWriteMap()));
                check(bad, at + "rowsR", rt.get("rowsR").toString(), rowReads(k.rowsReadMap()));
                if (!rt.get("multiplicity").isNull()) {
                    check(bad, at + "multiplicity", rt.get("multiplicity").asLong(), tt.multiplicity());
                }
                TileTypeEvaluation ev = evaluation(r, s, t);
                rt.get("regions").properties().forEach(e -> {
                    NodeTileRecord nr = ev.nodes().stream().filter(x -> x.layerId() == Integer.parseInt(e.getKey()))
                            .findFirst().orElse(null);
                    Map<String, Long> ref = new LinkedHashMap<>();
                    e.getValue().properties().forEach(p -> ref.put(p.getKey(), p.getValue().asLong()));
                    check(bad, at + "region of layer " + e.getKey(), ref, nr == null ? null : nr.region());
                });
            }
        }
        // chosen memory levels of every compute layer-tile, every data-copy layer
        for (JsonNode layer : c.json().get("layers")) {
            String key = layer.get("name").asText();
            KeyAggregate agg = r.keys().stream().filter(k -> k.key().equals(key)).findFirst().orElse(null);
            if (agg == null) {
                bad.add("missing key " + key);
                continue;
            }
            JsonNode tts = layer.get("tileTypes");
            check(bad, key + " entries", tts.size(), agg.entries().size());
            for (int i = 0; i < Math.min(tts.size(), agg.entries().size()); i++) {
                JsonNode rt = tts.get(i);
                KeyAggregate.Entry e = agg.entries().get(i);
                String at = key + "[" + i + "] ";
                if (rt.hasNonNull("stack")) {
                    check(bad, at + "stack/type", rt.get("stack").asInt() + "/" + rt.get("tileType").asInt(),
                            e.stackIndex() + "/" + e.typeIndex());
                }
                if (!rt.get("multiplicity").isNull()) {
                    check(bad, at + "multiplicity", rt.get("multiplicity").asLong(), e.multiplicity());
                }
                if (layer.get("kind").asText().equals("compute_layer")) {
                    Map<String, List<String>> ref = new LinkedHashMap<>();
                    rt.get("chains").properties().forEach(p -> {
                        List<String> l = new ArrayList<>();
                        p.getValue().forEach(n -> l.add(n.asText()));
                        ref.put(p.getKey(), l);
                    });
                    Map<String, List<String>> ours = new LinkedHashMap<>();
                    LayerTileProblem p = e.record().problem();
                    p.layer().memoryOperands().forEach((op, mo) -> ours.put(op,
                            p.hierarchy().chain(mo).stream().map(MemoryLevel::name).toList()));
                    check(bad, at + "chains", ref, ours);
                } else {
                    DataCopyLayer d = e.record().copies();
                    ReferenceCase.close(bad, at + "energy", rt.get("energy_total").asDouble(), d.energyTotal());
                    check(bad, at + "latency", rt.get("latency_total").asLong(), d.latency());
                    JsonNode acts = rt.get("actions");
                    check(bad, at + "actions", acts.size(), d.actions().size());
                    for (int a = 0; a < Math.min(acts.size(), d.actions().size()); a++) {
                        JsonNode ra = acts.get(a);
                        DataCopyAction da = d.actions().get(a);
                        check(bad, at + "action " + a,
                                ra.get("bits").asLong() + " " + ra.get("source").get(0).asText() + ra.get("source").get(1).asInt()
                                        + "->" + ra.get("dest").get(0).asText() + ra.get("dest").get(1).asInt(),
                                da.bits() + " " + da.srcOp() + da.srcLevel() + "->" + da.dstOp() + da.dstLevel());
                        ReferenceCase.close(bad, at + "action " + a + " energy", ra.get("energy").asDouble(), da.energy());
                    }
                }
            }
        }
        check(bad, "failed single-layer attempts (retries)", c.json().get("retryAttempts").asInt(), replay.tooSmall.get());
        assertTrue(bad.isEmpty(), () -> bad.size() + " mismatches, first 30:\n" + String.join("\n", bad.subList(0, Math.min(30, bad.size()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aggregationMatchesWithReplayedSingleLayerResults(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        DepthFirstResult r = run(c, true, new ReplayLayerTileEvaluator(c.json()));
        List<String> bad = c.aggregateMismatches(r);
        assertTrue(bad.isEmpty(), () -> bad.size() + " mismatches:\n" + String.join("\n", bad.subList(0, Math.min(30, bad.size()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void correctModeFixesTheTwoDefects(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        JsonNode t = c.json().get("totals");
        if (c.cutsContainZero()) {
            // a cut at id 0 is honoured: no layer is evaluated twice
            DepthFirstResult r = new DepthFirstEngine(p -> new LayerTileResult(1, 0, 1, 1, 1, 1, 1, 1, 0, 0, Map.of()))
                    .run(c.scenario(), c.settings(false));
            List<Integer> all = r.stacks().stream().flatMap(s -> s.layerIds().stream()).toList();
            assertEquals(all.stream().distinct().count(), all.size(), "layers evaluated twice: " + all);
            assertNotEquals(c.json().get("stacks").size(), 0);
            return;
        }
        DepthFirstResult r = run(c, false, new ReplayLayerTileEvaluator(c.json()));
        List<String> bad = new ArrayList<>();
        ReferenceCase.close(bad, "network energy", t.get("energy_total").asDouble(), r.totals().energyTotal());
        ReferenceCase.close(bad, "network latency_total1", t.get("latency_total1").asDouble(), r.totals().latencyTotal1());
        ReferenceCase.close(bad, "network latency_total2 (corrected)", t.get("latency_total2_corrected").asDouble(), r.totals().latencyTotal2());
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
    }

    private static TileTypeEvaluation evaluation(DepthFirstResult r, int stack, int type) {
        return r.evaluations().stream().filter(e -> e.stackIndex() == stack && e.typeIndex() == type).findFirst().orElseThrow();
    }

    private static String writes(Map<Integer, Extent> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((p, e) -> parts.add("[" + refId(p) + ",[\"" + e.dim() + "\"," + e.amount() + "]]"));
        return "[" + String.join(",", parts) + "]";
    }

    private static String colReads(Map<OperandRef, Extent> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((p, e) -> parts.add("[[" + refId(p.layerId()) + ",\"" + p.operand() + "\"],[\"" + e.dim() + "\"," + e.amount() + "]]"));
        return "[" + String.join(",", parts) + "]";
    }

    private static String rowReads(Map<OperandRef, RowRead> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((p, e) -> parts.add("[[" + refId(p.layerId()) + ",\"" + p.operand() + "\"],[\"" + e.dimY() + "\","
                + e.overlap() + ",\"" + e.dimX() + "\"]]"));
        return "[" + String.join(",", parts) + "]";
    }

    /** Stack-input pseudo-layers appear under their name in the reference. */
    private static String refId(int id) {
        return id <= StackPartition.STACK_INPUT_ID_BASE ? "\"substack_input_layer_" + (StackPartition.STACK_INPUT_ID_BASE - id) + "\""
                : String.valueOf(id);
    }

    private static String text(JsonNode n) {
        return n.isNull() ? null : n.asText();
    }

    private static String name(MemoryLevel l) {
        return l == null ? null : l.name();
    }

    private static void check(List<String> bad, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            bad.add(what + ": expected " + expected + " but was " + actual);
        }
    }
}
