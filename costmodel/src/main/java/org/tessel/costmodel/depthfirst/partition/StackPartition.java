package org.tessel.costmodel.depthfirst.partition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.tessel.costmodel.depthfirst.backprop.BackPropagation;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.SpatialAxis;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.Layer;

/**
 * The stacks a network is split into by a cut list (spec depthfirst.md §2.3, generalised to any DAG;
 * the rule is written up in docs/stacks.md).
 *
 * <p>A cut is a position in the network's topological order ({@link StackGraph#topologicalOrder}): a
 * stack is the run of nodes after one cut up to and including the next. Every producer outside a
 * stack that feeds one of its nodes — the node before the stack, a shortcut's producer in an earlier
 * stack, the network input feeding a later branch — gets a stack-input pseudo-layer, as the reference
 * does for the successors of {@code cutBefore} (§2.3 step 1). A stack must have exactly one output
 * node (a node no other node of the stack reads); cuts that would give a stack two are refused with
 * an {@link UnbuildableStackException} naming the layers. Wherever the reference's own construction
 * (steps 1–3, delete ancestors and descendants) builds a valid partition — every chain, every cut
 * between undividable units, the layer-by-layer runs of the weights-overflow rule inside residual
 * blocks whose shortcut has no layers — both constructions give the same stacks, node for node (see
 * {@link #withStackInputs}); in a branch region whose branches both hold layers the reference's
 * stacks overlap or lose inputs, and only this one is defined.
 *
 * <p>One exception keeps the reference's construction: DeFiNES-compatible mode with a cut at node id
 * 0, whose stacks overlap on purpose (spec §7 item 16).
 *
 * @param fullGraph the network after the full-size propagation
 * @param stacks the stacks in processing order
 */
