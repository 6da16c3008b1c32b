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
        if (network.exactSizes()) {
            // the sizes written are the sizes computed (docs/padding.md §2)
            return network;
        }
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
            stacks.add(stack(full, stacks.size(), cb, ca, definesCompat));
        }
        return new StackPartition(full, stacks);
    }

    /**
     * Builds the stacks of an explicit schedule (spec depthfirst.md §2.3 with the cut list
     * {@link #cutsOf}): stack {@code i} of the result is schedule stack {@code i}.
     *
     * @param network the workload graph as written (full-size propagation is applied here)
     * @param stackLayers the layer ids of every stack, in execution order
     * @param definesCompat as in {@link #of(StackGraph, StackCuts, boolean)}; with a cut at node id 0
     *     the stacks are those DeFiNES builds (overlapping), otherwise exactly the given ones
     * @throws UnbuildableStackException if the stacks do not cover every layer exactly once, or a stack
     *     is not what the cut list builds from its bounds (not contiguous in topological order, or a
     *     cut through parallel branches that leaves a layer without its inputs)
     */
    public static StackPartition of(StackGraph network, List<List<Integer>> stackLayers, boolean definesCompat) {
        StackGraph full = fullSize(network);
        List<Integer> covered = stackLayers.stream().flatMap(List::stream).sorted().toList();
        List<Integer> layers = full.ids().stream().filter(id -> !full.node(id).isInput()).sorted().toList();
        if (!covered.equals(layers)) {
            throw new UnbuildableStackException("the stacks " + stackLayers + " do not cover the layers " + layers
                    + " exactly once");
        }
        List<Stack> stacks = new ArrayList<>();
        Integer previousEnd = null;
        for (List<Integer> ids : stackLayers) {
            Bounds b = bounds(full, ids);
            if (!java.util.Objects.equals(b.before(), previousEnd)) {
                throw new UnbuildableStackException("stack " + ids + " does not start right after the previous stack (ends with "
                        + previousEnd + ") in topological order " + full.topologicalOrder());
            }
            stacks.add(checked(full, stacks.size(), ids, b));
            previousEnd = b.after();
        }
        StackCuts cuts = new StackCuts(stacks.subList(0, stacks.size() - 1).stream().map(Stack::cutAfter).toList());
        if (definesCompat && cuts.cuts().contains(0)) {
            // spec depthfirst.md §2.3, §7 item 16: DeFiNES ignores a cut at id 0 and builds other stacks
            return of(network, cuts, true);
        }
        return new StackPartition(full, stacks);
    }

    /**
     * The one stack of {@code layerIds} as it is built inside any schedule containing it (spec
     * depthfirst.md §2.3): its cuts are the node preceding its first layer in topological order
     * (none if that is the network input) and its last layer (none if it is the network's last node).
     *
     * @param fullGraph the full-size network ({@link #fullSize})
     * @param index the stack's index in the result
     * @param layerIds the stack's layers
     * @param definesCompat apply the id-0 quirk (spec §7 item 16)
     * @throws UnbuildableStackException as for {@link #of(StackGraph, List, boolean)}
     */
    public static Stack stackOf(StackGraph fullGraph, int index, List<Integer> layerIds, boolean definesCompat) {
        Bounds b = bounds(fullGraph, layerIds);
        Stack plain = checked(fullGraph, index, layerIds, b);
        boolean quirk = definesCompat && (Integer.valueOf(0).equals(b.before()) || Integer.valueOf(0).equals(b.after()));
        return quirk ? stack(fullGraph, index, b.before(), b.after(), true) : plain;
    }

    /** The cut list of consecutive stacks: the last layer (topological order) of every stack but the last. */
    public static StackCuts cutsOf(StackGraph fullGraph, List<List<Integer>> stackLayers) {
        return new StackCuts(stackLayers.subList(0, Math.max(0, stackLayers.size() - 1)).stream()
                .map(ids -> bounds(fullGraph, ids).after()).toList());
    }

    /** The stack between two cuts (spec depthfirst.md §2.3 steps 1–3). */
    private static Stack stack(StackGraph full, int index, Integer cb, Integer ca, boolean definesCompat) {
        StackGraph g = build(full, given(cb, definesCompat) ? cb : null, given(ca, definesCompat) ? ca : null);
        return new Stack(index, cb, ca, g);
    }

    /** The cuts around a stack of these layers. */
    private record Bounds(Integer before, Integer after) {}

    private static Bounds bounds(StackGraph full, List<Integer> ids) {
        if (ids.isEmpty()) {
            throw new UnbuildableStackException("a stack needs at least one layer");
        }
        List<Integer> order = full.topologicalOrder();
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int id : ids) {
            int pos = order.indexOf(id);
            if (pos < 0 || full.node(id).isInput()) {
                throw new UnbuildableStackException("stack " + ids + ": " + id + " is not a layer of the network");
            }
            first = Math.min(first, pos);
            last = Math.max(last, pos);
        }
        Integer before = first == 0 || first == 1 && full.node(order.getFirst()).isInput() ? null : order.get(first - 1);
        Integer after = last == order.size() - 1 ? null : order.get(last);
        return new Bounds(before, after);
    }

    /** Builds a stack without the id-0 quirk and checks that it holds exactly {@code ids}, all with their inputs. */
    private static Stack checked(StackGraph full, int index, List<Integer> ids, Bounds b) {
        Stack s = stack(full, index, b.before(), b.after(), false);
        if (!new HashSet<>(s.layerIds()).equals(new HashSet<>(ids)) || s.layerIds().size() != ids.size()) {
            throw new UnbuildableStackException("stack " + ids + " is not a stack of the network: cutting after "
                    + b.before() + " and " + b.after() + " gives " + s.layerIds());
        }
        for (int id : s.graph().ids()) {
            if (!s.graph().node(id).isInput() && s.graph().predecessorsOf(id).isEmpty()) {
                throw new UnbuildableStackException("stack " + ids + " cuts through parallel branches: layer " + id
                        + " loses its inputs");
            }
        }
        return s;
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
                            // exact sizes: the stack input is the producer's whole real tensor, not a
                            // padded window (docs/padding.md §2)
                            long size = full.exactSizes() ? full.node(p).layer().loopSize(name) : e.getValue();
                            loops.merge(name, size, channel ? Math::min : Math::max);
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
                                l.memoryOperands(), l.core(), l.padding())));
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
