package org.tessel.cli;

/** Exit statuses of the {@code tessel} command. */
public final class ExitCode {

    /** Everything worked. */
    public static final int OK = 0;
    /** An internal failure (a bug): reported in one line, never with a stack trace. */
    public static final int FAILURE = 1;
    /** Bad input: invalid config file, unknown option, impossible request. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {}
}
