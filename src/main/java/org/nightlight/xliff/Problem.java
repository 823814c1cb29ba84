package org.nightlight.xliff;

import java.util.List;

/**
 * Why an import was refused or an item left out: a message key ({@code xliff.problem.*}, with its arguments) for
 * the admin in the reader's language, and the same in English for the command and the log.
 */
public record Problem(String key, List<String> args, String english) {

    /** The i-th argument, empty past the last (a message names at most three). */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    static Problem of(String code, String english, Object... args) {
        return new Problem("xliff.problem." + code, java.util.Arrays.stream(args).map(String::valueOf).toList(),
                english);
    }
}
