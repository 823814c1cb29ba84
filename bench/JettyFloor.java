import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty itself costs on this machine, as bench/run.sh's "bare Jetty" line: the app's Jetty, with nothing but
 * one handler that answers every request with the same bytes (a page's identity body) and its prepared headers.
 * No cache lookup, no metrics, no Host check: the most any handler in front of the servlet stack can reach
 * (answered on the thread that read the request, as the app answers its cached pages).
 * Run: java -cp target/nightlight.jar bench/JettyFloor.java PORT BODY_FILE
 */
public class JettyFloor {
    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        HttpFields fields = HttpFields.build()
                .put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8")
                .put(HttpHeader.CACHE_CONTROL, "public, max-age=300")
                .put(HttpHeader.ETAG, "\"floor\"")
                .put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length))
                .asImmutable();
        Server server = new Server();
        ServerConnector connector = org.nightlight.App.connector(server);
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSendServerVersion(false);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().add(fields);
                response.write(true, ByteBuffer.wrap(body).asReadOnlyBuffer(), callback);
                return true;
            }
        });
        server.start();
        server.join();
    }
}
