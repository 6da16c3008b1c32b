package org.tessel.model.accelerator;

/** What a memory port can do; ports are named {@code <prefix>_port_<n>}. */
public enum PortKind {
    READ("r"),
    WRITE("w"),
    READ_WRITE("rw");

    private final String prefix;

    PortKind(String prefix) {
        this.prefix = prefix;
    }

    /** The name of the n-th port of this kind (1-based), e.g. {@code r_port_1}. */
    public String portName(int n) {
        return prefix + "_port_" + n;
    }
}
