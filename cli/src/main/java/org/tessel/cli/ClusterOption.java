package org.tessel.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.time.Duration;
import org.tessel.cluster.ClusterSpec;
import org.tessel.model.BadInputException;
import picocli.CommandLine.Option;

/**
 * {@code --cluster FILE} of {@code sweep} and {@code search}: spread the work over the members of a
 * cluster ({@code kind: cluster}, started with {@code tessel member}), the coordinating command
 * joining as a client. Without it, nothing changes: the work runs in this process. A mixin.
 */
final class ClusterOption {

    /** How long a command waits for a member when every member has left. */
    static final Duration MEMBER_WAIT = Duration.ofSeconds(60);

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "spread the work over the members of this cluster (kind: cluster; start them with tessel member)")
    Path file;

    /** True if {@code --cluster} was given. */
    boolean requested() {
        return file != null;
    }

    /**
     * Reads the cluster file.
     *
     * @throws org.tessel.model.config.ConfigException naming the file, the field and the reason
     */
    ClusterSpec spec() {
        return ClusterSpec.read(file);
    }

    /**
     * A client of the cluster's members.
     *
     * @throws BadInputException if no member answers (or all refuse this cluster name)
     */
    static HazelcastInstance connect(ClusterSpec spec) {
        ClusterSpec.quietLogging();
        try {
            return HazelcastClient.newHazelcastClient(spec.clientConfig());
        } catch (IllegalStateException e) {
            throw new BadInputException("--cluster: cannot reach a member of cluster '" + spec.name() + "' at "
                    + String.join(", ", spec.members()) + " (are they started with tessel member, with this cluster name?)", e);
        }
    }
}
