package org.nightlight.xliff;

/** A glossary entry found in a source unit: its approved translation and note, or "do not translate". */
public record Term(String source, String target, String note, boolean doNotTranslate) {
}
