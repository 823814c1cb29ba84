package org.nightlight.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * CommonMark to safe HTML. Raw HTML in the text is escaped by the renderer, and the sanitizer then
 * keeps only plain document markup and http(s)/mailto links, so nothing a writer types can run.
 */
public final class Markdown {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private final PolicyFactory policy = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
                    "h2", "h3", "h4", "hr", "a")
            .allowAttributes("start").onElements("ol")
            .allowAttributes("href").onElements("a")
            .allowUrlProtocols("https", "http", "mailto")
            .requireRelsOnLinks("noopener", "noreferrer")
            .toFactory();
    private final TextContentRenderer text = TextContentRenderer.builder()
            .lineBreakRendering(LineBreakRendering.STRIP).build();

    public String toHtml(String markdown) {
        String html = renderer.render(parser.parse(markdown == null ? "" : markdown));
        return policy.sanitize(html);
    }

    /** The Markdown as one line of plain text (descriptions, JSON-LD); markup is dropped, not escaped. */
    public String toPlain(String markdown) {
        String rendered = text.render(parser.parse(markdown == null ? "" : markdown));
        return rendered.replaceAll("\\s+", " ").strip();
    }
}
