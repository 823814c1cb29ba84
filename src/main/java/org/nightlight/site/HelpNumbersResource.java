package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nightlight.content.HelpNumbers;
import org.nightlight.content.HelpNumbers.HelpNumber;
import org.nightlight.content.Language;
import org.nightlight.web.Messages;
import org.nightlight.web.Templates;

/**
 * /{lang}/help-numbers: the numbers to call in the reader's country, as {@code tel:} links, and every other
 * country offered to readers of that language. The country is the reader's remembered choice, else the region
 * of their browser's language, else the first; choosing one remembers it. Personal, so never cached shared.
 */
@Path("/{lang: [a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*}/help-numbers")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class HelpNumbersResource {

    static final String COOKIE = "nightlight_country";

    /** A country as the page lists it. */
    public record Country(String code, String name, List<HelpNumber> numbers, boolean chosen) {
    }

    private final HelpNumbers numbers;
    private final SiteResource site;
    private final Templates templates;
    private final Messages messages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    public HelpNumbersResource(HelpNumbers numbers, SiteResource site, Templates templates,
            Messages messages) {
        this.numbers = numbers;
        this.site = site;
        this.templates = templates;
        this.messages = messages;
    }

    @GET
    public Response page(@PathParam("lang") String lang, @QueryParam("country") String asked) {
        Language language = site.language(lang);
        Locale ui = messages.uiLocale(lang);
        Map<String, List<HelpNumber>> live = numbers.liveFor(lang);
        String chosen = choose(live, asked);
        List<Country> countries = new ArrayList<>();
        live.forEach((code, list) -> countries.add(new Country(code, new Locale("", code).getDisplayCountry(ui), list,
                code.equals(chosen))));
        countries.sort(Comparator.comparing(Country::name, java.text.Collator.getInstance(ui)));
        Map<String, Object> model = site.page(language);
        model.put("countries", countries);
        model.put("chosen", countries.stream().filter(Country::chosen).findFirst().orElse(null));
        model.put("noindex", true);
        Response.ResponseBuilder answer = Response.ok(templates.render(request, response, "site/help-numbers", ui, model))
                .header("Cache-Control", "private, no-cache")
                .header("Vary", "Cookie, Accept-Language");
        if (asked != null && chosen != null && chosen.equals(asked)) {
            answer.cookie(new NewCookie.Builder(COOKIE).value(chosen).path("/").maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build());
        }
        return answer.build();
    }

    /** The asked country, else the remembered one, else the browser's region, else the first offered. */
    private String choose(Map<String, List<HelpNumber>> live, String asked) {
        if (asked != null && live.containsKey(asked)) {
            return asked;
        }
        if (request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (cookie.getName().equals(COOKIE) && live.containsKey(cookie.getValue())) {
                    return cookie.getValue();
                }
            }
        }
        for (Locale preferred : Collections.list(request.getLocales())) {
            if (live.containsKey(preferred.getCountry())) {
                return preferred.getCountry();
            }
        }
        return live.keySet().stream().findFirst().orElse(null);
    }
}
