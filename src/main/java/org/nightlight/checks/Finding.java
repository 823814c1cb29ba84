package org.nightlight.checks;

import java.util.List;

/**
 * One problem a check found, where, and what: {@link #messageKey()} is a message of the admin bundles and
 * {@link #args()} its arguments, quoted from the texts as written.
 */
public record Finding(Check check, Place place, String detail, List<String> args) {

    public Finding {
        args = List.copyOf(args);
    }

    public String messageKey() {
        return check.key() + "." + detail;
    }

    public Object[] arguments() {
        return args.toArray();
    }
}
