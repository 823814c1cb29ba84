package org.nightlight.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks one of the public languages for an {@code Accept-Language} header (RFC 9110 section 12.5.4, matched as
 * in RFC 4647 "lookup"): ranges by quality, an exact tag first, then shorter and shorter prefixes of it
 * ({@code pt-BR} finds {@code pt}, {@code zh-Hant-TW} finds {@code zh-Hant}, then {@code zh}), then a public
 * language that the range is a prefix of ({@code zh} finds {@code zh-Hant}). A {@code *} range, or no match,
 * means the source language. A header that does not parse is ignored as a whole: the source language.
 */
public final class AcceptLanguage {

    private static final Pattern RANGE = Pattern.compile("\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern QUALITY = Pattern.compile("(0(\\.[0-9]{0,3})?|1(\\.0{0,3})?)");
    private static final int MAX_LENGTH = 1_000;
    private static final int MAX_RANGES = 50;

    /** Regions whose Chinese is usually written in traditional or simplified script. */
    private static final Map<String, String> CHINESE_SCRIPT_BY_REGION = Map.of(
            "zh-tw", "zh-hant", "zh-hk", "zh-hant", "zh-mo", "zh-hant",
            "zh-cn", "zh-hans", "zh-sg", "zh-hans", "zh-my", "zh-hans");

    private record Range(String tag, double quality, int order) {
    }

    private AcceptLanguage() {
    }

    /**
     * The public language to serve. {@code publicCodes} in their display order; {@code fallback} (the source
     * language) when nothing matches.
     */
    public static String negotiate(String header, List<String> publicCodes, String fallback) {
        for (Range range : parse(header).orElse(List.of())) {
            if (range.tag().equals("*")) {
                return fallback;
            }
            Optional<String> match = match(range.tag(), publicCodes);
            if (match.isPresent()) {
                return match.get();
            }
        }
        return fallback;
    }

    /** The ranges with quality above zero, best first; empty when the header does not parse. */
    private static Optional<List<Range>> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(List.of());
        }
        if (header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = header.split(",", -1);
        if (parts.length > MAX_RANGES) {
            return Optional.empty();
        }
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue; // "en, , fr" has empty list elements, which RFC 9110 tells recipients to ignore
            }
            String[] pieces = part.split(";", -1);
            String tag = pieces[0].strip();
            if (!RANGE.matcher(tag).matches()) {
                return Optional.empty();
            }
            double quality = 1.0;
            for (int p = 1; p < pieces.length; p++) {
                String parameter = pieces[p].strip();
                if (!parameter.regionMatches(true, 0, "q=", 0, 2)
                        || !QUALITY.matcher(parameter.substring(2)).matches()) {
                    return Optional.empty();
                }
                quality = Double.parseDouble(parameter.substring(2));
            }
            if (quality > 0) {
                ranges.add(new Range(tag.toLowerCase(Locale.ROOT), quality, i));
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed().thenComparingInt(Range::order));
        return Optional.of(ranges);
    }

    private static Optional<String> match(String range, List<String> publicCodes) {
        String candidate = range;
        String script = CHINESE_SCRIPT_BY_REGION.get(range);
        if (script != null) {
            Optional<String> found = exact(script, publicCodes);
            if (found.isPresent()) {
                return found;
            }
        }
        while (true) {
            Optional<String> found = exact(candidate, publicCodes);
            if (found.isPresent()) {
                return found;
            }
            int dash = candidate.lastIndexOf('-');
            if (dash < 0) {
                break;
            }
            candidate = candidate.substring(0, dash);
            if (candidate.length() > 1 && candidate.charAt(candidate.length() - 2) == '-') {
                candidate = candidate.substring(0, candidate.length() - 2); // never end on a singleton ("x")
            }
        }
        return publicCodes.stream()
                .filter(code -> code.toLowerCase(Locale.ROOT).startsWith(range + "-"))
                .findFirst();
    }

    private static Optional<String> exact(String tag, List<String> publicCodes) {
        return publicCodes.stream().filter(code -> code.equalsIgnoreCase(tag)).findFirst();
    }
}
