package org.nightlight.site;

import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Map;
import org.nightlight.content.PublishedContent.TopicPage;

/**
 * A long topic comes in pages of {@link org.nightlight.content.PublishedContent#QUESTIONS_PER_PAGE} questions:
 * page 1 at the topic's address, page N at {@code ?page=N}, each its own canonical address with
 * {@code rel=prev/next} links to its neighbours, in every language at the same page number.
 */
final class TopicPages {

    private static final int MAX_DIGITS = 6;

    private TopicPages() {
    }

    /**
     * The page asked for (of a topic, or of search results): 1 without the parameter; anything but a page number
     * is not a page.
     */
    static int number(String parameter) {
        if (parameter == null) {
            return 1;
        }
        if (parameter.isEmpty() || parameter.length() > MAX_DIGITS || !parameter.chars().allMatch(Character::isDigit)
                || Integer.parseInt(parameter) < 1) {
            throw new NotFoundException();
        }
        return Integer.parseInt(parameter);
    }

    /** The query string of page {@code number}: none for the first. */
    static String query(int number) {
        return number == 1 ? "" : "?page=" + number;
    }

    /**
     * Moves the {@code canonical} address of the topic and the alternates that {@code SiteResource.links} put
     * in the model to this page, and adds the rel=prev/next links. Returns the page's canonical address.
     */
    @SuppressWarnings("unchecked")
    static String links(Map<String, Object> model, TopicPage page, String topicCanonical) {
        String query = query(page.page());
        String canonical = topicCanonical + query;
        model.put("canonical", canonical);
        List<SiteResource.Alternate> alternates = (List<SiteResource.Alternate>) model.get("alternates");
        model.put("alternates", alternates.stream()
                .map(a -> new SiteResource.Alternate(a.hreflang(), a.href() + query)).toList());
        String path = "./";
        model.put("relPrev", page.page() > 1 ? path + query(page.page() - 1) : null);
        model.put("relNext", page.page() < page.pages() ? path + query(page.page() + 1) : null);
        model.put("pageNumber", page.page());
        model.put("pageCount", page.pages());
        return canonical;
    }
}
