package org.tessel.costmodel.temporal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.layer.LayerContext;
import org.tessel.model.BadInputException;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * Whether a temporal mapping given from outside (a file, not the search) is one of the layer's:
 * the cost model costs whatever it is given, so a mapping that does not cover the layer's loops
 * would give plausible-looking but meaningless numbers.
 */
public final class TemporalMappingCheck {

    private TemporalMappingCheck() {}

    /**
     * Requires {@code mapping} to fit {@code ctx}: per dimension its loops multiply to the
     * layer's temporal size after spatial unrolling (spec mapping.md §3.1; loops and dimensions of
     * size 1 aside), and for every operand of the layer it gives each loop a memory level of that
     * operand's chain.
     *
     * @throws BadInputException naming the first mismatch (the mapping is the user's input)
     */
    public static void requireFits(LayerContext ctx, TemporalMapping mapping) {
        Map<String, Long> need = new LinkedHashMap<>(LoopPrimeFactors.temporalSizes(ctx));
        Map<String, Long> have = new LinkedHashMap<>();
        for (TemporalLoop l : mapping.loops()) {
            have.merge(l.dimension(), l.size(), Math::multiplyExact);
        }
        need.values().removeIf(v -> v == 1);
        have.values().removeIf(v -> v == 1);
        if (!need.equals(have)) {
            throw new BadInputException("the temporal mapping's loops multiply to " + have
                    + ", but after spatial unrolling the layer needs " + need);
        }
        for (int x = 0; x < ctx.operandCount(); x++) {
            String op = ctx.operands().get(x);
            List<Integer> levels = mapping.levels().get(op);
            if (levels == null) {
                throw new BadInputException("the temporal mapping gives no levels for operand " + op);
            }
            int n = ctx.chain(x).size();
            for (int m : levels) {
                if (m < 0 || m >= n) {
                    throw new BadInputException("operand " + op + " has " + n + " memory levels (0.." + (n - 1)
                            + "), the temporal mapping uses level " + m);
                }
            }
        }
    }
}
