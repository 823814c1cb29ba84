package org.nightlight.checks;

/** BLOCKING keeps a translation out of review until it is fixed; a WARNING is for the reviewer to judge. */
public enum Severity {
    BLOCKING, WARNING
}
