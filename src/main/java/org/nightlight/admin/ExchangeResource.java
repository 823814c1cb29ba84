package org.nightlight.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataParam;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Capability;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;
import org.nightlight.xliff.XliffExchange;
import org.nightlight.xliff.XliffExport;
import org.nightlight.xliff.XliffImport;

/**
 * XLIFF 2.1 exchange with translation agencies: download what a language lacks, upload the translated file back
 * as drafts. Translators export and import their own languages; editors and admins may export any. Whether the
 * importer may translate each item is the workflow's policy, asked by the import.
 */
@Path("/admin/exchange")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
@RolesAllowed({"TRANSLATOR", "EDITOR", "ADMIN"})
public final class ExchangeResource {

    /** Larger than any export of a whole catalogue; a bigger upload is not ours. */
    private static final int MAX_BYTES = 20 * 1024 * 1024;

    private final XliffExchange exchange;
    private final Languages languages;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    ExchangeResource(XliffExchange exchange, Languages languages, AdminPages pages) {
        this.exchange = exchange;
        this.languages = languages;
        this.pages = pages;
    }

    @GET
    public String page() {
        return page(null, "");
    }

    @GET
    @Path("export")
    @Produces("application/xliff+xml")
    public Response export(@QueryParam("language") String language) {
        if (language == null || !exportable(AdminUser.person(request)).contains(language)) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(page(null, "admin.exchange.languageRefused")).build();
        }
        XliffExport.Export export = exchange.export().export(language);
        return Response.ok(export.xliff(), "application/xliff+xml")
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(@FormDataParam("file") InputStream file) {
        byte[] bytes;
        try {
            bytes = file == null ? new byte[0] : file.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            bytes = new byte[0];
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            return Response.status(400).entity(page(null, bytes.length == 0 ? "admin.exchange.noFile"
                    : "admin.exchange.tooLarge")).build();
        }
        XliffImport.Report report = exchange.importer().importFile(bytes, AdminUser.actor(request));
        return Response.status(report.refused() ? 400 : 200).entity(page(report, "")).build();
    }

    /** The languages this person may export: their own translation languages, or every one for editors. */
    private List<Language> exportableLanguages(Person person) {
        return languages.all().stream().filter(l -> !l.isSource())
                .filter(l -> person.isEditor() || person.isAdmin() || person.can(Capability.TRANSLATE, l.code()))
                .toList();
    }

    private List<String> exportable(Person person) {
        return exportableLanguages(person).stream().map(Language::code).toList();
    }

    private String page(XliffImport.Report report, String problem) {
        Map<String, Object> model = new HashMap<>();
        model.put("languages", exportableLanguages(AdminUser.person(request)));
        model.put("report", report);
        model.put("problem", problem);
        return pages.render(request, response, "admin/exchange", model);
    }
}
