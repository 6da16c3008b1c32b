package org.tessel.cluster;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.tessel.model.BadInputException;

/**
 * A config file shipped with a work unit: its name and its bytes, so that a member on another
 * machine needs no copy of the coordinator's files.
 *
 * @param name the file's name (no directory), kept because an ONNX workload's mapping keys it by name
 * @param content the file's bytes
 */
public record ConfigFile(String name, byte[] content) {

    public ConfigFile {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new IllegalArgumentException("a shipped config file needs a plain file name, got '" + name + "'");
        }
        content = content.clone();
    }

    /** Reads {@code file}. */
    public static ConfigFile of(Path file) {
        try {
            return new ConfigFile(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** A short fingerprint of name and content (SHA-256, hex), naming the file's copy on a member. */
    public String fingerprint() {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(n, n.length + 1 + content.length);
        System.arraycopy(content, 0, all, n.length + 1, content.length);
        return fingerprintOf(all);
    }

    /** SHA-256 of {@code bytes}, its first 12 bytes in hex. */
    static String fingerprintOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigFile f && f.name.equals(name) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ConfigFile[" + name + ", " + content.length + " bytes]";
    }

    /** Compact serialization: the only way a file crosses the network. */
    static final class Serializer implements CompactSerializer<ConfigFile> {
        @Override
        public ConfigFile read(CompactReader reader) {
            return new ConfigFile(reader.readString("name"), reader.readArrayOfInt8("content"));
        }

        @Override
        public void write(CompactWriter writer, ConfigFile file) {
            writer.writeString("name", file.name);
            writer.writeArrayOfInt8("content", file.content);
        }

        @Override
        public String getTypeName() {
            return "tessel.ConfigFile";
        }

        @Override
        public Class<ConfigFile> getCompactClass() {
            return ConfigFile.class;
        }
    }
}
