package org.tessel.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.StackBatchCoster;
import org.tessel.model.search.StackCost;

/**
 * Costs a search run's batches of stacks on the cluster's members: each batch is split by member,
 * every part goes to its member in one call, and the costs come back in batch order. The search
 * itself (the dynamic programme, branch and bound, the budget, the stack memo) stays on the
 * coordinator ({@link org.tessel.model.search.SearchProgress}); members only cost.
 *
 * <p>Routing: a stack goes to the owner of the Hazelcast partition of its <em>route key</em>, its
 * tile size and overlap mode. The layer-tiles of a stack are what a member memoises, and they are
 * determined by the tile, the mode and the layers below each one down to the stack's output, so
 * stacks of one tile and mode share most of them (every stack ending at the same layer shares the
 * layer-tiles of their common layers, and on a network of repeated layers, as dmcnnvd, so do stacks
 * ending elsewhere); the stacks of one unit span, which differ in tile and mode, share few. The key
 * also spreads a batch, whose stacks are of few spans, over the members.
 *
 * <p>Nothing lost, nothing twice: a part whose member leaves or fails is routed again over the
 * members left (the partition's new owner) and its stacks' costs are taken once, from whichever
 * call returns them. A member that fails is given no more parts by this coster. Every stack's cost
 * is a pure function of the stack and the problem, so the batch's costs are those of one machine.
 */
public final class ClusterStackCoster implements StackBatchCoster {

    /** Calls of one stack before the search fails: a stack that kills every member it touches is not retried forever. */
    static final int MAX_ATTEMPTS = 4;

    private final HazelcastInstance instance;
    private final RunSpec problem;
    private final Duration waitForMembers;
    private final Function<StackSchedule, String> route;
    private final Set<UUID> failed = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> perMember = new ConcurrentHashMap<>();
    /** Batches costed and the wall time spent waiting for them (nanoseconds). */
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong waited = new AtomicLong();

    /**
     * @param instance the coordinator's Hazelcast instance (a client of the cluster)
     * @param problem the costing problem ({@link UnitKind#STACK_COSTING}): files and options each member builds its evaluator from
     * @param waitForMembers how long to wait for a member when none is left before the search fails
     */
    public ClusterStackCoster(HazelcastInstance instance, RunSpec problem, Duration waitForMembers) {
        this(instance, problem, waitForMembers, ClusterStackCoster::tileAndMode);
    }

    ClusterStackCoster(HazelcastInstance instance, RunSpec problem, Duration waitForMembers, Function<StackSchedule, String> route) {
        if (problem.kind() != UnitKind.STACK_COSTING) {
            throw new IllegalArgumentException("a stack coster needs a STACK_COSTING problem, got " + problem.kind());
        }
        this.instance = instance;
        this.problem = problem;
        this.waitForMembers = waitForMembers;
        this.route = route;
    }

    /** The route key of a stack: its tile size and overlap mode (see the class comment). */
    static String tileAndMode(StackSchedule stack) {
        return stack.tile() + "|" + stack.mode().cliName();
    }

    /** A part of a batch on its way: its member, the positions of its stacks in the batch, the call. */
    private record Part(Member member, List<Integer> positions, Future<StackBatchOutcome> call) {}

    @Override
    public List<StackCost> costAll(List<StackSchedule> stacks) {
        long start = System.nanoTime();
        List<StackCost> costs = costOnMembers(stacks);
        batches.incrementAndGet();
        waited.addAndGet(System.nanoTime() - start);
        return costs;
    }

    /** Batches costed so far, and the wall time the search waited for them: where a distributed search's time goes. */
    public String batchSummary() {
        long n = batches.get();
        return String.format(Locale.ROOT, "%,d batches, %.1f s waited for them (%.1f ms each)", n, waited.get() / 1e9,
                n == 0 ? 0 : waited.get() / 1e6 / n);
    }

    private List<StackCost> costOnMembers(List<StackSchedule> stacks) {
        StackCost[] costs = new StackCost[stacks.size()];
        int[] attempts = new int[stacks.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            todo.add(i);
        }
        IExecutorService executor = instance.getExecutorService(ClusterSpec.STACKS_EXECUTOR);
        long idleSince = System.nanoTime();
        while (!todo.isEmpty()) {
            List<Member> live = liveMembers();
            if (live.isEmpty()) {
                if (System.nanoTime() - idleSince > waitForMembers.toNanos()) {
                    throw new IllegalStateException("no member left to cost stacks on for " + waitForMembers.toSeconds() + " s");
                }
                sleep();
                continue;
            }
            idleSince = System.nanoTime();
            Map<Member, List<Integer>> byMember = new LinkedHashMap<>();
            for (int i : todo) {
                if (++attempts[i] > MAX_ATTEMPTS) {
                    throw new IllegalStateException("stack " + stacks.get(i) + " failed " + MAX_ATTEMPTS + " times on the members");
                }
                byMember.computeIfAbsent(target(stacks.get(i), live), m -> new ArrayList<>()).add(i);
            }
            List<Part> parts = new ArrayList<>();
            byMember.forEach((member, positions) -> {
                StackBatchTask task = new StackBatchTask(problem, positions.stream().map(stacks::get).toList());
                Future<StackBatchOutcome> call;
                try {
                    call = executor.submitToMember(task, member);
                } catch (RuntimeException gone) {
                    call = java.util.concurrent.CompletableFuture.failedFuture(gone);
                }
                parts.add(new Part(member, positions, call));
            });
            todo = new ArrayList<>();
            for (Part part : parts) {
                StackBatchOutcome outcome;
                try {
                    outcome = part.call().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while members cost stacks", e);
                } catch (ExecutionException e) {
                    // the member left or the call failed on the way: its stacks go to the members left
                    failed.add(part.member().getUuid());
                    todo.addAll(part.positions());
                    continue;
                }
                if (outcome.error() != null) {
                    throw new IllegalStateException("costing stacks failed on member " + outcome.member() + ": " + outcome.error());
                }
                List<StackCost> got = outcome.costs();
                for (int j = 0; j < got.size(); j++) {
                    costs[part.positions().get(j)] = got.get(j);
                }
                perMember.merge(outcome.member(), (long) got.size(), Long::sum);
            }
            todo.sort(Comparator.naturalOrder());
        }
        return List.of(costs);
    }

    /** Stacks costed so far per member ({@code host:port}), in address order. */
    public Map<String, Long> stacksPerMember() {
        return new TreeMap<>(perMember);
    }

    /** The data members that have not failed a call of this coster, in a fixed order. */
    private List<Member> liveMembers() {
        return instance.getCluster().getMembers().stream().filter(m -> !m.isLiteMember() && !failed.contains(m.getUuid()))
                .sorted(Comparator.comparing(Member::getUuid)).toList();
    }

    /** The owner of the stack's route key if it is live, else a live member chosen by the key alone. */
    private Member target(StackSchedule stack, List<Member> live) {
        String key = route.apply(stack);
        Partition partition = instance.getPartitionService().getPartition(key);
        Member owner = partition == null ? null : partition.getOwner();
        if (owner != null) {
            for (Member m : live) {
                if (m.getUuid().equals(owner.getUuid())) {
                    return m;
                }
            }
        }
        return live.get(Math.floorMod(key.hashCode(), live.size()));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a member", e);
        }
    }
}
