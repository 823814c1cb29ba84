package org.nightlight.admin;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;

/**
 * The account form as typed: kept as strings so a refused form shows exactly what was sent. Roles are role
 * names, qualifications "language:CAPABILITY" (one checkbox per language and capability); translated
 * credentials are by language code, from the fields "credentials-fr" and so on (blank: the default ones).
 */
public record UserForm(String username, String displayName, String credentials, Set<String> roles,
        Set<String> qualifications, Map<String, String> translatedCredentials) {

    static final int MAX_DISPLAY_NAME = 120;
    static final int MAX_CREDENTIALS = 200;
    static final String TRANSLATED_PREFIX = "credentials-";

    static UserForm empty() {
        return new UserForm("", "", "", Set.of(), Set.of(), Map.of());
    }

    static UserForm of(Person p) {
        return new UserForm(p.username(), p.displayName(), p.credentials(),
                p.roles().stream().map(Role::name).collect(Collectors.toSet()),
                p.qualifications().stream().map(q -> q.languageCode() + ":" + q.capability().name())
                        .collect(Collectors.toSet()), p.translatedCredentials());
    }

    /** The form as posted; {@code translatedLanguages}: the languages that have a credentials field. */
    static UserForm of(String username, MultivaluedMap<String, String> form, Set<String> translatedLanguages) {
        Map<String, String> translated = new TreeMap<>();
        for (String lang : translatedLanguages) {
            String value = form.getFirst(TRANSLATED_PREFIX + lang);
            translated.put(lang, value == null ? "" : value.strip());
        }
        String typedUsername = username != null ? username : form.getFirst("username");
        String displayName = form.getFirst("displayName");
        String credentials = form.getFirst("credentials");
        List<String> roles = form.get("role");
        List<String> qualifications = form.get("q");
        return new UserForm(typedUsername == null ? "" : typedUsername.strip().toLowerCase(Locale.ROOT),
                displayName == null ? "" : displayName.strip(), credentials == null ? "" : credentials.strip(),
                roles == null ? Set.of() : new LinkedHashSet<>(roles),
                qualifications == null ? Set.of() : new LinkedHashSet<>(qualifications), translated);
    }

    /** What the form shows in a language's credentials field. */
    public String credentialsIn(String languageCode) {
        return translatedCredentials.getOrDefault(languageCode, "");
    }

    /** Problems with the name, credentials, roles and qualifications: field name to message key. */
    Map<String, String> problems(Set<String> languageCodes, boolean checkUsername) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (checkUsername && !username.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
            errors.put("username", "admin.users.usernameInvalid");
        }
        if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME) {
            errors.put("displayName", "admin.users.displayNameRequired");
        }
        if (credentials.length() > MAX_CREDENTIALS) {
            errors.put("credentials", "admin.users.credentialsTooLong");
        }
        translatedCredentials.forEach((lang, text) -> {
            if (text.length() > MAX_CREDENTIALS) {
                errors.put(TRANSLATED_PREFIX + lang, "admin.users.credentialsTooLong");
            }
        });
        if (roleSet() == null) {
            errors.put("roles", "admin.users.rolesInvalid");
        }
        Set<Qualification> parsed = qualificationSet();
        if (parsed == null || parsed.stream().anyMatch(q -> !languageCodes.contains(q.languageCode()))) {
            errors.put("qualifications", "admin.users.qualificationsInvalid");
        }
        return errors;
    }

    /** The roles, or null when one is not a role (a forged form). */
    Set<Role> roleSet() {
        Set<Role> result = EnumSet.noneOf(Role.class);
        for (String name : roles) {
            try {
                result.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return result;
    }

    /** The qualifications, or null when one is malformed. */
    Set<Qualification> qualificationSet() {
        Set<Qualification> result = new LinkedHashSet<>();
        for (String value : qualifications) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            try {
                result.add(new Qualification(value.substring(0, colon), Capability.valueOf(value.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return result;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean can(String languageCode, String capability) {
        return qualifications.contains(languageCode + ":" + capability);
    }
}
