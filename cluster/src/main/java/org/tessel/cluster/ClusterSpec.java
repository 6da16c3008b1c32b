package org.tessel.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.CompactSerializationConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.tessel.model.config.ConfigDocument;
import org.tessel.model.config.ConfigKind;
import org.tessel.model.config.ConfigNode;

/**
 * A Tessel cluster as its {@code kind: cluster} file describes it, and the Hazelcast configurations
 * of its members and of a coordinator that joins it as a client. Every member listens on the
 * {@code bind} address only, finds the others through the explicit TCP/IP list (no multicast, no
 * cloud discovery, no auto-detection), never phones home, and accepts Tessel's own work-unit types
 * only (Compact serialization; Java serialization filtered to Hazelcast's and the JDK's own classes).
 * A member or client with another cluster name is refused by Hazelcast's join check.
 *
 * @param name the cluster name; members of another name are refused
 * @param members the members' addresses, {@code host:port}; empty for the embedded single member
 * @param bind the address members listen on (default loopback)
 */
public record ClusterSpec(String name, List<String> members, String bind) {

    /** The executor that runs whole search runs on every member, one at a time. */
    public static final String EXECUTOR = "tessel-runs";

    /** The executor that runs sweep points on every member, as many at a time as the member has cores. */
    public static final String POINTS_EXECUTOR = "tessel-points";

    /** The executor that costs batches of stacks (each batch on all the member's cores). */
    public static final String STACKS_EXECUTOR = "tessel-stacks";

    /** The member attribute that says how many cores a member has (how many sweep points it is given at once). */
    public static final String CORES = "tessel.cores";

    /** Loopback: nothing outside the machine can reach a member unless the file says so. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9a-fA-F:]+]):(\\d{1,5})");

    public ClusterSpec {
        members = List.copyOf(members);
    }

    /** A single member inside this process, joining nobody: what runs when no cluster file is given. */
    public static ClusterSpec embedded() {
        return new ClusterSpec("tessel-embedded-" + UUID.randomUUID(), List.of(), LOOPBACK);
    }

    /**
     * Reads a {@code kind: cluster} file.
     *
     * @throws org.tessel.model.config.ConfigException naming the file, the field and the reason
     */
    public static ClusterSpec read(Path file) {
        ConfigNode root = ConfigDocument.read(file).rootOf(ConfigKind.CLUSTER).allowOnly("kind", "name", "members", "bind");
        ConfigNode nameNode = root.get("name");
        String name = nameNode.text();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.error("must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit; got '" + name + "'");
        }
        List<String> members = new ArrayList<>();
        for (ConfigNode m : root.get("members").nonEmptyElements()) {
            String address = m.text().strip();
            var match = HOST_PORT.matcher(address);
            if (!match.matches() || Integer.parseInt(match.group(2)) < 1 || Integer.parseInt(match.group(2)) > 65535) {
                throw m.error("must be HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:5801; got '" + address + "'");
            }
            if (members.contains(address)) {
                throw m.error("lists " + address + " twice");
            }
            members.add(address);
        }
        String bind = LOOPBACK;
        if (root.find("bind").isPresent()) {
            ConfigNode b = root.get("bind");
            bind = b.text().strip();
            if (bind.equals("0.0.0.0") || bind.equals("::") || bind.contains("*")) {
                throw b.error("must be one address of this machine (a wildcard would listen everywhere); got '" + bind + "'");
            }
        }
        return new ClusterSpec(name, members, bind);
    }

    /** True for the in-process single member, which joins nobody. */
    public boolean isEmbedded() {
        return members.isEmpty();
    }

    /**
     * The configuration of a member that runs work units with {@code worker}.
     *
     * @param port the port to listen on; for the embedded member the first free one from 5701
     * @param logging true to let Hazelcast log (a member started by {@code tessel member}), false for none
     */
    public Config memberConfig(int port, RunWorker worker, boolean logging) {
        Config config = new Config();
        config.setClusterName(name);
        common(config.getProperties(), logging);
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a member that stops answering is dropped within half a minute (a killed process at once: its
        // connections close), and its unit re-runs elsewhere
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "30");
        config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(isEmbedded());
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(bind));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(!isEmbedded()).setMembers(members);
        int cores = Runtime.getRuntime().availableProcessors();
        config.getExecutorConfig(EXECUTOR).setPoolSize(1).setStatisticsEnabled(false);
        config.getExecutorConfig(POINTS_EXECUTOR).setPoolSize(cores).setStatisticsEnabled(false);
        // a batch is split by member already; a member costs its part on all its cores itself
        config.getExecutorConfig(STACKS_EXECUTOR).setPoolSize(2).setStatisticsEnabled(false);
        config.getMemberAttributeConfig().setAttribute(CORES, Integer.toString(cores));
        register(config.getSerializationConfig());
        config.setUserContext(new ConcurrentHashMap<>(Map.of(RunWorker.CONTEXT_KEY, worker)));
        return config;
    }

    /** The configuration of a coordinator that joins as a client: it runs nothing, members do. */
    public ClientConfig clientConfig() {
        return clientConfig(java.time.Duration.ofSeconds(20));
    }

    /** {@link #clientConfig()} giving up after {@code connectTimeout} if no member answers (or all refuse it). */
    public ClientConfig clientConfig(java.time.Duration connectTimeout) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(name);
        common(config.getProperties(), false);
        config.getNetworkConfig().setAddresses(members).setSmartRouting(true);
        // a cluster that cannot be reached is an error within seconds, not a wait without end
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectTimeout.toMillis());
        register(config.getSerializationConfig());
        return config;
    }

    /**
     * No Hazelcast log in this process (a campaign reports what matters itself), unless the user chose a
     * logging type with {@code -Dhazelcast.logging.type}. A system property, because Hazelcast's first
     * log lines come before any configuration is read.
     */
    public static void quietLogging() {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
    }

    /** {@code host:port} of a member. */
    public static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    private static void common(java.util.Properties properties, boolean logging) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.logging.type", logging ? "jdk" : "none");
        properties.setProperty("hazelcast.health.monitoring.level", "OFF");
    }

    /** Tessel's work-unit types as Compact records; Java serialization only for the JDK's and Hazelcast's own classes. */
    private static void register(SerializationConfig serialization) {
        CompactSerializationConfig compact = serialization.getCompactSerializationConfig();
        compact.addSerializer(new ConfigFile.Serializer());
        compact.addSerializer(new RunSpec.Serializer());
        compact.addSerializer(new RunTask.Serializer());
        compact.addSerializer(new RunOutcome.Serializer());
        compact.addSerializer(new StackBatchTask.Serializer());
        compact.addSerializer(new StackBatchOutcome.Serializer());
        serialization.setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
    }
}
