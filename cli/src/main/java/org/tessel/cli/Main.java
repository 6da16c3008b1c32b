package org.tessel.cli;

/** Entry point of the {@code tessel} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(TesselCommand.commandLine().execute(args));
    }
}
