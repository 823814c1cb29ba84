package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nightlight.content.Search.Part;

/** A hit's title and snippet become HTML once, in Java: every character of the text escaped, matches marked. */
class SearchHighlightTest {

    @Test
    void matchesAreMarked_andEverythingElseIsEscaped() {
        String html = SearchResource.Link.html(List.of(new Part("Fever <script>alert('x')</script> & ", false),
                new Part("\"myoclonus\"", true), new Part(" ok", false)));

        assertThat(html).isEqualTo("Fever &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; "
                + "<mark>&quot;myoclonus&quot;</mark> ok");
    }

    @Test
    void noParts_isNothing() {
        assertThat(SearchResource.Link.html(List.of())).isEmpty();
    }
}
