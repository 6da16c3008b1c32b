package org.tessel.cli;

import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.model.search.ScheduleEvaluator;

/**
 * The depth-first model twice over one layer-tile memo: the engine (for DeFiNES-style runs with
 * automatic cuts, the baseline) and the schedule evaluator the search back ends call.
 *
 * @param engine the engine
 * @param evaluator the schedule evaluator (the depth-first one keeps the stack memo of its latest search run,
 *     which whole schedules evaluated afterwards, such as the baseline, take their stacks from)
 */
record CostModel(DepthFirstEngine engine, ScheduleEvaluator evaluator) {}
