package org.tessel.model.accelerator;

import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DNN accelerator: one or more cores, sorted by id.
 *
 * @param name e.g. {@code Meta_prototype_DF}
 * @param cores the cores
 */
public record Accelerator(String name, List<Core> cores) {

    public Accelerator {
        cores = cores.stream().sorted(Comparator.comparingInt(Core::id)).toList();
    }

    /** The core with this id. */
    public Core core(int id) {
        return cores.stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("accelerator " + name + " has no core " + id));
    }

    /** True if a core has this id. */
    public boolean hasCore(int id) {
        return cores.stream().anyMatch(c -> c.id() == id);
    }
}
