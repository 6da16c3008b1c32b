package org.tessel.model.accelerator;

/**
 * A compute core: an operational array with its memory hierarchy.
 *
 * @param id the id that layers name in {@code core}
 * @param array the MAC array
 * @param hierarchy the memories
 */
public record Core(int id, OperationalArray array, MemoryHierarchy hierarchy) {}
