package org.tessel.model.accelerator;

/** The operand roles a memory hierarchy serves (spec zigzag-inputs.md, conventions). */
public enum MemoryOperand {
    /** Activations: layer input {@code I}, and {@code X}/{@code Y} of element-wise adds. */
    I1,
    /** Weights: layer operand {@code W}. */
    I2,
    /** Outputs and partial sums. */
    O;

    /** True for the output operand. */
    public boolean isOutput() {
        return this == O;
    }
}
