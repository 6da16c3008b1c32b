package org.tessel.cluster;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * What a member sends back for one work unit: the run's result document (JSON text) or why it
 * failed. A failure travels as text, never as a serialized exception.
 *
 * @param index the unit's position in the campaign
 * @param member the member that ran it ({@code host:port})
 * @param document the result as JSON, or null if it failed
 * @param error the failure's one-line description, or null
 */
public record RunOutcome(int index, String member, String document, String error) {

    /** True if the run produced a result. */
    public boolean succeeded() {
        return error == null;
    }

    /** Compact serialization. */
    static final class Serializer implements CompactSerializer<RunOutcome> {
        @Override
        public RunOutcome read(CompactReader reader) {
            return new RunOutcome(reader.readInt32("index"), reader.readString("member"), reader.readString("document"),
                    reader.readString("error"));
        }

        @Override
        public void write(CompactWriter writer, RunOutcome outcome) {
            writer.writeInt32("index", outcome.index);
            writer.writeString("member", outcome.member);
            writer.writeString("document", outcome.document);
            writer.writeString("error", outcome.error);
        }

        @Override
        public String getTypeName() {
            return "tessel.RunOutcome";
        }

        @Override
        public Class<RunOutcome> getCompactClass() {
            return RunOutcome.class;
        }
    }
}
