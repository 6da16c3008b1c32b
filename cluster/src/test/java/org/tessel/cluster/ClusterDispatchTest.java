package org.tessel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work units on real Hazelcast members in this JVM, on loopback, with a toy worker whose result is a
 * pure function of the unit: the same results in the same order on one embedded member and on three,
 * none lost or repeated when a member is terminated mid-run, and a member or client of another
 * cluster name refused.
 */
class ClusterDispatchTest {

    private final List<HazelcastInstance> started = new ArrayList<>();
    /** Units that began on some member (a unit may begin twice if its member dies). */
    private static final Set<String> BEGUN = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void quiet() {
        ClusterSpec.quietLogging();
    }

    @AfterEach
    void shutDown() {
        started.forEach(HazelcastInstance::shutdown);
        started.clear();
        HazelcastClient.shutdownAll();
    }

    /** A result that depends on the unit only (its options), after a little work. */
    static String toy(RunSpec spec) {
        BEGUN.add(spec.options().getFirst());
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long h = String.join(",", spec.options()).hashCode() * 31L + spec.workload().fingerprint().hashCode();
        return "{\"unit\":\"" + spec.options().getFirst() + "\",\"value\":" + h + "}";
    }

    static List<RunSpec> units(int n) {
        ConfigFile w = new ConfigFile("w.yaml", "kind: workload\n".getBytes());
        return IntStream.range(0, n).mapToObj(i -> new RunSpec(w, w, w, List.of("u" + i, "--seed", Integer.toString(i)))).toList();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HazelcastInstance member(ClusterSpec spec, int port, RunWorker worker) {
        HazelcastInstance m = Hazelcast.newHazelcastInstance(spec.memberConfig(port, worker, false));
        started.add(m);
        return m;
    }

    private static List<String> documents(List<RunOutcome> outcomes) {
        return outcomes.stream().map(RunOutcome::document).toList();
    }

    private List<RunOutcome> embedded(List<RunSpec> units) {
        HazelcastInstance m = member(ClusterSpec.embedded(), 5701, ClusterDispatchTest::toy);
        return new RunDispatcher(m, Duration.ofSeconds(10)).run(units, o -> {});
    }

    private static ClusterSpec threeMembers(String name, int[] ports) {
        return new ClusterSpec(name, IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).toList(), ClusterSpec.LOOPBACK);
    }

    @Test
    void threeMembersGiveTheResultsOfOneInTheSameOrder() {
        List<RunSpec> units = units(9);
        List<String> alone = documents(embedded(units));
        assertEquals(9, alone.size());
        int[] ports = {freePort(), freePort(), freePort()};
        ClusterSpec spec = threeMembers("tessel-test-three", ports);
        for (int p : ports) {
            member(spec, p, ClusterDispatchTest::toy);
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(spec.clientConfig(Duration.ofSeconds(20)));
        List<Integer> order = new ArrayList<>();
        Set<String> members = ConcurrentHashMap.newKeySet();
        List<RunOutcome> outcomes = new RunDispatcher(client, Duration.ofSeconds(10)).run(units, new RunDispatcher.Listener() {
            @Override
            public void finished(RunOutcome outcome) {
                members.add(outcome.member());
            }

            @Override
            public void inOrder(RunOutcome outcome) {
                order.add(outcome.index());
            }
        });
        assertEquals(alone, documents(outcomes));
        assertEquals(IntStream.range(0, 9).boxed().toList(), order);
        assertEquals(3, members.size(), "every member ran units: " + members);
    }

    @Test
    void aMemberTerminatedMidRunLosesNothingAndRepeatsNothing() {
        List<RunSpec> units = units(12);
        List<String> alone = documents(embedded(units));
        int[] ports = {freePort(), freePort(), freePort()};
        ClusterSpec spec = threeMembers("tessel-test-crash", ports);
        AtomicBoolean crashed = new AtomicBoolean();
        List<HazelcastInstance> members = new ArrayList<>();
        for (int p : ports) {
            members.add(member(spec, p, ClusterDispatchTest::toy));
        }
        HazelcastInstance victim = members.get(1);
        String victimAddress = ClusterSpec.address(victim.getCluster().getLocalMember());
        // the victim's worker: terminates its own member in the middle of its second unit, abruptly
        HazelcastInstance client = HazelcastClient.newHazelcastClient(spec.clientConfig(Duration.ofSeconds(20)));
        victim.getUserContext().put(RunWorker.CONTEXT_KEY, (RunWorker) s -> {
            if (BEGUN.contains("victim-once") && crashed.compareAndSet(false, true)) {
                new Thread(() -> victim.getLifecycleService().terminate()).start();
                try {
                    Thread.sleep(5_000); // never answers: its member is gone
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            BEGUN.add("victim-once");
            return toy(s);
        });
        List<Integer> requeued = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        List<RunOutcome> outcomes = new RunDispatcher(client, Duration.ofSeconds(30)).run(units, new RunDispatcher.Listener() {
            @Override
            public void requeued(int index, String member, String why) {
                requeued.add(index);
            }

            @Override
            public void inOrder(RunOutcome outcome) {
                order.add(outcome.index());
            }
        });
        assertTrue(crashed.get(), "the victim crashed");
        assertEquals(1, requeued.size(), "the victim's unfinished unit went elsewhere: " + requeued);
        assertEquals(alone, documents(outcomes), "nothing lost, nothing repeated, same results");
        assertEquals(IntStream.range(0, 12).boxed().toList(), order);
        assertTrue(outcomes.stream().noneMatch(o -> o.index() == requeued.getFirst() && o.member().equals(victimAddress)));
    }

    @Test
    void aMemberOrClientOfAnotherClusterNameIsRefused() {
        int[] ports = {freePort(), freePort()};
        ClusterSpec lab = threeMembers("tessel-lab", ports);
        ClusterSpec other = new ClusterSpec("other-lab", lab.members(), ClusterSpec.LOOPBACK);
        HazelcastInstance a = member(lab, ports[0], ClusterDispatchTest::toy);
        HazelcastInstance b = member(other, ports[1], ClusterDispatchTest::toy);
        assertEquals(1, a.getCluster().getMembers().size(), "the lab member stays alone");
        assertEquals(1, b.getCluster().getMembers().size(), "the other-named member is not let in");
        ClusterSpec wrongName = new ClusterSpec("nobody", List.of(lab.members().getFirst()), ClusterSpec.LOOPBACK);
        assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(wrongName.clientConfig(Duration.ofSeconds(3))));
    }

    @Test
    void aFailedRunStopsTheCampaignWithItsMessage() {
        HazelcastInstance m = member(ClusterSpec.embedded(), 5701, s -> {
            throw new IllegalArgumentException("bad unit\nsecond line");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RunDispatcher(m, Duration.ofSeconds(5)).run(units(2), o -> {}));
        assertTrue(e.getMessage().contains("run 1 failed on member 127.0.0.1:") && e.getMessage().endsWith(
                "IllegalArgumentException: bad unit second line"), e.getMessage());
    }
}
