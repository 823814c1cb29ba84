package org.nightlight.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nightlight.account.Accounts;
import org.nightlight.audit.AuditDetails;
import org.nightlight.audit.AuditTrail;
import org.nightlight.audit.AuditTrail.Filter;
import org.nightlight.audit.AuditTrail.Row;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;

/**
 * The audit log (admins only): newest first, 50 a page, filtered by person, item, language, action and dates,
 * and the same filtered rows as CSV. A filter that does not parse is named next to its field, never a 500.
 */
@Path("/admin")
@RolesAllowed("ADMIN")
public final class AuditResource {

    static final int PAGE_SIZE = 50;
    static final String[] CSV_HEADER = {"id", "at_utc", "actor_id", "actor_username", "actor_name", "action",
        "item_id", "language", "revision_id", "details", "client", "action_name"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final AuditTrail trail;
    private final Accounts accounts;
    private final Languages languages;
    private final AdminPages pages;
    private final Clock clock;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    AuditResource(AuditTrail trail, Accounts accounts, Languages languages, AdminPages pages, Clock clock) {
        this.trail = trail;
        this.accounts = accounts;
        this.languages = languages;
        this.pages = pages;
        this.clock = clock;
    }

    /** The filter as typed (kept for the form) and what it parsed to. */
    record Query(Map<String, String> typed, Filter filter, int page, Map<String, String> errors) {

        /** The filter as a query string (without the page), for page links and the export. */
        String queryString() {
            return typed.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    @GET
    @Path("audit")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public Response log(@QueryParam("person") String person, @QueryParam("item") String item,
            @QueryParam("language") String language, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page) {
        Query query = parse(person, item, language, action, from, to, page);
        Map<String, Object> model = new HashMap<>();
        model.put("typed", query.typed());
        model.put("errors", query.errors());
        model.put("people", accounts.all());
        model.put("languages", languages.all());
        AuditDetails.Words words = words();
        Map<String, String> actionNames = new LinkedHashMap<>();
        trail.actions().stream().map(a -> Map.entry(a, actionName(a, words)))
                .sorted(Map.Entry.comparingByValue(java.text.Collator.getInstance(pages.locale(request))))
                .forEach(e -> actionNames.put(e.getKey(), e.getValue()));
        model.put("actions", actionNames);
        if (!query.errors().isEmpty()) {
            model.put("page", null);
            return Response.status(400).entity(pages.render(request, response, "admin/audit", model)).build();
        }
        AuditTrail.Page result = trail.page(query.filter(), query.page(), PAGE_SIZE);
        String filters = query.queryString();
        String base = "/admin/audit?" + (filters.isEmpty() ? "" : filters + "&");
        model.put("page", result);
        Map<Long, String> details = new HashMap<>();
        result.rows().forEach(r -> details.put(r.id(), AuditDetails.localized(r.action(), r.details(), words)));
        model.put("details", details);
        model.put("previousHref", base + "page=" + (result.number() - 1));
        model.put("nextHref", base + "page=" + (result.number() + 1));
        model.put("csvHref", "/admin/audit.csv" + (filters.isEmpty() ? "" : "?" + filters));
        model.put("time", TIME);
        return Response.ok(pages.render(request, response, "admin/audit", model)).build();
    }

    @GET
    @Path("audit.csv")
    public Response csv(@QueryParam("person") String person, @QueryParam("item") String item,
            @QueryParam("language") String language, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Query query = parse(person, item, language, action, from, to, null);
        if (!query.errors().isEmpty()) {
            return Response.fromResponse(log(person, item, language, action, from, to, null))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        AuditDetails.Words words = words();
        Map<String, String> actionNames = new HashMap<>();
        trail.actions().forEach(a -> actionNames.put(a, actionName(a, words)));
        StreamingOutput body = out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF'); // byte order mark: spreadsheet programs then read the UTF-8 names correctly
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get())) {
                trail.forEach(query.filter(), row -> {
                    try {
                        csv.printRecord(cells(row, actionNames.getOrDefault(row.action(), row.action())));
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        String name = "nightlight-audit-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** The admin's language's text of a message, empty when no bundle has the key. */
    private AuditDetails.Words words() {
        return (key, args) -> {
            try {
                return Optional.of(pages.message(request, key, args));
            } catch (MissingResourceException e) {
                return Optional.empty();
            }
        };
    }

    /** An action in the admin's language ("admin.audit.action.LOGIN"), or its code when none says it. */
    private static String actionName(String code, AuditDetails.Words words) {
        return words.text("admin.audit.action." + code).orElse(code);
    }

    /** The stored row as it is (codes and details for machines), then the action in the admin's language. */
    static Object[] cells(Row r, String actionName) {
        return new Object[] {r.id(), r.at().toString(), r.actorId(), safe(r.actorUsername()), safe(r.actorName()),
            safe(r.action()), r.itemId(), safe(r.languageCode()), r.revisionId(), safe(r.details()),
            safe(r.client()), safe(actionName)};
    }

    /**
     * A text cell a spreadsheet will not run as a formula: a leading =, +, -, @, tab or carriage return gets an
     * apostrophe in front (OWASP "CSV injection"). Quoting and escaping is the CSV printer's job.
     */
    static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private Query parse(String person, String item, String language, String action, String from, String to,
            String page) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("person", trim(person));
        typed.put("item", trim(item));
        typed.put("language", trim(language));
        typed.put("action", trim(action));
        typed.put("from", trim(from));
        typed.put("to", trim(to));
        Map<String, String> errors = new HashMap<>();
        Long actorId = number(typed.get("person"), "person", "admin.audit.personInvalid", errors);
        Long itemId = number(typed.get("item"), "item", "admin.audit.itemInvalid", errors);
        String lang = typed.get("language").isEmpty() ? null : typed.get("language");
        if (lang != null && !languageCodes().contains(lang)) {
            errors.put("language", "admin.audit.languageInvalid");
        }
        String act = typed.get("action").isEmpty() ? null : typed.get("action");
        if (act != null && (act.length() > 60 || !act.matches("[A-Z_]+"))) {
            errors.put("action", "admin.audit.actionInvalid");
        }
        LocalDate fromDate = date(typed.get("from"), "from", errors);
        LocalDate toDate = date(typed.get("to"), "to", errors);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.put("to", "admin.audit.dateOrder");
        }
        int pageNumber = 1;
        if (page != null && !page.isBlank()) {
            try {
                pageNumber = Math.max(1, Math.min(1_000_000, Integer.parseInt(page.strip())));
            } catch (NumberFormatException e) {
                pageNumber = 1;
            }
        }
        return new Query(typed, new Filter(actorId, itemId, lang, act, fromDate, toDate), pageNumber, errors);
    }

    private Set<String> languageCodes() {
        return languages.all().stream().map(Language::code).collect(Collectors.toSet());
    }

    private static Long number(String text, String field, String key, Map<String, String> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        errors.put(field, key);
        return null;
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() >= 1900 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // named below
        }
        errors.put(field, "admin.audit.dateInvalid");
        return null;
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
