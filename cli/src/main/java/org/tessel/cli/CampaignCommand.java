package org.tessel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tessel.cli.chart.ChartFormat;
import org.tessel.cluster.Campaign;
import org.tessel.cluster.CampaignRun;
import org.tessel.cluster.ClusterSpec;
import org.tessel.cluster.RunDispatcher;
import org.tessel.cluster.RunOutcome;
import org.tessel.cluster.RunSpec;
import org.tessel.model.BadInputException;
import org.tessel.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tessel campaign CAMPAIGN.yaml --out DIR}: every run of a campaign file, each a whole {@code
 * tessel search}, on one embedded member or spread over a cluster's members ({@code --cluster}).
 * Results go to {@code DIR/runs.jsonl} and {@code DIR/runs.csv} as runs finish, in campaign order,
 * then {@code summary.csv} and one chart per problem; {@code --resume} skips the runs already there.
 * One campaign at a time writes to a directory ({@link DirectoryLock}).
 */
@Command(
        name = "campaign",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a campaign file (kind: campaign): searches over workloads, accelerators, strategies, objectives, budgets",
            "and seeds, on this machine or on the members of a cluster (--cluster). Writes runs.jsonl and runs.csv (one row",
            "per run, every field of search --json), summary.csv (per problem and strategy: best, median, gap to the exact",
            "optimum where an exhaustive run is part of the campaign, runs within 1 %%) and one chart per problem."
        })
