package org.tessel.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.tessel.model.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code tessel} command; the work is done by its subcommands. */
@Command(
        name = "tessel",
        mixinStandardHelpOptions = true,
        version = "tessel 0.1.0",
        description = "Finds near-optimal depth-first schedules of DNNs on accelerators.",
        subcommands = {ValidateCommand.class, DescribeCommand.class, ImportCommand.class, LayerCommand.class, EvaluateCommand.class,
            SweepCommand.class, SearchCommand.class, CompareCommand.class, CampaignCommand.class, MemberCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class TesselCommand implements Runnable {

    /** The name of the global option that adds the stack trace to an internal error. */
    static final String DEBUG = "--debug";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // read from the parse result by the exception handler; a field so that picocli declares it
    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "on an internal error, print the stack trace too")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A configured command line: bad input ({@link BadInputException}, which includes invalid
     * config files and unwritable output files, checked before any work by {@link OutputFile}) ends
     * with one line {@code error: ...} on standard error and exit status 2, and so does a mistake
     * on the command line ({@link CommandLineMistake}, with a hint at the command's help); anything else is a bug: one line {@code internal error (Type): ...}
     * and status 1, with the stack trace only if {@value #DEBUG} was given.
     */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** {@link #commandLine()} with the subcommands made by {@code factory} (tests give them other parts). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new TesselCommand(), factory);
        cl.setExitCodeExceptionMapper(e -> isBadInput(e) ? ExitCode.BAD_INPUT : ExitCode.FAILURE);
        cl.setParameterExceptionHandler(new CommandLineMistake());
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            if (!helpRequested(parseResult)) {
                try {
                    // every output file before any work: a mistyped path must not cost a long run
                    OutputFile.checkAll(parseResult);
                } catch (BadInputException e) {
                    throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
            return runLast.execute(parseResult);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable shown = unwrap(e);
            if (isBadInput(shown)) {
                err.println("error: " + oneLine(shown.getMessage()));
            } else if (debugRequested(parseResult)) {
                err.println("internal error (" + shown.getClass().getSimpleName() + "): " + oneLine(shown.getMessage()));
                e.printStackTrace(err);
            } else {
                err.println("internal error (" + shown.getClass().getSimpleName() + "): " + oneLine(shown.getMessage())
                        + " — run with " + DEBUG + " for the stack trace");
            }
            err.flush();
            return isBadInput(shown) ? ExitCode.BAD_INPUT : ExitCode.FAILURE;
        });
        return cl;
    }

    private static boolean helpRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof BadInputException || e instanceof CommandLine.ParameterException;
    }

    /** The failure inside a wrapper of asynchronous work (a sweep's rows are computed on a pool). */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** True if {@value #DEBUG} was given to the command of {@code spec} or to one above it. */
    static boolean debugRequested(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
            CommandLine.ParseResult r = s.commandLine().getParseResult();
            if (r != null && r.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@value #DEBUG} was given to the top-level command or to a subcommand. */
    private static boolean debugRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
