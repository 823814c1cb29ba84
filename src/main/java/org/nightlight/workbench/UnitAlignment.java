package org.nightlight.workbench;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nightlight.units.Unit;
import org.nightlight.units.Units;

/**
 * The current source text beside its translation, unit by unit. Each source unit is marked against the source
 * revision the translation was made from: unchanged (its id is there), changed (a unit took its place) or new.
 * The translation's units are matched to that base source revision by position, which holds only when both
 * have the same units of the same kinds; otherwise nothing is matched and {@link #aligned()} says so.
 */
public record UnitAlignment(List<Row> rows, boolean aligned) {

    public enum Mark {
        NEW, CHANGED, UNCHANGED
    }

    /**
     * One translatable unit of the current source; {@code before} is the base source's unit it replaced (for a
     * changed one), {@code translation} the matching unit of the translation, or null.
     */
    public record Row(Unit source, Mark mark, Unit before, Unit translation) {

        /** The translation's text to start from: its unit, or nothing. */
        public String translationText() {
            return translation == null ? "" : translation.content();
        }
    }

    /**
     * {@code base} is the source revision the translation was made from and {@code translation} its text; both
     * are null for a first translation (every unit is then new).
     */
    public static UnitAlignment of(String currentSource, String base, String translation) {
        Units.Split now = Units.of(currentSource);
        if (base == null) {
            List<Row> rows = now.translatable().stream().map(u -> new Row(u, Mark.NEW, null, null)).toList();
            return new UnitAlignment(rows, translation == null);
        }
        Units.Split then = Units.of(base);
        Map<Integer, Unit> translated = matched(then, translation == null ? null : Units.of(translation));
        boolean aligned = translation == null || !translated.isEmpty() || then.units().isEmpty();

        // the base unit each current unit comes from: equal ids, or the unit it replaced in a changed block
        Map<Integer, Unit> before = new HashMap<>();
        Map<Integer, Mark> marks = new HashMap<>();
        List<String> oldIds = then.units().stream().map(Unit::id).toList();
        List<String> newIds = now.units().stream().map(Unit::id).toList();
        int oldAt = 0;
        int newAt = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(oldIds, newIds).getDeltas()) {
            int oldStart = delta.getSource().getPosition();
            int newStart = delta.getTarget().getPosition();
            while (newAt < newStart) {
                before.put(newAt, then.units().get(oldAt++));
                marks.put(newAt++, Mark.UNCHANGED);
            }
            int replaced = delta.getSource().size();
            for (int i = 0; i < delta.getTarget().size(); i++, newAt++) {
                if (i < replaced && then.units().get(oldStart + i).kind() == now.units().get(newAt).kind()) {
                    before.put(newAt, then.units().get(oldStart + i));
                    marks.put(newAt, Mark.CHANGED);
                } else {
                    marks.put(newAt, Mark.NEW);
                }
            }
            oldAt = oldStart + replaced;
        }
        while (newAt < now.units().size()) {
            before.put(newAt, then.units().get(oldAt++));
            marks.put(newAt++, Mark.UNCHANGED);
        }

        List<Row> rows = new ArrayList<>();
        for (Unit unit : now.translatable()) {
            Unit was = before.get(unit.index());
            Mark mark = marks.get(unit.index());
            rows.add(new Row(unit, mark, mark == Mark.CHANGED ? was : null,
                    was == null ? null : translated.get(was.index())));
        }
        return new UnitAlignment(List.copyOf(rows), aligned);
    }

    /** The new and changed units: what an update after a source change has to touch. */
    public long toUpdate() {
        return rows.stream().filter(r -> r.mark() != Mark.UNCHANGED).count();
    }

    /** Base unit index to translation unit, when the two line up kind by kind; else empty. */
    private static Map<Integer, Unit> matched(Units.Split base, Units.Split translation) {
        Map<Integer, Unit> matched = new HashMap<>();
        if (translation == null || translation.units().size() != base.units().size()) {
            return matched;
        }
        for (int i = 0; i < base.units().size(); i++) {
            if (base.units().get(i).kind() != translation.units().get(i).kind()) {
                return new HashMap<>();
            }
            matched.put(i, translation.units().get(i));
        }
        return matched;
    }
}