final class CampaignCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CAMPAIGN.yaml", description = "the campaign file (paths in it are relative to it)")
    Path campaignFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the directory for the results (created if missing)")
    Path out;

    @Option(names = "--resume", description = "keep the runs already in DIR/runs.jsonl and run only the others")
    boolean resume;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "spread the runs over the members of this cluster (kind: cluster; start them with tessel member); "
                    + "default: one member inside this process")
    Path cluster;

    @Option(names = "--chart-format", paramLabel = "png|svg", defaultValue = "png",
            description = "format of the charts in DIR/charts (default: ${DEFAULT-VALUE})")
    String chartFormat;

    @Option(names = "--no-progress", description = "no progress bar on standard error")
    boolean noProgress;

    @Option(names = "--verbose", description = "a line per run and the runs per member on standard error")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** How long the campaign waits for a member when every member has left. */
    static final Duration MEMBER_WAIT = ClusterOption.MEMBER_WAIT;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChartFormat.of(Path.of("chart." + chartFormat), "--chart-format");
        Campaign campaign = Campaign.read(campaignFile);
        ClusterSpec clusterSpec = cluster == null ? null : ClusterSpec.read(cluster);
        try (DirectoryLock lock = prepareOut()) {
            return run(campaign, clusterSpec, stdout, err);
        }
    }

    /** The campaign, with {@link #out} ready and locked. */
    private Integer run(Campaign campaign, ClusterSpec clusterSpec, PrintWriter stdout, PrintWriter err) {
        // every problem set up here first: a bad file or option is reported before any run starts
        Map<String, SearchSetup> setups = new LinkedHashMap<>();
        for (int i = 0; i < campaign.runs().size(); i++) {
            CampaignRun r = campaign.runs().get(i);
            try {
                SearchRunWorker.RunArguments a = SearchRunWorker.arguments(r.workload(), r.accelerator(),
                        r.searchesMapping() ? CampaignRun.AUTO : r.mapping().toString(), r.options());
                a.options.budget();
                if (!setups.containsKey(problem(r))) {
                    setups.put(problem(r), a.options.setup(err));
                }
            } catch (ConfigException e) {
                throw e; // names its own file
            } catch (BadInputException e) {
                throw new BadInputException(campaignFile + ": run " + (i + 1) + " (" + r.workloadFile() + ", " + r.strategy() + "): "
                        + e.getMessage(), e);
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < campaign.runs().size(); i++) {
            index.put(campaign.runs().get(i).key(), i);
        }
        Map<Integer, ObjectNode> rows = new TreeMap<>();
        if (resume) {
            CampaignResults.finished(out).forEach((key, row) -> {
                Integer i = index.get(key);
                if (i != null) {
                    row.put("run", i + 1);
                    rows.put(i, row);
                }
            });
        }
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < campaign.runs().size(); i++) {
            if (!rows.containsKey(i)) {
                todo.add(i);
            }
        }
        // searched mappings: found once per problem above, shipped to the members as a mapping file
        List<RunSpec> allSpecs = todo.isEmpty() ? List.of()
                : campaign.specs(r -> ScenarioOptions.searchedMappings(setups.get(problem(r)).scenario()));
        List<RunSpec> specs = todo.stream().map(allSpecs::get).toList();
        stdout.printf(Locale.ROOT, "%d runs in %s (%d already in %s)%s%n", campaign.runs().size(), campaignFile, rows.size(), out,
                clusterSpec == null ? ", on one member in this process" : ", on the members of cluster '" + clusterSpec.name() + "'");
        stdout.flush();
        long start = System.nanoTime();
        Map<String, Integer> perMember = new TreeMap<>();
        try (CampaignResults results = CampaignResults.start(out, new ArrayList<>(rows.values()))) {
            if (!specs.isEmpty()) {
                run(clusterSpec, specs, todo, campaign, results, rows, perMember, err);
            }
        }
        List<ObjectNode> all = new ArrayList<>(rows.values());
        CampaignResults.rewrite(out, all);
        CampaignSummary summary = summary(setups, campaign, rows);
        summary.writeCsv(out);
        List<Path> charts = summary.writeCharts(out, chartFormat.toLowerCase(Locale.ROOT));
        if (verbose && !perMember.isEmpty()) {
            perMember.forEach((m, n) -> err.printf(Locale.ROOT, "member %s: %d run%s%n", m, n, n == 1 ? "" : "s"));
            err.flush();
        }
        TextTable t = TextTable.of("workload", "accelerator", "objective", "strategy", ">budget", ">runs", ">best", ">median",
                ">gap best", ">within 1 %");
        for (Map<String, String> l : summary.lines()) {
            t = t.withRow(l.get("workload"), l.get("accelerator"), l.get("objective"), l.get("strategy"), l.get("budget_evals"),
                    l.get("runs"), l.get("best"), l.get("median"), l.get("gap_best_percent").isEmpty() ? "-"
                            : l.get("gap_best_percent") + " %", l.get("within_1pct"));
        }
        stdout.print(t.render(2));
        stdout.printf(Locale.ROOT, "%d run%s in %.1f s; wrote %s, %s, %s and %d chart%s in %s%n", specs.size(),
                specs.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9, CampaignResults.JSONL, CampaignResults.CSV,
                CampaignSummary.FILE, charts.size(), charts.size() == 1 ? "" : "s", out);
        stdout.flush();
        return ExitCode.OK;
    }

    private void run(ClusterSpec clusterSpec, List<RunSpec> specs, List<Integer> todo, Campaign campaign, CampaignResults results,
            Map<Integer, ObjectNode> rows, Map<String, Integer> perMember, PrintWriter err) {
        HazelcastInstance instance = connect(clusterSpec);
        ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName("campaign").setInitialMax(specs.size())
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        try {
            new RunDispatcher(instance, MEMBER_WAIT).run(specs, new RunDispatcher.Listener() {
                @Override
                public void finished(RunOutcome outcome) {
                    if (bar != null) {
                        bar.step();
                    }
                    perMember.merge(outcome.member(), 1, Integer::sum);
                }

                @Override
                public void requeued(int unit, String member, String why) {
                    err.printf(Locale.ROOT, "run %d: member %s left or failed (%s); running it elsewhere%n", todo.get(unit) + 1, member, why);
                    err.flush();
                }

                @Override
                public void inOrder(RunOutcome outcome) {
                    int i = todo.get(outcome.index());
                    CampaignRun r = campaign.runs().get(i);
                    ObjectNode row = CampaignResults.row(i + 1, r, outcome.document(), outcome.member());
                    results.append(row);
                    rows.put(i, row);
                    if (verbose) {
                        err.printf(Locale.ROOT, "run %d %s %s %s%s on %s: best %s after %,d evaluations (%.1f s)%n", i + 1,
                                row.get("workload").asText(), row.get("accelerator").asText(), r.strategy(),
                                r.seed() == null ? "" : " seed " + r.seed(), outcome.member(),
                                SearchReport.scientific(CampaignSummary.value(row)), row.get("evaluations").asLong(),
                                row.get("wall_ms").asLong() / 1000.0);
                        err.flush();
                    }
                }
            });
        } finally {
            if (bar != null) {
                bar.close();
            }
            instance.shutdown();
        }
    }

    /** The embedded member, or a client of the cluster's members. */
    private static HazelcastInstance connect(ClusterSpec clusterSpec) {
        ClusterSpec.quietLogging();
        if (clusterSpec == null) {
            return Hazelcast.newHazelcastInstance(ClusterSpec.embedded().memberConfig(5701, MemberWorker.withScratchDirectory(), false));
        }
        return ClusterOption.connect(clusterSpec);
    }

    /** Creates and locks {@link #out}: one campaign at a time writes there. */
    private DirectoryLock prepareOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BadInputException("--out: cannot create " + out + ": " + e.getMessage(), e);
        }
        DirectoryLock lock = DirectoryLock.acquire(out, "--out", "campaign");
        if (!resume && Files.exists(out.resolve(CampaignResults.JSONL))) {
            lock.close();
            throw new BadInputException("--out: " + out + " already holds " + CampaignResults.JSONL
                    + "; add --resume to continue that campaign, or choose another directory");
        }
        return lock;
    }

    /** The problem a run belongs to: what the summary groups by. */
    private static String problem(CampaignRun r) {
        return String.join("|", r.workloadFile(), r.acceleratorFile(), r.mappingFile(), r.objective(),
                r.tiles() == null ? "" : r.tiles(), r.lpfLimit() == null ? "" : r.lpfLimit().toString());
    }

    private static CampaignSummary summary(Map<String, SearchSetup> setups, Campaign campaign, Map<Integer, ObjectNode> rows) {
        Map<String, List<ObjectNode>> byProblem = new LinkedHashMap<>();
        setups.keySet().forEach(k -> byProblem.put(k, new ArrayList<>()));
        rows.forEach((i, row) -> byProblem.get(problem(campaign.runs().get(i))).add(row));
        List<CampaignSummary.Problem> problems = new ArrayList<>();
        byProblem.forEach((k, rs) -> {
            if (!rs.isEmpty()) {
                problems.add(new CampaignSummary.Problem(setups.get(k), rs));
            }
        });
        return new CampaignSummary(problems);
    }
}
