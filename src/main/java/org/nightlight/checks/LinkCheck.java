package org.nightlight.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Link targets: the same set of addresses (Markdown links, images, autolinks and addresses written out) in the
 * title and text, and as many links.
 */
final class LinkCheck {

    private static final Pattern BARE_URL = Pattern.compile("(?:https?://|www\\.)[^\\s<>]*[^\\s<>.,;:!?)\\]]",
            Pattern.CASE_INSENSITIVE);

    private LinkCheck() {
    }

    /** The targets and the number of links of a title and body. */
    private record Targets(Set<String> addresses, int links) {
    }

    static List<Finding> check(Side source, Side target) {
        Targets inSource = targets(source);
        Targets inTarget = targets(target);
        List<Finding> findings = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(inSource.addresses());
        missing.removeAll(inTarget.addresses());
        Set<String> extra = new LinkedHashSet<>(inTarget.addresses());
        extra.removeAll(inSource.addresses());
        if (!missing.isEmpty()) {
            findings.add(new Finding(Check.LINKS, Place.TEXT, "missing", List.of(String.join(" ", missing))));
        }
        if (!extra.isEmpty()) {
            findings.add(new Finding(Check.LINKS, Place.TEXT, "extra", List.of(String.join(" ", extra))));
        }
        if (inSource.links() != inTarget.links()) {
            findings.add(new Finding(Check.LINKS, Place.TEXT, "count",
                    List.of(String.valueOf(inSource.links()), String.valueOf(inTarget.links()))));
        }
        return findings;
    }

    private static Targets targets(Side side) {
        Set<String> addresses = new LinkedHashSet<>();
        int[] links = {0};
        for (String markdown : List.of(side.title(), side.body())) {
            Node document = Side.parse(markdown);
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    addresses.add(link.getDestination().strip());
                    links[0]++;
                    // an autolink's text is its address: not a second one
                    if (!(link.getFirstChild() instanceof Text text && text.getLiteral().equals(link.getDestination()))) {
                        visitChildren(link);
                    }
                }

                @Override
                public void visit(Image image) {
                    addresses.add(image.getDestination().strip());
                    links[0]++;
                }

                @Override
                public void visit(Text text) {
                    Matcher m = BARE_URL.matcher(text.getLiteral());
                    while (m.find()) {
                        addresses.add(m.group());
                    }
                }
            });
        }
        return new Targets(addresses, links[0]);
    }
}
