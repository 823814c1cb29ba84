package org.nightlight.content;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.Role;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;

/**
 * Adding and configuring content languages (admins only). Each public method is one transaction that checks
 * the actor is an admin, refuses invalid input with every problem named, and writes one audit event.
 */
public final class Languages {

    /** The subset of BCP 47 the schema accepts: a 2–3 letter language, then subtags of 2–8 letters or digits. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    static final int MAX_NAME = 100;

    private final SessionFactory sessions;
    private final AuditLog audit;
    /** Told after each committed change (the public site's copy of the languages). */
    private final Runnable onChange;

    public Languages(SessionFactory sessions, AuditLog audit, Runnable onChange) {
        this.sessions = sessions;
        this.audit = audit;
        this.onChange = onChange;
    }

    public void add(Actor actor, String code, String nativeName, String englishName, String direction,
            String searchConfig, boolean isPublic) {
        String tag = canonical(code);
        try {
            sessions.inTransaction(s -> {
                requireAdmin(s, actor, "add languages");
                Map<String, String> problems = new LinkedHashMap<>();
                if (tag == null) {
                    problems.put("code", "admin.languages.codeInvalid");
                } else if (!s.createSelectionQuery("select code from Language where lower(code) = lower(:c)",
                        String.class).setParameter("c", tag).getResultList().isEmpty()) {
                    problems.put("code", "admin.languages.codeTaken");
                }
                checkSettings(s, problems, nativeName, englishName, direction, searchConfig);
                if (!problems.isEmpty()) {
                    throw new LanguageException(problems);
                }
                Integer max = s.createSelectionQuery("select max(position) from Language", Integer.class)
                        .getSingleResult();
                s.persist(new Language(tag, nativeName, englishName, direction, searchConfig, isPublic,
                        max == null ? 0 : max + 1));
                s.flush();
                audit.record(s, actor, "LANGUAGE_ADDED", null, tag, null,
                        englishName + " / " + nativeName + ", " + direction + ", search " + searchConfig
                                + (isPublic ? " (public)" : ""));
            });
            onChange.run();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            if (e.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                throw new LanguageException(Map.of("code", "admin.languages.codeTaken"));
            }
            throw e;
        }
    }

    /** Changes a language's names, direction and text search configuration. */
    public void update(Actor actor, String code, String nativeName, String englishName, String direction,
            String searchConfig) {
        sessions.inTransaction(s -> {
            requireAdmin(s, actor, "change languages");
            Language language = find(s, code);
            Map<String, String> problems = new LinkedHashMap<>();
            checkSettings(s, problems, nativeName, englishName, direction, searchConfig);
            if (!problems.isEmpty()) {
                throw new LanguageException(problems);
            }
            List<String> changed = new ArrayList<>();
            note(changed, "native name", language.nativeName(), nativeName);
            note(changed, "English name", language.englishName(), englishName);
            note(changed, "direction", language.direction(), direction);
            note(changed, "search", language.searchConfig(), searchConfig);
            language.rename(nativeName, englishName);
            language.configure(direction, searchConfig);
            audit.record(s, actor, "LANGUAGE_UPDATED", null, language.code(), null,
                    changed.isEmpty() ? "no change" : String.join("; ", changed));
        });
        onChange.run();
    }

    /** Shows a language on the public site or takes it off; the source language always stays public. */
    public void setPublic(Actor actor, String code, boolean isPublic) {
        sessions.inTransaction(s -> {
            requireAdmin(s, actor, "publish languages");
            Language language = find(s, code);
            if (language.isSource() && !isPublic) {
                throw new LanguageException(Map.of("public", "admin.languages.sourceStaysPublic"));
            }
            language.makePublic(isPublic);
            audit.record(s, actor, isPublic ? "LANGUAGE_MADE_PUBLIC" : "LANGUAGE_MADE_NOT_PUBLIC", null,
                    language.code(), null, language.englishName());
        });
        onChange.run();
    }

    public List<Language> all() {
        return sessions.fromTransaction(s -> s.createSelectionQuery("from Language order by position, code",
                Language.class).getResultList());
    }

    public Optional<Language> byCode(String code) {
        return sessions.fromTransaction(s -> Optional.ofNullable(s.find(Language.class, code)));
    }

    /** The PostgreSQL text search configurations a language may use (those visible by name, 'simple' among them). */
    public List<String> searchConfigs() {
        return sessions.fromTransaction(this::searchConfigs);
    }

    private List<String> searchConfigs(Session s) {
        return s.createNativeQuery("select cfgname::text from pg_ts_config where pg_ts_config_is_visible(oid)"
                + " order by cfgname", String.class).getResultList();
    }

    /** The tag with BCP 47 letter case (language lower, script title, region upper), or null if not well formed. */
    static String canonical(String code) {
        if (code == null || code.length() > 35 || !CODE.matcher(code).matches()) {
            return null;
        }
        try {
            new Locale.Builder().setLanguageTag(code);
        } catch (IllformedLocaleException e) {
            return null;
        }
        String[] parts = code.split("-");
        StringBuilder tag = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            tag.append('-');
            if (p.length() == 4 && p.chars().allMatch(Character::isLetter)) {
                tag.append(p.substring(0, 1).toUpperCase(Locale.ROOT)).append(p.substring(1).toLowerCase(Locale.ROOT));
            } else if (p.length() == 2 && p.chars().allMatch(Character::isLetter)) {
                tag.append(p.toUpperCase(Locale.ROOT));
            } else {
                tag.append(p.toLowerCase(Locale.ROOT));
            }
        }
        return tag.toString();
    }

    private void checkSettings(Session s, Map<String, String> problems, String nativeName, String englishName,
            String direction, String searchConfig) {
        if (nativeName == null || nativeName.isBlank() || nativeName.length() > MAX_NAME) {
            problems.put("nativeName", "admin.languages.nameRequired");
        }
        if (englishName == null || englishName.isBlank() || englishName.length() > MAX_NAME) {
            problems.put("englishName", "admin.languages.nameRequired");
        }
        if (!"ltr".equals(direction) && !"rtl".equals(direction)) {
            problems.put("direction", "admin.languages.directionInvalid");
        }
        if (searchConfig == null || !searchConfigs(s).contains(searchConfig)) {
            problems.put("searchConfig", "admin.languages.searchConfigUnknown");
        }
    }

    private static Language find(Session s, String code) {
        Language language = code == null ? null : s.find(Language.class, code);
        if (language == null) {
            throw new LanguageException(Map.of("code", "admin.languages.notFound"));
        }
        return language;
    }

    private static void requireAdmin(Session s, Actor actor, String what) {
        User user = actor == null ? null : s.find(User.class, actor.userId());
        if (user == null || !user.has(Role.ADMIN)) {
            throw new SecurityException("only an admin may " + what);
        }
    }

    private static void note(List<String> changed, String what, String before, String after) {
        if (!before.equals(after)) {
            changed.add(what + ": " + before + " -> " + after);
        }
    }
}
