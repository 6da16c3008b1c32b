package org.tessel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessel.model.config.ConfigException;

/** Campaign and cluster files: the cross product in its fixed order, and one-line errors naming file, field and reason. */
class CampaignFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private Path campaign(String entry) throws IOException {
        write("w/net.yaml", "kind: workload\n");
        write("a/acc.yaml", "kind: accelerator\n");
        write("m/map.yaml", "kind: spatial-mapping\n");
        return write("c/campaign.yaml", "kind: campaign\nruns:\n  - workload: ../w/net.yaml\n    accelerator: ../a/acc.yaml\n"
                + "    mapping: ../m/map.yaml\n" + entry);
    }

    @Test
    void crossProductInCampaignOrderWithOneExhaustiveRunPerProblem() throws IOException {
        Campaign c = Campaign.read(campaign("    strategy: [exhaustive, genetic]\n    objective: [energy, latency]\n"
                + "    budget_evals: [10, 20]\n    seed: [1, 2]\n"));
        // per objective: 1 exhaustive + 2 budgets x 2 seeds genetic
        assertEquals(2 * (1 + 4), c.runs().size());
        CampaignRun first = c.runs().getFirst();
        assertEquals("exhaustive", first.strategy());
        assertNull(first.seed());
        assertNull(first.budgetEvals());
        assertEquals(dir.resolve("w/net.yaml").toAbsolutePath().normalize(), first.workload());
        assertEquals("../w/net.yaml", first.workloadFile());
        CampaignRun second = c.runs().get(1);
        assertEquals(List.of("genetic", "energy", 10L, 1L), List.of(second.strategy(), second.objective(), second.budgetEvals(),
                second.seed()));
        assertEquals(List.of("--strategy", "genetic", "--objective", "energy", "--budget-evals", "10", "--seed", "1", "--no-baseline"),
                second.options());
        assertEquals("latency", c.runs().get(5).objective());
        assertEquals(c.runs().size(), c.runs().stream().map(CampaignRun::key).distinct().count());
        assertFalse(first.baseline());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "strategy: [greedy];budget_evals: 5|runs[0].strategy[0]: unknown strategy 'greedy' (choose from exhaustive, genetic, constraint)",
        "strategy: genetic|runs[0]: missing field 'budget_evals' (every strategy but exhaustive needs an evaluation budget",
        "strategy: genetic;budget_evals: 0|runs[0].budget_evals: must be positive, got 0",
        "strategy: genetic;budget_evals: 5;seeds: [1]|runs[0].seeds: unknown field 'seeds'",
        "strategy: genetic;budget_evals: 5;objective: power|runs[0].objective: unknown objective 'power'",
        "strategy: [genetic, genetic];budget_evals: 5|runs[0].strategy[1]: lists 'genetic' twice",
        "strategy: genetic;budget_evals: 5;baseline: maybe|runs[0].baseline: must be true or false",
    })
    void badEntriesAreOneLineErrors(String entry, String message) throws IOException {
        // entries are written on one line, fields separated by ';'
        Path file = campaign(("    " + entry).replace(";", "\n    ") + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Campaign.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingFilesAreNamedWithTheirField() throws IOException {
        Path file = write("c.yaml", "kind: campaign\nruns:\n  - workload: nothing.yaml\n    accelerator: x\n    mapping: y\n"
                + "    strategy: exhaustive\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Campaign.read(file));
        assertTrue(e.getMessage().startsWith(file + ": runs[0].workload: no such file: "), e.getMessage());
        Path wrongKind = write("k.yaml", "kind: cluster\nname: x\nmembers: [127.0.0.1:5801]\n");
        assertTrue(assertThrows(ConfigException.class, () -> Campaign.read(wrongKind)).getMessage()
                .contains("expected a file of kind 'campaign', this one is 'cluster'"));
    }

    @Test
    void clusterFileDefaultsToLoopbackAndRefusesWildcardsAndBadAddresses() throws IOException {
        ClusterSpec spec = ClusterSpec.read(write("ok.yaml", "kind: cluster\nname: tessel-lab\nmembers: [127.0.0.1:5801, 127.0.0.1:5802]\n"));
        assertEquals(new ClusterSpec("tessel-lab", List.of("127.0.0.1:5801", "127.0.0.1:5802"), "127.0.0.1"), spec);
        Path wildcard = write("any.yaml", "kind: cluster\nname: lab\nmembers: [127.0.0.1:5801]\nbind: 0.0.0.0\n");
        assertTrue(assertThrows(ConfigException.class, () -> ClusterSpec.read(wildcard)).getMessage()
                .startsWith(wildcard + ": bind: must be one address of this machine"));
        Path port = write("port.yaml", "kind: cluster\nname: lab\nmembers: [127.0.0.1:70000]\n");
        assertTrue(assertThrows(ConfigException.class, () -> ClusterSpec.read(port)).getMessage()
                .startsWith(port + ": members[0]: must be HOST:PORT"));
        Path multicast = write("mc.yaml", "kind: cluster\nname: lab\nmembers: [127.0.0.1:5801]\nmulticast: true\n");
        assertTrue(assertThrows(ConfigException.class, () -> ClusterSpec.read(multicast)).getMessage()
                .startsWith(multicast + ": multicast: unknown field 'multicast'"));
    }
}
