/**
 * Spatial mapping conversion (spec mapping.md §1): clamping with fractional unrolling and the
 * assignment of unrolled loops to the memory levels of each operand; the unit counts and
 * bandwidth boosts derived from it (spec mapping.md §2.2–§2.3).
 */
package org.tessel.costmodel.spatial;
