/**
 * The LOMA-equivalent temporal-mapping search (spec mapping.md §3–§4): loop prime factors and
 * their limiting, multiset permutations in the reference's order, the memory allocator, and the
 * choice of the first strict energy minimum.
 */
package org.tessel.costmodel.temporal;
