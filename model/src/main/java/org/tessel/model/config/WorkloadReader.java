package org.tessel.model.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.IndexRelation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Padding;
import org.tessel.model.workload.Workload;

/** Reads and validates a {@code kind: workload} file (format: docs/config-format.md). */
final class WorkloadReader {

    private static final Pattern DIMENSION = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Dimensions whose extent legitimately differs between a layer and its producer (crops, pads). */
    private static final Set<String> SPATIAL = Set.of("OX", "OY", "IX", "IY");

    private WorkloadReader() {}

    static Workload read(ConfigNode root) {
        root.allowOnly("kind", "name", "layers");
        String name = root.get("name").text();
        List<ConfigNode> nodes = root.get("layers").nonEmptyElements();
        List<Layer> layers = new ArrayList<>();
        Map<Integer, ConfigNode> nodeOf = new HashMap<>();
        for (ConfigNode n : nodes) {
            Layer layer = readLayer(n);
            if (nodeOf.put(layer.id(), n) != null) {
                throw n.get("id").error("duplicate layer id " + layer.id());
            }
            layers.add(layer);
        }
        Map<Integer, Layer> byId = new LinkedHashMap<>();
        layers.forEach(l -> byId.put(l.id(), l));
        for (Layer layer : layers) {
            checkSources(layer, nodeOf.get(layer.id()), byId);
        }
        checkAcyclic(layers, nodeOf);
        Workload workload = new Workload(name, layers);
        if (workload.declaresPadding()) {
            for (Layer layer : layers) {
                checkExactSizes(layer, nodeOf.get(layer.id()), byId);
            }
        }
        return workload;
    }

    private static Layer readLayer(ConfigNode n) {
        int id = n.get("id").intValue();
        ConfigNode eqNode = n.get("equation");
        Equation equation;
        try {
            equation = Equation.parse(eqNode.text());
        } catch (IllegalArgumentException e) {
            throw eqNode.error(e.getMessage());
        }
        return equation.operator() == Equation.Operator.INPUT ? readInput(n, id) : readCompute(n, id, equation);
    }

    private static Layer readInput(ConfigNode n, int id) {
        n.allowOnly("id", "name", "equation", "loops", "precision", "memory_operands", "core");
        Map<String, Long> loops = readLoops(n.get("loops"));
        ConfigNode p = n.get("precision").allowOnly("O", Layer.FINAL_OUTPUT);
        int precision = p.get("O").positiveInt();
        int finalPrecision = p.find(Layer.FINAL_OUTPUT).map(ConfigNode::positiveInt).orElse(precision);
        Map<String, MemoryOperand> links = readLinks(n.get("memory_operands"), Equation.INPUT);
        Layer layer = new Layer(id, Equation.INPUT, List.of(), loops,
                Map.of("O", precision, Layer.FINAL_OUTPUT, finalPrecision), Map.of(), Map.of(), List.of(), links,
                n.get("core").positiveInt(), Map.of(), readName(n));
        checkMagnitudes(layer, n.get("loops"));
        return layer;
    }

