package org.nightlight.web;

/**
 * One entry of the language switcher: the language's code, its name written in itself, its direction, where
 * choosing it leads, and whether it is the language of the page being shown.
 */
public record LanguageLink(String code, String nativeName, String direction, String href, boolean current) {

    public LanguageLink asCurrent(boolean value) {
        return new LanguageLink(code, nativeName, direction, href, value);
    }
}
