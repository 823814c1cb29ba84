package org.nightlight.checks;

import java.util.ArrayList;
import java.util.List;

/** Phone numbers of the source, digit for digit, in the translation, and none it does not have. */
final class PhoneCheck {

    private PhoneCheck() {
    }

    static List<Finding> check(Side source, Side target) {
        List<String> inSource = Phones.in(source.visibleText());
        List<String> inTarget = Phones.in(target.visibleText());
        List<Finding> findings = new ArrayList<>();
        List<String> missing = Multisets.minus(inSource, inTarget);
        List<String> extra = Multisets.minus(inTarget, inSource);
        if (!missing.isEmpty()) {
            findings.add(new Finding(Check.PHONES, Place.TEXT, "missing", List.of(String.join(", ", missing))));
        }
        if (!extra.isEmpty()) {
            findings.add(new Finding(Check.PHONES, Place.TEXT, "extra", List.of(String.join(", ", extra))));
        }
        return findings;
    }
}
