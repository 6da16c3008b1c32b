package org.tessel.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.concurrent.Callable;

/**
 * A work unit on its way to a member's executor: the unit's index and its {@link RunSpec}. On the
 * member it hands the spec to the member's own {@link RunWorker} (from the user context).
 */
final class RunTask implements Callable<RunOutcome>, HazelcastInstanceAware {

    private final int index;
    private final RunSpec spec;
    private transient HazelcastInstance member;

    RunTask(int index, RunSpec spec) {
        this.index = index;
        this.spec = spec;
    }

    /** The unit's position in the campaign. */
    int index() {
        return index;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public RunOutcome call() {
        String where = ClusterSpec.address(member.getCluster().getLocalMember());
        try {
            if (!(member.getUserContext().get(RunWorker.CONTEXT_KEY) instanceof RunWorker worker)) {
                return new RunOutcome(index, where, null, "member " + where + " has no run worker (not started by tessel member)");
            }
            return new RunOutcome(index, where, worker.run(spec), null);
        } catch (RuntimeException | Error e) {
            // the failure goes back as text: no exception object is serialized
            String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            return new RunOutcome(index, where, null, e.getClass().getSimpleName() + ": " + message);
        }
    }

    /** Compact serialization. */
    static final class Serializer implements CompactSerializer<RunTask> {
        @Override
        public RunTask read(CompactReader reader) {
            return new RunTask(reader.readInt32("index"), reader.readCompact("spec"));
        }

        @Override
        public void write(CompactWriter writer, RunTask task) {
            writer.writeInt32("index", task.index);
            writer.writeCompact("spec", task.spec);
        }

        @Override
        public String getTypeName() {
            return "tessel.RunTask";
        }

        @Override
        public Class<RunTask> getCompactClass() {
            return RunTask.class;
        }
    }
}
