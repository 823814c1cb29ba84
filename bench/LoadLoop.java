import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback load generator where wrk is not installed: CONNECTIONS threads each send requests in turn
 * (closed loop) over the paths for SECONDS, then it prints throughput and latency percentiles.
 * Run: java bench/LoadLoop.java BASE_URL PATHS_FILE SECONDS CONNECTIONS [gzip]
 */
public class LoadLoop {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> paths = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        boolean gzip = args.length > 4 && args[4].equals("gzip");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<List<Long>> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                int i = offset;
                while (System.nanoTime() < end) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + paths.get(i++ % paths.size())));
                    if (gzip) {
                        request.header("Accept-Encoding", "gzip");
                    }
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                        mine.add(System.nanoTime() - start);
                        bytes.addAndGet(response.body().length);
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                latencies.add(mine);
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        System.out.printf("requests %d in %d s: %.0f requests/s, %.1f MB/s, non-200 or failed: %d%n", all.size(), seconds,
                all.size() / (double) seconds, bytes.get() / 1e6 / seconds, errors.get());
        for (double p : new double[] {0.50, 0.90, 0.99}) {
            long nanos = all.isEmpty() ? 0 : all.get(Math.min(all.size() - 1, (int) Math.ceil(p * all.size()) - 1));
            System.out.printf("p%.0f %.2f ms%n", p * 100, nanos / 1e6);
        }
    }
}
