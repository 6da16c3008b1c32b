/**
 * Campaigns of search runs spread over Hazelcast members: the campaign file ({@link
 * org.tessel.cluster.Campaign}), the cluster file ({@link org.tessel.cluster.ClusterSpec}), the work
 * unit and its result ({@link org.tessel.cluster.RunSpec}, {@link org.tessel.cluster.RunOutcome}),
 * and the dispatcher that hands whole runs to members and collects their results in campaign order
 * ({@link org.tessel.cluster.RunDispatcher}). What a run does is not in this package: each member is
 * given a {@link org.tessel.cluster.RunWorker} (the cli's, which runs {@code tessel search}'s code).
 */
package org.tessel.cluster;
