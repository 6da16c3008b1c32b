package org.tessel.model.mapping;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * The spatial mappings of the compute layers of one workload on one hardware family, kept apart
 * from the workload so that one workload runs on any accelerator: per-layer entries and defaults
 * per operator type (docs/spatial-mapping.md). What the cost model reads is the
 * {@link #resolve resolved} form, with an entry for every compute layer.
 *
 * @param workload the workload the layer ids belong to; empty for a file of defaults only
 * @param accelerators names of the accelerators this mapping is written for
 * @param layers layer id → spatial mapping
 * @param defaults operator type → the mapping of layers of that type without an entry of their own
 */
public record SpatialMappings(Optional<String> workload, List<String> accelerators, Map<Integer, SpatialMapping> layers,
        Map<OperatorType, SpatialMapping> defaults) {

    public SpatialMappings {
        accelerators = List.copyOf(accelerators);
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        defaults = defaults.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(defaults));
    }

    /** Per-layer mappings of {@code workload}, without defaults. */
    public SpatialMappings(String workload, List<String> accelerators, Map<Integer, SpatialMapping> layers) {
        this(Optional.of(workload), accelerators, layers, Map.of());
    }

    /** The mapping of layer {@code id} (its own entry; see {@link #resolve} for defaults). */
    public SpatialMapping of(int id) {
        SpatialMapping m = layers.get(id);
        if (m == null) {
            throw new NoSuchElementException("no spatial mapping for layer " + id + " of " + workload.orElse("the workload"));
        }
        return m;
    }

    /** The mapping {@code layer} gets: its own entry, else the default of its type fitted to it; empty if neither. */
    public Optional<SpatialMapping> mappingOf(Layer layer) {
        SpatialMapping own = layers.get(layer.id());
        if (own != null) {
            return Optional.of(own);
        }
        SpatialMapping byType = defaults.get(OperatorType.of(layer));
        if (byType == null) {
            return Optional.empty();
        }
        // an entry for a loop the layer lacks is left out, as a clamp to a size-1 loop (docs/spatial-mapping.md)
        Map<String, SpatialUnroll> fitted = new LinkedHashMap<>();
        byType.unrolls().forEach((arrayDim, u) -> {
            if (layer.loops().containsKey(u.loopDimension())) {
                fitted.put(arrayDim, u);
            }
        });
        return Optional.of(new SpatialMapping(fitted));
    }

    /**
     * These mappings with the defaults applied: an entry for every compute layer of {@code w} that
     * has one ({@link #mappingOf}), named for {@code w}, without defaults.
     */
    public SpatialMappings resolve(Workload w) {
        Map<Integer, SpatialMapping> all = new LinkedHashMap<>();
        for (Layer l : w.computeLayers()) {
            mappingOf(l).ifPresent(m -> all.put(l.id(), m));
        }
        return new SpatialMappings(w.name(), accelerators, all);
    }
}
