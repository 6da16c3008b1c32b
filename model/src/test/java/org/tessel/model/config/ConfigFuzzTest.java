package org.tessel.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessel.model.workload.Layer;

/**
 * Seeded random mutations of the bundled configs, one field at a time: every outcome is a valid
 * scenario whose sizes can be multiplied out, or a {@link ConfigException} naming the mutated file
 * — never another exception (an internal error, an overflow, a silent acceptance of nonsense that
 * breaks later).
 */
class ConfigFuzzTest {

    private static final Path CONFIGS = Path.of("..", "configs");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SENTINEL = "NONFINITE0xF00D";
    private static final List<String[]> SCENARIOS = List.of(
            new String[] {"workloads/resnet18.yaml", "accelerators/Meta_prototype_DF.yaml", "mappings/Meta_prototype/resnet18.yaml"},
            new String[] {"workloads/fsrcnn.yaml", "accelerators/Meta_prototype_DF.yaml", "mappings/Meta_prototype/fsrcnn.yaml"},
            new String[] {"workloads/mobilenetv2.yaml", "accelerators/Tesla_NPU_like_DF.yaml",
                "mappings/Tesla_NPU_like/mobilenetv2.yaml"});
    /** Replacement values: wrong types, signs, magnitudes and the non-finite YAML numbers. */
    private static final List<String> VALUES = List.of("-1", "0", "1099511627776", "9223372036854775807", "1.5", "'x'",
            ".nan", ".inf", "-.inf", "null", "[]", "{}", "'OZ'", "'I9'", "\"a\\nb\"", "2", "3", "[1]", "[0, 0]", "[5, 5]");

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aMutatedConfigLoadsOrFailsWithOneCleanMessage(long seed, @TempDir Path dir) throws IOException {
        Random rnd = new Random(seed);
        String[] scenario = SCENARIOS.get(rnd.nextInt(SCENARIOS.size()));
        int which = rnd.nextInt(3);
        Path[] files = new Path[3];
        for (int i = 0; i < 3; i++) {
            files[i] = CONFIGS.resolve(scenario[i]);
        }
        JsonNode tree = YAML.readTree(files[which].toFile());
        String[] nonFinite = new String[1];
        String what = mutate(tree, rnd, nonFinite);
        Path mutated = dir.resolve(files[which].getFileName());
        String text = YAML.writeValueAsString(tree);
        if (nonFinite[0] != null) {
            // Jackson writes no YAML non-finite numbers: put the YAML spelling in by hand
            text = text.replace("\"" + SENTINEL + "\"", nonFinite[0]).replace(SENTINEL, nonFinite[0]);
        }
        Files.writeString(mutated, text);
        files[which] = mutated;
        try {
            Scenario s = Scenario.load(files[0], files[1], files[2]);
            // whatever was accepted must be usable: sizes multiply out without overflow
            s.workload().macCount();
            for (Layer l : s.workload().layers()) {
                for (String op : l.isInput() ? List.of("O") : l.equation().operands()) {
                    l.operandElements(op);
                }
            }
        } catch (ConfigException e) {
            // the mutated file, or another file of the scenario that no longer fits it
            if (!List.of(files).contains(e.file())) {
                throw new AssertionError(what + ": names " + e.file() + ": " + e.getMessage());
            }
            if (e.getMessage().contains("\n")) {
                throw new AssertionError(what + ": message spans lines: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            throw new AssertionError(what + " in " + scenario[which] + ": " + e, e);
        }
    }

    /** Replaces or deletes one random node of {@code tree}; returns what was done. */
    private static String mutate(JsonNode tree, Random rnd, String[] nonFinite) throws IOException {
        List<String> paths = new ArrayList<>();
        List<JsonNode> parents = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        collect(tree, "", paths, parents, keys);
        int i = rnd.nextInt(paths.size());
        String value = VALUES.get(rnd.nextInt(VALUES.size()));
        boolean delete = rnd.nextInt(8) == 0;
        JsonNode replacement;
        if (delete) {
            replacement = null;
        } else if (value.endsWith("inf") || value.equals(".nan")) {
            nonFinite[0] = value;
            replacement = JsonNodeFactory.instance.textNode(SENTINEL);
        } else {
            replacement = YAML.readTree("v: " + value).get("v");
        }
        JsonNode parent = parents.get(i);
        Object key = keys.get(i);
        if (parent instanceof ObjectNode o) {
            if (delete) {
                o.remove((String) key);
            } else {
                o.set((String) key, replacement == null ? JsonNodeFactory.instance.nullNode() : replacement);
            }
        } else if (parent instanceof ArrayNode a) {
            if (delete) {
                a.remove((int) key);
            } else {
                a.set((int) key, replacement == null ? JsonNodeFactory.instance.nullNode() : replacement);
            }
        }
        return (delete ? "deleted " : "set to " + value + ": ") + paths.get(i);
    }

    private static void collect(JsonNode node, String path, List<String> paths, List<JsonNode> parents, List<Object> keys) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                paths.add(path + "." + name);
                parents.add(node);
                keys.add(name);
                collect(node.get(name), path + "." + name, paths, parents, keys);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(path + "[" + i + "]");
                parents.add(node);
                keys.add(i);
                collect(node.get(i), path + "[" + i + "]", paths, parents, keys);
            }
        }
    }
}
