package org.nightlight.exchange;

/**
 * The input is not a usable FAQ file. The message is shown to an operator on the
 * command line, so it is a whole sentence and names the line where there is one.
 */
public final class FaqFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FaqFormatException(String message) {
        super(message);
    }
}
