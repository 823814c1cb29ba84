package org.nightlight.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates as a reader of the page's language writes them ("24 November 2026", "24 de noviembre de 2026",
 * "24 نوفمبر 2026"): English as in Britain, like the content, and the digits of {@link Messages#withDigits}.
 */
public final class Dates {

    private final DateTimeFormatter formatter;

    public Dates(Locale locale) {
        Locale written = "en".equals(locale.getLanguage()) && locale.getCountry().isEmpty() ? Locale.UK : locale;
        this.formatter = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).localizedBy(Messages.withDigits(written));
    }

    public String format(LocalDate date) {
        return date == null ? "" : formatter.format(date);
    }

    public String format(Instant instant) {
        return instant == null ? "" : formatter.format(instant.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** ISO 8601 for machines (datetime attributes, JSON-LD). */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
