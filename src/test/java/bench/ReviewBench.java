package bench;

import org.awaitility.core.ConditionTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import local.LocalAws;
import routes.review.ReviewFixture;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;

import static org.awaitility.Awaitility.await;

/**
 * The review pipeline under concurrent answers on the embedded local AWS: R requests × 3 reviewers (real activity
 * tasks on the Step Functions emulator), all answers sent at once by T threads in random order. Reports answers/s and
 * the latency of the deciding answers (the answer whose conditional write decides the request; its response returns
 * after SendTaskSuccess), next to the raw SendTaskSuccess rate and latency of the same emulator in the same run.
 * System properties: bench.requests (200), bench.threads (16).
 */
public final class ReviewBench {
    public static void main(String[] args) throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        int requests = Integer.getInteger("bench.requests", 200);
        int threads = Integer.getInteger("bench.threads", 16);
        Path dataDir = Files.createTempDirectory("review-bench-");
        try (LocalAws aws = LocalAws.start(new LocalAws.Settings(dataDir, LocalAws.Ports.random(), false, List.of()))) {
            try (ReviewFixture review = new ReviewFixture(aws, Map.of("review.sweep-interval", "600000"))) {
                // the floor: SendTaskSuccess straight to the emulator, same concurrency
                List<String> rawTokens = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    rawTokens.add(review.startTask("review-test", "{\"raw\":" + i + "}").token());
                }
                SfnClient sfn = aws.sfn();
                List<Long> rawLatencies = timed(threads, rawTokens, token -> {
                    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"raw\":true}"));
                    return true;
                });
                double rawSeconds = rawLatencies.remove(rawLatencies.size() - 1) / 1e9;

                // R requests x 3 reviewers, opened through the pipeline (not timed)
                String run = UUID.randomUUID().toString().substring(0, 8);
                List<String> executions = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    String subject = "bench-" + run + "-" + i;
                    String input = "{\"subject\":\"" + subject + "\",\"reviewers\":[\"a-" + run + "@example.com\",\"b-" + run
                            + "@example.com\",\"c-" + run + "@example.com\"]}";
                    ReviewFixture.Task task = review.startTask("review-test", input);
                    review.submit(task.token(), input, "activity");
                    executions.add(task.executionArn());
                }
                List<ReviewFixture.Link> links = new ArrayList<>();
                for (JsonNode email : aws.sesSentEmails()) {
                    Matcher m = ReviewFixture.LINK.matcher(email.path("body").path("text").asText());
                    if (email.path("body").path("text").asText().contains("bench-" + run + "-") && m.find()) {
                        links.add(new ReviewFixture.Link(m.group(1), m.group(2), m.group(3)));
                    }
                }
                if (links.size() != requests * 3) {
                    throw new IllegalStateException("expected " + requests * 3 + " emails, found " + links.size());
                }
                Collections.shuffle(links, new Random(1));
                Map<String, Boolean> deciding = new java.util.concurrent.ConcurrentHashMap<>();
                List<Long> latencies = timed(threads, links, link -> {
                    HttpResponse<String> response = review.answer(link, "SUCCEED");
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    // the answer whose conditional write decided its request says so; an answer that lost that write
                    // to a concurrent one also sees request_state SUCCEEDED, but decided (and sent) nothing
                    boolean decided = response.body().contains("\"deciding_answer\":true");
                    if (decided) {
                        deciding.put(link.recordId(), true);
                    }
                    return decided;
                });
                double seconds = latencies.remove(latencies.size() - 1) / 1e9;
                List<Long> decidingLatencies = new ArrayList<>();
                List<Long> otherLatencies = new ArrayList<>();
                for (int i = 0; i < links.size(); i++) {
                    (deciding.containsKey(links.get(i).recordId()) ? decidingLatencies : otherLatencies).add(latencies.get(i));
                }
                long succeeded = executions.stream().filter(e -> {
                    try {
                        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                                .until(() -> "SUCCEEDED".equals(review.executionStatus(e)));
                        return true;
                    } catch (ConditionTimeoutException notSucceeded) {
                        return false;
                    }
                }).count();

                // completion exactly once, counted twice: the callbacks the app made (its metric) and each execution's history
                Map<String, Double> callbacks = callbackCounts(review.app().url());
                long executionsWithOneSuccess = executions.stream().filter(e -> review.history(e).stream()
                        .filter(h -> h.activitySucceededEventDetails() != null).count() == 1).count();

                System.out.printf("%nreview benchmark (%d requests x 3 reviewers = %d answers, %d threads)%n", requests, links.size(), threads);
                System.out.printf("  answers                       : %.2f s = %.0f answers/s%n", seconds, links.size() / seconds);
                System.out.printf("  deciding answer (incl. SendTaskSuccess): median %.1f ms, p99 %.1f ms (%d)%n",
                        percentile(decidingLatencies, 50), percentile(decidingLatencies, 99), decidingLatencies.size());
                System.out.printf("  other answers                 : median %.1f ms, p99 %.1f ms%n",
                        percentile(otherLatencies, 50), percentile(otherLatencies, 99));
                System.out.printf("  raw SendTaskSuccess (emulator): %.0f calls/s, median %.1f ms, p99 %.1f ms (%d calls, %d threads)%n",
                        requests / rawSeconds, percentile(rawLatencies, 50), percentile(rawLatencies, 99), requests, threads);
                System.out.printf("  ratio answers/s to raw SendTaskSuccess/s: %.2f; deciding median / raw median: %.1f%n",
                        (links.size() / seconds) / (requests / rawSeconds), percentile(decidingLatencies, 50) / percentile(rawLatencies, 50));
                System.out.printf("  executions SUCCEEDED          : %d of %d%n", succeeded, requests);
                System.out.printf("  task callbacks by the app     : SendTaskSuccess sent %.0f, already sent %.0f, token gone %.0f;"
                                + " executions with exactly one ActivitySucceeded: %d of %d%n", callbacks.getOrDefault("sent", 0.0),
                        callbacks.getOrDefault("already_sent", 0.0), callbacks.getOrDefault("token_gone", 0.0),
                        executionsWithOneSuccess, requests);
                if (decidingLatencies.size() != requests || callbacks.getOrDefault("sent", 0.0) != requests
                        || callbacks.getOrDefault("already_sent", 0.0) != 0 || executionsWithOneSuccess != requests) {
                    System.out.println("  NOT EXACTLY ONCE: see the counts above");
                    System.exit(1);
                }
            }
        }
        System.exit(0);
    }

    /** The app's step_functions_callbacks{pipeline="review",callback="success"} by outcome, from /observe/metrics. */
    static Map<String, Double> callbackCounts(String appUrl) throws Exception {
        String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(appUrl + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counts = new HashMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^step_functions_callbacks_total\\{([^}]*)} (\\S+)$",
                java.util.regex.Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("pipeline=\"review\"") && labels.contains("callback=\"success\"")) {
                Matcher outcome = java.util.regex.Pattern.compile("outcome=\"([^\"]+)\"").matcher(labels);
                if (outcome.find()) {
                    counts.merge(outcome.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
        }
        return counts;
    }

    interface Call<T> {
        boolean run(T item) throws Exception;
    }

    /** Each item's latency in ns (in item order), then the whole run's duration as the last element. */
    static <T> List<Long> timed(int threads, List<T> items, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] latencies = new long[items.size()];
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                long begin = System.nanoTime();
                call.run(items.get(index));
                latencies[index] = System.nanoTime() - begin;
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        long total = System.nanoTime() - start;
        pool.shutdown();
        List<Long> out = new ArrayList<>();
        for (long l : latencies) {
            out.add(l);
        }
        out.add(total);
        return out;
    }

    static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

}
