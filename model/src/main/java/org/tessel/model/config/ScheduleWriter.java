package org.tessel.model.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.BadInputException;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * Writes schedules in the {@code kind: schedule} format that {@link ConfigLoader#schedule} reads,
 * so that any searched or evaluated schedule can be replayed.
 */
public final class ScheduleWriter {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScheduleWriter() {}

    /** The schedule as an ordered map (kind, workload, stacks), ready to embed in JSON output. */
    public static Map<String, Object> toMap(String workload, Schedule schedule) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", ConfigKind.SCHEDULE.fileName());
        doc.put("workload", workload);
        doc.put("stacks", schedule.stacks().stream().map(ScheduleWriter::stack).toList());
        return doc;
    }

    /** The schedule as YAML text. */
    public static String toYaml(String workload, Schedule schedule) {
        try {
            return YAML.writeValueAsString(toMap(workload, schedule));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the schedule to {@code file}: JSON if the name ends in {@code .json}, else YAML.
     *
     * @throws BadInputException if the file cannot be written (a file the user named)
     */
    public static void write(Path file, String workload, Schedule schedule) {
        String text;
        try {
            text = file.toString().endsWith(".json") ? JSON.writeValueAsString(toMap(workload, schedule)) + "\n"
                    : toYaml(workload, schedule);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> stack(StackSchedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", List.copyOf(s.layerIds()));
        m.put("tile", s.tile().toString());
        m.put("mode", s.mode().cliName());
        return m;
    }
}
