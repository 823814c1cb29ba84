package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md, "Layout": dependencies point inward. Read from the sources (imports and fully qualified
 * names alike), so it needs no library and sees what a reviewer sees.
 */
class LayoutTest {

    private static final Path SOURCES = Path.of("src/main/java/org/nightlight");
    /** A name in a package under org.nightlight: "org.nightlight.admin.Admin" (admin), "org.nightlight.App" (the root). */
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.nightlight\\.((?:[a-z]\\w*\\.)*)[A-Z*]");

    /**
     * The composition root (App, with Settings and the entry point beside it) builds the features and hands
     * each the services it needs; a feature that reached back for it would see everything and tie every
     * package to every other.
     */
    @Test
    void noFeature_usesTheCompositionRoot() {
        List<String> reachingBack = javaFiles().stream()
                .filter(file -> !packageOf(file).isEmpty())
                .filter(file -> REFERENCE.matcher(read(file)).results().anyMatch(m -> m.group(1).isEmpty()))
                .map(file -> SOURCES.relativize(file).toString())
                .toList();
        assertThat(reachingBack).as("sources outside org.nightlight that name org.nightlight.App or its"
                + " neighbours").isEmpty();
    }

    /** Such as account and audit once did (accounts are audited; the audit log took an account.Actor). */
    @Test
    void noTwoFeatures_useEachOther() {
        Map<String, Set<String>> uses = packageUses();
        List<String> mutual = new ArrayList<>();
        uses.forEach((from, targets) -> targets.stream()
                .filter(to -> !from.isEmpty() && !to.isEmpty() && from.compareTo(to) < 0)
                .filter(to -> uses.getOrDefault(to, Set.of()).contains(from))
                .forEach(to -> mutual.add(from + " <-> " + to)));
        assertThat(mutual).as("packages that import each other").isEmpty();
    }

    @Test
    void theWebFaces_neverUseEachOther() {
        Map<String, Set<String>> uses = packageUses();
        assertThat(uses.getOrDefault("site", Set.of())).doesNotContain("admin");
        assertThat(uses.getOrDefault("admin", Set.of())).doesNotContain("site");
    }

    /** Each package under org.nightlight (the root package itself is "") and the packages its sources name. */
    static Map<String, Set<String>> packageUses() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : javaFiles()) {
            String from = packageOf(file);
            Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(read(file));
            while (m.find()) {
                String to = m.group(1).replaceFirst("\\.$", "");
                if (!to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return uses;
    }

    /** "admin" for src/main/java/org/nightlight/admin/Admin.java, "" for the root package. */
    static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file).getParent();
        return relative == null ? "" : relative.toString().replace(java.io.File.separatorChar, '.');
    }

    static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
