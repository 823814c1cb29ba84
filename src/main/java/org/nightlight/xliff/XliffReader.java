package org.nightlight.xliff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a returned XLIFF file: validated against the OASIS XLIFF 2 core and metadata schemas (as Okapi ships them,
 * in src/main/resources/xliff), no DTDs and nothing fetched from elsewhere. Each {@code <group>} carrying
 * Nightlight's metadata is an item; each unit's source and target become {@link Piece}s with their codes'
 * Markdown taken from the unit's {@code <originalData>}.
 */
final class XliffReader {

    private static final Set<String> DONE = Set.of("translated", "reviewed", "final");
    private static final Schema SCHEMA = schema();

    /** A unit as the file has it: {@code target} is null when it has none; complete when every segment is done. */
    record FileUnit(String xliffId, List<Piece> source, List<Piece> target, boolean complete) {
    }

    record FileItem(long itemId, long sourceRevisionId, String languageCode, List<FileUnit> units) {
    }

    record XliffFile(String sourceLanguage, String targetLanguage, List<FileItem> items) {
    }

    /** The file cannot be read as an XLIFF 2 export of ours: every reason, in English. */
    static final class Unreadable extends Exception {
        private final List<String> reasons;

        Unreadable(List<String> reasons) {
            super(String.join("; ", reasons));
            this.reasons = List.copyOf(reasons);
        }

        List<String> reasons() {
            return reasons;
        }
    }

    private XliffReader() {
    }

