package org.nightlight.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.0 over a plain socket from a chosen loopback address (127.0.0.x), so a test can act as several
 * distinct clients (java.net.http cannot pick its local address on JDK 17) and send any header.
 */
public final class RawHttp {

    /** Status, headers (names in lower case) and body of one response. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private RawHttp() {
    }

    public static Response send(String fromAddress, int port, String method, String path, Map<String, String> headers,
            byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "127.0.0.1:" + port);
            all.putAll(headers);
            all.put("Content-Length", Integer.toString(body.length));
            all.forEach((name, value) -> {
                if (value != null) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    public static Response postForm(String fromAddress, int port, String path, Map<String, String> headers,
            String form) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/x-www-form-urlencoded");
        all.putAll(headers);
        return send(fromAddress, port, "POST", path, all, form.getBytes(StandardCharsets.UTF_8));
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, text.substring(end + 4));
    }
}