    private static Layer readCompute(ConfigNode n, int id, Equation equation) {
        n.allowOnly("id", "name", "equation", "relations", "loops", "precision", "sources", "source_dimensions",
                "constant_operands", "memory_operands", "core", "padding");
        List<IndexRelation> relations = new ArrayList<>();
        for (ConfigNode r : n.find("relations").map(ConfigNode::elements).orElse(List.of())) {
            try {
                relations.add(IndexRelation.parse(r.text()));
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
        }
        ConfigNode loopsNode = n.get("loops");
        Map<String, Long> loops = readLoops(loopsNode);
        List<String> targets = relations.stream().map(IndexRelation::target).toList();
        for (int i = 0; i < relations.size(); i++) {
            IndexRelation r = relations.get(i);
            for (String dim : List.of(r.first(), r.second())) {
                if (!loops.containsKey(dim)) {
                    throw n.get("relations").elements().get(i).error("relation uses dimension " + dim + ", which loops does not define");
                }
            }
        }
        for (String operand : equation.operands()) {
            for (String dim : equation.dimensionsOf(operand)) {
                if (!loops.containsKey(dim) && !targets.contains(dim)) {
                    throw loopsNode.error("equation operand " + operand + " uses dimension " + dim
                            + ", which neither loops nor a relation defines");
                }
            }
        }

        ConfigNode precisionNode = n.get("precision");
        Map<String, Integer> precision = new LinkedHashMap<>();
        precisionNode.nonEmptyEntries().forEach((op, bits) -> {
            if (!op.equals(Layer.FINAL_OUTPUT) && !equation.operandDimensions().containsKey(op)) {
                throw bits.error("operand " + op + " is not in the equation " + equation);
            }
            precision.put(op, bits.nonNegativeInt());
        });
        for (String op : equation.operands()) {
            if (!precision.containsKey(op)) {
                throw precisionNode.error("missing precision of operand " + op);
            }
        }
        if (!precision.containsKey(Layer.FINAL_OUTPUT)) {
            throw precisionNode.error("missing " + Layer.FINAL_OUTPUT + " (final output precision)");
        }
        if (precision.get(equation.outputOperand()) == 0 || precision.get(Layer.FINAL_OUTPUT) == 0) {
            throw precisionNode.error("output precisions must be positive");
        }

        List<String> constants = new ArrayList<>();
        for (ConfigNode c : n.find("constant_operands").map(ConfigNode::elements).orElse(List.of())) {
            String op = c.text();
            if (!equation.inputOperands().contains(op)) {
                throw c.error("'" + op + "' is not an input operand of " + equation);
            }
            constants.add(op);
        }

        Map<String, List<Integer>> sources = new LinkedHashMap<>();
        n.find("sources").map(ConfigNode::entries).orElse(Map.of()).forEach((op, ids) -> {
            if (!equation.inputOperands().contains(op)) {
                throw ids.error("'" + op + "' is not an input operand of " + equation);
            }
            List<Integer> list = new ArrayList<>();
            for (ConfigNode i : ids.elements()) {
                list.add(i.intValue());
            }
            if (!list.isEmpty() && constants.contains(op)) {
                throw ids.error("constant operand " + op + " cannot have a producer layer");
            }
            sources.put(op, list);
        });

        Map<String, Map<String, String>> sourceDims = new LinkedHashMap<>();
        n.find("source_dimensions").map(ConfigNode::entries).orElse(Map.of()).forEach((op, dims) -> {
            if (sources.getOrDefault(op, List.of()).isEmpty()) {
                throw dims.error("operand " + op + " has no producer in sources");
            }
            Map<String, String> map = new LinkedHashMap<>();
            dims.entries().forEach((mine, theirs) -> map.put(mine, theirs.text()));
            sourceDims.put(op, map);
        });

        Map<String, MemoryOperand> links = readLinks(n.get("memory_operands"), equation);
        Map<String, Padding> padding = readPadding(n, relations, loops);
        Layer layer = new Layer(id, equation, relations, loops, precision, sources, sourceDims, constants, links,
                n.get("core").positiveInt(), padding, readName(n));
        checkMagnitudes(layer, loopsNode);
        return layer;
    }

    /** The optional {@code name:} of a layer (e.g. its ONNX node); {@code null} if absent. */
    private static String readName(ConfigNode n) {
        return n.find("name").map(ConfigNode::text).orElse(null);
    }

    /** Largest MAC count and operand size in bits accepted: far beyond any network, and exact as a double. */
    static final long MAX_SIZE = 1L << 53;

    /**
     * Sizes the engine multiplies further (by precisions, tile counts, access counts) must stay far
     * from overflow: a layer's MAC count and every operand's bits are at most 2^53.
     */
    private static void checkMagnitudes(Layer layer, ConfigNode loopsNode) {
        try {
            long macs = layer.isInput() ? layer.operandElements("O") : layer.macCount();
            if (macs > MAX_SIZE) {
                throw loopsNode.error("loop sizes multiply to " + macs + ", more than 2^53: too large to cost");
            }
            for (String op : layer.isInput() ? List.of("O") : layer.equation().operands()) {
                long bits = Math.multiplyExact(layer.operandElements(op),
                        (long) layer.precision().getOrDefault(op, layer.precision().getOrDefault("O", 1)));
                if (bits > MAX_SIZE) {
                    throw loopsNode.error("operand " + op + " holds " + bits + " bits, more than 2^53: too large to cost");
                }
            }
        } catch (ArithmeticException overflow) {
            throw loopsNode.error("loop sizes overflow a 64-bit count: too large to cost");
        }
    }

    /**
     * {@code padding: {IX: [before, after], IY: [before, after]}}: only relation targets (the
     * dimensions a window slides over) can be padded, and padding cannot leave a window without
     * any real element (docs/padding.md §1).
     */
    private static Map<String, Padding> readPadding(ConfigNode n, List<IndexRelation> relations, Map<String, Long> loops) {
        Map<String, Padding> padding = new LinkedHashMap<>();
        n.find("padding").map(ConfigNode::entries).orElse(Map.of()).forEach((dim, pair) -> {
            IndexRelation r = relations.stream().filter(x -> x.target().equals(dim)).findFirst()
                    .orElseThrow(() -> pair.error("'" + dim + "' is not the target of a relation of this layer (e.g. IX of ix=1*ox+1*fx)"));
            List<ConfigNode> values = pair.elements();
            if (values.size() != 2) {
                throw pair.error("padding takes two numbers [before, after], got " + values.size());
            }
            Padding p = new Padding(values.get(0).nonNegativeLong(), values.get(1).nonNegativeLong());
            long window = r.distinctIndices(1, loops.getOrDefault(r.second(), 1L));
            if (p.before() >= window || p.after() >= window) {
                throw pair.error("padding " + p.before() + ", " + p.after() + " reaches past a whole window of " + window
                        + " elements: a window would read no real data");
            }
            padding.put(dim, p);
        });
        return padding;
    }

    private static Map<String, Long> readLoops(ConfigNode node) {
        Map<String, Long> loops = new LinkedHashMap<>();
        node.nonEmptyEntries().forEach((dim, size) -> {
            if (!DIMENSION.matcher(dim).matches()) {
                throw size.error("'" + dim + "' is not a loop dimension name (upper-case letters, e.g. K, OX)");
            }
            loops.put(dim, size.positiveLong());
        });
        return loops;
    }

    private static Map<String, MemoryOperand> readLinks(ConfigNode node, Equation equation) {
        Map<String, MemoryOperand> links = new LinkedHashMap<>();
        node.nonEmptyEntries().forEach((op, target) -> {
            if (!equation.operandDimensions().containsKey(op)) {
                throw target.error("operand " + op + " is not in the equation " + equation);
            }
            links.put(op, AcceleratorReader.parseOperand(target.text(), target));
        });
        for (String op : equation.operands()) {
            if (!links.containsKey(op)) {
                throw node.error("operand " + op + " has no memory operand");
            }
        }
        return links;
    }

    /**
     * Producers must exist, and a convolution or pooling layer must read as many channels as its
     * producer makes. Element-wise adds are not checked: the reference ResNet18 adds skip inputs of
     * other channel counts (layers 10, 16, 22 have no projection shortcut). An operand with several
     * sources (a concatenation, docs/concat.md) or with grouped channels reads the sum of its
     * producers' channels ({@link #checkChannelSum}).
     */
    private static void checkSources(Layer layer, ConfigNode node, Map<Integer, Layer> byId) {
        for (Map.Entry<String, List<Integer>> e : layer.sources().entrySet()) {
            List<ConfigNode> idNodes = node.get("sources").get(e.getKey()).elements();
            for (int i = 0; i < e.getValue().size(); i++) {
                int src = e.getValue().get(i);
                if (!byId.containsKey(src)) {
                    throw idNodes.get(i).error("source layer " + src + " does not exist");
                }
                if (src == layer.id()) {
                    throw idNodes.get(i).error("layer " + src + " cannot be its own source");
                }
            }
            if (layer.isElementWise()) {
                continue;
            }
            if (summedChannels(layer, e.getKey(), byId)) {
                checkChannelSum(layer, e.getKey(), node, byId);
                continue;
            }
            for (int src : e.getValue()) {
                Layer producer = byId.get(src);
                Map<String, String> dims = layer.sourceDimensions().getOrDefault(e.getKey(), Map.of());
                for (Map.Entry<String, String> d : dims.entrySet()) {
                    String mine = d.getKey();
                    String theirs = d.getValue();
                    if (SPATIAL.contains(mine) || !layer.loops().containsKey(mine) || !producer.loops().containsKey(theirs)) {
                        continue;
                    }
                    long need = layer.loopSize(mine);
                    long made = producer.loopSize(theirs);
                    if (need != made) {
                        throw node.get("loops").get(mine).error("layer " + layer.id() + " reads " + need + " channels (" + mine
                                + ") but its source layer " + src + " produces " + made + " (" + theirs + ")");
                    }
                }
            }
        }
    }

    /**
     * True if the channels of {@code operand} are checked as a sum (docs/concat.md): it has several
     * sources (a concatenation along channels), or its channels or a producer's span more than one
     * dimension (a grouped convolution, {@code G} × {@code C}). Otherwise each channel dimension is
     * compared with the one it maps to, as always.
     */
    private static boolean summedChannels(Layer layer, String operand, Map<Integer, Layer> byId) {
        List<Integer> sources = layer.sources().getOrDefault(operand, List.of());
        if (sources.isEmpty()) {
            return false;
        }
        if (sources.size() > 1 || channelDims(layer, operand).size() > 1) {
            return true;
        }
        return sources.stream().anyMatch(s -> byId.containsKey(s) && outputChannelDims(byId.get(s)).size() > 1);
    }

    /**
     * An operand's channels equal the sum of its producers' channels (docs/concat.md): the
     * consumer's channels are the product of its operand's dimensions other than the batch
     * ({@code B}) and the spatial ones; a producer's are the product of its output's dimensions
     * other than {@code B}, {@code OX}, {@code OY}. One source with one channel dimension on each
     * side is the ordinary check.
     */
    private static void checkChannelSum(Layer layer, String operand, ConfigNode node, Map<Integer, Layer> byId) {
        List<String> mine = channelDims(layer, operand);
        if (mine.isEmpty()) {
            return;
        }
        long need = product(layer, mine);
        long made = 0;
        List<String> parts = new ArrayList<>();
        List<Integer> sources = layer.sources().get(operand);
        for (int src : sources) {
            Layer producer = byId.get(src);
            List<String> theirs = outputChannelDims(producer);
            long channels = product(producer, theirs);
            made += channels;
            parts.add(channels + " (" + String.join("×", theirs) + ")");
        }
        if (need != made) {
            String reads = need + " channels (" + String.join("×", mine) + ")";
            String produced = sources.size() == 1
                    ? "its source layer " + sources.getFirst() + " produces " + parts.getFirst()
                    : "its sources, layers " + sources.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                            + ", produce " + String.join(" + ", parts) + " = " + made
                            + " (the channels of an operand with several sources add up, docs/concat.md)";
            throw node.get("loops").get(mine.getFirst()).error("layer " + layer.id() + " reads " + reads + " but " + produced);
        }
    }

    /** The channel dimensions of a consumer's operand: its dimensions but the batch and the spatial ones. */
    private static List<String> channelDims(Layer layer, String operand) {
        Map<String, String> map = layer.sourceDimensions().getOrDefault(operand, Map.of());
        return layer.equation().dimensionsOf(operand).stream()
                .filter(d -> !d.equals("B") && !SPATIAL.contains(d) && !SPATIAL.contains(map.getOrDefault(d, "")))
                .toList();
    }

    /** The channel dimensions of a layer's output: its output dimensions but {@code B}, {@code OX}, {@code OY}. */
    private static List<String> outputChannelDims(Layer layer) {
        List<String> dims = layer.isInput() ? List.copyOf(layer.loops().keySet())
                : layer.equation().dimensionsOf(layer.equation().outputOperand());
        return dims.stream().filter(d -> !d.equals("B") && !SPATIAL.contains(d)).toList();
    }

    private static long product(Layer layer, List<String> dims) {
        long p = 1;
        for (String d : dims) {
            p = Math.multiplyExact(p, layer.loopSize(d));
        }
        return p;
    }

    /**
     * In a workload that declares padding, every layer reads exactly what its producers make
     * (docs/padding.md §1): a sliding dimension {@code ix = s·ox + d·fx} with padding
     * {@code [b, a]} over a producer of size {@code P} has {@code OX = floor((P + b + a − window) / s) + 1}
     * outputs; a dimension read directly (an add's {@code OX}) has the producer's size; and channels
     * match, element-wise layers included (as a sum over the sources of a concatenation, docs/concat.md).
     */
    private static void checkExactSizes(Layer layer, ConfigNode node, Map<Integer, Layer> byId) {
        for (Map.Entry<String, List<Integer>> e : layer.sources().entrySet()) {
            Map<String, String> dims = layer.sourceDimensions().getOrDefault(e.getKey(), Map.of());
            boolean summed = summedChannels(layer, e.getKey(), byId);
            if (summed) {
                checkChannelSum(layer, e.getKey(), node, byId);
            }
            List<String> channels = channelDims(layer, e.getKey());
            for (int src : e.getValue()) {
                Layer producer = byId.get(src);
                for (Map.Entry<String, String> d : dims.entrySet()) {
                    String mine = d.getKey();
                    String theirs = d.getValue();
                    if (summed && channels.contains(mine)) {
                        continue; // compared as a sum above; a producer's channel may be K or G (docs/concat.md)
                    }
                    if (!producer.loops().containsKey(theirs)) {
                        // the reference's resnet18 maps an add's G to a pool's K; exact-size workloads may not
                        throw node.get("source_dimensions").get(e.getKey()).get(mine).error("layer " + layer.id()
                                + " maps " + mine + " to " + theirs + ", which its source layer " + src
                                + " does not have (it has " + producer.loops().keySet() + ")");
                    }
                    long made = producer.loopSize(theirs);
                    var relation = layer.relationFor(mine);
                    if (relation.isPresent()) {
                        IndexRelation r = relation.get();
                        long outputs = layer.loopSize(r.first());
                        long window = r.distinctIndices(1, layer.loopSize(r.second()));
                        long padded = made + layer.padding(mine).total();
                        long expected = padded < window ? 0 : (padded - window) / r.firstScale() + 1;
                        if (outputs != expected) {
                            throw node.get("loops").get(r.first()).error("layer " + layer.id() + " computes " + outputs + " "
                                    + r.first() + " but its source layer " + src + " makes " + made + " " + theirs
                                    + ", which with padding " + layer.padding(mine).before() + ", " + layer.padding(mine).after()
                                    + ", window " + window + " and stride " + r.firstScale() + " gives " + expected);
                        }
                    } else if (layer.loops().containsKey(mine) && layer.loopSize(mine) != made) {
                        throw node.get("loops").get(mine).error("layer " + layer.id() + " reads " + layer.loopSize(mine) + " "
                                + mine + " but its source layer " + src + " makes " + made + " " + theirs
                                + " (a workload with padding must match its producers exactly)");
                    }
                }
            }
        }
    }

    private static void checkAcyclic(List<Layer> layers, Map<Integer, ConfigNode> nodeOf) {
        // Kahn's algorithm; what is left over lies on or behind a cycle.
        Map<Integer, Integer> indegree = new LinkedHashMap<>();
        Map<Integer, List<Integer>> consumers = new HashMap<>();
        for (Layer l : layers) {
            indegree.putIfAbsent(l.id(), 0);
            for (List<Integer> srcs : l.sources().values()) {
                for (int s : srcs) {
                    indegree.merge(l.id(), 1, Integer::sum);
                    consumers.computeIfAbsent(s, k -> new ArrayList<>()).add(l.id());
                }
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        while (!ready.isEmpty()) {
            int id = ready.poll();
            for (int c : consumers.getOrDefault(id, List.of())) {
                if (indegree.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
            indegree.remove(id);
        }
        // Peel off leftovers that feed nothing left over: they hang behind a cycle, not on it.
        boolean peeled = true;
        while (peeled) {
            peeled = indegree.keySet().removeIf(id -> consumers.getOrDefault(id, List.of()).stream()
                    .noneMatch(indegree::containsKey));
        }
        if (!indegree.isEmpty()) {
            int first = indegree.keySet().iterator().next();
            throw nodeOf.get(first).get("sources").error("the layer graph has a cycle through layers " + indegree.keySet());
        }
    }
}
