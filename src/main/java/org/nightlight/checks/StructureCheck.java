package org.nightlight.checks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Emphasis;
import org.commonmark.node.StrongEmphasis;
import org.nightlight.units.Unit;

/**
 * The Markdown structure from the units: as many headings, paragraphs, list items and code blocks (STRUCTURE);
 * and, segment by segment, as much emphasis (EMPHASIS: a translation may move or merge it, so a warning).
 */
final class StructureCheck {

    private StructureCheck() {
    }

    static List<Finding> check(Side source, Side target, List<Segment> segments) {
        List<Finding> findings = new ArrayList<>();
        Map<Unit.Kind, Integer> inSource = counts(source.units());
        Map<Unit.Kind, Integer> inTarget = counts(target.units());
        for (Unit.Kind kind : Unit.Kind.values()) {
            int s = inSource.getOrDefault(kind, 0);
            int t = inTarget.getOrDefault(kind, 0);
            if (s != t) {
                findings.add(new Finding(Check.STRUCTURE, Place.TEXT, "count." + kind.name(),
                        List.of(String.valueOf(s), String.valueOf(t))));
            }
        }
        for (Segment segment : segments) {
            int s = emphasis(segment.source());
            int t = emphasis(segment.target());
            if (s != t) {
                findings.add(new Finding(Check.EMPHASIS, segment.place(), "count",
                        List.of(String.valueOf(s), String.valueOf(t))));
            }
        }
        return findings;
    }

    private static Map<Unit.Kind, Integer> counts(List<Unit> units) {
        Map<Unit.Kind, Integer> counts = new EnumMap<>(Unit.Kind.class);
        units.forEach(u -> counts.merge(u.kind(), 1, Integer::sum));
        return counts;
    }

    private static int emphasis(String markdown) {
        int[] count = {0};
        Side.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Emphasis emphasis) {
                count[0]++;
                visitChildren(emphasis);
            }

            @Override
            public void visit(StrongEmphasis strong) {
                count[0]++;
                visitChildren(strong);
            }
        });
        return count[0];
    }
}
