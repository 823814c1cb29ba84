package org.nightlight.demo;

import java.util.List;
import org.nightlight.account.Actor;
import org.nightlight.content.HelpNumbers;

/**
 * The demo's telephone numbers, proposed by the demo editor and signed off by the demo clinician: the public
 * emergency (ambulance) numbers of countries whose people read the site's languages, and NHS 111 for urgent
 * advice in the UK. Each country lists the languages whose readers are offered it.
 */
final class DemoHelpNumbers {

    /** Country, care level, number, service (or null), languages. */
    record Entry(String country, String level, String number, String service, List<String> languages) {
    }

    static final List<Entry> NUMBERS = List.of(
            new Entry("GB", "EMERGENCY", "999", null, List.of("en")),
            new Entry("GB", "URGENT", "111", "NHS 111", List.of("en")),
            new Entry("IE", "EMERGENCY", "112", null, List.of("en")),
            new Entry("US", "EMERGENCY", "911", null, List.of("en", "es")),
            new Entry("CA", "EMERGENCY", "911", null, List.of("en", "fr")),
            new Entry("AU", "EMERGENCY", "000", null, List.of("en")),
            new Entry("ES", "EMERGENCY", "112", null, List.of("es")),
            new Entry("MX", "EMERGENCY", "911", null, List.of("es")),
            new Entry("CO", "EMERGENCY", "123", null, List.of("es")),
            new Entry("CL", "EMERGENCY", "131", "SAMU", List.of("es")),
            new Entry("FR", "EMERGENCY", "15", "SAMU", List.of("fr")),
            new Entry("FR", "EMERGENCY", "112", null, List.of("fr")),
            new Entry("BE", "EMERGENCY", "112", null, List.of("fr")),
            new Entry("CH", "EMERGENCY", "144", null, List.of("fr")),
            new Entry("SA", "EMERGENCY", "997", null, List.of("ar")),
            new Entry("AE", "EMERGENCY", "998", null, List.of("ar")),
            new Entry("EG", "EMERGENCY", "123", null, List.of("ar")),
            new Entry("JO", "EMERGENCY", "911", null, List.of("ar")),
            new Entry("LB", "EMERGENCY", "140", null, List.of("ar")),
            new Entry("QA", "EMERGENCY", "999", null, List.of("ar")));

    private DemoHelpNumbers() {
    }

    static void load(HelpNumbers numbers, Actor editor, Actor clinician) {
        for (Entry e : NUMBERS) {
            numbers.propose(editor, e.country(), e.level(), e.number(), e.service(), e.languages());
        }
        numbers.all().forEach(n -> numbers.sign(clinician, n.id()));
    }
}
