package org.tessel.model.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tessel.model.BadInputException;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * The undividable units of a workload's layer graph (spec depthfirst.md §2.1): a chain gives one
 * unit per layer, a branch-and-merge region (a residual block from the first node after the fork up
 * to and including the join) is one unit. Stacks may only be cut between consecutive units.
 *
 * <p>Input pseudo-layers are never costed and belong to no stack, so they are left out; units are
 * listed in topological order and hold compute-layer ids.
 *
 * <p>This is the one implementation of the §2.1 rule: the depth-first engine's automatic cuts
 * ({@code StackCuts.units} in costmodel) call {@link #partition} on their stack graph with the same
 * topological order, so the search's units and the reference's units cannot drift apart.
 *
 * @param units the units in topological order, each a non-empty list of layer ids
 */
public record UndividableUnits(List<List<Integer>> units) {

    public UndividableUnits {
        units = units.stream().map(List::copyOf).toList();
        if (units.isEmpty() || units.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("need at least one unit and no empty unit: " + units);
        }
    }

    /**
     * Derives the units of a workload with the open-branch counter of depthfirst.md §2.1.
     *
     * @throws BadInputException if the workload does not have exactly one output layer (see {@link
     *     #partition})
     */
    public static UndividableUnits of(Workload workload) {
        List<List<Integer>> units = new ArrayList<>();
        for (List<Integer> unit : partition(topologicalOrder(workload), workload::predecessors, workload::successors)) {
            List<Integer> costed = unit.stream().filter(id -> !workload.layer(id).isInput()).toList();
            if (!costed.isEmpty()) {
                units.add(costed);
            }
        }
        return new UndividableUnits(units);
    }

    /**
     * The units of a graph, input pseudo-layers included (spec depthfirst.md §2.1): the first node
     * alone, then, walking the rest in {@code order} with a count of open branches, a unit ends right
     * after a node at which all open branches have merged. A unit therefore ends only where every edge
     * from the nodes so far to the nodes after leaves from that one node, which makes a cut between
     * two units a clean cut: every run of whole units has a single output node.
     *
     * <p>The count starts at the first node's out-degree. The reference starts it at 1, which is the
     * same for every network whose input feeds one layer (all reference workloads); for an input that
     * feeds several branches, starting at 1 would end a unit inside the branch region and let a stack
     * end in two layers.
     *
     * @param order every node, in topological order
     * @param predecessors a node's producers
     * @param successors a node's consumers
     * @return the units in order, each non-empty
     * @throws BadInputException if the graph does not have exactly one node without consumers:
     *     a depth-first stack has one output, and an output that no other node depends on can only be
     *     a stack's second output (the full-size propagation of spec §2.3 also follows one output only)
     */
    public static List<List<Integer>> partition(List<Integer> order, Function<Integer, List<Integer>> predecessors,
            Function<Integer, List<Integer>> successors) {
        List<Integer> outputs = order.stream().filter(id -> successors.apply(id).isEmpty()).toList();
        if (outputs.size() != 1) {
            throw new BadInputException("the network has " + outputs.size() + " output layers " + outputs
                    + " (layers no other layer reads); depth-first scheduling needs exactly one");
        }
        List<List<Integer>> units = new ArrayList<>();
        units.add(List.of(order.getFirst()));
        List<Integer> current = new ArrayList<>();
        long open = successors.apply(order.getFirst()).size();
        for (int id : order.subList(1, order.size())) {
            open -= predecessors.apply(id).size() - 1;
            current.add(id);
            if (open == 1) {
                units.add(List.copyOf(current));
                current = new ArrayList<>();
            }
            open += successors.apply(id).size() - 1;
        }
        if (!current.isEmpty()) {
            // cannot happen with one output: after it no branch is open
            throw new IllegalStateException("branches still open after the output: " + current);
        }
        return List.copyOf(units);
    }

    /**
     * The workload's layers in networkx's topological order, as the depth-first engine orders its
     * graph (spec depthfirst.md §0): layers without producers in workload order form the first
     * generation; each generation releases the consumers of its layers, in the order of the edges
     * (a layer's consumers in workload order), once all their producers are placed.
     */
    static List<Integer> topologicalOrder(Workload workload) {
        Map<Integer, Integer> missing = new HashMap<>();
        List<Integer> generation = new ArrayList<>();
        for (Layer l : workload.layers()) {
            int d = workload.predecessors(l.id()).size();
            if (d == 0) {
                generation.add(l.id());
            } else {
                missing.put(l.id(), d);
            }
        }
        List<Integer> order = new ArrayList<>();
        while (!generation.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int id : generation) {
                for (int s : workload.successors(id)) {
                    if (missing.merge(s, -1, Integer::sum) == 0) {
                        missing.remove(s);
                        next.add(s);
                    }
                }
            }
            order.addAll(generation);
            generation = next;
        }
        if (order.size() != workload.layers().size()) {
            throw new IllegalArgumentException("workload " + workload.name() + " has a cycle");
        }
        return List.copyOf(order);
    }

    /** Number of units. */
    public int count() {
        return units.size();
    }

    /** Number of legal cut points: one between every two consecutive units. */
    public int cutPointCount() {
        return units.size() - 1;
    }

    /** The layers of unit {@code index}. */
    public List<Integer> unit(int index) {
        return units.get(index);
    }

    /** The last layer of unit {@code index}: the output of a stack that ends with this unit. */
    public int lastLayer(int index) {
        return units.get(index).getLast();
    }

    /** The layers of units {@code first..last} (inclusive), in topological order. */
    public List<Integer> layers(int first, int last) {
        List<Integer> out = new ArrayList<>();
        for (int u = first; u <= last; u++) {
            out.addAll(units.get(u));
        }
        return out;
    }
}
