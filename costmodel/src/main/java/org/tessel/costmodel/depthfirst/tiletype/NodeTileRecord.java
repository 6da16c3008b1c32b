package org.tessel.costmodel.depthfirst.tiletype;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tessel.costmodel.depthfirst.copy.DataCopyLayer;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;

/**
 * What one node does in one tile type (spec depthfirst.md §3.7): its computed region, the levels
 * chosen for its input and output, its data-copy layer and (for real layers) the single-layer
 * problem and result.
 *
 * @param node the node's name
 * @param layerId the node's id
 * @param region the node's loop sizes in this tile type ({@code ℓt})
 * @param inBits full input region in bits
 * @param outBits output region in bits
 * @param inputTop name of {@code Itop} (null for input pseudo-layers)
 * @param outputTop name of {@code Otop}
 * @param retryOutput extra output levels of the successful retry ({@code eO})
 * @param retryInput extra input levels of the successful retry ({@code eI})
 * @param failedAttempts number of single-layer attempts that reported "hierarchy too small"
 * @param copies the data-copy layer before this node
 * @param problem the single-layer problem (null for input pseudo-layers)
 * @param result the single-layer result (null for input pseudo-layers)
 */
public record NodeTileRecord(String node, int layerId, Map<String, Long> region, long inBits, long outBits, String inputTop,
        String outputTop, int retryOutput, int retryInput, int failedAttempts, DataCopyLayer copies,
        LayerTileProblem problem, LayerTileResult result) {

    public NodeTileRecord {
        region = Collections.unmodifiableMap(new LinkedHashMap<>(region));
    }

    /**
     * True if no single-layer evaluation was made: an input pseudo-layer, or a layer of an
     * exact-size stack with nothing to compute in this tile (docs/padding.md §2).
     */
    public boolean isInput() {
        return problem == null;
    }
}
