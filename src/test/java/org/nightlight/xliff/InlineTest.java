package org.nightlight.xliff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nightlight.units.Unit;
import org.nightlight.units.Units;

/** Markdown cut into XLIFF pieces, without a database. */
class InlineTest {

    @Test
    void everyUnitOfARealText_joinsBackByteForByte() {
        String text = """
                ## When to *call* 999

                A temperature of **38 °C** or more in a baby under *3 months* is an emergency:
                see [NHS 111](https://111.nhs.uk/ "NHS") or `call 111`, <b>now</b>.
                Never give aspirin\\* to a child.

                1. Give 2.5 ml of ![a spoon](spoon.png) paracetamol  
                   every 4–6 hours, at most 4 times in 24 hours.
                """;
        for (Unit unit : Units.of(text).translatable()) {
            assertThat(ItemUnits.join(Inline.ofMarkdown(unit.content(), List.of()))).isEqualTo(unit.content());
        }
    }

    @Test
    void emphasisAndLinks_arePairedCodes_codeAndHtmlStandalone_allRequired() {
        List<Piece> pieces = Inline.ofMarkdown("Give *one* [dose](https://x.org/d) of `syrup` <br>", List.of());
        assertThat(pieces).filteredOn(p -> p instanceof Piece.Open).extracting(p -> ((Piece.Open) p).markdown(),
                p -> ((Piece.Open) p).closing(), p -> ((Piece.Open) p).required())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("*", "*", true),
                        org.assertj.core.groups.Tuple.tuple("[", "](https://x.org/d)", true));
        assertThat(pieces).filteredOn(p -> p instanceof Piece.Standalone).extracting(Piece::markdown)
                .containsExactly("`syrup`", "<br>");
        assertThat(pieces).filteredOn(p -> p instanceof Piece.Standalone)
                .allMatch(p -> ((Piece.Standalone) p).required());
    }

    @Test
    void numbersDosesAddressesAndDoNotTranslateTerms_areProtected_wordsAroundThemAreNot() {
        List<Piece> pieces = Inline.ofMarkdown("Give 2.5 ml of Calpol for 3 months below 38,5 °C, see https://nhs.uk/x.",
                List.of("Calpol"));
        assertThat(pieces).filteredOn(p -> p instanceof Piece.Protected).extracting(Piece::markdown)
                .containsExactly("2.5 ml", "Calpol", "3", "38,5 °C", "https://nhs.uk/x");
        assertThat(pieces).filteredOn(p -> p instanceof Piece.Text).extracting(Piece::markdown)
                .contains(" months below ");
    }

    @Test
    void aTitle_isPlainText_evenWithStars() {
        assertThat(Inline.ofPlainText("Is *this* ok?", List.of())).containsExactly(new Piece.Text("Is *this* ok?"));
    }
}
