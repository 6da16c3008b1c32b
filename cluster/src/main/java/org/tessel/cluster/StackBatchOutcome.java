package org.tessel.cluster;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.ArrayList;
import java.util.List;
import org.tessel.model.search.StackCost;

/**
 * What a member sends back for a batch of stacks: their costs in batch order (the doubles travel as
 * their exact bits), or why the batch failed, as text.
 *
 * @param member the member that costed it ({@code host:port})
 * @param energies each stack's energy in pJ
 * @param latencies each stack's latency in cycles
 * @param feasible whether each stack can run
 * @param error the failure's one-line description, or null
 */
record StackBatchOutcome(String member, double[] energies, long[] latencies, boolean[] feasible, String error) {

    static StackBatchOutcome of(String member, List<StackCost> costs) {
        int n = costs.size();
        double[] e = new double[n];
        long[] l = new long[n];
        boolean[] f = new boolean[n];
        for (int i = 0; i < n; i++) {
            e[i] = costs.get(i).energyPj();
            l[i] = costs.get(i).latencyCycles();
            f[i] = costs.get(i).feasible();
        }
        return new StackBatchOutcome(member, e, l, f, null);
    }

    static StackBatchOutcome failed(String member, String error) {
        return new StackBatchOutcome(member, new double[0], new long[0], new boolean[0], error);
    }

    /** The costs, in batch order. */
    List<StackCost> costs() {
        List<StackCost> out = new ArrayList<>(energies.length);
        for (int i = 0; i < energies.length; i++) {
            out.add(new StackCost(energies[i], latencies[i], feasible[i]));
        }
        return out;
    }

    /** Compact serialization. */
    static final class Serializer implements CompactSerializer<StackBatchOutcome> {
        @Override
        public StackBatchOutcome read(CompactReader reader) {
            return new StackBatchOutcome(reader.readString("member"), reader.readArrayOfFloat64("energies"),
                    reader.readArrayOfInt64("latencies"), reader.readArrayOfBoolean("feasible"), reader.readString("error"));
        }

        @Override
        public void write(CompactWriter writer, StackBatchOutcome outcome) {
            writer.writeString("member", outcome.member);
            writer.writeArrayOfFloat64("energies", outcome.energies);
            writer.writeArrayOfInt64("latencies", outcome.latencies);
            writer.writeArrayOfBoolean("feasible", outcome.feasible);
            writer.writeString("error", outcome.error);
        }

        @Override
        public String getTypeName() {
            return "tessel.StackBatchOutcome";
        }

        @Override
        public Class<StackBatchOutcome> getCompactClass() {
            return StackBatchOutcome.class;
        }
    }
}
