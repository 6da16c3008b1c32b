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
 * <p>Layout of {@code values}: per operand {@code x} and memory level {@code m} the four word
 * accesses rd→low, wr←low, rd→high, wr←high at {@code (first[x] + m) · 4}. The energies are
 * computed when a level is read, from the accesses and the level's energy per read and per write
 * access, with the arithmetic of the evaluator's memory-energy sum (spec costmodel.md §5), so they
 * are the same numbers bit for bit.
 */
public final class OperandCostTable extends AbstractList<LayerCost.OperandCost> implements RandomAccess {

    /** Numbers per operand and memory level in {@code values}. */
    public static final int SLOT = 4;

    private final List<String> operands;
    private final List<MemoryOperand> memoryOperands;
    private final String[][] memoryNames;
    private final double[] values;
    private final double[][] readEnergy;
    private final double[][] writeEnergy;
    private final int[] first;
    private final LayerCost.OperandCost[] built;

    /**
     * @param operands layer operands in equation order
     * @param memoryOperands their memory operands
     * @param memoryNames per operand the memory names of its chain (not copied; never modified)
     * @param values the word accesses, laid out as described above (not copied; never modified)
     * @param readEnergy per operand and memory level the energy of one read access (not copied; never modified)
     * @param writeEnergy likewise for one write access
     * @param first per operand the index of its first memory level in {@code values} (not copied; never modified)
     */
    public OperandCostTable(List<String> operands, List<MemoryOperand> memoryOperands, String[][] memoryNames,
            double[] values, double[][] readEnergy, double[][] writeEnergy, int[] first) {
        this.operands = operands;
        this.memoryOperands = memoryOperands;
        this.memoryNames = memoryNames;
        this.values = values;
        this.readEnergy = readEnergy;
        this.writeEnergy = writeEnergy;
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
                double re = readEnergy[x][m];
                double we = writeEnergy[x][m];
                levels[m] = new LayerCost.LevelCost(names[m], new DirectionValues(v[o], v[o + 1], v[o + 2], v[o + 3]),
                        levelEnergies(v[o], v[o + 1], v[o + 2], v[o + 3], re, we),
                        levelEnergy(v[o], v[o + 1], v[o + 2], v[o + 3], re, we));
            }
            c = new LayerCost.OperandCost(operands.get(x), memoryOperands.get(x), List.of(levels));
            built[x] = c; // immutable records: a racing duplicate is equal and harmless
        }
        return c;
    }

    /** The energies of one level's four directions (spec costmodel.md §5: accesses times the cost per access). */
    private static DirectionValues levelEnergies(double rdLow, double wrLow, double rdHigh, double wrHigh, double re,
            double we) {
        return new DirectionValues(rdLow * re, wrLow * we, rdHigh * re, wrHigh * we);
    }

    /**
     * A level's energy, {@code E_rd + E_wr} with {@code E_rd = rd→high · r_cost + rd→low · r_cost} and
     * {@code E_wr} likewise (spec costmodel.md §5), in this order of operations: the evaluator's sum
     * of the memory energy adds these numbers.
     */
    public static double levelEnergy(double rdLow, double wrLow, double rdHigh, double wrHigh, double re, double we) {
        return (rdHigh * re + rdLow * re) + (wrHigh * we + wrLow * we);
    }

    @Override
    public int size() {
        return built.length;
    }
}
