package org.nightlight.site;

import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.nightlight.content.PublishedContent.TopicPage;

/**
 * Pages of a long list: a topic's questions ({@link org.nightlight.content.PublishedContent#QUESTIONS_PER_PAGE} a
 * page: page 1 at the topic's address, page N at {@code ?page=N}, each its own canonical address, in every
 * language at the same page number) and search results. Each page links its neighbours ({@code rel=prev/next}
 * and the pagination fragment).
 */
final class Pagination {

    private static final int MAX_DIGITS = 6;

    private Pagination() {
    }

    /**
     * The page asked for: 1 without the parameter; anything but a page number is not a page.
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
        neighbours(model, page.page(), page.pages(), number -> "./" + query(number));
        return canonical;
    }

    /** Page {@code page} of {@code pages}: where its neighbours are (the {@code address} of a page number). */
    static void neighbours(Map<String, Object> model, int page, int pages, IntFunction<String> address) {
        model.put("relPrev", page > 1 ? address.apply(page - 1) : null);
        model.put("relNext", page < pages ? address.apply(page + 1) : null);
        model.put("pageNumber", page);
        model.put("pageCount", pages);
    }
}
