package org.tessel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tessel.model.BadInputException;

/** Writes command results as pretty-printed JSON files. */
final class JsonFile {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFile() {}

    /**
     * Writes {@code value} (maps, lists, records, numbers, strings) to {@code file}, through a
     * temporary file so that an interrupted run never leaves half a file behind.
     *
     * @throws BadInputException if the file cannot be written (reported as bad input)
     */
    static void write(Path file, Object value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".tessel", ".json");
            MAPPER.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
