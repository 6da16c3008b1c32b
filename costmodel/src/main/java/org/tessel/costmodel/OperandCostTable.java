package org.tessel.costmodel;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * The per-operand breakdown of a {@link LayerCost} held compactly as one array of numbers: the
 * {@link LayerCost.OperandCost} and {@link LayerCost.LevelCost} records are built only when read
 * (and then kept). An immutable {@link List} like any other: equal to, and with the hash code of,
 * the list of the same records.
 *
 * <p>Layout of {@code values}: per operand {@code x} and memory level {@code m} the nine numbers at
 * {@code (first[x] + m) · 9}: word accesses rd→low, wr←low, rd→high, wr←high, then the energies in
 * the same order, then the level's energy.
 */
public final class OperandCostTable extends AbstractList<LayerCost.OperandCost> implements RandomAccess {

    /** Numbers per operand and memory level in {@code values}. */
    public static final int SLOT = 9;

    private final List<String> operands;
    private final List<MemoryOperand> memoryOperands;
    private final String[][] memoryNames;
    private final double[] values;
    private final int[] first;
    private final LayerCost.OperandCost[] built;

    /**
     * @param operands layer operands in equation order
     * @param memoryOperands their memory operands
     * @param memoryNames per operand the memory names of its chain (not copied; never modified)
     * @param values the numbers, laid out as described above (not copied; never modified)
     * @param first per operand the index of its first memory level in {@code values} (not copied; never modified)
     */
    public OperandCostTable(List<String> operands, List<MemoryOperand> memoryOperands, String[][] memoryNames,
            double[] values, int[] first) {
        this.operands = operands;
        this.memoryOperands = memoryOperands;
        this.memoryNames = memoryNames;
        this.values = values;
        this.first = first;
        this.built = new LayerCost.OperandCost[operands.size()];
    }

    @Override
    public LayerCost.OperandCost get(int x) {
        LayerCost.OperandCost c = built[x];
        if (c == null) {
            String[] names = memoryNames[x];
            LayerCost.LevelCost[] levels = new LayerCost.LevelCost[names.length];
            for (int m = 0; m < levels.length; m++) {
                int o = (first[x] + m) * SLOT;
                double[] v = values;
                levels[m] = new LayerCost.LevelCost(names[m], new DirectionValues(v[o], v[o + 1], v[o + 2], v[o + 3]),
                        new DirectionValues(v[o + 4], v[o + 5], v[o + 6], v[o + 7]), v[o + 8]);
            }
            c = new LayerCost.OperandCost(operands.get(x), memoryOperands.get(x), List.of(levels));
            built[x] = c; // immutable records: a racing duplicate is equal and harmless
        }
        return c;
    }

    @Override
    public int size() {
        return built.length;
    }
}
