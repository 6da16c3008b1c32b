package org.tessel.model.accelerator;

/**
 * A physical memory (spec zigzag-inputs.md §3.1). One "word" is {@code readBandwidth} bits for a
 * read and {@code writeBandwidth} bits for a write; energies are per word.
 *
 * @param name unique name in its accelerator
 * @param sizeBits capacity in bits
 * @param readBandwidth bits per read access (bits per cycle)
 * @param writeBandwidth bits per write access (bits per cycle)
 * @param readGranularity minimum read granularity in bits
 * @param writeGranularity minimum write granularity in bits
 * @param readEnergy pJ per read word
 * @param writeEnergy pJ per written word
 * @param readPorts number of read-only ports
 * @param writePorts number of write-only ports
 * @param readWritePorts number of read-write ports
 * @param latency access latency in cycles
 * @param area area, informational
 * @param banks number of banks, informational
 */
public record MemoryInstance(
        String name,
        long sizeBits,
        long readBandwidth,
        long writeBandwidth,
        long readGranularity,
        long writeGranularity,
        double readEnergy,
        double writeEnergy,
        int readPorts,
        int writePorts,
        int readWritePorts,
        long latency,
        double area,
        int banks) {

    /** Number of ports of the given kind. */
    public int portCount(PortKind kind) {
        return switch (kind) {
            case READ -> readPorts;
            case WRITE -> writePorts;
            case READ_WRITE -> readWritePorts;
        };
    }

    /** True if a port of this name exists on this memory. */
    public boolean hasPort(String portName) {
        for (PortKind kind : PortKind.values()) {
            for (int n = 1; n <= portCount(kind); n++) {
                if (kind.portName(n).equals(portName)) {
                    return true;
                }
            }
        }
        return false;
    }
}
