package org.tessel.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a parsed config file together with where it is ({@code file} and field path), so
 * that every reader can report a mistake precisely. Typed accessors throw
 * {@link ConfigException} naming the field and the reason.
 */
public final class ConfigNode {

    private final Path file;
    private final String path;
    private final JsonNode node;

    private ConfigNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The root node of {@code file}. */
    public static ConfigNode root(Path file, JsonNode node) {
        return new ConfigNode(file, "", node);
    }

    /** The file this node comes from. */
    public Path file() {
        return file;
    }

    /** The path of this node, e.g. {@code layers[3].loops}. */
    public String path() {
        return path;
    }

    /** An error about this node. */
    public ConfigException error(String reason) {
        return new ConfigException(file, path, reason);
    }

    /** The required field {@code name} of this mapping. */
    public ConfigNode get(String name) {
        return find(name).orElseThrow(() -> error("missing field '" + name + "'"));
    }

    /** The optional field {@code name} of this mapping. */
    public Optional<ConfigNode> find(String name) {
        requireMapping();
        JsonNode child = node.get(name);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(new ConfigNode(file, child(name), child));
    }

    /** Fails on any field of this mapping that is not in {@code allowed}. */
    public ConfigNode allowOnly(String... allowed) {
        requireMapping();
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!ok.contains(name)) {
                throw new ConfigException(file, child(name),
                        "unknown field '" + name + "' (allowed: " + String.join(", ", new TreeSet<>(Arrays.asList(allowed))) + ")");
            }
        }
        return this;
    }

    /** The entries of this mapping in file order, each with its path. */
    public Map<String, ConfigNode> entries() {
        requireMapping();
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), new ConfigNode(file, child(e.getKey()), e.getValue())));
        return out;
    }

    /** The entries of this mapping, which must not be empty. */
    public Map<String, ConfigNode> nonEmptyEntries() {
        Map<String, ConfigNode> entries = entries();
        if (entries.isEmpty()) {
            throw error("must not be empty");
        }
        return entries;
    }

    /** The elements of this sequence, each with its path. */
    public List<ConfigNode> elements() {
        if (!node.isArray()) {
            throw error("must be a list, got " + describe());
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ConfigNode(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** The elements of this sequence, which must not be empty. */
    public List<ConfigNode> nonEmptyElements() {
        List<ConfigNode> out = elements();
        if (out.isEmpty()) {
            throw error("must not be empty");
        }
        return out;
    }

    /** True if this node is a sequence. */
    public boolean isList() {
        return node.isArray();
    }

    /** This node as a YAML boolean ({@code true} or {@code false}). */
    public boolean booleanValue() {
        if (!node.isBoolean()) {
            throw error("must be true or false, got " + describe());
        }
        return node.booleanValue();
    }

    /** True if this node is a string. */
    public boolean isText() {
        return node.isTextual();
    }

    /** This node as a non-blank string. */
    public String text() {
        if (!node.isTextual()) {
            throw error("must be a string, got " + describe());
        }
        String s = node.textValue();
        if (s.isBlank()) {
            throw error("must not be empty");
        }
        return s;
    }

    /** This node as an integer in long range. */
    public long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("must be an integer, got " + describe());
        }
        return node.longValue();
    }

    /** This node as an integer ≥ 1. */
    public long positiveLong() {
        long v = longValue();
        if (v <= 0) {
            throw error("must be positive, got " + v);
        }
        return v;
    }

    /** This node as an integer ≥ 0. */
    public long nonNegativeLong() {
        long v = longValue();
        if (v < 0) {
            throw error("must not be negative, got " + v);
        }
        return v;
    }

    /** This node as an int ≥ 1. */
    public int positiveInt() {
        return toInt(positiveLong());
    }

    /** This node as an int ≥ 0. */
    public int nonNegativeInt() {
        return toInt(nonNegativeLong());
    }

    /** This node as an int. */
    public int intValue() {
        return toInt(longValue());
    }

    /** This node as a finite number ≥ 0. */
    public double nonNegativeDouble() {
        if (!node.isNumber()) {
            throw error("must be a number, got " + describe());
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v) || v < 0) {
            throw error("must be a finite number ≥ 0, got " + v);
        }
        return v;
    }

    private int toInt(long v) {
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw error("is too large: " + v);
        }
        return (int) v;
    }

    private void requireMapping() {
        if (!node.isObject()) {
            throw error("must be a mapping of fields, got " + describe());
        }
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private String describe() {
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.booleanValue() + ")";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return node.toString();
    }
}
