package org.tessel.model.search;

/**
 * One point of a best-so-far trace: after {@code evaluations} evaluator calls the best objective
 * value found was {@code value}.
 *
 * @param evaluations evaluator calls so far
 * @param value best objective value so far
 */
public record TracePoint(long evaluations, double value) {}
