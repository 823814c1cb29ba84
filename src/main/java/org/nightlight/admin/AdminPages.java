package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nightlight.web.Messages;
import org.nightlight.web.Templates;

/** Renders admin pages with what every one of them needs: the person, the form token, the UI language. */
final class AdminPages {

    static final String UI_LANGUAGE = "nightlight.uiLanguage";

    /** Each UI language by its own name ("Español", "العربية"). */
    private static final Map<String, String> UI_LANGUAGE_NAMES = names();

    private static Map<String, String> names() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (String code : Messages.UI_LANGUAGES) {
            Locale locale = Locale.forLanguageTag(code);
            String name = locale.getDisplayLanguage(locale);
            names.put(code, name.substring(0, 1).toUpperCase(locale) + name.substring(1));
        }
        return java.util.Collections.unmodifiableMap(names);
    }

    private final Templates templates;
    private final Messages messages;
    private final SignedFormToken formToken;
    /** The signed-in person's unread notifications, for the menu. */
    private final java.util.function.LongUnaryOperator unread;

    AdminPages(Templates templates, Messages messages, SignedFormToken formToken,
            java.util.function.LongUnaryOperator unread) {
        this.templates = templates;
        this.messages = messages;
        this.formToken = formToken;
        this.unread = unread;
    }

    String render(HttpServletRequest request, HttpServletResponse response, String template, Map<String, ?> model) {
        // the session's token; without a session (the sign-in form) a signed one, so no session is stored
        return render(request, response, template, model, AdminUser.person(request),
                AdminUser.csrfToken(request).orElseGet(() -> formToken.issue(request, response)));
    }

    /**
     * As {@link #render}, making no session: for pages shown while the sessions cannot be read, with the
     * form token the request itself carried.
     */
    String renderWithoutSession(HttpServletRequest request, HttpServletResponse response, String template,
            Map<String, ?> model, String csrf) {
        return render(request, response, template, model, null, csrf);
    }

    private String render(HttpServletRequest request, HttpServletResponse response, String template,
            Map<String, ?> model, Object me, String csrf) {
        Locale locale = locale(request);
        Map<String, Object> all = new HashMap<>(model);
        all.put("me", me);
        all.put("unread", me instanceof org.nightlight.account.Accounts.Person p ? unread.applyAsLong(p.id()) : 0L);
        all.put("csrf", csrf);
        all.put("lang", locale.getLanguage());
        all.put("dir", messages.rightToLeft(locale) ? "rtl" : "ltr");
        all.put("uiLanguages", UI_LANGUAGE_NAMES);
        all.put("currentPath", request.getRequestURI());
        return templates.render(request, response, template, locale, all);
    }

    /** Whether a POST carries the form token of its session, or, without one, a valid signed token. */
    boolean tokenMatches(HttpServletRequest request, String submitted) {
        return AdminUser.hasSessionToken(request) ? AdminUser.csrfMatches(request, submitted)
                : formToken.matches(request, submitted);
    }

    String message(HttpServletRequest request, String key, Object... args) {
        return messages.get(locale(request), key, args);
    }

    /** The admin UI language: chosen in the session, else the browser's, else English. */
    Locale locale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(UI_LANGUAGE) instanceof String chosen) {
            return Locale.forLanguageTag(chosen);
        }
        for (Locale preferred : Collections.list(request.getLocales())) {
            if (Messages.UI_LANGUAGES.contains(preferred.getLanguage())) {
                return Locale.forLanguageTag(preferred.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }
}
