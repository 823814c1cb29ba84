package org.nightlight.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nightlight.account.AccountException;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Accounts.UserChanges;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.PasswordPolicy;
import org.nightlight.account.Role;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;

/**
 * Users (admins only): list, create, edit name, credentials (default and per language), roles and language qualifications, deactivate and
 * reactivate (never delete), reset a password. Every refused form comes back with its input and each problem
 * next to its field.
 */
@Path("/admin/users")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
@RolesAllowed("ADMIN")
public final class UsersResource {

    /** Outcomes shown after a redirect, as ?done=…; anything else is ignored. */
    private static final Set<String> DONE = Set.of("created", "updated", "deactivated", "reactivated",
            "passwordReset", "secondFactorReset");

    private final Accounts accounts;
    private final Languages languages;
    private final PasswordPolicy policy;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    UsersResource(Accounts accounts, Languages languages, PasswordPolicy policy, AdminPages pages) {
        this.accounts = accounts;
        this.languages = languages;
        this.policy = policy;
        this.pages = pages;
    }

    /** A person in the list, with their capabilities grouped by language code. */
    public record Row(Person person, Map<String, List<String>> qualifications) {

        static Row of(Person p) {
            Map<String, List<String>> byLanguage = new java.util.TreeMap<>();
            p.qualifications().stream().sorted(java.util.Comparator.comparing(
                    (org.nightlight.account.Qualification q) -> q.capability()))
                    .forEach(q -> byLanguage.computeIfAbsent(q.languageCode(), k -> new java.util.ArrayList<>())
                            .add(q.capability().name()));
            return new Row(p, byLanguage);
        }

        public List<String> roles() {
            return person.roles().stream().map(Role::name).sorted().toList();
        }
    }

    @GET
    public String list(@QueryParam("done") String done) {
        return pages.render(request, response, "admin/users", Map.of(
                "rows", accounts.all().stream().map(Row::of).toList(), "done", done(done)));
    }

    @GET
    @Path("new")
    public String createForm() {
        return page(null, UserForm.empty(), Map.of(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> posted) {
        UserForm form = UserForm.of(null, posted, translatedLanguages());
        String password = posted.getFirst("password") == null ? "" : posted.getFirst("password");
        String confirm = posted.getFirst("confirm");
        Map<String, String> errors = new HashMap<>(form.problems(languageCodes(), true));
        passwordProblems(password, confirm, form.username(), errors);
        if (errors.isEmpty()) {
            try {
                Actor admin = AdminUser.actor(request);
                long id = accounts.createUser(admin, new NewUser(form.username(), form.displayName(),
                        form.credentials(), password, form.roleSet(), form.qualificationSet(), false));
                if (form.translatedCredentials().values().stream().anyMatch(c -> !c.isEmpty())) {
                    accounts.setCredentials(admin, id, form.translatedCredentials());
                }
                return Response.seeOther(URI.create("/admin/users?done=created")).build();
            } catch (AccountException e) {
                errors.put(e.field(), e.code());
            }
        }
        return Response.status(400).entity(page(null, form, errors, null)).build();
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public String editForm(@PathParam("id") long id, @QueryParam("done") String done) {
        Person person = person(id);
        return page(person, UserForm.of(person), Map.of(), done(done));
    }

    @POST
    @Path("{id: [0-9]{1,18}}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> posted) {
        Person person = person(id);
        UserForm form = UserForm.of(person.username(), posted, translatedLanguages());
        Map<String, String> errors = new HashMap<>(form.problems(languageCodes(), false));
        if (errors.isEmpty()) {
            try {
                accounts.updateUser(AdminUser.actor(request), id, new UserChanges(form.displayName(),
                        form.credentials(), form.roleSet(), form.qualificationSet(), form.translatedCredentials()));
                return done(id, "updated");
            } catch (AccountException e) {
                errors.put(e.field(), e.code());
            }
        }
        return Response.status(400).entity(page(person, form, errors, null)).build();
    }

    @POST
    @Path("{id: [0-9]{1,18}}/deactivate")
    public Response deactivate(@PathParam("id") long id) {
        return setActive(id, false);
    }

    @POST
    @Path("{id: [0-9]{1,18}}/reactivate")
    public Response reactivate(@PathParam("id") long id) {
        return setActive(id, true);
    }

    @POST
    @Path("{id: [0-9]{1,18}}/password")
    public Response resetPassword(@PathParam("id") long id, @FormParam("password") String password,
            @FormParam("confirm") String confirm) {
        Person person = person(id);
        Map<String, String> errors = new HashMap<>();
        passwordProblems(password, confirm, person.username(), errors);
        if (errors.isEmpty()) {
            accounts.resetPassword(AdminUser.actor(request), id, password);
            return done(id, "passwordReset");
        }
        return Response.status(400).entity(page(person, UserForm.of(person), errors, null)).build();
    }

    private Response setActive(long id, boolean active) {
        Person person = person(id);
        try {
            accounts.setActive(AdminUser.actor(request), id, active);
            return done(id, active ? "reactivated" : "deactivated");
        } catch (AccountException e) {
            return Response.status(400).entity(page(person, UserForm.of(person), Map.of(e.field(), e.code()), null))
                    .build();
        }
    }

    private void passwordProblems(String password, String confirm, String username, Map<String, String> errors) {
        policy.problem(password, username).ifPresent(key -> errors.put("password", key));
        if (!errors.containsKey("password") && !password.equals(confirm)) {
            errors.put("confirm", "account.password.mismatch");
        }
    }

    private Person person(long id) {
        return accounts.byId(id).orElseThrow(NotFoundException::new);
    }

    /** Languages with a credentials field of their own: all but the source, whose are the default ones. */
    private Set<String> translatedLanguages() {
        return languages.all().stream().filter(l -> !l.isSource()).map(Language::code)
                .collect(Collectors.toSet());
    }

    private Set<String> languageCodes() {
        return languages.all().stream().map(Language::code).collect(Collectors.toSet());
    }

    private static Response done(long id, String what) {
        return Response.seeOther(URI.create("/admin/users/" + id + "?done=" + what)).build();
    }

    private static String done(String done) {
        return done != null && DONE.contains(done) ? done : "";
    }

    /** The create form (person null) or the edit page of one person. */
    private String page(Person person, UserForm form, Map<String, String> errors, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("person", person);
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done == null ? "" : done);
        model.put("languages", languages.all());
        model.put("translatedLanguages", languages.all().stream().filter(l -> !l.isSource()).toList());
        model.put("roles", Role.values());
        model.put("capabilities", Capability.values());
        return pages.render(request, response, person == null ? "admin/user-new" : "admin/user", model);
    }
}
