package org.nightlight.checks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nightlight.units.Unit;

/**
 * A part of the source and the part of the translation that says the same: the titles, then each unit when both
 * texts have the same units in the same order, else the whole texts. Checks compare segment by segment, so a
 * finding names the paragraph it is in, and a number moved to another paragraph is noticed.
 */
record Segment(Place place, String source, String target) {

    static List<Segment> of(Side source, Side target) {
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(Place.TITLE, source.title(), target.title()));
        if (aligned(source, target)) {
            Map<Unit.Kind, Integer> seen = new EnumMap<>(Unit.Kind.class);
            for (int i = 0; i < source.translatable().size(); i++) {
                Unit unit = source.translatable().get(i);
                int number = seen.merge(unit.kind(), 1, Integer::sum);
                segments.add(new Segment(new Place(unit.kind().name(), number), unit.content(),
                        target.translatable().get(i).content()));
            }
        } else {
            segments.add(new Segment(Place.TEXT, joined(source), joined(target)));
        }
        return segments;
    }

    static boolean aligned(Side source, Side target) {
        return source.translatable().stream().map(Unit::kind).toList()
                .equals(target.translatable().stream().map(Unit::kind).toList());
    }

    private static String joined(Side side) {
        return side.translatable().stream().map(Unit::content).collect(Collectors.joining("\n\n"));
    }
}
