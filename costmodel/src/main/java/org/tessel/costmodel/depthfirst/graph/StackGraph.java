package org.tessel.costmodel.depthfirst.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * A directed acyclic graph of {@link DfNode}s that behaves like the reference's networkx DiGraph:
 * nodes keep their insertion order, each node's successors and predecessors keep their edge
 * insertion order (spec depthfirst.md §0, §3.10). Immutable: every change returns a new graph.
 *
 * @param nodes the nodes in insertion order
 * @param successors node id → successor ids in edge insertion order
 * @param predecessors node id → predecessor ids in edge insertion order
 * @param exactSizes true for a workload that declares padding: sizes are taken as written and
 *     tiles are back-propagated on real positions (docs/padding.md); false for the reference's
 *     valid workloads
 */
public record StackGraph(List<DfNode> nodes, Map<Integer, List<Integer>> successors,
        Map<Integer, List<Integer>> predecessors, boolean exactSizes) {

    public StackGraph {
        nodes = List.copyOf(nodes);
        successors = copy(successors);
        predecessors = copy(predecessors);
    }

    /** The graph of a workload: one node per layer in workload order, edges from every source. */
    public static StackGraph of(Workload workload) {
        List<DfNode> nodes = new ArrayList<>();
        Map<Integer, List<Integer>> succ = new LinkedHashMap<>();
        Map<Integer, List<Integer>> pred = new LinkedHashMap<>();
        for (Layer layer : workload.layers()) {
            nodes.add(DfNode.of(layer));
            succ.put(layer.id(), new ArrayList<>());
            pred.put(layer.id(), new ArrayList<>());
            for (List<Integer> parents : layer.sources().values()) {
                for (int p : parents) {
                    addEdge(succ, pred, p, layer.id());
                }
            }
        }
        return new StackGraph(nodes, succ, pred, workload.declaresPadding());
    }

    /** The node with this id. */
    public DfNode node(int id) {
        for (DfNode n : nodes) {
            if (n.id() == id) {
                return n;
            }
        }
        throw new NoSuchElementException("no node " + id + " in stack graph");
    }

    /** True if the graph has a node with this id. */
    public boolean contains(int id) {
        return successors.containsKey(id);
    }

    /** Node ids in insertion order. */
    public List<Integer> ids() {
        return nodes.stream().map(DfNode::id).toList();
    }

    /** Successor ids of {@code id}. */
    public List<Integer> successorsOf(int id) {
        return successors.get(id);
    }

    /** Predecessor ids of {@code id}. */
    public List<Integer> predecessorsOf(int id) {
        return predecessors.get(id);
    }

    /**
     * networkx {@code topological_sort} (2.x/3.x, generation based): zero in-degree nodes in
     * insertion order form the first generation; each generation's nodes release their
     * successors in edge order (spec depthfirst.md §0).
     */
    public List<Integer> topologicalOrder() {
        Map<Integer, Integer> indeg = new HashMap<>();
        List<Integer> zero = new ArrayList<>();
        for (DfNode n : nodes) {
            int d = predecessors.get(n.id()).size();
            if (d > 0) {
                indeg.put(n.id(), d);
            } else {
                zero.add(n.id());
            }
        }
        List<Integer> order = new ArrayList<>();
        while (!zero.isEmpty()) {
            List<Integer> generation = zero;
            zero = new ArrayList<>();
            for (int n : generation) {
                for (int child : successors.get(n)) {
                    int left = indeg.merge(child, -1, Integer::sum);
                    if (left == 0) {
                        zero.add(child);
                        indeg.remove(child);
                    }
                }
            }
            order.addAll(generation);
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("stack graph has a cycle");
        }
        return List.copyOf(order);
    }

    /** The first node in insertion order without successors (the reference's traced output). */
    public int firstSink() {
        for (DfNode n : nodes) {
            if (successors.get(n.id()).isEmpty()) {
                return n.id();
            }
        }
        throw new IllegalStateException("stack graph has no sink");
    }

    /** All ancestors of {@code id} (excluding it). */
    public Set<Integer> ancestors(int id) {
        return reach(id, predecessors);
    }

    /** All descendants of {@code id} (excluding it). */
    public Set<Integer> descendants(int id) {
        return reach(id, successors);
    }

    /** This graph without the given nodes and their edges. */
    public StackGraph without(Collection<Integer> ids) {
        Set<Integer> drop = Set.copyOf(ids);
        List<DfNode> keep = nodes.stream().filter(n -> !drop.contains(n.id())).toList();
        Map<Integer, List<Integer>> succ = new LinkedHashMap<>();
        Map<Integer, List<Integer>> pred = new LinkedHashMap<>();
        for (DfNode n : keep) {
            succ.put(n.id(), successors.get(n.id()).stream().filter(x -> !drop.contains(x)).toList());
            pred.put(n.id(), predecessors.get(n.id()).stream().filter(x -> !drop.contains(x)).toList());
        }
        return new StackGraph(keep, succ, pred, exactSizes);
    }

    /** This graph with {@code node} appended (no edges). */
    public StackGraph withNode(DfNode node) {
        List<DfNode> n = new ArrayList<>(nodes);
        n.add(node);
        Map<Integer, List<Integer>> succ = new LinkedHashMap<>(successors);
        Map<Integer, List<Integer>> pred = new LinkedHashMap<>(predecessors);
        succ.put(node.id(), List.of());
        pred.put(node.id(), List.of());
        return new StackGraph(n, succ, pred, exactSizes);
    }

    /** This graph with the edge {@code from → to} appended (no-op if present). */
    public StackGraph withEdge(int from, int to) {
        Map<Integer, List<Integer>> succ = mutable(successors);
        Map<Integer, List<Integer>> pred = mutable(predecessors);
        addEdge(succ, pred, from, to);
        return new StackGraph(nodes, succ, pred, exactSizes);
    }

    /** This graph with the node of the same id replaced, keeping position and edges. */
    public StackGraph withReplaced(DfNode node) {
        List<DfNode> n = new ArrayList<>(nodes);
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).id() == node.id()) {
                n.set(i, node);
            }
        }
        return new StackGraph(n, successors, predecessors, exactSizes);
    }

    /** This graph with every node's full-size loops replaced. */
    public StackGraph withLoops(Map<Integer, Map<String, Long>> loops) {
        return new StackGraph(nodes.stream().map(n -> n.withLoops(loops.get(n.id()))).toList(), successors, predecessors,
                exactSizes);
    }

    /** The full-size loops of every node. */
    public Map<Integer, Map<String, Long>> loops() {
        Map<Integer, Map<String, Long>> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n.id(), n.layer().loops()));
        return out;
    }

    private static Set<Integer> reach(int id, Map<Integer, List<Integer>> adj) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(adj.get(id));
        while (!todo.isEmpty()) {
            int x = todo.pop();
            if (seen.add(x)) {
                todo.addAll(adj.get(x));
            }
        }
        return seen;
    }

    private static void addEdge(Map<Integer, List<Integer>> succ, Map<Integer, List<Integer>> pred, int from, int to) {
        List<Integer> s = succ.get(from);
        if (s == null) {
            throw new IllegalArgumentException("edge from unknown node " + from + " to " + to);
        }
        if (!s.contains(to)) {
            s.add(to);
            pred.get(to).add(from);
        }
    }

    private static Map<Integer, List<Integer>> mutable(Map<Integer, List<Integer>> in) {
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private static Map<Integer, List<Integer>> copy(Map<Integer, List<Integer>> in) {
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
