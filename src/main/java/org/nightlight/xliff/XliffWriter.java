package org.nightlight.xliff;

import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes an export as an XLIFF 2.1 document: one {@code <file>} per topic, one {@code <group>} per item. */
final class XliffWriter {

    static final String CORE = "urn:oasis:names:tc:xliff:document:2.0";
    static final String METADATA = "urn:oasis:names:tc:xliff:metadata:2.0";
    static final String CATEGORY = "nightlight";

    /** One item to translate: its units, and the context a translator needs. */
    record Item(ItemUnits units, String kind, long sourceRevisionId, List<String> notes,
            java.util.Map<String, List<String>> unitNotes) {
    }

    /** One topic's items; its title names the file for the translator. */
    record TopicFile(long topicId, String topicTitle, List<Item> items) {
    }

    private final XMLStreamWriter xml;

    private XliffWriter(XMLStreamWriter xml) {
        this.xml = xml;
    }

    static void write(OutputStream out, String sourceLanguage, String targetLanguage, boolean rightToLeft,
            List<TopicFile> files) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            new XliffWriter(xml).document(sourceLanguage, targetLanguage, rightToLeft, files);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the export could not be written", e);
        }
    }

    private void document(String sourceLanguage, String targetLanguage, boolean rightToLeft, List<TopicFile> files)
            throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.setDefaultNamespace(CORE);
        xml.setPrefix("mda", METADATA);
        xml.writeStartElement(CORE, "xliff");
        xml.writeDefaultNamespace(CORE);
        xml.writeNamespace("mda", METADATA);
        xml.writeAttribute("version", "2.1");
        xml.writeAttribute("srcLang", sourceLanguage);
        xml.writeAttribute("trgLang", targetLanguage);
        for (TopicFile file : files) {
            line(1);
            xml.writeStartElement(CORE, "file");
            xml.writeAttribute("id", "t" + file.topicId());
            xml.writeAttribute("original", "nightlight:topic/" + file.topicId());
            xml.writeAttribute("srcDir", "ltr");
            xml.writeAttribute("trgDir", rightToLeft ? "rtl" : "ltr");
            metadata(2, "topic", String.valueOf(file.topicId()));
            notes(2, List.of("Topic: " + file.topicTitle()));
            for (Item item : file.items()) {
                group(item, targetLanguage);
            }
            line(1);
            xml.writeEndElement();
        }
        line(0);
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private void group(Item item, String targetLanguage) throws XMLStreamException {
        long itemId = item.units().itemId();
        line(2);
        xml.writeStartElement(CORE, "group");
        xml.writeAttribute("id", ItemUnits.groupId(itemId));
        xml.writeAttribute("name", item.kind());
        metadata(3, "item", String.valueOf(itemId), "sourceRevision", String.valueOf(item.sourceRevisionId()),
                "language", targetLanguage);
        notes(3, item.notes());
        for (ItemUnits.XUnit unit : item.units().units()) {
            unit(unit, item.unitNotes().getOrDefault(unit.unitId(), List.of()));
        }
        line(2);
        xml.writeEndElement();
    }

    private void unit(ItemUnits.XUnit unit, List<String> notes) throws XMLStreamException {
        line(3);
        xml.writeStartElement(CORE, "unit");
        xml.writeAttribute("id", unit.xliffId());
        xml.writeAttribute("name", unit.unitId());
        notes(4, notes);
        List<Piece> codes = unit.pieces().stream()
                .filter(p -> p instanceof Piece.Open || p instanceof Piece.Standalone).toList();
        if (!codes.isEmpty()) {
            line(4);
            xml.writeStartElement(CORE, "originalData");
            for (Piece code : codes) {
                if (code instanceof Piece.Open open) {
                    data(open.id() + "s", open.markdown());
                    data(open.id() + "e", open.closing());
                } else if (code instanceof Piece.Standalone alone) {
                    data(alone.id(), alone.markdown());
                }
            }
            line(4);
            xml.writeEndElement();
        }
        line(4);
        xml.writeStartElement(CORE, "segment");
        xml.writeAttribute("state", "initial");
        line(5);
        xml.writeStartElement(CORE, "source");
        pieces(unit.pieces());
        xml.writeEndElement();
        line(4);
        xml.writeEndElement();
        line(3);
        xml.writeEndElement();
    }

    private void data(String id, String markdown) throws XMLStreamException {
        line(5);
        xml.writeStartElement(CORE, "data");
        xml.writeAttribute("id", id);
        xml.writeCharacters(markdown);
        xml.writeEndElement();
    }

    private void pieces(List<Piece> pieces) throws XMLStreamException {
        for (Piece piece : pieces) {
            if (piece instanceof Piece.Protected kept) {
                xml.writeStartElement(CORE, "mrk");
                xml.writeAttribute("id", kept.id());
                xml.writeAttribute("translate", "no");
                xml.writeCharacters(kept.markdown());
                xml.writeEndElement();
            } else if (piece instanceof Piece.Open open) {
                xml.writeStartElement(CORE, "pc");
                xml.writeAttribute("id", open.id());
                xml.writeAttribute("dataRefStart", open.id() + "s");
                xml.writeAttribute("dataRefEnd", open.id() + "e");
                if (open.required()) {
                    xml.writeAttribute("canDelete", "no");
                }
            } else if (piece instanceof Piece.Close) {
                xml.writeEndElement();
            } else if (piece instanceof Piece.Standalone alone) {
                xml.writeEmptyElement(CORE, "ph");
                xml.writeAttribute("id", alone.id());
                xml.writeAttribute("dataRef", alone.id());
                if (alone.required()) {
                    xml.writeAttribute("canDelete", "no");
                }
            } else {
                xml.writeCharacters(piece.markdown());
            }
        }
    }

    /** Nightlight's ids in the Metadata module: {@code typesAndValues} alternate a type and its value. */
    private void metadata(int depth, String... typesAndValues) throws XMLStreamException {
        line(depth);
        xml.writeStartElement(METADATA, "metadata");
        line(depth + 1);
        xml.writeStartElement(METADATA, "metaGroup");
        xml.writeAttribute("category", CATEGORY);
        for (int i = 0; i < typesAndValues.length; i += 2) {
            line(depth + 2);
            xml.writeStartElement(METADATA, "meta");
            xml.writeAttribute("type", typesAndValues[i]);
            xml.writeCharacters(typesAndValues[i + 1]);
            xml.writeEndElement();
        }
        line(depth + 1);
        xml.writeEndElement();
        line(depth);
        xml.writeEndElement();
    }

    private void notes(int depth, List<String> notes) throws XMLStreamException {
        if (notes.isEmpty()) {
            return;
        }
        line(depth);
        xml.writeStartElement(CORE, "notes");
        for (String note : notes) {
            line(depth + 1);
            xml.writeStartElement(CORE, "note");
            xml.writeCharacters(note);
            xml.writeEndElement();
        }
        line(depth);
        xml.writeEndElement();
    }

    /** Indents the structure (never inside a source or target, where spaces are text). */
    private void line(int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
