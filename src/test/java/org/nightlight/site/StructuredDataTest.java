package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.nightlight.web.Markdown;

class StructuredDataTest {

    private final StructuredData data = new StructuredData();

    @Test
    void scriptJson_hasNoMarkupCharacters_andReadsBackToTheSameText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = json.createObjectNode();
        String hostile = "</script><script>alert('x')</script> & <!-- \u2028 \u2029";
        node.put("name", hostile);
        String script = StructuredData.script(node);
        assertThat(script).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        assertThat(json.readTree(script).path("name").asText()).isEqualTo(hostile);
    }

    @Test
    void plainText_dropsMarkdownSyntax_keepsLinkAddresses_andJoinsLines() {
        assertThat(new Markdown().toPlain("**Call** your [doctor](https://example.org)\nif:\n\n- it lasts\n- it hurts"))
                .doesNotContain("**", "](", "\n")
                .contains("Call your \"doctor\" (https://example.org) if:", "it lasts", "it hurts");
    }

    @Test
    void aDescription_isCutAtAWord_toAtMost200Characters() {
        String longText = "word ".repeat(100);
        String description = data.shortened(longText);
        assertThat(description).hasSizeLessThanOrEqualTo(201).endsWith("…");
        assertThat(description.replace("…", "")).endsWith("word");
        assertThat(data.shortened("Short answer.")).isEqualTo("Short answer.");
    }
}
