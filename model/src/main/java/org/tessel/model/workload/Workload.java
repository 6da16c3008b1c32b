package org.tessel.model.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A DNN as a directed acyclic graph of layers. Edges go from a producer to each layer that names
 * it in {@code sources}. Layers keep the order they were written in ("workload order").
 *
 * @param name the network's name, e.g. {@code fsrcnn}
 * @param layers the layers in workload order, input pseudo-layers included
 */
public record Workload(String name, List<Layer> layers) {

    public Workload {
        layers = List.copyOf(layers);
    }

    /** The layer with this id. */
    public Layer layer(int id) {
        for (Layer l : layers) {
            if (l.id() == id) {
                return l;
            }
        }
        throw new NoSuchElementException("workload " + name + " has no layer " + id);
    }

    /** True if a layer has this id. */
    public boolean hasLayer(int id) {
        return layers.stream().anyMatch(l -> l.id() == id);
    }

    /** The layers that are costed (all but input pseudo-layers), in workload order. */
    public List<Layer> computeLayers() {
        return layers.stream().filter(l -> !l.isInput()).toList();
    }

    /** Producer ids of {@code id}, in the order its sources name them, without repeats. */
    public List<Integer> predecessors(int id) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> ids : layer(id).sources().values()) {
            for (int p : ids) {
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Consumer ids of {@code id}, in workload order. */
    public List<Integer> successors(int id) {
        return layers.stream().filter(l -> predecessors(l.id()).contains(id)).map(Layer::id).toList();
    }

    /**
     * True if some layer declares padding: then every layer's extents match its producers' exactly
     * and the depth-first engine works on real tensor positions (docs/padding.md).
     */
    public boolean declaresPadding() {
        return layers.stream().anyMatch(Layer::declaresPadding);
    }

    /** Total MAC count of the network. */
    public long macCount() {
        return layers.stream().mapToLong(Layer::macCount).reduce(0L, Math::addExact);
    }

    /** Layers by id, in workload order. */
    public Map<Integer, Layer> byId() {
        Map<Integer, Layer> map = new LinkedHashMap<>();
        layers.forEach(l -> map.put(l.id(), l));
        return Collections.unmodifiableMap(map);
    }
}
