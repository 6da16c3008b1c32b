package org.tessel.costmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.model.mapping.TemporalMapping;

/** Access to prepared reference layer-tiles for tests in other packages. */
public final class ReferenceLayerTiles {

    private ReferenceLayerTiles() {}

    /** Every {@code step}-th reference layer-tile, prepared. */
    public static List<LayerContext> sample(int step) {
        List<ReferenceLayerTile> all = ReferenceLayerTile.all();
        List<LayerContext> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            out.add(LayerContext.of(all.get(i).problem()));
        }
        return out;
    }

    /** Every reference layer-tile, prepared, with the reference's chosen temporal mapping. */
    public static List<Map.Entry<LayerContext, TemporalMapping>> withMappings() {
        List<Map.Entry<LayerContext, TemporalMapping>> out = new ArrayList<>();
        for (ReferenceLayerTile t : ReferenceLayerTile.all()) {
            out.add(Map.entry(LayerContext.of(t.problem()), t.mapping()));
        }
        return out;
    }
}
