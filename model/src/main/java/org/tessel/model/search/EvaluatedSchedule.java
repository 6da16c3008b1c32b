package org.tessel.model.search;

import org.tessel.model.schedule.Schedule;

/**
 * A schedule with its point in the space and its cost.
 *
 * @param point the point of the schedule
 * @param schedule the schedule
 * @param cost its cost
 */
public record EvaluatedSchedule(SchedulePoint point, Schedule schedule, ScheduleCost cost) {}
