package org.tessel.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tessel.model.config.ConfigDocument;
import org.tessel.model.config.ConfigKind;
import org.tessel.model.config.ConfigNode;

/**
 * A {@code kind: campaign} file: a list of entries, each the cross product of its lists, in a fixed
 * order (entries in file order; within one, workload, accelerator, mapping, objective, strategy,
 * budget, seed). The exhaustive search ignores budget and seed, so it is one run per problem; a
 * run named twice is run once. Paths are relative to the campaign file; {@code mapping: auto} searches
 * the spatial mappings as {@code search --mapping auto} does (the default for ONNX workloads elsewhere). {@code baseline: true} adds
 * {@code search}'s reference baseline to every run (off by default: it costs a grid of whole-network
 * evaluations per run, often more than the search).
 *
 * @param file the campaign file
 * @param runs the runs, in campaign order
 */
public record Campaign(Path file, List<CampaignRun> runs) {

    private static final String[] FIELDS = {"workload", "accelerator", "mapping", "strategy", "objective", "budget_evals", "seed",
        "tiles", "lpf_limit", "baseline"};

    public Campaign {
        runs = List.copyOf(runs);
    }

    /**
     * Reads and checks a campaign file.
     *
     * @throws org.tessel.model.config.ConfigException naming the file, the field and the reason
     */
    public static Campaign read(Path file) {
        ConfigNode root = ConfigDocument.read(file).rootOf(ConfigKind.CAMPAIGN).allowOnly("kind", "runs");
        Path base = file.toAbsolutePath().getParent();
        Map<String, CampaignRun> runs = new LinkedHashMap<>();
        for (ConfigNode entry : root.get("runs").nonEmptyElements()) {
            entry.allowOnly(FIELDS);
            List<Named> workloads = list(entry, "workload", n -> file(base, n));
            List<Named> accelerators = list(entry, "accelerator", n -> file(base, n));
            List<Named> mappings = list(entry, "mapping", n -> n.isText() && n.text().strip().equals(CampaignRun.AUTO)
                    ? new Named(CampaignRun.AUTO, null) : file(base, n));
            List<String> strategies = list(entry, "strategy", n -> choice(n, CampaignRun.STRATEGIES, "strategy"));
            List<String> objectives = optionalList(entry, "objective", n -> choice(n, CampaignRun.OBJECTIVES, "objective"))
                    .orElse(List.of("energy"));
            Optional<List<Long>> budgets = optionalList(entry, "budget_evals", ConfigNode::positiveLong);
            List<Long> seeds = optionalList(entry, "seed", ConfigNode::longValue).orElse(List.of(1L));
            String tiles = entry.find("tiles").map(ConfigNode::text).orElse(null);
            Integer lpf = entry.find("lpf_limit").map(ConfigNode::positiveInt).orElse(null);
            boolean baseline = entry.find("baseline").map(ConfigNode::booleanValue).orElse(false);
            if (budgets.isEmpty() && strategies.stream().anyMatch(s -> !s.equals(CampaignRun.EXHAUSTIVE))) {
                throw entry.error("missing field 'budget_evals' (every strategy but exhaustive needs an evaluation budget, the "
                        + "same on every machine)");
            }
            for (Named w : workloads) {
                for (Named a : accelerators) {
                    for (Named m : mappings) {
                        for (String objective : objectives) {
                            for (String strategy : strategies) {
                                boolean exhaustive = strategy.equals(CampaignRun.EXHAUSTIVE);
                                for (Long budget : exhaustive ? List.<Long>of(-1L) : budgets.get()) {
                                    for (Long seed : exhaustive ? List.<Long>of(-1L) : seeds) {
                                        CampaignRun run = new CampaignRun(w.name(), w.path(), a.name(), a.path(), m.name(), m.path(),
                                                strategy, objective, exhaustive ? null : budget, exhaustive ? null : seed, tiles, lpf,
                                                baseline);
                                        runs.putIfAbsent(run.key(), run);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Campaign(file, new ArrayList<>(runs.values()));
    }

    /**
     * The work units of the runs, each file read once; a run with {@code mapping: auto} gets the
     * mapping file {@code searched} gives it (the coordinator searches once per problem, and every
     * member costs those mappings, as {@code search --mapping auto} would).
     */
    public List<RunSpec> specs(Function<CampaignRun, ConfigFile> searched) {
        Map<Path, ConfigFile> files = new HashMap<>();
        Function<Path, ConfigFile> read = p -> files.computeIfAbsent(p, ConfigFile::of);
        return runs.stream().map(r -> new RunSpec(read.apply(r.workload()), read.apply(r.accelerator()),
                r.searchesMapping() ? searched.apply(r) : read.apply(r.mapping()), r.options())).toList();
    }

    /** A file as the campaign names it and where it is. */
    private record Named(String name, Path path) {}

    private static Named file(Path base, ConfigNode node) {
        String name = node.text().strip();
        Path path = base.resolve(name).normalize();
        if (!Files.isRegularFile(path)) {
            throw node.error("no such file: " + path + " (paths are relative to the campaign file)");
        }
        return new Named(name, path);
    }

    private static String choice(ConfigNode node, List<String> allowed, String what) {
        String value = node.text().strip();
        if (!allowed.contains(value)) {
            throw node.error("unknown " + what + " '" + value + "' (choose from " + String.join(", ", allowed) + ")");
        }
        return value;
    }

    /** A field that holds one value or a list of them; required. */
    private static <T> List<T> list(ConfigNode entry, String field, Function<ConfigNode, T> element) {
        return optionalList(entry, field, element).orElseThrow(() -> entry.error("missing field '" + field + "'"));
    }

    private static <T> Optional<List<T>> optionalList(ConfigNode entry, String field, Function<ConfigNode, T> element) {
        return entry.find(field).map(node -> {
            List<ConfigNode> elements = node.isList() ? node.nonEmptyElements() : List.of(node);
            List<T> values = new ArrayList<>();
            for (ConfigNode e : elements) {
                T v = element.apply(e);
                if (values.contains(v)) {
                    throw e.error("lists '" + v + "' twice");
                }
                values.add(v);
            }
            return List.copyOf(values);
        });
    }
}
