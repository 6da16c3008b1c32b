package org.tessel.model.config;

import java.nio.file.Path;
import org.tessel.model.BadInputException;

/**
 * A config file that cannot be used: names the file, the path to the offending field (e.g.
 * {@code layers[3].loops.K}) and the reason, in one line. Bad input like any other: a config file
 * is something the user gave.
 */
public final class ConfigException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String fieldPath;
    private final String reason;

    public ConfigException(Path file, String fieldPath, String reason) {
        super(format(file, oneLine(fieldPath), oneLine(reason)));
        this.file = file;
        this.fieldPath = oneLine(fieldPath);
        this.reason = oneLine(reason);
    }


    /** The file, as given by the user. */
    public Path file() {
        return file;
    }

    /** Path to the field, empty for problems with the whole file. */
    public String fieldPath() {
        return fieldPath;
    }

    /** Why the field is wrong. */
    public String reason() {
        return reason;
    }

    private static String format(Path file, String fieldPath, String reason) {
        String where = fieldPath == null || fieldPath.isEmpty() ? "" : fieldPath + ": ";
        return file + ": " + where + reason;
    }
}
