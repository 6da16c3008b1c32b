package org.tessel.costmodel.depthfirst.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.depthfirst.copy.DataCopyLayer;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.tiletype.NodeTileRecord;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;

/**
 * The aggregated result of one key (a layer id or a {@code datamovement_b4_<node>} name) over all
 * stacks and tile types: {@code r1·m1 + r2·m2 + …} (spec depthfirst.md §5.1, §5.2).
 *
 * @param key the key, e.g. {@code 3} or {@code datamovement_b4_LayerNode_3}
 * @param dataCopy true for a data-copy key
 * @param entries the per-tile-type contributions in order of first appearance
 * @param energyTotal aggregated {@code energy_total}
 * @param latencyTotal0 aggregated {@code latency_total0} (for data copies: {@code latency_total})
 * @param latencyTotal1 aggregated {@code latency_total1}
 * @param latencyTotal2 aggregated {@code latency_total2} (for data copies in DeFiNES-compatible
 *     mode: the unscaled sum over tile types, spec depthfirst.md §7 item 12)
 * @param layerTotal for a compute key, the aggregated single-layer result; null for data copies
 */
public record KeyAggregate(String key, boolean dataCopy, List<Entry> entries, double energyTotal, long latencyTotal0,
        long latencyTotal1, long latencyTotal2, LayerTileResult layerTotal) {

    /**
     * One contribution.
     *
     * @param stackIndex the stack
     * @param typeIndex the tile type within the stack
     * @param multiplicity number of tiles of the type
     * @param record the node's record in that tile type
     */
    public record Entry(int stackIndex, int typeIndex, long multiplicity, NodeTileRecord record) {}

    public KeyAggregate {
        entries = List.copyOf(entries);
    }

    /**
     * The aggregates of {@code evaluations} per key, keys in order of first appearance (spec
     * depthfirst.md §5.1): every node's data-copy layer under its name, every evaluated layer
     * under its id.
     */
    public static List<KeyAggregate> perKey(List<TileTypeEvaluation> evaluations, boolean definesCompat) {
        // spec depthfirst.md §5.1: one ordered list per key, keys in order of first appearance
        Map<String, List<Entry>> perKey = new LinkedHashMap<>();
        Map<String, Boolean> isCopy = new LinkedHashMap<>();
        for (TileTypeEvaluation ev : evaluations) {
            for (NodeTileRecord r : ev.nodes()) {
                Entry e = new Entry(ev.stackIndex(), ev.typeIndex(), ev.type().multiplicity(), r);
                perKey.computeIfAbsent(r.copies().name(), k -> new ArrayList<>()).add(e);
                isCopy.put(r.copies().name(), true);
                if (!r.isInput()) {
                    String k = String.valueOf(r.layerId());
                    perKey.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
                    isCopy.put(k, false);
                }
            }
        }
        List<KeyAggregate> keys = new ArrayList<>();
        perKey.forEach((k, entries) -> keys.add(KeyAggregate.of(k, isCopy.get(k), entries, definesCompat)));
        return keys;
    }

    /** Aggregates {@code entries} of one key (spec depthfirst.md §5.2). */
    public static KeyAggregate of(String key, boolean dataCopy, List<Entry> entries, boolean definesCompat) {
        if (dataCopy) {
            double e = 0;
            long l1 = 0;
            long l2 = 0;
            boolean firstEntry = true;
            for (Entry en : entries) {
                DataCopyLayer d = en.record().copies();
                double scaled = d.energyTotal() * en.multiplicity();
                e = firstEntry ? scaled : e + scaled;
                firstEntry = false;
                l1 += d.latency() * en.multiplicity();
                // spec depthfirst.md §5.2: dcl · k does not scale latency_total2 (reference defect)
                l2 += definesCompat ? d.latency() : d.latency() * en.multiplicity();
            }
            return new KeyAggregate(key, true, entries, e, l1, l1, l2, null);
        }
        LayerTileResult total = null;
        for (Entry en : entries) {
            LayerTileResult scaled = en.record().result().times(en.multiplicity());
            total = total == null ? scaled : total.plus(scaled);
        }
        return new KeyAggregate(key, false, entries, total.energyTotal(), total.latencyTotal0(), total.latencyTotal1(),
                total.latencyTotal2(), total);
    }
}
