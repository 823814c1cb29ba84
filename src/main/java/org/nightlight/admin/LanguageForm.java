package org.nightlight.admin;

import org.nightlight.content.Language;

/** The language form as typed, so a refused form shows exactly what was sent. */
public record LanguageForm(String code, String nativeName, String englishName, String direction,
        String searchConfig, boolean isPublic) {

    static LanguageForm empty() {
        return new LanguageForm("", "", "", "ltr", "simple", false);
    }

    static LanguageForm of(Language l) {
        return new LanguageForm(l.code(), l.nativeName(), l.englishName(), l.direction(), l.searchConfig(),
                l.isPublic());
    }

    static LanguageForm of(String code, String nativeName, String englishName, String direction,
            String searchConfig, String isPublic) {
        return new LanguageForm(strip(code), strip(nativeName), strip(englishName), strip(direction),
                strip(searchConfig), "true".equals(isPublic));
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
