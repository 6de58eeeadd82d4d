import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts lead forms to a running NurtureFlow as a crowd of phones would: each request is one new lead with its
 * own phone number and address. Prints one JSON line: requests, failures, seconds, per second, p50/p99 in ms.
 * Usage: java FormLoad.java BASE_URL CHANNEL_CODE TOTAL CONCURRENCY PHONE_PREFIX
 */
public class FormLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String code = args[1];
        int total = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        String prefix = args[4];
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(concurrency)).build();
        // the landing page names the privacy notice a parent consents to; the form carries its version and the tick
        String landing = http.send(HttpRequest.newBuilder(URI.create(base + "/q/" + code)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var notice = java.util.regex.Pattern.compile("name=\"noticeVersion\" value=\"(\\d+)\"").matcher(landing);
        if (!notice.find()) {
            throw new IllegalStateException("the landing page of " + code + " names no privacy notice");
        }
        String consent = "&consent=yes&noticeVersion=" + notice.group(1);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    String phone = prefix + String.format("%07d", i);
                    // a distinct name per run too: same name and same last four digits would be a likely duplicate for review
                    String form = "name=" + URLEncoder.encode("压测" + prefix + "-" + i, StandardCharsets.UTF_8) + "&phone=" + phone + consent;
                    // each lead on their own phone: a distinct client address, as our reverse proxy forwards it
                    String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                    var request = HttpRequest.newBuilder(URI.create(base + "/q/" + code + "/lead"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Forwarded-For", address)
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                    long t0 = System.nanoTime();
                    try {
                        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        workers.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("{\"requests\":%d,\"failures\":%d,\"seconds\":%.2f,\"perSecond\":%.1f,\"p50ms\":%.1f,\"p99ms\":%.1f}%n",
                total, failures.get(), seconds, total / seconds, pct(sorted, 0.50), pct(sorted, 0.99));
        // a run with failed requests measured something else: the caller's script stops rather than report it
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
