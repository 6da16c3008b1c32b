package org.tessel.cli;

import java.io.PrintWriter;
import org.tessel.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code tessel} command; the work is done by its subcommands. */
@Command(
        name = "tessel",
        mixinStandardHelpOptions = true,
        version = "tessel 0.1.0",
        description = "Finds near-optimal depth-first schedules of DNNs on accelerators.",
        subcommands = {ValidateCommand.class, DescribeCommand.class, LayerCommand.class, EvaluateCommand.class,
            SweepCommand.class, SearchCommand.class, CompareCommand.class, CommandLine.HelpCommand.class})
public final class TesselCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A configured command line: bad input (an invalid config, an unusable option value) ends
     * with one line on standard error and exit status 2; an internal error with one line and
     * status 1. Never a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TesselCommand());
        cl.setExitCodeExceptionMapper(e -> isBadInput(e) ? ExitCode.BAD_INPUT : ExitCode.FAILURE);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (isBadInput(e)) {
                err.println("error: " + e.getMessage());
            } else {
                err.println("internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
            }
            err.flush();
            return commandLine.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cl;
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof ConfigException || e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException;
    }
}
