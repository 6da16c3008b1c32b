/**
 * Data copies between memory levels (spec depthfirst.md §4): {@link
 * org.tessel.costmodel.depthfirst.copy.DataCopyAction} (path, energy and port intervals of one copy,
 * §4.1–§4.2) and {@link org.tessel.costmodel.depthfirst.copy.DataCopyLayer} (the copies before a
 * node, {@code datamovement_b4_<node>}, §4.3).
 */
package org.tessel.costmodel.depthfirst.copy;
