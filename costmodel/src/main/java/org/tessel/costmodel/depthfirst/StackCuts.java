package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.List;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * The ids of the nodes after which the network is cut into fused stacks
 * ({@code df_stack_cuts}, spec depthfirst.md §2).
 *
 * @param cuts node ids, in order; a stack ends with each of them
 */
public record StackCuts(List<Integer> cuts) {

    public StackCuts {
        cuts = List.copyOf(cuts);
    }

    /**
     * The undividable units of a network (spec depthfirst.md §2.1): a unit ends right after a
     * node at which all open branches have merged.
     */
    public static List<List<Integer>> units(StackGraph graph) {
        List<Integer> order = graph.topologicalOrder();
        List<List<Integer>> units = new ArrayList<>();
        units.add(new ArrayList<>(List.of(order.getFirst())));
        units.add(new ArrayList<>());
        int open = 1;
        for (int n : order.subList(1, order.size())) {
            open -= graph.predecessorsOf(n).size() - 1;
            units.getLast().add(n);
            if (open == 1) {
                units.add(new ArrayList<>());
            }
            open += graph.successorsOf(n).size() - 1;
        }
        if (!units.getLast().isEmpty()) {
            throw new IllegalStateException("network does not end in a single merged node");
        }
        units.removeLast();
        return units.stream().map(List::copyOf).toList();
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
