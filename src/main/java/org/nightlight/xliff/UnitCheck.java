package org.nightlight.xliff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A unit's returned target against the exported source: every required code is there, no code was added or
 * changed (its Markdown, from the file's original data, is the exported one), and every protected span came back
 * exactly, as often as the source has it.
 */
final class UnitCheck {

    private UnitCheck() {
    }

    static List<Problem> problems(ItemUnits.XUnit unit, List<Piece> target) {
        List<Problem> problems = new ArrayList<>();
        String id = unit.xliffId();
        Map<String, Piece> codes = new HashMap<>();
        unit.pieces().stream().filter(p -> p instanceof Piece.Open || p instanceof Piece.Standalone)
                .forEach(p -> codes.put(codeId(p), p));
        Set<String> present = new java.util.HashSet<>();
        for (Piece piece : target) {
            if (piece instanceof Piece.Open open) {
                present.add(open.id());
                if (!(codes.get(open.id()) instanceof Piece.Open ours) || !ours.markdown().equals(open.markdown())
                        || (open.closing() != null && !ours.closing().equals(open.closing()))) {
                    problems.add(altered(id, open.id()));
                }
            } else if (piece instanceof Piece.Close close) {
                if (!(codes.get(close.id()) instanceof Piece.Open ours) || !ours.closing().equals(close.markdown())) {
                    problems.add(altered(id, close.id()));
                }
            } else if (piece instanceof Piece.Standalone alone) {
                present.add(alone.id());
                if (!(codes.get(alone.id()) instanceof Piece.Standalone ours)
                        || !ours.markdown().equals(alone.markdown())) {
                    problems.add(altered(id, alone.id()));
                }
            }
        }
        codes.values().stream().filter(UnitCheck::required).map(UnitCheck::codeId)
                .filter(code -> !present.contains(code)).sorted()
                .forEach(code -> problems.add(Problem.of("codeRemoved", "unit " + id + ": the required code " + code
                        + " (" + markdownOf(codes.get(code)) + ") was removed", id, code, markdownOf(codes.get(code)))));
        Map<String, Long> kept = protectedSpans(target);
        protectedSpans(unit.pieces()).forEach((span, count) -> {
            if (kept.getOrDefault(span, 0L) < count) {
                problems.add(Problem.of("protectedChanged", "unit " + id + ": the protected text \"" + span
                        + "\" was removed or changed", id, span));
            }
        });
        return problems.stream().distinct().toList();
    }

    private static Problem altered(String unit, String code) {
        return Problem.of("codeAltered", "unit " + unit + ": the code " + code + " was added or changed", unit, code);
    }

    private static Map<String, Long> protectedSpans(List<Piece> pieces) {
        return pieces.stream().filter(p -> p instanceof Piece.Protected)
                .collect(Collectors.groupingBy(Piece::markdown, Collectors.counting()));
    }

    private static boolean required(Piece code) {
        return code instanceof Piece.Open open ? open.required() : ((Piece.Standalone) code).required();
    }

    private static String codeId(Piece code) {
        return code instanceof Piece.Open open ? open.id() : ((Piece.Standalone) code).id();
    }

    private static String markdownOf(Piece code) {
        return code instanceof Piece.Open open ? open.markdown() + "…" + open.closing() : code.markdown();
    }
}
