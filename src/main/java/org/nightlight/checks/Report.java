package org.nightlight.checks;

import java.util.List;

/** What the checks found in one translation, in the order of {@link Check}: blocking findings first. */
public record Report(List<Finding> findings) {

    public Report {
        findings = List.copyOf(findings);
    }

    /** True when nothing blocks the translation (warnings may remain). */
    public boolean passes() {
        return blocking().isEmpty();
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    public List<Finding> blocking() {
        return findings.stream().filter(f -> f.check().blocking()).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.check().blocking()).toList();
    }

    /** The blocking checks that failed, each once. */
    public List<Check> failedChecks() {
        return blocking().stream().map(Finding::check).distinct().toList();
    }

    /** The message keys of their names, for a page that names them. */
    public List<String> failedKeys() {
        return failedChecks().stream().map(Check::key).toList();
    }
}
