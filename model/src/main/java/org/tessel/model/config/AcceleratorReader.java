package org.tessel.model.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.Direction;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.MemoryInstance;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.OperationalArray;

/** Reads and validates a {@code kind: accelerator} file (format: docs/config-format.md). */
final class AcceleratorReader {

    // Directions the loading and off-loading latency terms look up (spec zigzag-inputs.md §3.3).
    private static final List<Direction> INPUT_DIRECTIONS = List.of(Direction.WR_IN_BY_HIGH, Direction.RD_OUT_TO_LOW);
    private static final List<Direction> OUTPUT_DIRECTIONS = List.of(Direction.WR_IN_BY_LOW, Direction.RD_OUT_TO_HIGH);

    private AcceleratorReader() {}

    static Accelerator read(ConfigNode root) {
        root.allowOnly("kind", "name", "cores");
        String name = root.get("name").text();
        List<Core> cores = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (ConfigNode c : root.get("cores").nonEmptyElements()) {
            Core core = readCore(c);
            if (!ids.add(core.id())) {
                throw c.get("id").error("duplicate core id " + core.id());
            }
            cores.add(core);
        }
        return new Accelerator(name, cores);
    }

    private static Core readCore(ConfigNode c) {
        c.allowOnly("id", "operational_array", "memories");
        int id = c.get("id").positiveInt();
        OperationalArray array = readArray(c.get("operational_array"));
        List<MemoryLevel> levels = new ArrayList<>();
        Map<MemoryOperand, Integer> depth = new EnumMap<>(MemoryOperand.class);
        Set<String> names = new HashSet<>();
        ConfigNode memories = c.get("memories");
        for (ConfigNode m : memories.nonEmptyElements()) {
            MemoryLevel level = readLevel(m, array, depth);
            if (!names.add(level.name())) {
                throw m.get("name").error("duplicate memory name '" + level.name() + "'");
            }
            levels.add(level);
        }
        for (MemoryOperand op : MemoryOperand.values()) {
            if (!depth.containsKey(op)) {
                throw memories.error("operand " + op + " has no memory level (every accelerator needs I1, I2 and O)");
            }
        }
        return new Core(id, array, new MemoryHierarchy(levels));
    }

    private static OperationalArray readArray(ConfigNode a) {
        a.allowOnly("dimensions", "unit");
        Map<String, Integer> dims = new LinkedHashMap<>();
        a.get("dimensions").nonEmptyEntries().forEach((name, size) -> dims.put(name, size.positiveInt()));
        ConfigNode u = a.get("unit").allowOnly("input_precision", "output_precision", "mac_energy_pJ", "area");
        List<Integer> inputPrecision = new ArrayList<>();
        for (ConfigNode p : u.get("input_precision").nonEmptyElements()) {
            inputPrecision.add(p.positiveInt());
        }
        return new OperationalArray(dims, new OperationalArray.MacUnit(inputPrecision,
                u.get("output_precision").positiveInt(),
                u.get("mac_energy_pJ").nonNegativeDouble(),
                u.find("area").map(ConfigNode::nonNegativeDouble).orElse(0.0)));
    }

    private static MemoryLevel readLevel(ConfigNode m, OperationalArray array, Map<MemoryOperand, Integer> depth) {
        m.allowOnly("name", "size_bits", "read_bw", "write_bw", "read_bw_min", "write_bw_min",
                "read_energy_pJ", "write_energy_pJ", "read_ports", "write_ports", "read_write_ports",
                "latency", "area", "banks", "operands", "served_dimensions", "port_allocation");
        long readBw = m.get("read_bw").positiveLong();
        long writeBw = m.get("write_bw").positiveLong();
        MemoryInstance memory = new MemoryInstance(
                m.get("name").text(),
                m.get("size_bits").positiveLong(),
                readBw,
                writeBw,
                m.find("read_bw_min").map(ConfigNode::positiveLong).orElse(readBw),
                m.find("write_bw_min").map(ConfigNode::positiveLong).orElse(writeBw),
                m.get("read_energy_pJ").nonNegativeDouble(),
                m.get("write_energy_pJ").nonNegativeDouble(),
                m.get("read_ports").nonNegativeInt(),
                m.get("write_ports").nonNegativeInt(),
                m.get("read_write_ports").nonNegativeInt(),
                m.find("latency").map(ConfigNode::positiveLong).orElse(1L),
                m.find("area").map(ConfigNode::nonNegativeDouble).orElse(0.0),
                m.find("banks").map(ConfigNode::positiveInt).orElse(1));
        if (memory.readPorts() + memory.writePorts() + memory.readWritePorts() == 0) {
            throw m.error("memory '" + memory.name() + "' has no port");
        }

        List<MemoryOperand> operands = new ArrayList<>();
        for (ConfigNode o : m.get("operands").nonEmptyElements()) {
            MemoryOperand op = memoryOperand(o);
            if (operands.contains(op)) {
                throw o.error("operand " + op + " listed twice");
            }
            operands.add(op);
        }
        List<String> served = servedDimensions(m.get("served_dimensions"), array);
        long unroll = array.dimensions().entrySet().stream()
                .filter(e -> !served.contains(e.getKey()))
                .mapToLong(e -> e.getValue().longValue())
                .reduce(1L, Math::multiplyExact);

        Map<MemoryOperand, Map<Direction, String>> allocation = readPortAllocation(m.get("port_allocation"), operands, memory);
        Map<MemoryOperand, Integer> levelOf = new LinkedHashMap<>();
        for (MemoryOperand op : operands) {
            levelOf.put(op, depth.merge(op, 1, Integer::sum) - 1);
        }
        return new MemoryLevel(memory, operands, levelOf, served, allocation, unroll);
    }

