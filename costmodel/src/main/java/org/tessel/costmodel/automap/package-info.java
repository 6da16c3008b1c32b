/**
 * The search of spatial mappings ({@code --mapping auto}, docs/spatial-mapping.md): the candidate
 * unrollings the array and the innermost memories allow, each judged by the single-layer model
 * with its temporal-mapping search.
 */
package org.tessel.costmodel.automap;
