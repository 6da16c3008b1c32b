package org.tessel.model.accelerator;

import java.util.List;

/**
 * One port of a memory level, with the (operand, level, direction) movements it carries
 * (spec zigzag-inputs.md §3.3).
 *
 * @param name e.g. {@code r_port_1}
 * @param kind read, write or read-write
 * @param bandwidth bits per cycle
 * @param granularity minimum access granularity in bits
 * @param served the movements this port carries, in allocation order
 */
public record Port(String name, PortKind kind, long bandwidth, long granularity, List<Use> served) {

    /** One movement carried by a port. */
    public record Use(MemoryOperand operand, int level, Direction direction) {}

    public Port {
        served = List.copyOf(served);
    }
}
