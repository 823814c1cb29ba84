package org.nightlight;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nightlight.account.SecondFactorMode;
import org.nightlight.notify.MailSettings;
import org.nightlight.web.PageCacheFilter;

/** Settings read once from environment variables at start; the README documents each one. */
public record Settings(
        int port,
        String bind,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> dbMigrationUser,
        String dbMigrationPassword,
        Path dataDir,
        boolean demo,
        Optional<String> demoPassword,
        int reviewMonths,
        boolean https,
        Optional<String> publicUrl,
        Set<String> allowedHosts,
        Set<String> trustedProxies,
        SecondFactorMode secondFactor,
        List<String> metricsFrom,
        MailSettings mail,
        int rendersAtOnce) {

    /** A setting with a value we cannot use; the message names the variable. */
    public static final class InvalidSetting extends RuntimeException {
        InvalidSetting(String name, String value, String expected) {
            super(name + "=" + value + " is not valid: " + expected + ".");
        }
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        int port = port(env, "NIGHTLIGHT_PORT", 8080);
        String bind = bind(env, "NIGHTLIGHT_BIND", "127.0.0.1");
        Optional<String> dbUrl = Optional.ofNullable(blankToNull(env.get("NIGHTLIGHT_DB_URL")));
        dbUrl.ifPresent(url -> {
            if (!url.matches("jdbc:postgresql://[^\\s/]+(:\\d+)?/[^\\s]*")) {
                throw new InvalidSetting("NIGHTLIGHT_DB_URL", url,
                        "expected a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/nightlight");
            }
        });
        String user = Optional.ofNullable(blankToNull(env.get("NIGHTLIGHT_DB_USER"))).orElse("nightlight");
        String password = secret(env, "NIGHTLIGHT_DB_PASSWORD").orElse("");
        // the owner of the schema, which runs the migrations; without it the server's own role runs them
        Optional<String> migrationUser = Optional.ofNullable(blankToNull(env.get("NIGHTLIGHT_DB_MIGRATION_USER")));
        String migrationPassword = secret(env, "NIGHTLIGHT_DB_MIGRATION_PASSWORD").orElse("");
        Path dataDir = Optional.ofNullable(blankToNull(env.get("NIGHTLIGHT_DATA_DIR")))
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".nightlight"))
                .toAbsolutePath();
        // Demo content is the default only where nothing real can be harmed: the embedded database.
        boolean demo = bool(env, "NIGHTLIGHT_DEMO", dbUrl.isEmpty());
        Optional<String> demoPassword = secret(env, "NIGHTLIGHT_DEMO_PASSWORD").map(Settings::blankToNull);
        int reviewMonths = number(env, "NIGHTLIGHT_REVIEW_MONTHS", 12, 1, 60, "expected a number of months from 1 to 60");
        // behind a TLS-terminating proxy: Secure cookies and HSTS
        boolean https = bool(env, "NIGHTLIGHT_HTTPS", false);
        Optional<String> publicUrl = publicUrl(env, "NIGHTLIGHT_PUBLIC_URL");
        Set<String> allowedHosts = allowedHosts(env, "NIGHTLIGHT_ALLOWED_HOSTS", bind, publicUrl);
        Set<String> trustedProxies = addresses(env, "NIGHTLIGHT_TRUSTED_PROXIES");
        // staff sign in with a second factor; the demo's accounts keep signing in with the password alone
        SecondFactorMode secondFactor = secondFactor(env, "NIGHTLIGHT_SECOND_FACTOR",
                demo ? SecondFactorMode.OPTIONAL : SecondFactorMode.STAFF);
        // operations: who may read /metrics; the log format is read by logback.xml, checked here
        List<String> metricsFrom = ranges(env, "NIGHTLIGHT_METRICS_FROM", List.of("127.0.0.0/8", "::1"));
        oneOf(env, "NIGHTLIGHT_LOG_FORMAT", "text", "json");
        // notifications by mail; without a host they go to the admins' outbox page and the log
        MailSettings mail = new MailSettings(Optional.ofNullable(blankToNull(env.get("NIGHTLIGHT_SMTP_HOST"))),
                port(env, "NIGHTLIGHT_SMTP_PORT", 25), Optional.ofNullable(blankToNull(env.get("NIGHTLIGHT_SMTP_USER"))),
                secret(env, "NIGHTLIGHT_SMTP_PASSWORD").orElse(""),
                MailSettings.Tls.valueOf(oneOf(env, "NIGHTLIGHT_SMTP_TLS", "none", "starttls", "tls")
                        .toUpperCase(java.util.Locale.ROOT)),
                mailbox(env, "NIGHTLIGHT_MAIL_FROM", "nightlight@localhost"));
        int rendersAtOnce = number(env, "NIGHTLIGHT_RENDERS_AT_ONCE", PageCacheFilter.defaultRenders(), 1, 1024,
                "expected a number of pages from 1 to 1024");
        return new Settings(port, bind, dbUrl, user, password, migrationUser, migrationPassword, dataDir, demo,
                demoPassword, reviewMonths, https, publicUrl, allowedHosts, trustedProxies, secondFactor, metricsFrom,
                mail, rendersAtOnce);
    }

    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    public Settings withPort(int newPort) {
        return new Settings(newPort, bind, dbUrl, dbUser, dbPassword, dbMigrationUser, dbMigrationPassword, dataDir, demo, demoPassword, reviewMonths,
                https, publicUrl, allowedHosts, trustedProxies, secondFactor, metricsFrom, mail,
                rendersAtOnce);
    }

    /** One plain mail address (no display name), as the sender of notifications. */
    private static String mailbox(Map<String, String> env, String name, String fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        if (!MailSettings.isAddress(value.strip())) {
            throw new InvalidSetting(name, value, "expected one mail address such as nightlight@example.org");
        }
        return value.strip();
    }

    /** Addresses and CIDR ranges (10.0.0.0/8, ::1), as Jetty's InetAddressSet reads them; no host names. */
    private static List<String> ranges(Map<String, String> env, String name, List<String> fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        String expected = "expected IP addresses or ranges separated by commas, such as 127.0.0.0/8,::1,10.0.0.0/8";
        List<String> ranges = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String range = part.strip();
            try {
                int bits = range.contains("/") ? Integer.parseInt(range.substring(range.indexOf('/') + 1)) : 0;
                if (!range.matches("[0-9A-Fa-f.:]+(/\\d{1,3})?") || bits > (range.contains(":") ? 128 : 32)) {
                    throw new IllegalArgumentException(range);
                }
                new org.eclipse.jetty.util.InetAddressSet().add(range);
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting(name, value, expected);
            }
            ranges.add(range);
        }
        if (ranges.isEmpty()) {
            throw new InvalidSetting(name, value, expected);
        }
        return List.copyOf(ranges);
    }

    private static String oneOf(Map<String, String> env, String name, String... choices) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return choices[0];
        }
        for (String choice : choices) {
            if (choice.equals(value)) { // exactly: logback.xml picks its appender by this name
                return choice;
            }
        }
        throw new InvalidSetting(name, value, "expected one of " + String.join(", ", choices));
    }

    /** IP addresses (not names: a proxy is trusted by where the connection comes from), normalised as Java prints them. */
    private static Set<String> addresses(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return Set.of();
        }
        Set<String> addresses = new java.util.TreeSet<>();
        for (String part : value.split(",")) {
            String a = unbracketed(part.strip());
            if (!a.matches("[0-9A-Fa-f.:]+")) {
                throw new InvalidSetting(name, value, "expected IP addresses separated by commas, such as 10.0.0.5,::1");
            }
            try {
                addresses.add(InetAddress.getByName(a).getHostAddress().replaceFirst("%.*$", ""));
            } catch (UnknownHostException e) {
                throw new InvalidSetting(name, value, "expected IP addresses separated by commas, such as 10.0.0.5,::1");
            }
        }
        return Set.copyOf(addresses);
    }

    /**
     * The Host names served when no public origin is configured (absolute links then come from the Host):
     * NIGHTLIGHT_ALLOWED_HOSTS, else this machine's loopback names and the bind address. Empty (every host)
     * when NIGHTLIGHT_PUBLIC_URL is set, since links then never come from the request.
     */
    private static Set<String> allowedHosts(Map<String, String> env, String name, String bind,
            Optional<String> publicUrl) {
        if (publicUrl.isPresent()) {
            return Set.of();
        }
        String value = blankToNull(env.get(name));
        // loopback names always: the health check asks over loopback, and the cache keeps each origin apart
        Set<String> hosts = new java.util.TreeSet<>(Set.of("localhost", "127.0.0.1", "::1"));
        if (value == null) {
            if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
                hosts.add(unbracketed(bind.toLowerCase(java.util.Locale.ROOT)));
            }
            return Set.copyOf(hosts);
        }
        for (String host : value.split(",")) {
            String h = unbracketed(host.strip().toLowerCase(java.util.Locale.ROOT));
            if (!h.matches("[a-z0-9.:\\-]+")) {
                throw new InvalidSetting(name, value, "expected host names or addresses separated by commas, such as"
                        + " nightlight.example.org,192.0.2.10");
            }
            hosts.add(h);
        }
        return Set.copyOf(hosts);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, 0, 65535, "expected a port number from 0 to 65535");
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max,
            String expected) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidSetting(name, value, expected);
        }
    }

    private static String bind(Map<String, String> env, String name, String fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9A-Za-z.:\\-\\[\\]]+")) {
            throw new InvalidSetting(name, value, "expected an IP address or host name such as 127.0.0.1 or 0.0.0.0");
        }
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException e) {
            throw new InvalidSetting(name, value, "expected an IP address or host name such as 127.0.0.1 or 0.0.0.0");
        }
    }

    /** The site's public origin for absolute links (canonical, hreflang, sitemap), e.g. https://example.org. */
    private static Optional<String> publicUrl(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return Optional.empty();
        }
        String url = value.strip().replaceFirst("/+$", "").toLowerCase(java.util.Locale.ROOT);
        if (!url.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
            throw new InvalidSetting(name, value, "expected the site's origin such as https://nightlight.example.org"
                    + " (scheme and host, optional port, no path)");
        }
        return Optional.of(url);
    }

    private static SecondFactorMode secondFactor(Map<String, String> env, String name, SecondFactorMode fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return SecondFactorMode.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(name, value, "expected staff, all or optional");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new InvalidSetting(name, value, "expected true or false");
        };
    }

    /** A secret from NAME, or from the file NAME_FILE names (Docker and Kubernetes secrets), one line. */
    private static Optional<String> secret(Map<String, String> env, String name) {
        String file = blankToNull(env.get(name + "_FILE"));
        if (file == null) {
            return Optional.ofNullable(env.get(name));
        }
        try {
            return Optional.of(java.nio.file.Files.readString(Path.of(file)).replaceFirst("\\r?\\n$", ""));
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidSetting(name + "_FILE", file, "expected a readable file holding the secret");
        }
    }

    /** An IPv6 address as written in a URL ([::1]) as Java and Jetty print it (::1). */
    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
