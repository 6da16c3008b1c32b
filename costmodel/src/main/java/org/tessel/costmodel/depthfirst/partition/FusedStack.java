package org.tessel.costmodel.depthfirst.partition;

import java.util.List;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.StackGraph;

/**
 * One fused stack of a depth-first schedule (spec depthfirst.md §2.3).
 *
 * @param index position in processing order
 * @param cutBefore the cut the stack starts after (null: none)
 * @param cutAfter the cut the stack ends with (null: none)
 * @param graph the stack's nodes (full sizes), stack-input pseudo-layers included
 */
public record FusedStack(int index, Integer cutBefore, Integer cutAfter, StackGraph graph) {

    /** The stack's output node: the first node without successors. */
    public DfNode output() {
        return graph.node(graph.firstSink());
    }

    /** Ids of the real (evaluated) layers in topological order. */
    public List<Integer> layerIds() {
        return graph.topologicalOrder().stream().filter(id -> !graph.node(id).isInput()).toList();
    }
}
