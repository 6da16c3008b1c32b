package org.tessel.cli;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tessel.cluster.ClusterSpec;
import org.tessel.model.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessel member --cluster FILE --port N}: a worker member of a Tessel cluster. It runs the
 * work units that coordinators send it ({@link MemberWorker}: campaign runs, sweep points, batches of
 * stacks) until it is stopped (Ctrl-C).
 */
@Command(
        name = "member",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Starts a worker member of a cluster (kind: cluster): it listens on the file's bind address and PORT only, joins",
            "the members the file lists (TCP/IP, no multicast), and runs the work of the commands given --cluster: whole",
            "search runs of tessel campaign (one at a time), points of tessel sweep (one per core) and batches of stacks of",
            "tessel search --strategy exhaustive, until stopped with Ctrl-C. Members with another cluster name are refused."
        })
final class MemberCommand implements Callable<Integer> {

    @Option(names = "--cluster", required = true, paramLabel = "FILE", description = "the cluster file (kind: cluster)")
    Path cluster;

    @Option(names = "--port", required = true, paramLabel = "N", description = "the port to listen on")
    int port;

    @Option(names = "--quiet", description = "no Hazelcast log on standard error")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65535) {
            throw new BadInputException("--port must be from 1 to 65535, got " + port);
        }
        ClusterSpec clusterSpec = ClusterSpec.read(cluster);
        PrintWriter out = spec.commandLine().getOut();
        if (!clusterSpec.members().contains(clusterSpec.bind() + ":" + port)) {
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: %s:%d is not in the members of %s: the others will not find "
                    + "this member, it has to find them%n", clusterSpec.bind(), port, cluster);
            spec.commandLine().getErr().flush();
        }
        if (quiet) {
            ClusterSpec.quietLogging();
        }
        HazelcastInstance member;
        try {
            member = Hazelcast.newHazelcastInstance(clusterSpec.memberConfig(port, MemberWorker.withScratchDirectory(), !quiet));
        } catch (RuntimeException e) {
            throw new BadInputException("cannot start a member on " + clusterSpec.bind() + ":" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        out.printf(Locale.ROOT, "member of cluster '%s' on %s:%d; %d member(s) now; Ctrl-C stops it%n", clusterSpec.name(),
                clusterSpec.bind(), port, member.getCluster().getMembers().size());
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
