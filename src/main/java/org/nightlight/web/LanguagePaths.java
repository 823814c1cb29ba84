package org.nightlight.web;

/**
 * Public addresses start with a language tag: {@code /en}, {@code /pt-BR} (the Jersey paths' {@code
 * [a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*}). Checked by hand, not by a regular expression: every request asks, and a
 * pattern with {@code .*} cost the cached path several per cent walking long percent-encoded addresses.
 */
public final class LanguagePaths {

    private LanguagePaths() {
    }

    /**
     * Where the language tag at the start of {@code path} ends (its length, or the index of the '/' after it), or
     * -1 when the path does not start with '/' and a tag followed by the end or a '/'.
     */
    public static int afterLanguage(String path) {
        int n = path.length();
        if (n < 3 || path.charAt(0) != '/') {
            return -1;
        }
        int i = 1;
        while (i < n && path.charAt(i) >= 'a' && path.charAt(i) <= 'z') {
            i++;
        }
        if (i < 3 || i > 4) {
            return -1;
        }
        while (i < n && path.charAt(i) == '-') {
            int start = ++i;
            while (i < n && isAsciiLetterOrDigit(path.charAt(i))) {
                i++;
            }
            if (i - start < 2 || i - start > 8) {
                return -1;
            }
        }
        return i == n || path.charAt(i) == '/' ? i : -1;
    }

    /** A page the cache may keep: the sitemap, or anything under a language. */
    public static boolean isPublic(String path) {
        return path != null && (path.equals("/sitemap.xml") || afterLanguage(path) > 0);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
