package org.nightlight.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A snippet says where the text goes on beyond it: "… " before, " …" after. */
class SearchSnippetsTest {

    private static final String TEXT = "If you think your baby has sleep myoclonus, see your doctor soon. Bring a video (of the jerks).";

    private static String shown(String... parts) {
        List<Search.Part> snippet = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            snippet.add(new Search.Part(parts[i], i % 2 == 1));
        }
        return Search.withEllipses(snippet, TEXT).stream().map(Search.Part::text).collect(Collectors.joining());
    }

    @Test
    void theWholeText_hasNone() {
        assertThat(shown(TEXT)).isEqualTo(TEXT);
    }

    @Test
    void theStartOfAText_hasOneAfter() {
        assertThat(shown("If you think your baby has ", "sleep", " myoclonus")).isEqualTo(
                "If you think your baby has sleep myoclonus …");
    }

    @Test
    void theEndOfAText_withoutItsLastFullStopAndBracket_hasOneBefore() {
        assertThat(shown("Bring a ", "video", " (of the jerks")).isEqualTo("… Bring a video (of the jerks");
    }

    @Test
    void twoFragments_fromTheStartToTheEnd_haveNoneOutside() {
        assertThat(shown("If you think your baby has ", "sleep", " myoclonus … Bring a video (of the jerks"))
                .isEqualTo("If you think your baby has sleep myoclonus … Bring a video (of the jerks");
    }

    @Test
    void noSnippet_staysEmpty() {
        assertThat(Search.withEllipses(List.of(), TEXT)).isEmpty();
    }
}
