package org.tessel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.StackCost;

/**
 * Batches of stacks costed on three members in this JVM, on loopback, by a toy worker whose cost is a
 * pure function of the stack: the costs of one machine in batch order, stacks of one route key on one
 * member, and nothing lost when a member is terminated in the middle of its part.
 */
class ClusterStackCosterTest {

    private final List<HazelcastInstance> started = new ArrayList<>();
    /** Which member (its port) each stack was costed on, every time it was. */
    private static final Map<StackSchedule, List<Integer>> COSTED_ON = new ConcurrentHashMap<>();

    @BeforeAll
    static void quiet() {
        ClusterSpec.quietLogging();
    }

    @AfterEach
    void shutDown() {
        started.forEach(HazelcastInstance::shutdown);
        started.clear();
        HazelcastClient.shutdownAll();
        COSTED_ON.clear();
    }

    static StackCost toyCost(StackSchedule s) {
        long h = s.hashCode() & 0xfffff;
        // an odd energy, so that a cost that lost bits on the way would show
        return h % 7 == 0 ? StackCost.infeasible() : new StackCost(1000 + h / 3.0, 10 + h % 97, true);
    }

    static List<StackSchedule> stacks() {
        List<StackSchedule> out = new ArrayList<>();
        for (int first = 0; first < 4; first++) {
            for (int last = first; last < 4; last++) {
                List<Integer> layers = IntStream.rangeClosed(first, last).boxed().toList();
                for (TileSize t : List.of(TileSize.of(4, 4), TileSize.of(8, 2), TileSize.wholeOutput())) {
                    for (OverlapMode m : OverlapMode.values()) {
                        out.add(new StackSchedule(layers, t, m));
                    }
                }
            }
        }
        return out;
    }

    private static RunWorker worker(int port) {
        return new RunWorker() {
            @Override
            public String run(RunSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<StackCost> costStacks(RunSpec problem, List<StackSchedule> batch) {
                batch.forEach(s -> COSTED_ON.computeIfAbsent(s, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(port));
                return batch.stream().map(ClusterStackCosterTest::toyCost).toList();
            }
        };
    }

    static RunSpec problem() {
        ConfigFile w = new ConfigFile("w.yaml", "kind: workload\n".getBytes());
        return new RunSpec(UnitKind.STACK_COSTING, w, w, w, List.of("--lpf-limit", "6"));
    }

    private HazelcastInstance startThree(String name, int[] ports) {
        ClusterSpec spec = new ClusterSpec(name, IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).toList(), ClusterSpec.LOOPBACK);
        for (int p : ports) {
            started.add(Hazelcast.newHazelcastInstance(spec.memberConfig(p, worker(p), false)));
        }
        return HazelcastClient.newHazelcastClient(spec.clientConfig(Duration.ofSeconds(20)));
    }

    @Test
    void threeMembersGiveTheCostsOfOneMachineAndKeepARouteKeyOnOneMember() {
        int[] ports = {ClusterDispatchTest.freePort(), ClusterDispatchTest.freePort(), ClusterDispatchTest.freePort()};
        HazelcastInstance client = startThree("tessel-test-stacks", ports);
        List<StackSchedule> stacks = stacks();
        ClusterStackCoster coster = new ClusterStackCoster(client, problem(), Duration.ofSeconds(10));
        // a search's batches: the first half, then the rest
        List<StackCost> costs = new ArrayList<>(coster.costAll(stacks.subList(0, stacks.size() / 2)));
        costs.addAll(coster.costAll(stacks.subList(stacks.size() / 2, stacks.size())));
        assertEquals(stacks.stream().map(ClusterStackCosterTest::toyCost).toList(), costs);
        assertEquals(stacks.size(), COSTED_ON.size());
        assertTrue(COSTED_ON.values().stream().allMatch(on -> on.size() == 1), "each stack costed once");
        Map<String, Set<Integer>> membersOfKey = new ConcurrentHashMap<>();
        COSTED_ON.forEach((s, on) -> membersOfKey.computeIfAbsent(ClusterStackCoster.tileAndMode(s), k -> ConcurrentHashMap.newKeySet())
                .addAll(on));
        assertTrue(membersOfKey.values().stream().allMatch(m -> m.size() == 1), "one member per route key: " + membersOfKey);
        assertEquals(3, coster.stacksPerMember().size(), "every member costed stacks: " + coster.stacksPerMember());
        assertEquals(stacks.size(), coster.stacksPerMember().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aMemberTerminatedInTheMiddleOfItsPartLosesNoStack() {
        int[] ports = {ClusterDispatchTest.freePort(), ClusterDispatchTest.freePort(), ClusterDispatchTest.freePort()};
        HazelcastInstance client = startThree("tessel-test-stacks-crash", ports);
        HazelcastInstance victim = started.get(1);
        AtomicBoolean crashed = new AtomicBoolean();
        RunWorker honest = worker(ports[1]);
        victim.getUserContext().put(RunWorker.CONTEXT_KEY, new RunWorker() {
            @Override
            public String run(RunSpec spec) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<StackCost> costStacks(RunSpec problem, List<StackSchedule> batch) {
                if (crashed.compareAndSet(false, true)) {
                    new Thread(() -> victim.getLifecycleService().terminate()).start();
                    try {
                        Thread.sleep(5_000); // never answers: its member is gone
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return honest.costStacks(problem, batch);
            }
        });
        List<StackSchedule> stacks = stacks();
        ClusterStackCoster coster = new ClusterStackCoster(client, problem(), Duration.ofSeconds(30));
        List<StackCost> costs = coster.costAll(stacks);
        assertTrue(crashed.get(), "the victim crashed");
        assertEquals(stacks.stream().map(ClusterStackCosterTest::toyCost).toList(), costs, "nothing lost, same costs");
        assertEquals(stacks.size(), coster.stacksPerMember().values().stream().mapToLong(Long::longValue).sum(),
                "each stack's cost taken once");
        assertFalse(coster.stacksPerMember().containsKey("127.0.0.1:" + ports[1]), "the victim returned nothing");
        // the next batch goes to the two members left
        assertEquals(stacks.subList(0, 10).stream().map(ClusterStackCosterTest::toyCost).toList(), coster.costAll(stacks.subList(0, 10)));
    }

    @Test
    void aFailedBatchStopsTheSearchWithItsMessage() {
        HazelcastInstance m = Hazelcast.newHazelcastInstance(ClusterSpec.embedded().memberConfig(5701, s -> "{}", false));
        started.add(m);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ClusterStackCoster(m, problem(), Duration.ofSeconds(5)).costAll(stacks().subList(0, 3)));
        assertTrue(e.getMessage().startsWith("costing stacks failed on member 127.0.0.1:")
                && e.getMessage().endsWith("UnsupportedOperationException: this member's worker costs no stacks"), e.getMessage());
    }
}
