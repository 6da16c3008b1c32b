package org.tessel.costmodel.layer;

/**
 * Where {@link LayerEvaluator}'s workspace keeps the numbers of operand {@code x}: one flat array
 * per quantity, in which every operand owns a stretch sized for the context's longest memory
 * chain {@code N} ({@link IndexedHierarchy#maxLevels}) and for {@code L} loops. An operand with a
 * shorter chain leaves the end of its stretch unused. Reset for every evaluation.
 */
final class WorkspaceIndex {

    /** {@code N}. */
    private int maxLevels;
    /** {@code L}. */
    private int maxLoops;

    /** Lays out a context whose longest chain has {@code maxLevels} levels, for {@code maxLoops} loops per operand. */
    void reset(int maxLevels, int maxLoops) {
        this.maxLevels = maxLevels;
        this.maxLoops = maxLoops;
    }

    /** {@code N}, the longest chain's number of memory levels. */
    int maxLevels() {
        return maxLevels;
    }

    /** Memory level {@code m} of operand {@code x}, in arrays of {@link #levelSlots}. */
    int level(int x, int m) {
        return x * maxLevels + m;
    }

    /**
     * Architectural level {@code a = 0 … N} of operand {@code x} (0: the MAC level; {@code a = m + 1}:
     * memory level {@code m}), in arrays of {@link #archSlots}.
     */
    int arch(int x, int a) {
        return arch(maxLevels, x, a);
    }

    /** {@link #arch} for a layout with {@code maxLevels} levels per operand. */
    static int arch(int maxLevels, int x, int a) {
        return x * (maxLevels + 1) + a;
    }

    /**
     * Direction {@code d} ({@link DirectionIndex}) of memory level {@code m} of operand {@code x}, in
     * arrays of {@link #directionSlots}.
     */
    int direction(int x, int m, int d) {
        return direction(maxLevels, x, m, d);
    }

    /** {@link #direction(int, int, int)} in a context whose longest chain has {@code maxLevels} levels. */
    static int direction(int maxLevels, int x, int m, int d) {
        return (x * maxLevels + m) * DirectionIndex.COUNT + d;
    }

    /** Loop {@code i} (innermost first) of operand {@code x}'s loop sequence, in arrays of {@link #loopSlots}. */
    int loop(int x, int i) {
        return x * maxLoops + i;
    }

    int levelSlots(int operands) {
        return operands * maxLevels;
    }

    int archSlots(int operands) {
        return operands * (maxLevels + 1);
    }

    int directionSlots(int operands) {
        return levelSlots(operands) * DirectionIndex.COUNT;
    }

    int loopSlots(int operands) {
        return operands * maxLoops;
    }
}
