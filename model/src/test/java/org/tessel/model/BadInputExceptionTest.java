package org.tessel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Messages for the user stay on one line whatever names they quote. */
class BadInputExceptionTest {

    @Test
    void controlCharactersInAMessageAreEscaped() {
        BadInputException e = new BadInputException("this schedule cannot run on Meta\nproto\ttype\u0007");
        assertEquals("this schedule cannot run on Meta\\nproto\\ttype\\u0007", e.getMessage());
    }

    @Test
    void aPlainMessageIsKeptAsItIs() {
        String text = "--seed must be a number, got 'x' (π ≥ 3)";
        assertSame(text, BadInputException.oneLine(text));
    }
}
