package org.tessel.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.StackCost;

/**
 * A batch of stacks on its way to a member: the costing problem and the stacks. On the member it
 * hands them to the member's own {@link RunWorker#costStacks}; a failure comes back as text.
 */
final class StackBatchTask implements Callable<StackBatchOutcome>, HazelcastInstanceAware {

    private final RunSpec problem;
    private final List<StackSchedule> stacks;
    private transient HazelcastInstance member;

    StackBatchTask(RunSpec problem, List<StackSchedule> stacks) {
        this.problem = problem;
        this.stacks = List.copyOf(stacks);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public StackBatchOutcome call() {
        String where = ClusterSpec.address(member.getCluster().getLocalMember());
        try {
            if (!(member.getUserContext().get(RunWorker.CONTEXT_KEY) instanceof RunWorker worker)) {
                return StackBatchOutcome.failed(where, "member " + where + " has no run worker (not started by tessel member)");
            }
            List<StackCost> costs = worker.costStacks(problem, stacks);
            if (costs.size() != stacks.size()) {
                return StackBatchOutcome.failed(where, "member " + where + " costed " + costs.size() + " of " + stacks.size() + " stacks");
            }
            return StackBatchOutcome.of(where, costs);
        } catch (RuntimeException | Error e) {
            String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            return StackBatchOutcome.failed(where, e.getClass().getSimpleName() + ": " + message);
        }
    }

    /** Compact serialization: a stack as its layer ids, tile (0 x 0 for the whole output) and mode. */
    static final class Serializer implements CompactSerializer<StackBatchTask> {
        @Override
        public StackBatchTask read(CompactReader reader) {
            int[] sizes = reader.readArrayOfInt32("layerCounts");
            int[] ids = reader.readArrayOfInt32("layerIds");
            long[] widths = reader.readArrayOfInt64("tileWidths");
            long[] heights = reader.readArrayOfInt64("tileHeights");
            String[] modes = reader.readArrayOfString("modes");
            List<StackSchedule> stacks = new ArrayList<>(sizes.length);
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                List<Integer> layers = Arrays.stream(ids, at, at + sizes[i]).boxed().toList();
                at += sizes[i];
                TileSize tile = widths[i] == 0 ? TileSize.wholeOutput() : TileSize.of(widths[i], heights[i]);
                OverlapMode mode = OverlapMode.fromCliName(modes[i])
                        .orElseThrow(() -> new IllegalArgumentException("unknown overlap mode in a stack batch"));
                stacks.add(new StackSchedule(layers, tile, mode));
            }
            return new StackBatchTask(reader.readCompact("problem"), stacks);
        }

        @Override
        public void write(CompactWriter writer, StackBatchTask task) {
            int n = task.stacks.size();
            int[] sizes = new int[n];
            long[] widths = new long[n];
            long[] heights = new long[n];
            String[] modes = new String[n];
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StackSchedule s = task.stacks.get(i);
                sizes[i] = s.layerIds().size();
                ids.addAll(s.layerIds());
                if (s.tile() instanceof TileSize.Fixed f) {
                    widths[i] = f.width();
                    heights[i] = f.height();
                }
                modes[i] = s.mode().cliName();
            }
            writer.writeCompact("problem", task.problem);
            writer.writeArrayOfInt32("layerCounts", sizes);
            writer.writeArrayOfInt32("layerIds", ids.stream().mapToInt(Integer::intValue).toArray());
            writer.writeArrayOfInt64("tileWidths", widths);
            writer.writeArrayOfInt64("tileHeights", heights);
            writer.writeArrayOfString("modes", modes);
        }

        @Override
        public String getTypeName() {
            return "tessel.StackBatchTask";
        }

        @Override
        public Class<StackBatchTask> getCompactClass() {
            return StackBatchTask.class;
        }
    }
}
