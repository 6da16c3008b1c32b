package org.tessel.model.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * @param units the units in topological order, each a non-empty list of layer ids
 */
public record UndividableUnits(List<List<Integer>> units) {

    public UndividableUnits {
        units = units.stream().map(List::copyOf).toList();
        if (units.isEmpty() || units.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("need at least one unit and no empty unit: " + units);
        }
    }

    /** Derives the units of a workload with the open-branch counter of depthfirst.md §2.1. */
    public static UndividableUnits of(Workload workload) {
        List<Integer> order = topologicalOrder(workload);
        List<List<Integer>> raw = new ArrayList<>();
        raw.add(new ArrayList<>(List.of(order.getFirst())));
        List<Integer> current = new ArrayList<>();
        long open = 1;
        for (int id : order.subList(1, order.size())) {
            open -= workload.predecessors(id).size() - 1;
            current.add(id);
            if (open == 1) {
                raw.add(current);
                current = new ArrayList<>();
            }
            open += workload.successors(id).size() - 1;
        }
        if (!current.isEmpty()) {
            raw.add(current); // a graph whose branches never merge again keeps its open tail as one unit
        }
        List<List<Integer>> units = new ArrayList<>();
        for (List<Integer> unit : raw) {
            List<Integer> costed = unit.stream().filter(id -> !workload.layer(id).isInput()).toList();
            if (!costed.isEmpty()) {
                units.add(costed);
            }
        }
        return new UndividableUnits(units);
    }

    /**
     * Kahn's algorithm, taking ready nodes in workload order: for the shipped workloads (already
     * topologically written) this is the workload order itself.
     */
    private static List<Integer> topologicalOrder(Workload workload) {
        Map<Integer, Integer> position = new HashMap<>();
        Map<Integer, Integer> missing = new HashMap<>();
        for (Layer l : workload.layers()) {
            position.put(l.id(), position.size());
            missing.put(l.id(), workload.predecessors(l.id()).size());
        }
        List<Integer> order = new ArrayList<>();
        Deque<Integer> ready = new ArrayDeque<>();
        boolean[] done = new boolean[workload.layers().size()];
        while (order.size() < workload.layers().size()) {
            ready.clear();
            for (Layer l : workload.layers()) {
                if (!done[position.get(l.id())] && missing.get(l.id()) == 0) {
                    ready.add(l.id());
                    break;
                }
            }
            if (ready.isEmpty()) {
                throw new IllegalArgumentException("workload " + workload.name() + " has a cycle");
            }
            int next = ready.poll();
            done[position.get(next)] = true;
            order.add(next);
            for (int s : workload.successors(next)) {
                missing.merge(s, -1, Integer::sum);
            }
        }
        return order;
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
