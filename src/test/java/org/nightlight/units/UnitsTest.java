package org.nightlight.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {

    private static final String TEXT = """
            ## When to call

            Call your doctor if the jerks go on **when your baby is awake**.

            - a fever of 38 °C or more
            - the baby is [hard to wake](https://example.org/wake)
              or feeds badly

            1. Note the time.
            2. Film it.

            ```
            code stays
            ```
            """;

    @Test
    void headingsParagraphsAndListItemsAreUnitsWithoutTheirMarks() {
        List<Unit> units = Units.of(TEXT).units();

        assertThat(units).extracting(Unit::kind).containsExactly(Unit.Kind.HEADING, Unit.Kind.PARAGRAPH,
                Unit.Kind.LIST_ITEM, Unit.Kind.LIST_ITEM, Unit.Kind.LIST_ITEM, Unit.Kind.LIST_ITEM, Unit.Kind.CODE);
        assertThat(units).extracting(Unit::content).startsWith("When to call",
                "Call your doctor if the jerks go on **when your baby is awake**.", "a fever of 38 °C or more",
                "the baby is [hard to wake](https://example.org/wake)\n  or feeds badly", "Note the time.");
        assertThat(Units.of(TEXT).translatable()).hasSize(6);
    }

    @Test
    void joiningTheUnitsGivesTheTextBackByteForByte() {
        Units.Split split = Units.of(TEXT);

        assertThat(split.join(Unit::content)).isEqualTo(TEXT);
        assertThat(split.join(u -> u.kind() == Unit.Kind.HEADING ? "Quand appeler" : null))
                .startsWith("## Quand appeler\n\nCall your doctor");
    }

    @Test
    void idsDependOnTheTextNotThePlace() {
        Unit paragraph = Units.of("First.\n\nSecond.").units().get(1);
        Unit moved = Units.of("New first.\n\nFirst.\n\nSecond.").units().get(2);

        assertThat(moved.id()).isEqualTo(paragraph.id());
        assertThat(Units.of("Same.\n\nSame.").units()).extracting(Unit::id).doesNotHaveDuplicates();
        assertThat(Units.of("Changed.\n\nSecond.").units().get(0).id())
                .isNotEqualTo(Units.of("First.\n\nSecond.").units().get(0).id());
    }

    @Test
    void emptyAndWindowsTextsAreHandled() {
        assertThat(Units.of("").units()).isEmpty();
        assertThat(Units.of(null).join(Unit::content)).isEmpty();
        assertThat(Units.of("One.\r\n\r\nTwo.").units()).extracting(Unit::content).containsExactly("One.", "Two.");
    }
}
