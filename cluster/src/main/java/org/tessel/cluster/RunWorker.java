package org.tessel.cluster;

/**
 * What a member does with a work unit. The cli installs one that runs {@code tessel search}'s code
 * (so a run on a member is the same as a run alone); tests install toy ones. Each member is given
 * its worker when it starts: no code travels over the network, only {@link RunSpec}s.
 */
@FunctionalInterface
public interface RunWorker {

    /** The key under which a member's user context holds its worker. */
    String CONTEXT_KEY = "tessel.run-worker";

    /**
     * Runs one unit.
     *
     * @return the result document as JSON text (one object)
     * @throws RuntimeException if the run fails; the message goes back to the coordinator
     */
    String run(RunSpec spec);
}
