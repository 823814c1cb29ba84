package org.nightlight.xliff;

/**
 * A piece of a unit's text as XLIFF carries it: words to translate, a span not to translate ({@code <mrk
 * translate="no">}), or a Markdown code kept aside in {@code <originalData>} ({@code <pc>} around text, {@code <ph>}
 * alone). Codes carry their Markdown, so the pieces in order give the Markdown back.
 */
sealed interface Piece {

    /** This piece's Markdown. */
    String markdown();

    record Text(String markdown) implements Piece {
    }

    /** A number, dose, address or do-not-translate term: it must come back exactly as it went out. */
    record Protected(String id, String markdown) implements Piece {
    }

    /** The start of a paired code ({@code **}, {@code [}); its end's Markdown is known here already. */
    record Open(String id, String markdown, String closing, boolean required) implements Piece {
    }

    record Close(String id, String markdown) implements Piece {
    }

    /** A code standing alone: inline code, an image, inline HTML, a line break. */
    record Standalone(String id, String markdown, boolean required) implements Piece {
    }
}
