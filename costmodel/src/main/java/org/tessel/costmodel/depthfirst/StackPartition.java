package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.Layer;

/**
 * The stacks a network is split into by a cut list (spec depthfirst.md §2.3).
 *
 * @param fullGraph the network after the full-size propagation
 * @param stacks the stacks in processing order
 */
public record StackPartition(StackGraph fullGraph, List<Stack> stacks) {

    /** Base of the synthetic ids of stack-input pseudo-layers. */
    public static final int STACK_INPUT_ID_BASE = -1_000_000;

    public StackPartition {
        stacks = List.copyOf(stacks);
    }

    /**
     * The full-size propagation (spec depthfirst.md §2.3): back-propagates the first output's
     * size through the whole network.
     */
    public static StackGraph fullSize(StackGraph network) {
        BackPropagation bp = BackPropagation.run(network, network.loops(), null, null, false, false, false, false);
        return network.withLoops(bp.loops());
    }

    /**
     * Builds the stacks of {@code network} for {@code cuts}.
     *
     * @param network the workload graph as written (full-size propagation is applied here)
     * @param cuts the cut list
     * @param definesCompat if true, a cut at node id 0 is ignored in both roles as DeFiNES' truthiness
     *     test does (spec depthfirst.md §7 item 16); otherwise every cut is honoured
     */
    public static StackPartition of(StackGraph network, StackCuts cuts, boolean definesCompat) {
        StackGraph full = fullSize(network);
        List<Integer> order = full.topologicalOrder();
        int lastNode = order.getLast();
        List<Integer> before = new ArrayList<>();
        before.add(null);
        before.addAll(cuts.cuts());
        List<Integer> after = new ArrayList<>(cuts.cuts());
        after.add(null);
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Integer cb = before.get(i);
            Integer ca = after.get(i);
            if (cb != null && cb == lastNode) {
                continue;
            }
            StackGraph g = build(full, given(cb, definesCompat) ? cb : null, given(ca, definesCompat) ? ca : null);
            stacks.add(new Stack(stacks.size(), cb, ca, g));
        }
        return new StackPartition(full, stacks);
    }

    private static boolean given(Integer cut, boolean definesCompat) {
        return cut != null && !(definesCompat && cut == 0);
    }

    private static StackGraph build(StackGraph full, Integer cutBefore, Integer cutAfter) {
        StackGraph g = full;
        if (cutBefore != null) {
            // spec depthfirst.md §2.3 step 1: delete the cut node and its ancestors, add stack inputs
            Set<Integer> deleted = new HashSet<>(full.ancestors(cutBefore));
            deleted.add(cutBefore);
            g = g.without(deleted);
            List<Integer> succ = full.successorsOf(cutBefore);
            Set<Integer> sources = new LinkedHashSet<>();
            for (int s : succ) {
                for (List<Integer> ps : full.node(s).layer().sources().values()) {
                    for (int p : ps) {
                        if (deleted.contains(p)) {
                            sources.add(p);
                        }
                    }
                }
            }
            DfNode networkInput = full.node(full.topologicalOrder().getFirst());
            int k = 0;
            for (int p : sources) {
                Map<String, Long> loops = new LinkedHashMap<>();
                int prec = 0;
                for (int s : succ) {
                    DfNode sn = full.node(s);
                    for (Map.Entry<String, List<Integer>> src : sn.layer().sources().entrySet()) {
                        if (!src.getValue().contains(p)) {
                            continue;
                        }
                        String x = src.getKey();
                        Map<String, String> dimMap = sn.layer().sourceDimensions().get(x);
                        for (Map.Entry<String, Long> e : sn.extents(x, sn.layer().loops()).entrySet()) {
                            String name = dimMap.get(e.getKey());
                            if (name == null) {
                                continue;
                            }
                            boolean channel = name.equals("C") || name.equals("K") || name.equals("G");
                            loops.merge(name, e.getValue(), channel ? Math::min : Math::max);
                        }
                        prec = Math.max(prec, sn.precision(x));
                    }
                }
                int id = STACK_INPUT_ID_BASE - k;
                Layer il = new Layer(id, Equation.INPUT, List.of(), loops, Map.of("O", prec, Layer.FINAL_OUTPUT, prec),
                        Map.of(), Map.of(), List.of(), networkInput.layer().memoryOperands(), networkInput.layer().core());
                g = g.withNode(new DfNode("InputLayerNode_substack_input_layer_" + k, il, loops));
                for (int s : succ) {
                    if (!g.contains(s)) {
                        continue;
                    }
                    DfNode sn = g.node(s);
                    Map<String, List<Integer>> newSources = new LinkedHashMap<>();
                    boolean uses = false;
                    for (Map.Entry<String, List<Integer>> src : sn.layer().sources().entrySet()) {
                        List<Integer> ids = new ArrayList<>();
                        for (int q : src.getValue()) {
                            if (q == p) {
                                uses = true;
                                ids.add(id);
                            } else {
                                ids.add(q);
                            }
                        }
                        newSources.put(src.getKey(), ids);
                    }
                    if (uses) {
                        Layer l = sn.layer();
                        g = g.withReplaced(sn.withLayer(new Layer(l.id(), l.equation(), l.relations(), l.loops(),
                                l.precision(), newSources, l.sourceDimensions(), l.constantOperands(),
                                l.memoryOperands(), l.core())));
                        g = g.withEdge(id, s);
                    }
                }
                k++;
            }
        } else if (!full.node(full.topologicalOrder().getFirst()).isInput()) {
            throw new IllegalStateException("the first node of the network must be its input");
        }
        if (cutAfter != null) {
            // step 2: delete every descendant of the cut node
            g = g.without(g.descendants(cutAfter));
        }
        // step 3: keep only the stack output and its ancestors
        int keep = cutAfter != null ? cutAfter : g.topologicalOrder().getLast();
        Set<Integer> keepSet = new HashSet<>(g.ancestors(keep));
        keepSet.add(keep);
        List<Integer> drop = g.ids().stream().filter(id -> !keepSet.contains(id)).toList();
        g = g.without(drop);
        StackGraph stack = g;
        if (stack.ids().stream().filter(id -> stack.successorsOf(id).isEmpty()).count() != 1) {
            throw new IllegalStateException("a stack must have exactly one output node");
        }
        return g;
    }
}
