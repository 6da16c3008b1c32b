/**
 * {@code tessel report}: one self-contained HTML page from the result files Tessel writes (sweep
 * CSV, evaluate and search JSON, compare and other CSV tables), with their tables, their charts
 * (the same figures as the commands' {@code --chart}, inline) and the inputs they record.
 */
package org.tessel.cli.report;
