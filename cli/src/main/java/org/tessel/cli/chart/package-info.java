/**
 * Charts of Tessel's results, drawn headless with XChart: the sweep heatmaps, the per-layer energy
 * of an evaluation, the schedule diagram, the memory comparison and the Pareto front of a search.
 * Every chart is built from a result document (the JSON or CSV a command writes), so a command's
 * {@code --chart} and {@code tessel report} draw the same picture from the same data.
 */
package org.tessel.cli.chart;