public record StackPartition(StackGraph fullGraph, List<FusedStack> stacks) {

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
        BackPropagation bp = BackPropagation.run(network, network.loops(), TileSize.wholeOutput(), BackPropagation.Caching.NONE);
        return network.withLoops(bp.loops());
    }

    /**
     * Builds the stacks of {@code network} for {@code cuts}: the runs of nodes between the cuts'
     * positions in topological order (in whatever order the cuts are listed; a cut after the last node
     * makes no empty stack, as in the reference).
     *
     * @param network the workload graph as written (full-size propagation is applied here)
     * @param cuts the cut list
     * @param definesCompat if true, a cut at node id 0 is ignored in both roles as DeFiNES' truthiness
     *     test does (spec depthfirst.md §7 item 16); otherwise every cut is honoured
     * @throws UnbuildableStackException if a cut names no node of the network, or the cuts make a stack
     *     with more than one output node
     */
    public static StackPartition of(StackGraph network, StackCuts cuts, boolean definesCompat) {
        StackGraph full = fullSize(network);
        if (definesCompat && cuts.cuts().contains(0)) {
            return new StackPartition(full, definesStacks(full, cuts));
        }
        List<Integer> order = full.topologicalOrder();
        SortedSet<Integer> ends = new TreeSet<>();
        for (int cut : cuts.cuts()) {
            int position = order.indexOf(cut);
            if (position < 0) {
                throw new UnbuildableStackException("cut after " + cut + ": the network has no node " + cut);
            }
            ends.add(position);
        }
        boolean cutAtEnd = !ends.add(order.size() - 1);
        List<FusedStack> stacks = new ArrayList<>();
        int start = 0;
        for (int end : ends) {
            // a stack records the cut it ends with: none for the last stack unless the list names the last node
            boolean cut = end < order.size() - 1 || cutAtEnd;
            stacks.add(stack(full, order, stacks.size(), start, end, cut));
            start = end + 1;
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
     * @throws UnbuildableStackException if the stacks do not cover every layer exactly once, a stack is
     *     not the run of layers following the previous stack in topological order, or a stack has more
     *     than one output node
     */
    public static StackPartition of(StackGraph network, List<List<Integer>> stackLayers, boolean definesCompat) {
        StackGraph full = fullSize(network);
        List<Integer> covered = stackLayers.stream().flatMap(List::stream).sorted().toList();
        List<Integer> layers = full.ids().stream().filter(id -> !full.node(id).isInput()).sorted().toList();
        if (!covered.equals(layers)) {
            throw new UnbuildableStackException("the stacks " + stackLayers + " do not cover the layers " + layers
                    + " exactly once");
        }
        List<Integer> order = full.topologicalOrder();
        List<FusedStack> stacks = new ArrayList<>();
        int next = 0;
        for (List<Integer> ids : stackLayers) {
            Run run = run(full, order, ids);
            if (run.start() != next) {
                throw new UnbuildableStackException("stack " + ids + " does not start right after the previous stack (ends with "
                        + (next == 0 ? null : order.get(next - 1)) + ") in topological order " + order);
            }
            stacks.add(stack(full, order, stacks.size(), run.start(), run.end(), run.end() < order.size() - 1));
            next = run.end() + 1;
        }
        StackCuts cuts = new StackCuts(stacks.subList(0, stacks.size() - 1).stream().map(FusedStack::cutAfter).toList());
        if (definesCompat && cuts.cuts().contains(0)) {
            // spec depthfirst.md §2.3, §7 item 16: DeFiNES ignores a cut at id 0 and builds other stacks
            return of(network, cuts, true);
        }
        return new StackPartition(full, stacks);
    }

    /**
     * The one stack of {@code layerIds} as it is built inside any schedule containing it: the run of
     * nodes in topological order from its first layer to its last (with the input pseudo-layers right
     * before it, so the first stack holds the network input), whatever the other stacks are.
     *
     * @param fullGraph the full-size network ({@link #fullSize})
     * @param index the stack's index in the result
     * @param layerIds the stack's layers
     * @param definesCompat apply the id-0 quirk (spec §7 item 16)
     * @throws UnbuildableStackException if the layers are not a run of consecutive layers in topological
     *     order, or the stack has more than one output node
     */
    public static FusedStack stackOf(StackGraph fullGraph, int index, List<Integer> layerIds, boolean definesCompat) {
        List<Integer> order = fullGraph.topologicalOrder();
        Run run = run(fullGraph, order, layerIds);
        FusedStack plain = stack(fullGraph, order, index, run.start(), run.end(), run.end() < order.size() - 1);
        boolean quirk = definesCompat && (Integer.valueOf(0).equals(plain.cutBefore()) || Integer.valueOf(0).equals(plain.cutAfter()));
        return quirk ? definesStack(fullGraph, index, plain.cutBefore(), plain.cutAfter(), true) : plain;
    }

    /** The cut list of consecutive stacks: the last layer (topological order) of every stack but the last. */
    public static StackCuts cutsOf(StackGraph fullGraph, List<List<Integer>> stackLayers) {
        List<Integer> order = fullGraph.topologicalOrder();
        return new StackCuts(stackLayers.subList(0, Math.max(0, stackLayers.size() - 1)).stream()
                .map(ids -> order.get(run(fullGraph, order, ids).end())).toList());
    }

    /** Positions {@code start..end} (inclusive) of a stack's nodes in the network's topological order. */
    private record Run(int start, int end) {}

    /**
     * The run of a stack of these layers: from its first layer's position, extended back over the
     * input pseudo-layers right before it, to its last layer's position; every layer in between must
     * be one of {@code ids}.
     */
    private static Run run(StackGraph full, List<Integer> order, List<Integer> ids) {
        if (ids.isEmpty()) {
            throw new UnbuildableStackException("a stack needs at least one layer");
        }
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
        Set<Integer> members = Set.copyOf(ids);
        for (int pos = first; pos <= last; pos++) {
            int id = order.get(pos);
            if (!members.contains(id) && !full.node(id).isInput()) {
                throw new UnbuildableStackException("stack " + ids + " is not a run of consecutive layers in topological order "
                        + order + ": layer " + id + " lies between its layers");
            }
        }
        int start = first;
        while (start > 0 && full.node(order.get(start - 1)).isInput()) {
            start--;
        }
        return new Run(start, last);
    }

    /**
     * The stack of the nodes at positions {@code start..end} of {@code order}, with stack-input
     * pseudo-layers for its producers outside ({@link #withStackInputs}).
     *
     * @param cut whether a cut after the node at {@code end} made this stack ({@link FusedStack#cutAfter})
     * @throws UnbuildableStackException if the stack has more than one output node
     */
    private static FusedStack stack(StackGraph full, List<Integer> order, int index, int start, int end, boolean cut) {
        Set<Integer> members = Set.copyOf(order.subList(start, end + 1));
        StackGraph g = full.without(full.ids().stream().filter(id -> !members.contains(id)).toList());
        Integer cutBefore = start == 0 ? null : order.get(start - 1);
        if (cutBefore == null) {
            // spec depthfirst.md §2.3 step 1: without cutBefore the stack starts with the network input
            if (!full.node(order.getFirst()).isInput()) {
                throw new IllegalStateException("the first node of the network must be its input");
            }
        } else {
            g = withStackInputs(full, g, members, cutBefore);
        }
        StackGraph built = g;
        List<Integer> run = order.subList(start, end + 1);
        List<Integer> outputs = run.stream().filter(id -> built.successorsOf(id).isEmpty()).toList();
        if (outputs.size() != 1) {
            List<Integer> layers = run.stream().filter(id -> !built.node(id).isInput()).toList();
            throw new UnbuildableStackException("the cuts make a stack of layers " + layers + " with " + outputs.size()
                    + " outputs " + outputs + " (layers no other layer of the stack reads); a depth-first stack has exactly one"
                    + " output, so cut after each of them or after none (docs/stacks.md)");
        }
        return new FusedStack(index, cutBefore, cut ? order.get(end) : null, built);
    }

    /**
     * Spec depthfirst.md §2.3 step 1, generalised: every producer outside the stack that feeds a node
     * of the stack gets a stack-input pseudo-layer {@code substack_input_layer_k}, and those nodes read
     * it instead. The reference only looks at the successors {@code S} of {@code cutBefore}; in a
     * branch region a stack can also hold a node that reads an earlier stack without being in {@code
     * S} (a shortcut's own convolution, a later branch of an Inception block), which the reference
     * leaves without its input.
     *
     * <p>Everything else is the reference's, so that the stacks it builds correctly come out the same:
     * producers are numbered in the order the stack's nodes (workload order) and their operand sources
     * name them; a pseudo-layer's loop sizes combine, over every input operand reading the producer,
     * the full-size extents mapped to the producer's dimension names (channels {@code C}, {@code K},
     * {@code G}: the minimum, others the maximum), its precision is the maximum, its memory link and
     * core the network input's. The readers whose extents count are the stack's nodes and, as in the
     * reference, the successors of {@code cutBefore} in later stacks ("successors that belong to a
     * later stack still contribute", §2.3), in workload order. In a partition the reference builds
     * correctly, every node of a stack that reads an earlier stack is in {@code S} (else the reference
     * drops that input), so producers, their numbering and their readers coincide.
     */
    private static StackGraph withStackInputs(StackGraph full, StackGraph g, Set<Integer> members, int cutBefore) {
        Set<Integer> producers = new LinkedHashSet<>();
        for (DfNode n : g.nodes()) {
            for (List<Integer> ps : n.layer().sources().values()) {
                for (int p : ps) {
                    if (!members.contains(p)) {
                        producers.add(p);
                    }
                }
            }
        }
        Set<Integer> afterCut = Set.copyOf(full.successorsOf(cutBefore));
        DfNode networkInput = full.node(full.topologicalOrder().getFirst());
        int k = 0;
        for (int p : producers) {
            List<Integer> readers = full.successorsOf(p).stream().filter(s -> members.contains(s) || afterCut.contains(s)).toList();
            int id = STACK_INPUT_ID_BASE - k;
            g = g.withNode(stackInput(full, networkInput, p, readers, id, k));
            for (int s : readers) {
                if (members.contains(s)) {
                    g = g.withReplaced(reading(g.node(s), p, id)).withEdge(id, s);
                }
            }
            k++;
        }
        return g;
    }

    /** The stack-input pseudo-layer {@code k} standing for producer {@code p}, sized by its {@code readers}. */
    private static DfNode stackInput(StackGraph full, DfNode networkInput, int p, List<Integer> readers, int id, int k) {
        Map<String, Long> loops = new LinkedHashMap<>();
        int prec = 0;
        for (int s : readers) {
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
                    // exact sizes: the stack input is the producer's whole real tensor, not a padded
                    // window (docs/padding.md §2)
                    long size = full.exactSizes() ? wholeTensor(full.node(p).layer(), name, channel) : e.getValue();
                    loops.merge(name, size, channel ? Math::min : Math::max);
                }
                prec = Math.max(prec, sn.precision(x));
            }
        }
        Layer il = new Layer(id, Equation.INPUT, List.of(), loops, Map.of(DfNode.OUTPUT, prec, Layer.FINAL_OUTPUT, prec),
                Map.of(), Map.of(), List.of(), networkInput.layer().memoryOperands(), networkInput.layer().core());
        return new DfNode("InputLayerNode_substack_input_layer_" + k, il, loops);
    }

    /** {@code node} with every source {@code p} replaced by {@code id}. */
    private static DfNode reading(DfNode node, int p, int id) {
        Map<String, List<Integer>> newSources = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> src : node.layer().sources().entrySet()) {
            newSources.put(src.getKey(), src.getValue().stream().map(q -> q == p ? id : q).toList());
        }
        Layer l = node.layer();
        return node.withLayer(new Layer(l.id(), l.equation(), l.relations(), l.loops(), l.precision(), newSources,
                l.sourceDimensions(), l.constantOperands(), l.memoryOperands(), l.core(), l.padding()));
    }

    /**
     * The reference's stacks for a cut list (spec depthfirst.md §2.3 as DeFiNES runs it: the pairs of
     * consecutive cuts in the order listed, the id-0 quirk applied). Used only for DeFiNES-compatible
     * mode with a cut at node id 0, whose stacks overlap.
     */
    private static List<FusedStack> definesStacks(StackGraph full, StackCuts cuts) {
        int lastNode = full.topologicalOrder().getLast();
        List<Integer> before = new ArrayList<>();
        before.add(null);
        before.addAll(cuts.cuts());
        List<Integer> after = new ArrayList<>(cuts.cuts());
        after.add(null);
        List<FusedStack> stacks = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Integer cb = before.get(i);
            Integer ca = after.get(i);
            if (cb != null && cb == lastNode) {
                continue;
            }
            stacks.add(definesStack(full, stacks.size(), cb, ca, true));
        }
        return stacks;
    }

    /**
     * The stack between two cuts exactly as the reference builds it (spec depthfirst.md §2.3 steps
     * 1–3: delete {@code cutBefore} and its ancestors, add stack inputs for the successors of {@code
     * cutBefore}, delete the descendants of {@code cutAfter}, keep {@code cutAfter} and its ancestors).
     * Package-private for the tests that hold {@link #of} to it wherever it is valid.
     */
    static FusedStack definesStack(StackGraph full, int index, Integer cb, Integer ca, boolean definesCompat) {
        StackGraph g = build(full, given(cb, definesCompat) ? cb : null, given(ca, definesCompat) ? ca : null);
        return new FusedStack(index, cb, ca, g);
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
                int id = STACK_INPUT_ID_BASE - k;
                g = g.withNode(stackInput(full, networkInput, p, succ, id, k));
                for (int s : succ) {
                    if (g.contains(s) && g.node(s).layer().sources().values().stream().anyMatch(ids -> ids.contains(p))) {
                        g = g.withReplaced(reading(g.node(s), p, id)).withEdge(id, s);
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

    /**
     * The size of dimension {@code name} of a producer's whole output tensor (exact-size workloads,
     * docs/padding.md §2): its size for a spatial dimension, and for the channels all of its output
     * channels, whatever the consumer calls them — a concatenation's producers name theirs K or G,
     * a grouped convolution has G×K (docs/concat.md).
     */
    private static long wholeTensor(Layer producer, String name, boolean channel) {
        if (!channel) {
            return producer.loopSize(name);
        }
        List<String> dims = producer.isInput() ? List.copyOf(producer.loops().keySet())
                : producer.equation().dimensionsOf(producer.equation().outputOperand());
        long channels = 1;
        for (String d : dims) {
            if (!d.equals("B") && !d.equals(SpatialAxis.X.dim()) && !d.equals(SpatialAxis.Y.dim())) {
                channels = Math.multiplyExact(channels, producer.loopSize(d));
            }
        }
        return channels;
    }
}
