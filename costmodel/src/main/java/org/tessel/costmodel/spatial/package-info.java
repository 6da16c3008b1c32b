/**
 * Spatial mapping conversion (spec mapping.md §1): clamping with fractional unrolling and the
 * assignment of unrolled loops to the memory levels of each operand.
 */
package org.tessel.costmodel.spatial;
