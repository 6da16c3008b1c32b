package org.tessel.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file under {@code src/test/resources/malformed} is a minimal valid config (see
 * {@code src/test/resources/minimal}) with one mistake, named in its first line. Each must be
 * refused with a one-line {@link ConfigException} that names the offending field exactly.
 */
class MalformedConfigTest {

    static final Path RESOURCES = Path.of("src", "test", "resources");
    static final Path MALFORMED = RESOURCES.resolve("malformed");
    static final Path CONFIGS = Path.of("..", "configs");
    static final Duration FAST = Duration.ofSeconds(2);

    /** How a case is loaded. */
    enum Loader {
        /** {@link ConfigLoader#validate}: any kind, checked on its own. */
        VALIDATE {
            @Override
            void load(Path file) {
                ConfigLoader.validate(file);
            }
        },
        /** {@link ConfigLoader#accelerator}: must be an accelerator file. */
        ACCELERATOR {
            @Override
            void load(Path file) {
                ConfigLoader.accelerator(file);
            }
        },
        /** The mapping file cross-checked against bundled FSRCNN on bundled Meta_prototype_DF. */
        SCENARIO {
            @Override
            void load(Path file) {
                Scenario.load(CONFIGS.resolve("workloads/fsrcnn.yaml"),
                        CONFIGS.resolve("accelerators/Meta_prototype_DF.yaml"), file);
            }
        };

        abstract void load(Path file);
    }

