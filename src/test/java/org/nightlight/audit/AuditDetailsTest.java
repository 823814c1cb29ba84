package org.nightlight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nightlight.web.Messages;

/** Details as stored, in the admin's language: fixed words translated, typed text and names kept. */
class AuditDetailsTest {

    static final Messages MESSAGES = new Messages();

    static String in(String lang, String action, String details) {
        AuditDetails.Words words = (key, args) -> {
            try {
                return Optional.of(MESSAGES.get(Locale.forLanguageTag(lang), key, args));
            } catch (MissingResourceException e) {
                return Optional.empty();
            }
        };
        return AuditDetails.localized(action, details, words);
    }

    @Test
    void fixedWords_areTranslated_typedTextIsKept() {
        assertThat(in("fr", "REVISION_SAVED", "revision 3: fixed the dose")).isEqualTo("version 3: fixed the dose");
        assertThat(in("es", "ITEM_CREATED", "QUESTION")).isEqualTo("Pregunta");
        assertThat(in("fr", "WITHDRAWN", "safety change of the source (revision 4)"))
                .isEqualTo("modification de sécurité de l’original (version 4)");
        assertThat(in("ar", "OUTDATED", "minor change of the source (revision 2)"))
                .isEqualTo("تغيير طفيف في الأصل (النسخة 2)");
        assertThat(in("fr", "PUBLISHED", "source change SAFETY")).isEqualTo("modification de sécurité de l’original");
        assertThat(in("en", "RECOVERY_CODE_USED", "editor: 1 left")).isEqualTo("editor: 1 recovery code left");
        assertThat(in("fr", "LANGUAGE_UPDATED", "no change")).isEqualTo("aucune modification");
        assertThat(in("fr", "SEARCH_SYNONYM_ADDED", "quiver -> jerks")).isEqualTo("quiver -> jerks");
        assertThat(in("fr", "UNPUBLISHED", "no longer relevant")).isEqualTo("no longer relevant");
    }

    @Test
    void reviews_nameTheirKindAndDecision_andKeepTheComment() {
        String approved = in("fr", "REVIEWED", "MEDICAL APPROVED");
        assertThat(approved).doesNotContain("MEDICAL", "APPROVED");
        assertThat(in("es", "REVIEWED", "LANGUAGE CHANGES_REQUESTED: say crisis, not ataque"))
                .doesNotContain("LANGUAGE", "CHANGES_REQUESTED").endsWith("say crisis, not ataque");
    }

    @Test
    void accountChanges_nameEachFieldRoleAndLanguageCapability() {
        String shown = in("fr", "USER_UPDATED", "clinician: credentials (fr): a -> b; roles: [CLINICIAN] ->"
                + " [CLINICIAN, EDITOR]; qualifications: [fr:TRANSLATE] -> []");
        assertThat(shown).startsWith("clinician: titres (fr): a → b; rôles: ")
                .doesNotContain("CLINICIAN", "EDITOR", "TRANSLATE", "qualifications");
        assertThat(in("en", "USER_UPDATED", "editor: no change")).isEqualTo("editor: no change");
        assertThat(in("fr", "USER_CREATED", "nurse [EDITOR]")).isEqualTo("nurse [Éditeur]");
    }

    @Test
    void anUnknownAction_orForm_isShownAsStored() {
        assertThat(in("fr", "TEST_SOMETHING", "anything -> else")).isEqualTo("anything -> else");
        assertThat(in("fr", "REVISION_SAVED", "something new")).isEqualTo("something new");
    }
}
