package org.tessel.model.config;

import java.nio.file.Path;
import java.util.Map;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.mapping.OperatorType;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.mapping.SpatialUnroll;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * A workload, an accelerator and the spatial mappings of the workload's layers on it, checked
 * against each other: what every evaluation and search starts from.
 *
 * @param workload the network
 * @param accelerator the hardware
 * @param mappings the spatial mapping of every compute layer
 */
public record Scenario(Workload workload, Accelerator accelerator, SpatialMappings mappings) {

    /**
     * Loads and cross-checks the three files.
     *
     * @throws ConfigException if a file is invalid or the files do not fit together
     */
    public static Scenario load(Path workloadFile, Path acceleratorFile, Path mappingFile) {
        return load(ConfigLoader.workload(workloadFile), workloadFile, acceleratorFile, mappingFile);
    }

    /**
     * Cross-checks a workload already read (e.g. imported from ONNX) with an accelerator and mapping file.
     *
     * @param workloadFile the file the workload came from, named in error messages
     * @throws ConfigException if a file is invalid or the files do not fit together
     */
    public static Scenario load(Workload workload, Path workloadFile, Path acceleratorFile, Path mappingFile) {
        Accelerator accelerator = ConfigLoader.accelerator(acceleratorFile);
        ConfigNode mappingRoot = ConfigDocument.read(mappingFile).rootOf(ConfigKind.SPATIAL_MAPPING);
        SpatialMappings mappings = SpatialMappingReader.read(mappingRoot);
        check(workload, accelerator, mappings, mappingRoot);
        SpatialMappings resolved = mappings.resolve(workload);
        for (Layer layer : workload.computeLayers()) {
            if (!resolved.layers().containsKey(layer.id())) {
                throw mappingRoot.find("layers").orElse(mappingRoot).error("no spatial mapping for layer " + layer.id()
                        + " and no default for its type (" + OperatorType.of(layer).key() + ")");
            }
        }
        return of(workload, workloadFile, accelerator, resolved);
    }

    /**
     * A workload with mappings made for it (searched, {@code --mapping auto}): checks that the
     * accelerator has every layer's core and a memory for every operand.
     *
     * @param workloadFile the file the workload came from, named in error messages
     * @param mappings an entry for every compute layer
     * @throws ConfigException if the workload does not fit the accelerator
     */
    public static Scenario of(Workload workload, Path workloadFile, Accelerator accelerator, SpatialMappings mappings) {
        for (Layer layer : workload.computeLayers()) {
            if (!accelerator.hasCore(layer.core())) {
                throw new ConfigException(workloadFile, "layers[" + workload.layers().indexOf(layer) + "].core",
                        "accelerator '" + accelerator.name() + "' has no core " + layer.core());
            }
            for (MemoryOperand op : layer.memoryOperands().values()) {
                if (accelerator.core(layer.core()).hierarchy().chain(op).isEmpty()) {
                    throw new ConfigException(workloadFile, "layers[" + workload.layers().indexOf(layer) + "].memory_operands",
                            "accelerator '" + accelerator.name() + "' has no memory for operand " + op);
                }
            }
        }
        return new Scenario(workload, accelerator, mappings);
    }

    /** The core layer {@code layer} runs on. */
    public Core coreOf(Layer layer) {
        return accelerator.core(layer.core());
    }

    private static void check(Workload workload, Accelerator accelerator, SpatialMappings mappings, ConfigNode root) {
        if (mappings.workload().isPresent() && !mappings.workload().get().equals(workload.name())) {
            throw root.get("workload").error("mapping is for workload '" + mappings.workload().get()
                    + "', not '" + workload.name() + "'");
        }
        if (!mappings.accelerators().contains(accelerator.name())) {
            throw root.get("accelerators").error("mapping is for " + mappings.accelerators()
                    + ", not for accelerator '" + accelerator.name() + "'");
        }
        Map<String, ConfigNode> entries = root.find("layers").map(ConfigNode::entries).orElse(Map.of());
        for (Map.Entry<Integer, SpatialMapping> e : mappings.layers().entrySet()) {
            ConfigNode node = entries.entrySet().stream()
                    .filter(en -> en.getKey().strip().equals(String.valueOf(e.getKey())))
                    .findFirst().orElseThrow().getValue();
            if (!workload.hasLayer(e.getKey()) || workload.layer(e.getKey()).isInput()) {
                throw node.error("workload '" + workload.name() + "' has no compute layer " + e.getKey());
            }
            Layer layer = workload.layer(e.getKey());
            if (!accelerator.hasCore(layer.core())) {
                continue; // reported for the workload file by of()
            }
            Map<String, Integer> dims = accelerator.core(layer.core()).array().dimensions();
            checkUnrolls(e.getValue(), node, dims, accelerator);
            for (Map.Entry<String, SpatialUnroll> u : e.getValue().unrolls().entrySet()) {
                if (!layer.loops().containsKey(u.getValue().loopDimension())) {
                    throw node.get(u.getKey()).error("layer " + layer.id() + " has no loop dimension '"
                            + u.getValue().loopDimension() + "' (it has " + layer.loops().keySet() + ")");
                }
            }
        }
        Map<String, ConfigNode> defaults = root.find("defaults").map(ConfigNode::entries).orElse(Map.of());
        for (Map.Entry<OperatorType, SpatialMapping> e : mappings.defaults().entrySet()) {
            ConfigNode node = defaults.entrySet().stream().filter(en -> en.getKey().strip().equals(e.getKey().key()))
                    .findFirst().orElseThrow().getValue();
            for (Core core : accelerator.cores()) {
                checkUnrolls(e.getValue(), node, core.array().dimensions(), accelerator);
            }
        }
    }

    private static void checkUnrolls(SpatialMapping mapping, ConfigNode node, Map<String, Integer> dims, Accelerator accelerator) {
        for (Map.Entry<String, SpatialUnroll> u : mapping.unrolls().entrySet()) {
            ConfigNode at = node.get(u.getKey());
            Integer size = dims.get(u.getKey());
            if (size == null) {
                throw at.error("unknown array dimension '" + u.getKey() + "' (" + accelerator.name() + " has "
                        + dims.keySet() + ")");
            }
            if (u.getValue().factor() > size) {
                throw at.error("unrolls " + u.getValue().factor() + " times but array dimension " + u.getKey()
                        + " has only " + size + " units");
            }
        }
    }
}
