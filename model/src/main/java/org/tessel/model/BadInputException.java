package org.tessel.model;

/**
 * The user asked for something that cannot be done as asked: an invalid option value, an
 * impossible request, an output file that cannot be written, a schedule that cannot run on the
 * accelerator. The message says what is wrong in one line, for the user. Commands report it as
 * bad input (exit status 2); every other exception is a bug and reported as an internal error.
 *
 * <p>Not an {@link IllegalArgumentException} on purpose: those are broken preconditions between
 * parts of the program, and a user must never be told that a bug is their fault.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message for the user. */
    public BadInputException(String message) {
        super(oneLine(message));
    }

    /** An exception with a one-line message for the user and the failure behind it. */
    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * {@code text} with control characters written as escapes ({@code \\n}, {@code \\t},
     * U+0007 as {@code \\u0007}): a name or value the user gave must never break the one-line
     * message or write raw control characters to the terminal.
     */
    public static String oneLine(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
