package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Actor;
import org.nightlight.content.CareLevel;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.WorkItem;

/** The content list (topics, their questions and urgent help, per language), new items, and reordering. */
@Path("/admin/content")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ContentResource {

    /** One item as a row of the content list: its source title and its state in every language. */
    public record Row(long itemId, ItemKind kind, int position, String title, Map<String, WorkItem> byLanguage) {

        public WorkItem inLanguage(String lang) {
            return byLanguage.get(lang);
        }
    }

    /** A topic with its questions in order and its urgent-help blocks. */
    public record TopicBlock(Row topic, List<Row> questions, List<Row> urgentHelp) {
    }

    private final ContentViews views;
    private final ItemEditor editor;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    ContentResource(ContentViews views, ItemEditor editor) {
        this.views = views;
        this.editor = editor;
    }

    @GET
    public Response list(@QueryParam("done") String done, @QueryParam("refused") String refused) {
        Map<String, Object> model = new HashMap<>();
        model.put("topics", blocks(views.queries.overview()));
        model.put("languages", views.languages());
        model.put("sourceCode", views.source().code());
        model.put("sourceDir", views.source().direction());
        model.put("today", views.today());
        Policy.Person who = Policy.Person.of(AdminUser.person(request));
        model.put("mayCreate", views.policy().createItem(who).allowed());
        model.put("careLevels", java.util.Arrays.stream(CareLevel.values()).map(Enum::name).toList());
        model.put("mayReorder", views.policy().reorder(who).allowed());
        model.put("done", Flash.done(done));
        model.put("refused", Flash.refused(refused));
        return Response.ok(views.pages.render(request, response, "admin/content", model)).build();
    }

    /** Moves a question one place up or down among its topic's questions (a no-JavaScript reorder). */
    @POST
    @Path("reorder")
    public Response reorder(@FormParam("topic") long topicId, @FormParam("item") long itemId,
            @FormParam("move") String move) {
        List<WorkItem> children = views.queries.overview().stream()
                .filter(w -> w.sourceLanguage() && w.topicId() != null && w.topicId() == topicId)
                .sorted(Comparator.comparingInt(WorkItem::position).thenComparingLong(WorkItem::itemId))
                .toList();
        List<Long> order = new ArrayList<>(children.stream().map(WorkItem::itemId).toList());
        List<Long> questions = children.stream().filter(w -> w.kind() == ItemKind.QUESTION).map(WorkItem::itemId)
                .toList();
        int at = questions.indexOf(itemId);
        if (at < 0) {
            throw new NotFoundException();
        }
        int other = "up".equals(move) ? at - 1 : at + 1;
        if (other >= 0 && other < questions.size()) {
            int a = order.indexOf(itemId);
            int b = order.indexOf(questions.get(other));
            order.set(a, questions.get(other));
            order.set(b, itemId);
            views.workflow.reorder(AdminUser.actor(request), topicId, order);
        }
        return Response.seeOther(URI.create("/admin/content?done=reordered#item-" + itemId)).build();
    }

    @GET
    @Path("new/{kind}")
    public Response newItem(@PathParam("kind") String kind, @QueryParam("topic") Long topicId) {
        ItemEditor.Target target = target(kind, topicId);
        Verdict verdict = views.policy().createItem(Policy.Person.of(AdminUser.person(request)));
        if (!verdict.allowed()) {
            return WorkflowErrors.page(request, response, views.pages, WorkflowErrors.status(verdict), verdict.code(),
                    "/admin/content");
        }
        return editor.show(request, response, target, TextForm.EMPTY);
    }

    @POST
    @Path("new/{kind}")
    public Response create(@PathParam("kind") String kind, MultivaluedMap<String, String> form) {
        String topic = form.getFirst("topic");
        Long topicId = topic == null || topic.isBlank() ? null : parse(topic);
        ItemEditor.Target target = target(kind, topicId);
        Actor actor = AdminUser.actor(request);
        TextForm typed = TextForm.from(form);
        return editor.post(request, response, target, typed, form.getFirst("action"), text -> {
            String note = typed.note().strip();
            long id = switch (target.kind()) {
                case TOPIC -> views.workflow.createTopic(actor, text, note);
                case QUESTION -> views.workflow.createQuestion(actor, topicId, text, note);
                case URGENT_HELP -> views.workflow.createUrgentHelp(actor, topicId, careLevel(kind), text, note);
            };
            return views.queries.history(id, target.language().code()).get(0);
        });
    }

    private ItemEditor.Target target(String kindName, Long topicId) {
        ItemKind kind = switch (kindName) {
            case "topic" -> ItemKind.TOPIC;
            case "question" -> ItemKind.QUESTION;
            default -> {
                careLevel(kindName); // "urgent-help-emergency", "-urgent", "-soon"; anything else is not found
                yield ItemKind.URGENT_HELP;
            }
        };
        Language source = views.source();
        String context = null;
        if (kind != ItemKind.TOPIC) {
            if (topicId == null) {
                throw new NotFoundException();
            }
            WorkItem topic = views.queries.overview().stream()
                    .filter(w -> w.itemId() == topicId && w.kind() == ItemKind.TOPIC && w.sourceLanguage())
                    .findFirst().orElseThrow(NotFoundException::new);
            context = topic.title();
        }
        return new ItemEditor.Target(0, kind, kind == ItemKind.TOPIC ? null : topicId, source,
                "/admin/content/new/" + kindName, "admin.new." + kind.name(), context);
    }

    /** The care level an urgent-help address names ("urgent-help-soon"). */
    private static CareLevel careLevel(String kindName) {
        for (CareLevel level : CareLevel.values()) {
            if (kindName.equals("urgent-help-" + level.name().toLowerCase(java.util.Locale.ROOT))) {
                return level;
            }
        }
        throw new NotFoundException();
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }

    /** Topics in order, each with its questions in order and its urgent-help blocks. */
    static List<TopicBlock> blocks(List<WorkItem> overview) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        for (WorkItem w : overview) {
            Row row = rows.computeIfAbsent(w.itemId(), id -> new Row(id, w.kind(), w.position(), null,
                    new LinkedHashMap<>()));
            row.byLanguage().put(w.languageCode(), w);
            if (w.sourceLanguage()) {
                rows.put(w.itemId(), new Row(row.itemId(), row.kind(), row.position(),
                        w.title() != null ? w.title() : w.sourceTitle(), row.byLanguage()));
            }
        }
        Map<Long, Long> topicOf = new HashMap<>();
        overview.forEach(w -> topicOf.put(w.itemId(), w.topicId()));
        Comparator<Row> inOrder = Comparator.comparingInt(Row::position).thenComparingLong(Row::itemId);
        List<TopicBlock> blocks = new ArrayList<>();
        rows.values().stream().filter(r -> r.kind() == ItemKind.TOPIC).sorted(inOrder).forEach(topic -> {
            List<Row> children = rows.values().stream()
                    .filter(r -> Long.valueOf(topic.itemId()).equals(topicOf.get(r.itemId()))).sorted(inOrder)
                    .toList();
            blocks.add(new TopicBlock(topic,
                    children.stream().filter(r -> r.kind() == ItemKind.QUESTION).toList(),
                    children.stream().filter(r -> r.kind() == ItemKind.URGENT_HELP).toList()));
        });
        return blocks;
    }
}