    static XliffFile read(byte[] bytes) throws Unreadable {
        Document document = parse(bytes);
        List<String> errors = new ArrayList<>();
        var validator = SCHEMA.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add(where(e) + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add(where(e) + e.getMessage());
                }
            });
            // validated from the bytes, so the errors have line numbers
            validator.validate(new StreamSource(new ByteArrayInputStream(bytes)));
        } catch (SAXException | IOException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new Unreadable(errors.stream().limit(20).map(e -> "not valid XLIFF 2: " + e).toList());
        }
        Element root = document.getDocumentElement();
        if (!"2.1".equals(root.getAttribute("version")) && !"2.0".equals(root.getAttribute("version"))) {
            throw new Unreadable(List.of("XLIFF version " + root.getAttribute("version") + " is not 2.0 or 2.1"));
        }
        if (root.getAttribute("trgLang").isEmpty()) {
            throw new Unreadable(List.of("the file names no target language (trgLang)"));
        }
        List<FileItem> items = new ArrayList<>();
        for (Element group : descendants(root, "group")) {
            Map<String, String> meta = metadata(group);
            if (meta.containsKey("item")) {
                try {
                    items.add(new FileItem(Long.parseLong(meta.get("item")), Long.parseLong(meta.get("sourceRevision")),
                            meta.getOrDefault("language", ""), units(group)));
                } catch (NumberFormatException e) {
                    throw new Unreadable(List.of("group " + group.getAttribute("id")
                            + " has Nightlight metadata that is not ours (item, sourceRevision)"));
                }
            }
        }
        if (items.isEmpty()) {
            throw new Unreadable(List.of("the file holds no Nightlight items (no group with Nightlight metadata)"));
        }
        return new XliffFile(root.getAttribute("srcLang"), root.getAttribute("trgLang"), items);
    }

    private static Document parse(byte[] bytes) throws Unreadable {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // no DTD, no entities: a returned file is untrusted
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new Unreadable(List.of("not well-formed XML: " + where(e) + e.getMessage()));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new Unreadable(List.of("not well-formed XML: " + e.getMessage()));
        }
    }

    private static Map<String, String> metadata(Element group) {
        Map<String, String> meta = new HashMap<>();
        for (Element metadata : children(group, XliffWriter.METADATA, "metadata")) {
            for (Element metaGroup : children(metadata, XliffWriter.METADATA, "metaGroup")) {
                if (XliffWriter.CATEGORY.equals(metaGroup.getAttribute("category"))) {
                    for (Element m : children(metaGroup, XliffWriter.METADATA, "meta")) {
                        meta.put(m.getAttribute("type"), m.getTextContent().strip());
                    }
                }
            }
        }
        return meta;
    }

    private static List<FileUnit> units(Element group) {
        List<FileUnit> units = new ArrayList<>();
        for (Element unit : children(group, XliffWriter.CORE, "unit")) {
            Map<String, String> data = new HashMap<>();
            for (Element original : children(unit, XliffWriter.CORE, "originalData")) {
                for (Element d : children(original, XliffWriter.CORE, "data")) {
                    data.put(d.getAttribute("id"), dataText(d));
                }
            }
            List<Piece> source = new ArrayList<>();
            List<Piece> target = new ArrayList<>();
            boolean complete = true;
            boolean anyTarget = false;
            for (Node n = unit.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element part) || !XliffWriter.CORE.equals(part.getNamespaceURI())) {
                    continue;
                }
                boolean segment = "segment".equals(part.getLocalName());
                if (!segment && !"ignorable".equals(part.getLocalName())) {
                    continue;
                }
                Element src = children(part, XliffWriter.CORE, "source").get(0);
                List<Element> trg = children(part, XliffWriter.CORE, "target");
                inline(src, data, source);
                if (!trg.isEmpty()) {
                    anyTarget = true;
                    inline(trg.get(0), data, target);
                } else if (segment) {
                    complete = false;
                } else {
                    inline(src, data, target); // an ignorable without target keeps its source
                }
                if (segment && !DONE.contains(part.hasAttribute("state") ? part.getAttribute("state") : "initial")) {
                    complete = false;
                }
            }
            units.add(new FileUnit(unit.getAttribute("id"), List.copyOf(source), anyTarget ? List.copyOf(target)
                    : null, complete && anyTarget));
        }
        return units;
    }

    /** A source or target's content as pieces; codes take their Markdown from the unit's original data. */
    private static void inline(Element parent, Map<String, String> data, List<Piece> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                out.add(new Piece.Text(n.getNodeValue()));
            } else if (n instanceof Element e && XliffWriter.CORE.equals(e.getNamespaceURI())) {
                String id = e.getAttribute("id");
                switch (e.getLocalName()) {
                    case "mrk" -> {
                        if ("no".equals(e.getAttribute("translate"))) {
                            out.add(new Piece.Protected(id, e.getTextContent()));
                        } else {
                            inline(e, data, out);
                        }
                    }
                    case "pc" -> {
                        String closing = data.getOrDefault(e.getAttribute("dataRefEnd"), "");
                        out.add(new Piece.Open(id, data.getOrDefault(e.getAttribute("dataRefStart"), ""), closing,
                                "no".equals(e.getAttribute("canDelete"))));
                        inline(e, data, out);
                        out.add(new Piece.Close(id, closing));
                    }
                    case "sc" -> out.add(new Piece.Open(id, data.getOrDefault(e.getAttribute("dataRef"), ""), null,
                            "no".equals(e.getAttribute("canDelete"))));
                    case "ec" -> out.add(new Piece.Close(e.hasAttribute("startRef") ? e.getAttribute("startRef") : id,
                            data.getOrDefault(e.getAttribute("dataRef"), "")));
                    case "ph" -> out.add(new Piece.Standalone(id, data.getOrDefault(e.getAttribute("dataRef"), ""),
                            "no".equals(e.getAttribute("canDelete"))));
                    case "cp" -> out.add(new Piece.Text(Character.toString(Integer.parseInt(e.getAttribute("hex"), 16))));
                    default -> {
                        // sm/em annotation markers carry no text
                    }
                }
            }
        }
    }

    /** A {@code <data>}'s text, with its {@code <cp hex>} characters (XML cannot carry every character). */
    private static String dataText(Element data) {
        StringBuilder text = new StringBuilder();
        for (Node n = data.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element cp && "cp".equals(cp.getLocalName())) {
                text.appendCodePoint(Integer.parseInt(cp.getAttribute("hex"), 16));
            } else {
                text.append(n.getTextContent());
            }
        }
        return text.toString();
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element root, String name) {
        List<Element> found = new ArrayList<>();
        var list = root.getElementsByTagNameNS(XliffWriter.CORE, name);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    private static String where(SAXParseException e) {
        return e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ": " : "";
    }

    private static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // the core schema imports xml.xsd beside it, inside our jar; nothing else may be fetched
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(new StreamSource[] {
                    new StreamSource(XliffReader.class.getResource("/xliff/xliff_core_2.0.xsd").toExternalForm()),
                    new StreamSource(XliffReader.class.getResource("/xliff/metadata.xsd").toExternalForm())});
        } catch (SAXException e) {
            throw new IllegalStateException("the XLIFF schemas in the jar cannot be read", e);
        }
    }
}
