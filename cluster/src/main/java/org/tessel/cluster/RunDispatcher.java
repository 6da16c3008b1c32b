package org.tessel.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands work units to the cluster's members and collects the results in unit order: whole runs,
 * one per member at a time; or sweep points, as many per member at a time as it has cores ({@link
 * ClusterSpec#CORES}). A member that leaves (or whose call fails) gets no more units from this
 * dispatcher, and its unfinished units go back to the front of the queue for another member; a
 * result is taken once per unit, so none is lost and none is reported twice. Members that join
 * mid-way get units too.
 *
 * @param instance the coordinator's Hazelcast instance (the embedded member, or a client)
 * @param waitForMembers how long to wait for a member when none is left before giving up
 * @param executor the members' executor the units run on ({@link ClusterSpec#EXECUTOR} or {@link ClusterSpec#POINTS_EXECUTOR})
 * @param unitPerCore true to keep as many units on a member as it has cores, false for one
 */
public record RunDispatcher(HazelcastInstance instance, Duration waitForMembers, String executor, boolean unitPerCore) {

    /** A dispatcher of whole runs: one at a time per member, on {@link ClusterSpec#EXECUTOR}. */
    public RunDispatcher(HazelcastInstance instance, Duration waitForMembers) {
        this(instance, waitForMembers, ClusterSpec.EXECUTOR, false);
    }

    /** A dispatcher of sweep points: a point per core of each member, on {@link ClusterSpec#POINTS_EXECUTOR}. */
    public static RunDispatcher forPoints(HazelcastInstance instance, Duration waitForMembers) {
        return new RunDispatcher(instance, waitForMembers, ClusterSpec.POINTS_EXECUTOR, true);
    }

    /** Attempts per unit before the campaign stops: a unit that kills every member it touches is not retried forever. */
    static final int MAX_ATTEMPTS = 4;

    /** What the caller hears while the units run. */
    public interface Listener {
        /** A unit went to a member. */
        default void started(int index, String member) {}

        /** A unit came back (any order: for progress). */
        default void finished(RunOutcome outcome) {}

        /** A unit's member left or failed; the unit will run elsewhere. */
        default void requeued(int index, String member, String why) {}

        /** The next result in unit order: called for 0, 1, 2, ... on the dispatching thread. */
        void inOrder(RunOutcome outcome);
    }

    /** A unit's call came back. */
    private record Completion(int index, Member member, RunOutcome outcome, Throwable failure) {}

    /**
     * Runs {@code units} and returns their results in order.
     *
     * @throws IllegalStateException if a run fails on its member, a unit fails {@value #MAX_ATTEMPTS} times, or
     *     no member is left for longer than {@link #waitForMembers}
     */
    public List<RunOutcome> run(List<RunSpec> units, Listener listener) {
        IExecutorService executor = instance.getExecutorService(this.executor);
        Deque<Integer> pending = new ArrayDeque<>();
        for (int i = 0; i < units.size(); i++) {
            pending.add(i);
        }
        BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        // units on each member's way or in its hands
        Map<UUID, Integer> busy = new HashMap<>();
        // members whose call failed: they left, or are leaving; the member list may still show them for a moment
        Set<UUID> failed = new HashSet<>();
        Map<Integer, Integer> attempts = new HashMap<>();
        TreeMap<Integer, RunOutcome> waiting = new TreeMap<>();
        List<RunOutcome> results = new ArrayList<>(units.size());
        long idleSince = System.nanoTime();
        while (results.size() < units.size()) {
            List<Member> workers = instance.getCluster().getMembers().stream()
                    .filter(m -> !m.isLiteMember() && !failed.contains(m.getUuid())).toList();
            for (Member m : workers) {
                while (!pending.isEmpty() && busy.getOrDefault(m.getUuid(), 0) < slots(m)) {
                    int index = pending.poll();
                    busy.merge(m.getUuid(), 1, Integer::sum);
                    attempts.merge(index, 1, Integer::sum);
                    listener.started(index, ClusterSpec.address(m));
                    submit(executor, new RunTask(index, units.get(index)), m, completions);
                }
            }
            if (busy.isEmpty() && !pending.isEmpty()) {
                if (System.nanoTime() - idleSince > waitForMembers.toNanos()) {
                    throw new IllegalStateException("no member left to run on for " + waitForMembers.toSeconds() + " s; "
                            + pending.size() + " unit(s) not done");
                }
            } else {
                idleSince = System.nanoTime();
            }
            Completion c;
            try {
                // wake up now and then: members may have joined
                c = completions.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted with " + (units.size() - results.size()) + " run(s) not done", e);
            }
            if (c == null) {
                continue;
            }
            busy.computeIfPresent(c.member().getUuid(), (m, n) -> n == 1 ? null : n - 1);
            if (c.failure() != null) {
                // the member left or the call failed on the way: the unit goes to another member
                String why = c.failure().getClass().getSimpleName() + ": " + c.failure().getMessage();
                if (attempts.get(c.index()) >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("run " + (c.index() + 1) + " failed " + MAX_ATTEMPTS + " times, last on "
                            + ClusterSpec.address(c.member()) + " (" + why + ")");
                }
                failed.add(c.member().getUuid());
                listener.requeued(c.index(), ClusterSpec.address(c.member()), why);
                pending.addFirst(c.index());
                continue;
            }
            RunOutcome outcome = c.outcome();
            if (!outcome.succeeded()) {
                throw new IllegalStateException("run " + (c.index() + 1) + " failed on member " + outcome.member() + ": "
                        + outcome.error());
            }
            listener.finished(outcome);
            waiting.put(outcome.index(), outcome);
            while (!waiting.isEmpty() && waiting.firstKey() == results.size()) {
                RunOutcome next = waiting.pollFirstEntry().getValue();
                results.add(next);
                listener.inOrder(next);
            }
        }
        return List.copyOf(results);
    }

    /** How many units a member is given at once. */
    private int slots(Member member) {
        if (!unitPerCore) {
            return 1;
        }
        String cores = member.getAttribute(ClusterSpec.CORES);
        try {
            return cores == null ? 1 : Math.max(1, Integer.parseInt(cores));
        } catch (NumberFormatException unknown) {
            return 1; // a member that does not say
        }
    }

    private static void submit(IExecutorService executor, RunTask task, Member member, BlockingQueue<Completion> completions) {
        int index = task.index();
        try {
            executor.submitToMember(task, member, new ExecutionCallback<RunOutcome>() {
                @Override
                public void onResponse(RunOutcome response) {
                    completions.add(new Completion(index, member, response, null));
                }

                @Override
                public void onFailure(Throwable t) {
                    completions.add(new Completion(index, member, null, t));
                }
            });
        } catch (RuntimeException e) {
            // the member is gone before the call left
            completions.add(new Completion(index, member, null, e));
        }
    }
}
