package org.tessel.costmodel.depthfirst.partition;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.search.UndividableUnits;

/**
 * The ids of the nodes after which the network is cut into fused stacks
 * ({@code df_stack_cuts}, spec depthfirst.md §2). A cut is a position in the network's topological
 * order: the stacks are the runs of nodes between consecutive cuts ({@link StackPartition}, the rule
 * of docs/stacks.md), so the order the ids are listed in does not matter and a repeated id is one cut.
 *
 * @param cuts node ids; a stack ends with each of them
 */
public record StackCuts(List<Integer> cuts) {

    public StackCuts {
        cuts = List.copyOf(cuts);
    }

    /**
     * The undividable units of a network (spec depthfirst.md §2.1), the network input first and alone:
     * a unit ends right after a node at which all open branches have merged. The counter is
     * {@link UndividableUnits#partition}, shared with the search's units, on this graph's topological
     * order.
     *
     * @throws org.tessel.model.BadInputException if the network does not have exactly one output node
     */
    public static List<List<Integer>> units(StackGraph graph) {
        return UndividableUnits.partition(graph.topologicalOrder(), graph::predecessorsOf, graph::successorsOf);
    }

    /**
     * Every layer its own stack: a cut after every node but the last in topological order, input
     * pseudo-layers left out ({@code --cuts all}). Unlike a list in workload order this is layer by
     * layer on any DAG, whatever order its layers are written in.
     */
    public static StackCuts everyLayer(StackGraph graph) {
        List<Integer> order = graph.topologicalOrder();
        return new StackCuts(order.subList(0, order.size() - 1).stream().filter(id -> !graph.node(id).isInput()).toList());
    }

    /**
     * The automatic cut rule: greedily fuse units while their weights fit in the second-highest
     * level of the weight chain (spec depthfirst.md §2.2).
     *
     * @param graph the full-size network graph
     * @param hierarchy the memory hierarchy of the core
     */
    public static StackCuts automatic(StackGraph graph, MemoryHierarchy hierarchy) {
        DfNode first = graph.nodes().stream().filter(n -> !n.isInput() && !n.layer().constantOperands().isEmpty())
                .findFirst().orElse(null);
        if (first == null) {
            return new StackCuts(List.of());
        }
        MemoryOperand wmo = first.link(first.layer().constantOperands().getFirst());
        List<MemoryLevel> chain = hierarchy.chain(wmo);
        // spec depthfirst.md §2.2: capacity = second-highest level of the weight chain
        long cap = chain.get(chain.size() - 2).memory().sizeBits();
        List<Integer> cuts = new ArrayList<>();
        long run = 0;
        Integer last = null;
        for (List<Integer> unit : units(graph)) {
            long ws = 0;
            for (int n : unit) {
                ws += graph.node(n).weightBits();
            }
            if (ws > cap) {
                if (cuts.isEmpty() || !cuts.getLast().equals(last)) {
                    if (last != null) {
                        cuts.add(last);
                    }
                }
                cuts.addAll(unit);
                run = 0;
            } else if (run + ws > cap) {
                cuts.add(last);
                run = ws;
            } else {
                run += ws;
            }
            last = unit.getLast();
        }
        return new StackCuts(cuts);
    }
}
