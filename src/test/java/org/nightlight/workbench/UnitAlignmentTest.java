package org.nightlight.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.nightlight.workbench.UnitAlignment.Mark;
import org.nightlight.workbench.UnitAlignment.Row;

class UnitAlignmentTest {

    static final String BASE = """
            ## When it stops

            BNSM goes away by itself, without treatment. It stops:

            - in about 2 babies out of 3, by the age of 3 months;
            - in nearly all babies, by the age of 6 months.

            Children who had BNSM develop normally.""";

    static final String TRANSLATION = """
            ## Quand elles cessent

            Les myoclonies disparaissent d’elles-mêmes, sans traitement. Elles cessent :

            - chez environ 2 bébés sur 3, vers l’âge de 3 mois ;
            - chez presque tous les bébés, vers l’âge de 6 mois.

            Les enfants qui en ont eu se développent normalement.""";

    @Test
    void sameSource_everyUnitUnchanged_andMatchedToItsTranslation() {
        UnitAlignment alignment = UnitAlignment.of(BASE, BASE, TRANSLATION);

        assertThat(alignment.aligned()).isTrue();
        assertThat(alignment.toUpdate()).isZero();
        assertThat(alignment.rows()).extracting(r -> r.mark(), Row::translationText).containsExactly(
                tuple(Mark.UNCHANGED, "Quand elles cessent"),
                tuple(Mark.UNCHANGED, "Les myoclonies disparaissent d’elles-mêmes, sans traitement. Elles cessent :"),
                tuple(Mark.UNCHANGED, "chez environ 2 bébés sur 3, vers l’âge de 3 mois ;"),
                tuple(Mark.UNCHANGED, "chez presque tous les bébés, vers l’âge de 6 mois."),
                tuple(Mark.UNCHANGED, "Les enfants qui en ont eu se développent normalement."));
    }

    @Test
    void aWordChangedInOneListItem_andAParagraphAdded_markOnlyThose() {
        String now = BASE.replace("nearly all babies", "almost all babies")
                + "\n\nIf the jerks go on after 6 months, ask your doctor.";

        UnitAlignment alignment = UnitAlignment.of(now, BASE, TRANSLATION);

        assertThat(alignment.toUpdate()).isEqualTo(2);
        assertThat(alignment.rows()).extracting(Row::mark).containsExactly(Mark.UNCHANGED, Mark.UNCHANGED,
                Mark.UNCHANGED, Mark.CHANGED, Mark.UNCHANGED, Mark.NEW);
        Row changed = alignment.rows().get(3);
        assertThat(changed.before().content()).isEqualTo("in nearly all babies, by the age of 6 months.");
        assertThat(changed.source().content()).isEqualTo("in almost all babies, by the age of 6 months.");
        // the changed unit starts from the translation of what it replaced; the new one from nothing
        assertThat(changed.translationText()).isEqualTo("chez presque tous les bébés, vers l’âge de 6 mois.");
        assertThat(alignment.rows().get(4).translationText())
                .isEqualTo("Les enfants qui en ont eu se développent normalement.");
        assertThat(alignment.rows().get(5).translationText()).isEmpty();
    }

    @Test
    void aParagraphRemovedFromTheSource_theOthersKeepTheirTranslations() {
        String now = BASE.replace("\n\nChildren who had BNSM develop normally.", "")
                .replace("## When it stops\n\n", "");

        UnitAlignment alignment = UnitAlignment.of(now, BASE, TRANSLATION);

        assertThat(alignment.rows()).extracting(Row::mark, Row::translationText).containsExactly(
                tuple(Mark.UNCHANGED, "Les myoclonies disparaissent d’elles-mêmes, sans traitement. Elles cessent :"),
                tuple(Mark.UNCHANGED, "chez environ 2 bébés sur 3, vers l’âge de 3 mois ;"),
                tuple(Mark.UNCHANGED, "chez presque tous les bébés, vers l’âge de 6 mois."));
    }

    @Test
    void aChangedHeadingBecomingAParagraph_isNew_notChanged() {
        String now = BASE.replace("## When it stops", "When it stops");

        UnitAlignment alignment = UnitAlignment.of(now, BASE, TRANSLATION);

        assertThat(alignment.rows().get(0).mark()).isEqualTo(Mark.NEW);
        assertThat(alignment.rows().get(0).translationText()).isEmpty();
    }

    @Test
    void aTranslationWithAnotherStructure_isNotAligned_andNothingIsMatched() {
        String merged = TRANSLATION.replace("\n\n- chez environ", " Chez environ").replace("\n- chez presque", " chez presque");

        UnitAlignment alignment = UnitAlignment.of(BASE, BASE, merged);

        assertThat(alignment.aligned()).isFalse();
        assertThat(alignment.rows()).allSatisfy(r -> assertThat(r.translationText()).isEmpty());
        assertThat(alignment.rows()).extracting(Row::mark).containsOnly(Mark.UNCHANGED);
    }

    @Test
    void aFirstTranslation_everyUnitIsNew() {
        UnitAlignment alignment = UnitAlignment.of(BASE, null, null);

        assertThat(alignment.aligned()).isTrue();
        assertThat(alignment.rows()).hasSize(5).extracting(Row::mark).containsOnly(Mark.NEW);
    }

    @Test
    void codeIsNotATranslationUnit() {
        String withCode = BASE + "\n\n```\n112\n```";

        assertThat(UnitAlignment.of(withCode, null, null).rows()).hasSize(5);
    }
}
