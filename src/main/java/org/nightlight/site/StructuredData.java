package org.nightlight.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nightlight.content.PublishedContent.QuestionPage;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.PublishedContent.TopicPage;
import org.nightlight.content.PublishedContent.Trust;

/**
 * What search engines and link previews read: schema.org JSON-LD ({@code FAQPage} for a topic,
 * {@code MedicalWebPage} for a question) and plain-text descriptions, both from the plain text kept with every
 * live text. The JSON goes into a {@code <script type="application/ld+json">} data block, so {@code <}, {@code >} and {@code &} are written as
 * JSON escapes: no text can close the element or start markup.
 */
final class StructuredData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DESCRIPTION_LENGTH = 200;

    /** A short summary (meta description, og:description) of a text's plain form, cut at a word. */
    String shortened(String plain) {
        if (plain.length() <= DESCRIPTION_LENGTH) {
            return plain;
        }
        int cut = plain.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        return plain.substring(0, cut > DESCRIPTION_LENGTH / 2 ? cut : DESCRIPTION_LENGTH - 1).strip() + "…";
    }

    /**
     * A topic page: its questions and answers. {@code lastReviewed} is the oldest medical sign-off among the
     * texts shown, so it never claims more than is true of every answer on the page.
     */
    String faqPage(String url, String language, TopicPage page) {
        ObjectNode root = root("FAQPage", url, page.topic());
        root.put("inLanguage", language);
        ArrayNode questions = root.putArray("mainEntity");
        List<Shown> shown = new ArrayList<>();
        shown.add(page.topic());
        for (Shown q : page.questions()) {
            questions.add(question(q));
            shown.add(q);
        }
        reviews(root, shown);
        return script(root);
    }

    /** A question page: the question and its answer, with who signed it off and when. */
    String medicalWebPage(String url, QuestionPage page) {
        Shown question = page.question();
        ObjectNode root = root("MedicalWebPage", url, question);
        root.put("inLanguage", question.text().languageCode());
        root.put("datePublished", date(question.text().publishedAt()));
        root.set("mainEntity", question(question));
        reviews(root, List.of(question));
        return script(root);
    }

    private ObjectNode root(String type, String url, Shown item) {
        ObjectNode root = JSON.createObjectNode();
        root.put("@context", "https://schema.org");
        root.put("@type", type);
        root.put("@id", url);
        root.put("url", url);
        root.put("name", item.text().title());
        return root;
    }

    private ObjectNode question(Shown q) {
        ObjectNode node = JSON.createObjectNode();
        node.put("@type", "Question");
        node.put("name", q.text().title());
        node.put("inLanguage", q.text().languageCode());
        ObjectNode answer = node.putObject("acceptedAnswer");
        answer.put("@type", "Answer");
        answer.put("text", q.text().plain());
        return node;
    }

    private static void reviews(ObjectNode root, List<Shown> items) {
        items.stream().map(it -> it.text().trust().medicalReviewedOn()).filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .ifPresent(oldest -> root.put("lastReviewed", date(oldest)));
        Map<String, Trust> reviewers = new LinkedHashMap<>();
        for (Shown item : items) {
            Trust trust = item.text().trust();
            if (trust.medicalReviewerName() != null) {
                reviewers.putIfAbsent(trust.medicalReviewer(), trust);
            }
        }
        if (reviewers.isEmpty()) {
            return;
        }
        List<ObjectNode> people = reviewers.values().stream().map(StructuredData::person).toList();
        if (people.size() == 1) {
            root.set("reviewedBy", people.get(0));
        } else {
            root.putArray("reviewedBy").addAll(people);
        }
    }

    private static ObjectNode person(Trust trust) {
        ObjectNode person = JSON.createObjectNode();
        person.put("@type", "Person");
        person.put("name", trust.medicalReviewerName());
        if (trust.medicalReviewerCredentials() != null) {
            person.put("description", trust.medicalReviewerCredentials());
        }
        return person;
    }

    private static String date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** JSON safe inside a script element: markup characters become \\u escapes, which JSON reads back as-is. */
    static String script(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON-LD", e);
        }
    }
}
