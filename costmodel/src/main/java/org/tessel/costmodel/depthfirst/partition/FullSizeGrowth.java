package org.tessel.costmodel.depthfirst.partition;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * A layer whose size the engine changes: a workload written without padding is grown backwards
 * until no layer needs padding, as the reference does (spec depthfirst.md §2.3), so the engine
 * costs other sizes than the file declares. Workloads that declare padding are never grown
 * (docs/padding.md).
 *
 * @param layerId the layer
 * @param declaredOx OX as written
 * @param declaredOy OY as written
 * @param ox OX the engine computes
 * @param oy OY the engine computes
 */
public record FullSizeGrowth(int layerId, long declaredOx, long declaredOy, long ox, long oy) {

    /** The layers of {@code workload} whose computed OX or OY differs from the declared one, in workload order. */
    public static List<FullSizeGrowth> of(Workload workload) {
        StackGraph full = StackPartition.fullSize(StackGraph.of(workload));
        List<FullSizeGrowth> out = new ArrayList<>();
        String ox = SpatialAxis.X.dim();
        String oy = SpatialAxis.Y.dim();
        for (Layer l : workload.layers()) {
            Layer f = full.node(l.id()).layer();
            if (f.loopSize(ox) != l.loopSize(ox) || f.loopSize(oy) != l.loopSize(oy)) {
                out.add(new FullSizeGrowth(l.id(), l.loopSize(ox), l.loopSize(oy), f.loopSize(ox), f.loopSize(oy)));
            }
        }
        return List.copyOf(out);
    }

    /** The MACs the engine computes for {@code workload} laid out at full size (each layer once). */
    public static long modelledMacs(Workload workload) {
        StackGraph full = StackPartition.fullSize(StackGraph.of(workload));
        long macs = 0;
        for (Layer l : workload.layers()) {
            macs = Math.addExact(macs, full.node(l.id()).layer().macCount());
        }
        return macs;
    }
}