    /** file (in malformed/, without .yaml) → loader, exact field path, part of the reason. */
    static Stream<Arguments> cases() {
        return Stream.of(
                // accelerator
                row("acc-unknown-field", Loader.VALIDATE, "cores[0].memories[0].read_energy_pj",
                        "unknown field 'read_energy_pj' (allowed: "),
                row("acc-missing-field", Loader.VALIDATE, "cores[0].memories[0]", "missing field 'size_bits'"),
                row("acc-wrong-type", Loader.VALIDATE, "cores[0].memories[0].read_bw", "must be an integer, got '8 bits'"),
                row("acc-negative-size", Loader.VALIDATE, "cores[0].memories[0].size_bits", "must be positive, got -8"),
                row("acc-zero-size", Loader.VALIDATE, "cores[0].memories[0].size_bits", "must be positive, got 0"),
                row("acc-fractional-size", Loader.VALIDATE, "cores[0].memories[0].size_bits", "must be an integer, got 8.5"),
                row("acc-operand-without-memory", Loader.VALIDATE, "cores[0].memories", "operand I2 has no memory level"),
                row("acc-ports-for-unstored-operand", Loader.VALIDATE, "cores[0].memories[0].port_allocation.I1",
                        "allocates ports for operand I1, which this memory does not store (operands: [I2])"),
                row("acc-unknown-port", Loader.VALIDATE, "cores[0].memories[0].port_allocation.I2.rd_out_to_low",
                        "no port 'r_port_2' on memory 'rf_w' (it has 1 read, 1 write and 0 read-write ports)"),
                row("acc-missing-direction", Loader.VALIDATE, "cores[0].memories[0].port_allocation.I2",
                        "operand I2 needs a port for direction rd_out_to_low"),
                row("acc-unknown-direction", Loader.VALIDATE, "cores[0].memories[0].port_allocation.I2.rd_out_to_mac",
                        "unknown direction 'rd_out_to_mac'"),
                row("acc-unknown-served-dimension", Loader.VALIDATE, "cores[0].memories[0].served_dimensions[0]",
                        "unknown array dimension 'D3' (array has [D1, D2])"),
                row("acc-unknown-memory-operand", Loader.VALIDATE, "cores[0].memories[0].operands[0]",
                        "unknown memory operand 'W' (one of: I1, I2, O)"),
                row("acc-duplicate-memory-name", Loader.VALIDATE, "cores[0].memories[1].name", "duplicate memory name 'dram'"),
                row("acc-nan-energy", Loader.VALIDATE, "cores[0].memories[0].read_energy_pJ", "must be a finite number, got .nan"),
                // workload
                row("wl-unknown-source", Loader.VALIDATE, "layers[1].sources.I[0]", "source layer -2 does not exist"),
                row("wl-cycle", Loader.VALIDATE, "layers[1].sources", "the layer graph has a cycle through layers [0, 1]"),
                row("wl-cycle-with-tail", Loader.VALIDATE, "layers[1].sources", "the layer graph has a cycle through layers [0, 1]"),
                row("wl-channel-mismatch", Loader.VALIDATE, "layers[1].loops.C",
                        "layer 0 reads 13 channels (C) but its source layer -1 produces 12 (K)"),
                row("wl-bad-equation", Loader.VALIDATE, "layers[1].equation",
                        "'O[b][k][oy][ox]+=W[k][c][fy][fx]I[b][c][ix][iy]' is not an equation of the form"),
                row("wl-bad-relation", Loader.VALIDATE, "layers[1].relations[0]",
                        "'ix=ox+fx-1' is not a relation of the form ix=s*ox+d*fx"),
                row("wl-missing-precision", Loader.VALIDATE, "layers[1].precision", "missing precision of operand I"),
                row("wl-missing-o-final", Loader.VALIDATE, "layers[1].precision", "missing O_final"),
                row("wl-undefined-loop-dimension", Loader.VALIDATE, "layers[1].loops",
                        "equation operand W uses dimension C, which neither loops nor a relation defines"),
                row("wl-zero-loop-size", Loader.VALIDATE, "layers[1].loops.K", "must be positive, got 0"),
                row("wl-string-loop-size", Loader.VALIDATE, "layers[1].loops.K", "must be an integer, got 'twelve'"),
                row("wl-duplicate-layer-id", Loader.VALIDATE, "layers[2].id", "duplicate layer id 0"),
                row("wl-overflowing-loop-size", Loader.VALIDATE, "layers[1].loops", "loop sizes overflow a 64-bit count: too large to cost"),
                row("wl-padding-size-mismatch", Loader.VALIDATE, "layers[1].loops.OX",
                        "layer 0 computes 6 OX but its source layer -1 makes 8 OX, which with padding 1, 1, window 3 and stride 1 gives 8"),
                row("wl-padding-not-a-relation-target", Loader.VALIDATE, "layers[1].padding.C",
                        "'C' is not the target of a relation of this layer"),
                row("wl-padding-wider-than-window", Loader.VALIDATE, "layers[1].padding.IX",
                        "padding 3, 0 reaches past a whole window of 3 elements"),
                row("wl-padding-one-number", Loader.VALIDATE, "layers[1].padding.IX", "padding takes two numbers [before, after], got 1"),
                row("wl-unknown-producer-dimension", Loader.VALIDATE, "layers[1].source_dimensions.I.IY",
                        "layer 0 maps IY to OZ, which its source layer -1 does not have (it has [B, K, OY, OX])"),
                // whole document
                row("doc-unknown-kind", Loader.VALIDATE, "kind",
                        "unknown kind 'accelerators' (one of: accelerator, workload, spatial-mapping, schedule, temporal-mapping, campaign, cluster)"),
                row("doc-missing-kind", Loader.VALIDATE, "", "missing field 'kind'"),
                row("doc-empty", Loader.VALIDATE, "", "is empty"),
                row("doc-not-yaml", Loader.VALIDATE, "",
                        "is not valid YAML: while parsing a flow sequence (line 20, column 28): expected ',' or ']'"),
                row("doc-duplicate-key", Loader.VALIDATE, "", "Duplicate field 'name' (line 4)"),
                row("doc-alias", Loader.VALIDATE, "layers[1].core",
                        "YAML aliases are not allowed in config files (*core, line 20)"),
                row("doc-alias-bomb", Loader.VALIDATE, "b[0]", "YAML aliases are not allowed in config files (*a, line 5)"),
                row("doc-workload-as-accelerator", Loader.ACCELERATOR, "kind",
                        "expected a file of kind 'accelerator', this one is 'workload'"),
                // spatial mapping against fsrcnn on Meta_prototype_DF
                row("map-unroll-too-large", Loader.SCENARIO, "layers.0.D1",
                        "unrolls 64 times but array dimension D1 has only 32 units"),
                row("map-unknown-array-dimension", Loader.SCENARIO, "layers.0.D5",
                        "unknown array dimension 'D5' (Meta_prototype_DF has [D1, D2, D3, D4])"),
                row("map-unknown-loop-dimension", Loader.SCENARIO, "layers.0.D1", "layer 0 has no loop dimension 'G'"),
                row("map-layer-without-mapping", Loader.SCENARIO, "layers", "no spatial mapping for layer 7"),
                row("map-other-accelerator", Loader.SCENARIO, "accelerators",
                        "mapping is for [TPU_like, TPU_like_DF], not for accelerator 'Meta_prototype_DF'"),
                // defaults per operator type (docs/spatial-mapping.md)
                row("map-default-unknown-type", Loader.VALIDATE, "defaults.convolution",
                        "unknown operator type 'convolution' (one of: conv, depthwise, pool, add, gemm)"),
                row("map-default-foreign-loop", Loader.VALIDATE, "defaults.depthwise.D1",
                        "a depthwise layer has no loop dimension 'K' (it may have [B, FX, FY, G, OX, OY])"),
                row("map-default-too-large", Loader.SCENARIO, "defaults.conv.D2",
                        "unrolls 4 times but array dimension D2 has only 2 units"),
                row("map-no-layers-no-defaults", Loader.VALIDATE, "",
                        "needs 'layers' (per layer id), 'defaults' (per operator type) or both"),
                row("map-layers-without-workload", Loader.VALIDATE, "", "missing field 'workload'"),
                row("map-default-missing-type", Loader.SCENARIO, "",
                        "no spatial mapping for layer 0 and no default for its type (conv)"));
    }

