package org.nightlight.checks;

import java.util.ArrayList;
import java.util.List;

final class Multisets {

    private Multisets() {
    }

    /** {@code these} without one element for each equal element of {@code those}, in order. */
    static <T> List<T> minus(List<T> these, List<T> those) {
        List<T> left = new ArrayList<>(these);
        those.forEach(left::remove);
        return left;
    }
}
