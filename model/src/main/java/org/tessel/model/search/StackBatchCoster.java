package org.tessel.model.search;

import java.util.List;
import org.tessel.model.schedule.StackSchedule;

/**
 * Costs a batch of stacks somewhere else than on the search run's own threads (the members of a
 * cluster): what an evaluator offers through {@link ScheduleEvaluator#stackBatchCoster()} when a
 * search run should hand each batch of new stacks over whole instead of costing it stack by stack.
 * The run still deduplicates, budgets, counts and memoises the stacks itself ({@link
 * SearchProgress}), so that where a stack is costed changes nothing but the wall time.
 *
 * <p>Implementations must give every stack exactly the cost {@link ScheduleEvaluator#evaluateStack}
 * gives it: a search's result is then bit for bit the same as on one machine.
 */
@FunctionalInterface
public interface StackBatchCoster {

    /**
     * The costs of {@code stacks}, in their order (the list has no duplicates).
     *
     * @throws RuntimeException if the batch cannot be costed; the search run fails with it
     */
    List<StackCost> costAll(List<StackSchedule> stacks);
}
