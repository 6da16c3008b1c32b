package org.tessel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import org.tessel.model.BadInputException;
import org.tessel.cli.io.AtomicFile;

/** Writes command results as pretty-printed JSON files. */
final class JsonFile {

    // the stream belongs to AtomicFile.write, which closes it before moving the file into place
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonFile() {}

    /** {@code value} (maps, lists, records, numbers, strings) as a JSON tree, as {@link #write} would write it. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Writes {@code value} (maps, lists, records, numbers, strings) to {@code file} atomically
     * ({@link AtomicFile}): an interrupted or failed run leaves no half file and no
     * temporary file behind.
     *
     * @throws BadInputException if the file cannot be written (reported as bad input)
     */
    static void write(Path file, Object value) {
        AtomicFile.write(file, out -> MAPPER.writeValue(out, value));
    }
}
