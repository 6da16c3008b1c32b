package org.tessel.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a campaign: a {@code tessel search} with its files and options.
 *
 * @param workloadFile the workload file as the campaign names it (relative to the campaign file)
 * @param workload the workload file's path
 * @param acceleratorFile the accelerator file as named
 * @param accelerator its path
 * @param mappingFile the spatial-mapping file as named, or {@value #AUTO}
 * @param mapping its path, or null for {@value #AUTO} (mappings searched)
 * @param strategy exhaustive, genetic or constraint
 * @param objective energy, latency, edp or pareto
 * @param budgetEvals the evaluation budget, null for the exhaustive search (it runs to the end)
 * @param seed the seed, null for the exhaustive search (it ignores it)
 * @param tiles the {@code --tiles} list, or null for the default grid
 * @param lpfLimit the {@code --lpf-limit}, or null for the default
 * @param baseline true to compute the reference baseline as {@code search} does
 */
public record CampaignRun(String workloadFile, Path workload, String acceleratorFile, Path accelerator, String mappingFile,
        Path mapping, String strategy, String objective, Long budgetEvals, Long seed, String tiles, Integer lpfLimit,
        boolean baseline) {

    /** The strategies a campaign may name (the values of {@code search --strategy}). */
    public static final List<String> STRATEGIES = List.of("exhaustive", "genetic", "constraint");
    /** The objectives a campaign may name (the values of {@code search --objective}). */
    public static final List<String> OBJECTIVES = List.of("energy", "latency", "edp", "pareto");
    /** The mapping entry that asks for the spatial mappings to be searched. */
    public static final String AUTO = "auto";

    /** The strategy that ignores seed and budget. */
    public static final String EXHAUSTIVE = "exhaustive";

    /** True if the run's spatial mappings are searched ({@code mapping: auto}). */
    public boolean searchesMapping() {
        return mapping == null;
    }

    /** What identifies the run in a results file: a finished run with this key is not run again on {@code --resume}. */
    public String key() {
        return String.join("|", workloadFile, acceleratorFile, mappingFile, strategy, objective,
                budgetEvals == null ? "" : budgetEvals.toString(), seed == null ? "" : seed.toString(), tiles == null ? "" : tiles,
                lpfLimit == null ? "" : lpfLimit.toString(), Boolean.toString(baseline));
    }

    /** The options of {@code tessel search} for this run, other than the three files. */
    public List<String> options() {
        List<String> o = new ArrayList<>(List.of("--strategy", strategy, "--objective", objective));
        if (budgetEvals != null) {
            o.addAll(List.of("--budget-evals", budgetEvals.toString()));
        }
        if (seed != null) {
            o.addAll(List.of("--seed", seed.toString()));
        }
        if (tiles != null) {
            o.addAll(List.of("--tiles", tiles));
        }
        if (lpfLimit != null) {
            o.addAll(List.of("--lpf-limit", lpfLimit.toString()));
        }
        if (!baseline) {
            o.add("--no-baseline");
        }
        return o;
    }
}
