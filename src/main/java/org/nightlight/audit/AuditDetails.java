package org.nightlight.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event's details in the admin's language. Details are stored as written (English words around names,
 * numbers and typed text); the fixed words of the known forms are replaced by UI messages, and what people
 * typed (notes, comments, reasons, names, search words) stays as it is. A form not known here is shown as
 * stored.
 */
public final class AuditDetails {

    /** The UI text of a message key, empty when no bundle has it. */
    @FunctionalInterface
    public interface Words {
        Optional<String> text(String key, Object... args);
    }

    private static final Pattern REVISION = Pattern.compile("revision (\\d+)(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern REVIEWED = Pattern.compile(
            "(MEDICAL|LANGUAGE) (APPROVED|CHANGES_REQUESTED)(?: ([A-Z_]+))?(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern CHANGE = Pattern.compile("(.+?): (.*) -> (.*)", Pattern.DOTALL);
    private static final Pattern TRANSLATED = Pattern.compile("credentials \\(([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\\)");
    private static final Pattern FIXED = Pattern.compile(
            "(?:source revision (\\d+) refused as unsafe|safety change of the source \\(revision (\\d+)\\)"
                    + "|minor change of the source \\(revision (\\d+)\\)|replaced revision (\\d+))");
    private static final Pattern LEFT = Pattern.compile("(.+): (\\d+) left");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z_]+\\b");

    private AuditDetails() {
    }

    public static String localized(String action, String details, Words words) {
        if (details == null || details.isEmpty()) {
            return details;
        }
        if (details.equals("no change")) {
            return words.text("admin.audit.detail.noChange").orElse(details);
        }
        Matcher m;
        switch (action) {
            case "ITEM_CREATED" -> {
                if (details.equals("TOPIC") || details.equals("QUESTION")) {
                    return words.text("admin.kind." + details).orElse(details);
                }
                if (details.endsWith(" imported")) {
                    String kind = details.substring(0, details.length() - " imported".length());
                    return words.text("admin.kind." + kind).flatMap(k -> words.text("admin.audit.detail.imported", k))
                            .orElse(details);
                }
            }
            case "REVISION_SAVED" -> {
                if (details.equals("imported again with changed text")) {
                    return words.text("admin.audit.detail.importedAgain").orElse(details);
                }
                if ((m = REVISION.matcher(details)).matches()) {
                    return words.text("admin.audit.detail.revision", m.group(1)).orElse(details)
                            + (m.group(2) == null ? "" : ": " + m.group(2));
                }
            }
            case "REVIEWED" -> {
                if ((m = REVIEWED.matcher(details)).matches()) {
                    Optional<String> kind = words.text("admin.review.kind." + m.group(1));
                    Optional<String> decision = words.text("admin.review.decision." + m.group(2));
                    Optional<String> outcome = m.group(3) == null ? Optional.of("")
                            : words.text("admin.review.liveOutcome.was." + m.group(3)).map(o -> " " + o);
                    if (kind.isPresent() && decision.isPresent() && outcome.isPresent()) {
                        return kind.get() + ": " + decision.get() + outcome.get()
                                + (m.group(4) == null ? "" : " — " + m.group(4));
                    }
                }
            }
            case "WITHDRAWN", "OUTDATED", "ROLLED_BACK" -> {
                if (details.equals("refused as unsafe by a clinician")) {
                    return words.text("admin.audit.detail.refusedAsUnsafe").orElse(details);
                }
                if ((m = FIXED.matcher(details)).matches()) {
                    String[] keys = {"sourceRefusedAsUnsafe", "safetyChange", "minorChange", "replacedRevision"};
                    for (int g = 1; g <= 4; g++) {
                        if (m.group(g) != null) {
                            return words.text("admin.audit.detail." + keys[g - 1], m.group(g)).orElse(details);
                        }
                    }
                }
            }
            case "PUBLISHED" -> {
                if (details.startsWith("source change ")) {
                    return words.text("admin.audit.detail.sourceChange." + details.substring(14)).orElse(details);
                }
            }
            case "RECOVERY_CODE_USED" -> {
                if ((m = LEFT.matcher(details)).matches()) {
                    return m.group(1) + ": " + words.text("admin.audit.detail.codesLeft", Long.parseLong(m.group(2)))
                            .orElse(m.group(2) + " left");
                }
            }
            case "USER_CREATED" -> {
                return codes(details, "admin.role.", words);
            }
            case "USER_UPDATED", "LANGUAGE_UPDATED" -> {
                return changes(action, details, words);
            }
            default -> {
                return details;
            }
        }
        return details;
    }

    /** "editor: name: A -> B; roles: [EDITOR] -> [ADMIN, EDITOR]", each field named in the admin's language. */
    private static String changes(String action, String details, Words words) {
        String prefix = "";
        String rest = details;
        if (action.equals("USER_UPDATED")) {
            int colon = details.indexOf(": ");
            if (colon < 0) {
                return details;
            }
            prefix = details.substring(0, colon + 2);
            rest = details.substring(colon + 2);
            if (rest.equals("no change")) {
                return prefix + words.text("admin.audit.detail.noChange").orElse(rest);
            }
        }
        List<String> shown = new ArrayList<>();
        for (String part : rest.split("; ")) {
            Matcher m = CHANGE.matcher(part);
            if (!m.matches()) {
                shown.add(part);
                continue;
            }
            String field = m.group(1);
            Matcher t = TRANSLATED.matcher(field);
            Optional<String> label = t.matches() ? words.text("admin.audit.field.translatedCredentials", t.group(1))
                    : words.text("admin.audit.field." + field.replace(' ', '_'));
            String before = m.group(2);
            String after = m.group(3);
            if (field.equals("roles")) {
                before = codes(before, "admin.role.", words);
                after = codes(after, "admin.role.", words);
            } else if (field.equals("qualifications")) {
                before = codes(before, "admin.capability.", words);
                after = codes(after, "admin.capability.", words);
            }
            shown.add(label.orElse(field) + ": " + before + " → " + after);
        }
        return prefix + String.join("; ", shown);
    }

    /** Each upper-case code with a message under {@code prefix} replaced by it ("EDITOR" → "Éditeur"). */
    private static String codes(String text, String prefix, Words words) {
        Matcher m = CODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(words.text(prefix + m.group()).orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
