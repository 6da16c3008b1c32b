package org.tessel.cli;

import java.io.PrintWriter;
import java.util.List;
import org.tessel.model.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the user sees for a mistake on the command line (a bad option value, an unknown or missing
 * option, an unknown subcommand): one line {@code error: ...} and where to look, exit status 2.
 * Never the usage text: it buried the one line that matters under 30 others.
 */
final class CommandLineMistake implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(message(ex));
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    /** The one line: picocli's message, a close option name if there is one, and the command's help. */
    static String message(ParameterException ex) {
        String text = ex.getMessage() == null ? "bad command line" : ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder line = new StringBuilder("error: ").append(BadInputException.oneLine(text));
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> close = unmatched.getSuggestions();
            if (!close.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", close.subList(0, Math.min(3, close.size()))))
                        .append("?)");
            }
        }
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        return line.append("; see '").append(command).append(" --help'").toString();
    }
}
