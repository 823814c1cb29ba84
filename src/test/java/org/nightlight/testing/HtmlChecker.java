package org.nightlight.testing;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The Nu Html Checker (the engine behind validator.w3.org/nu) run in-process: the HTML5 schema comes from its
 * jar, nothing goes over the network. {@link #errors} lists the errors of one document; warnings (such as
 * "consider adding a lang attribute") are not errors and are left out. One checker is not thread-safe.
 */
public final class HtmlChecker {

    private static final String SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private final SimpleDocumentValidator validator;
    private final Collector collector = new Collector();

    public HtmlChecker() {
        try {
            // no language detection: it only warns, and it is slow
            validator = new SimpleDocumentValidator(true, false, false);
            validator.setUpMainSchema(SCHEMA, collector);
            validator.setUpValidatorAndParsers(collector, false, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the Nu Html Checker", e);
        }
    }

    /** The errors in the document, each as "line:column: message"; empty when it is valid. */
    public synchronized List<String> errors(String html) {
        collector.errors.clear();
        try {
            InputSource source = new InputSource(new StringReader(html));
            source.setEncoding("UTF-8");
            validator.checkHtmlInputSource(source);
        } catch (Exception e) {
            collector.errors.add("the checker stopped: " + e);
        }
        return List.copyOf(collector.errors);
    }

    private static final class Collector implements ErrorHandler {

        final List<String> errors = new ArrayList<>();

        @Override
        public void warning(SAXParseException e) {
            // not an error
        }

        @Override
        public void error(SAXParseException e) {
            errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
            errors.add("fatal " + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        }
    }
}
