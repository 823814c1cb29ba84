package org.nightlight.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Numbers, segment by segment: each value (as a count, so a dose said twice must be there twice) in the source
 * and not the translation or the other way round is a NUMBERS finding, unless the other side says it in words
 * (NUMBERS_IN_WORDS, for the reviewer); a value on both sides with another measure ("3 months", "3 semaines") is
 * a UNITS finding. Phone numbers are left to {@link PhoneCheck}.
 */
final class NumberCheck {

    private NumberCheck() {
    }

    static List<Finding> check(List<Segment> segments, Side source, Side target) {
        List<Finding> findings = new ArrayList<>();
        for (Segment segment : segments) {
            String sourceText = Phones.without(Side.visible(segment.source()));
            String targetText = Phones.without(Side.visible(segment.target()));
            Map<String, List<Quantity>> inSource = byValue(Quantity.in(sourceText, source.language()));
            Map<String, List<Quantity>> inTarget = byValue(Quantity.in(targetText, target.language()));

            List<Quantity> missing = new ArrayList<>();
            List<Quantity> missingInWords = new ArrayList<>();
            for (var entry : inSource.entrySet()) {
                List<Quantity> lacking = surplus(entry.getValue(), inTarget.get(entry.getKey()));
                (NumberWords.says(entry.getKey(), targetText, target.language()) ? missingInWords : missing)
                        .addAll(lacking);
            }
            List<Quantity> extra = new ArrayList<>();
            List<Quantity> extraInWords = new ArrayList<>();
            for (var entry : inTarget.entrySet()) {
                List<Quantity> added = surplus(entry.getValue(), inSource.get(entry.getKey()));
                (NumberWords.says(entry.getKey(), sourceText, source.language()) ? extraInWords : extra)
                        .addAll(added);
            }
            add(findings, Check.NUMBERS, segment.place(), "missing", missing);
            add(findings, Check.NUMBERS, segment.place(), "extra", extra);
            add(findings, Check.NUMBERS_IN_WORDS, segment.place(), "inTarget", missingInWords);
            add(findings, Check.NUMBERS_IN_WORDS, segment.place(), "inSource", extraInWords);

            for (var entry : inSource.entrySet()) {
                List<Quantity> other = inTarget.get(entry.getKey());
                if (other != null) {
                    measures(findings, segment.place(), entry.getValue(), other);
                }
            }
        }
        return findings;
    }

    /** The quantities of {@code these} beyond as many as {@code those} has of the same value. */
    private static List<Quantity> surplus(List<Quantity> these, List<Quantity> those) {
        int have = those == null ? 0 : those.size();
        return these.size() > have ? these.subList(have, these.size()) : List.of();
    }

    /** A value measured differently: what each side measures that the other does not, when both measure it. */
    private static void measures(List<Finding> findings, Place place, List<Quantity> source, List<Quantity> target) {
        List<Quantity> sourceOnly = measured(source);
        List<Quantity> targetOnly = measured(target);
        for (Quantity q : List.copyOf(sourceOnly)) {
            targetOnly.stream().filter(t -> t.measure() == q.measure()).findFirst().ifPresent(t -> {
                targetOnly.remove(t);
                sourceOnly.remove(q);
            });
        }
        if (!sourceOnly.isEmpty() && !targetOnly.isEmpty()) {
            findings.add(new Finding(Check.UNITS, place, "changed", List.of(written(sourceOnly),
                    written(targetOnly))));
        }
    }

    private static List<Quantity> measured(List<Quantity> quantities) {
        return new ArrayList<>(quantities.stream().filter(q -> q.measure() != Measure.NONE).toList());
    }

    private static Map<String, List<Quantity>> byValue(List<Quantity> quantities) {
        return quantities.stream().collect(Collectors.groupingBy(Quantity::value, LinkedHashMap::new,
                Collectors.toList()));
    }

    private static void add(List<Finding> findings, Check check, Place place, String detail, List<Quantity> found) {
        if (!found.isEmpty()) {
            findings.add(new Finding(check, place, detail, List.of(written(found))));
        }
    }

    private static String written(List<Quantity> quantities) {
        return quantities.stream().map(Quantity::withMeasure)
                .collect(Collectors.joining(", "));
    }
}