    private static List<String> servedDimensions(ConfigNode node, OperationalArray array) {
        if (node.isText()) {
            if (!node.text().equals("all")) {
                throw node.error("must be 'all' or a list of array dimensions, got '" + node.text() + "'");
            }
            return List.copyOf(array.dimensions().keySet());
        }
        List<String> served = new ArrayList<>();
        for (ConfigNode d : node.elements()) {
            String dim = d.text();
            if (!array.dimensions().containsKey(dim)) {
                throw d.error("unknown array dimension '" + dim + "' (array has " + array.dimensions().keySet() + ")");
            }
            if (served.contains(dim)) {
                throw d.error("array dimension '" + dim + "' listed twice");
            }
            served.add(dim);
        }
        return served;
    }

    private static Map<MemoryOperand, Map<Direction, String>> readPortAllocation(
            ConfigNode node, List<MemoryOperand> operands, MemoryInstance memory) {
        Map<MemoryOperand, Map<Direction, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : node.nonEmptyEntries().entrySet()) {
            ConfigNode dirs = e.getValue();
            MemoryOperand op = parseOperand(e.getKey(), dirs);
            if (!operands.contains(op)) {
                throw dirs.error("allocates ports for operand " + op + ", which this memory does not store (operands: "
                        + operands + ")");
            }
            Map<Direction, String> byDirection = new EnumMap<>(Direction.class);
            for (Map.Entry<String, ConfigNode> d : dirs.nonEmptyEntries().entrySet()) {
                Direction dir = Direction.fromConfigName(d.getKey()).orElseThrow(() -> d.getValue().error(
                        "unknown direction '" + d.getKey() + "' (one of: wr_in_by_high, rd_out_to_low, wr_in_by_low, rd_out_to_high)"));
                String port = d.getValue().text();
                if (!memory.hasPort(port)) {
                    throw d.getValue().error("no port '" + port + "' on memory '" + memory.name() + "' (it has "
                            + memory.readPorts() + " read, " + memory.writePorts() + " write and "
                            + memory.readWritePorts() + " read-write ports)");
                }
                if (dir.isWrite() && port.startsWith("r_") || !dir.isWrite() && port.startsWith("w_")) {
                    throw d.getValue().error("port '" + port + "' cannot serve direction " + dir.configName());
                }
                byDirection.put(dir, port);
            }
            List<Direction> needed = op.isOutput() ? OUTPUT_DIRECTIONS : INPUT_DIRECTIONS;
            for (Direction dir : needed) {
                if (!byDirection.containsKey(dir)) {
                    throw dirs.error("operand " + op + " needs a port for direction " + dir.configName());
                }
            }
            out.put(op, byDirection);
        }
        for (MemoryOperand op : operands) {
            if (!out.containsKey(op)) {
                throw node.error("no ports allocated for operand " + op);
            }
        }
        return out;
    }

    private static MemoryOperand memoryOperand(ConfigNode node) {
        return parseOperand(node.text(), node);
    }

    static MemoryOperand parseOperand(String name, ConfigNode where) {
        try {
            return MemoryOperand.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw where.error("unknown memory operand '" + name + "' (one of: I1, I2, O)");
        }
    }
}