    private static Arguments row(String name, Loader loader, String fieldPath, String reason) {
        return arguments(name, loader, fieldPath, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithFieldPathAndReason(String name, Loader loader, String fieldPath, String reason) {
        Path file = MALFORMED.resolve(name + ".yaml");
        assertRefused(file, fieldPath, reason, () -> loader.load(file));
    }

    @Test
    void everyFileIsInTheTableAndNamesItsMistake() throws IOException {
        Set<String> inTable = cases().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(MALFORMED)) {
            for (Path f : files.toList()) {
                String first = Files.readAllLines(f).getFirst();
                assertTrue(first.startsWith("# ") && first.length() > 10, f + " must start with a comment naming its mistake");
                onDisk.add(f.getFileName().toString().replaceFirst("\\.yaml$", ""));
            }
        }
        assertEquals(inTable, onDisk);
        assertTrue(onDisk.size() >= 24, "at least 24 malformed files");
    }

    /** The malformed files are these with one mistake, so these must load. */
    @ParameterizedTest
    @ValueSource(strings = {"accelerator.yaml", "workload.yaml", "workload-two-layers.yaml"})
    void minimalBasesAreValid(String name) {
        ConfigLoader.validate(RESOURCES.resolve("minimal").resolve(name));
    }

    @Test
    void aliasBombIsRefusedFast() {
        Path file = MALFORMED.resolve("doc-alias-bomb.yaml");
        assertTimeoutPreemptively(FAST, () -> assertRefused(file, "b[0]", "YAML aliases are not allowed",
                () -> ConfigLoader.validate(file)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[", "{a: "})
    void nestingTenThousandLevelsDeepIsRefusedFast(String opening, @TempDir Path dir) throws IOException {
        String closing = opening.equals("[") ? "]" : "}";
        Path file = dir.resolve("deep.yaml");
        Files.writeString(file, "# nesting 10,000 levels deep\nkind: workload\nname: deep\nlayers: "
                + opening.repeat(10_000) + (opening.equals("[") ? "" : "1") + closing.repeat(10_000) + "\n");
        assertTimeoutPreemptively(FAST, () -> assertRefused(file, "", "nests deeper than 32 levels",
                () -> ConfigLoader.validate(file)));
    }

    private static void assertRefused(Path file, String fieldPath, String reason, Executable load) {
        ConfigException e = assertThrows(ConfigException.class, load);
        assertEquals(file, e.file());
        assertEquals(fieldPath, e.fieldPath(), e.getMessage());
        assertTrue(e.reason().contains(reason), () -> "reason '" + e.reason() + "' should contain '" + reason + "'");
        assertEquals(file + ": " + (fieldPath.isEmpty() ? "" : fieldPath + ": ") + e.reason(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), () -> "not one line: " + e.getMessage());
    }
}
