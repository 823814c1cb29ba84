package org.nightlight.xliff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nightlight.content.RevisionText;
import org.nightlight.units.Unit;
import org.nightlight.units.Units;

/**
 * One item's source revision as XLIFF units: its title, then every translatable unit of its body. Export writes
 * these; import makes them again from the same revision to check the file against, and puts the translated units
 * back into the body's Markdown with {@link Units.Split#join}.
 */
record ItemUnits(long itemId, RevisionText source, Units.Split body, List<XUnit> units) {

    static final String TITLE = "title";

    /** A unit as exchanged: {@code xliffId} is unique in its {@code <file>} and stable while its text is. */
    record XUnit(String xliffId, String unitId, List<Piece> pieces) {

        String markdown() {
            return join(pieces);
        }
    }

    static ItemUnits of(long itemId, RevisionText source, List<String> doNotTranslate) {
        Units.Split body = Units.of(source.body());
        List<XUnit> units = new ArrayList<>();
        units.add(new XUnit(xliffId(itemId, TITLE), TITLE, Inline.ofPlainText(source.title(), doNotTranslate)));
        for (Unit unit : body.translatable()) {
            units.add(new XUnit(xliffId(itemId, unit.id()), unit.id(), Inline.ofMarkdown(unit.content(),
                    doNotTranslate)));
        }
        return new ItemUnits(itemId, source, body, List.copyOf(units));
    }

    static String xliffId(long itemId, String unitId) {
        return "i" + itemId + "-" + unitId;
    }

    static String groupId(long itemId) {
        return "i" + itemId;
    }

    /** The translated text: the title and each body unit from {@code translated} (by unit id), sources kept. */
    RevisionText translate(Map<String, String> translated, Function<String, String> slug) {
        String title = translated.get(TITLE).strip();
        String text = body.join(unit -> translated.get(unit.id()));
        return new RevisionText(title, slug.apply(title), text.strip(), source.sources());
    }

    static String join(List<Piece> pieces) {
        StringBuilder out = new StringBuilder();
        pieces.forEach(p -> out.append(p.markdown()));
        return out.toString();
    }
}
