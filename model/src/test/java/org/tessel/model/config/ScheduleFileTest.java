package org.tessel.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Workload;

/** Schedule files: what is written is read back, and mistakes are named precisely. */
class ScheduleFileTest {

    static final Workload FSRCNN = ConfigLoader.workload(Path.of("..", "configs", "workloads", "fsrcnn.yaml"));

    static final Schedule TWO_STACKS = new Schedule(List.of(
            new StackSchedule(List.of(0, 1, 2, 3), TileSize.of(60, 72), OverlapMode.FULLY_CACHED),
            new StackSchedule(List.of(4, 5, 6, 7), TileSize.wholeOutput(), OverlapMode.H_CACHED_V_RECOMPUTE)));

    @ParameterizedTest
    @ValueSource(strings = {"s.yaml", "s.json"})
    void writtenSchedulesReadBackEqual(String name, @TempDir Path dir) {
        Path file = dir.resolve(name);
        ScheduleWriter.write(file, "fsrcnn", TWO_STACKS);
        assertEquals(ConfigKind.SCHEDULE, ConfigLoader.validate(file));
        assertEquals(TWO_STACKS, ConfigLoader.schedule(file, FSRCNN));
    }

    static final String STACK_A = "  - {layers: [0, 1, 2, 3], tile: 60x72, mode: fully-cached}\n";
    static final String STACK_B = "  - {layers: [4, 5, 6, 7], tile: full, mode: fully-recompute}\n";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3], tile: 60x72, mode: fully-cashed}\n" + STACK_B,
                        "stacks[0].mode", "unknown mode 'fully-cashed'"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3], tile: 60by72, mode: fully-cached}\n" + STACK_B,
                        "stacks[0].tile", "'60by72' is not a tile size like 60x72 or full"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3], tile: '0x72', mode: fully-cached}\n" + STACK_B,
                        "stacks[0].tile", "tile size must be positive, got 0x72"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3], tile: 0x72, mode: fully-cached}\n" + STACK_B,
                        "stacks[0].tile", "must be a tile size like 60x72 or full (quote it if it starts with 0x)"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3, 3], tile: 60x72, mode: fully-cached}\n" + STACK_B,
                        "stacks[0].layers[4]", "layer 3 is in more than one stack"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3, 99], tile: 60x72, mode: fully-cached}\n" + STACK_B,
                        "stacks[0].layers[4]", "workload 'fsrcnn' has no compute layer 99"),
                bad("fsrcnn", "  - {layers: [-1, 0, 1, 2, 3], tile: 60x72, mode: fully-cached}\n" + STACK_B,
                        "stacks[0].layers[0]", "workload 'fsrcnn' has no compute layer -1"),
                bad("fsrcnn", STACK_A, "stacks", "layer 4 is in no stack"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 5], tile: 60x72, mode: fully-cached}\n"
                        + "  - {layers: [3, 4, 6, 7], tile: full, mode: fully-recompute}\n",
                        "stacks[0].layers[3]", "layer 5 needs layer 4, which no earlier stack computes"),
                bad("mccnn", STACK_A + STACK_B, "workload", "schedule is for workload 'mccnn', not 'fsrcnn'"),
                bad("fsrcnn", "  - {layers: [0, 1, 2, 3], tile: 60x72}\n" + STACK_B, "stacks[0]", "missing field 'mode'"));
    }

    static Arguments bad(String workload, String stacks, String path, String reason) {
        return Arguments.of("kind: schedule\nworkload: " + workload + "\nstacks:\n" + stacks, path, reason);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("mistakes")
    void mistakesAreNamed(String text, String path, String reason, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), text);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.schedule(file, FSRCNN));
        assertEquals(path, e.fieldPath(), e.getMessage());
        assertTrue(e.reason().startsWith(reason), e.getMessage());
    }
}
