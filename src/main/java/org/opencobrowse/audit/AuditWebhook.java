package org.opencobrowse.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.opencobrowse.config.OperationsConfig;
import org.opencobrowse.realtime.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts audit events to {@code webhook.url}, one JSON object per request, signed with HMAC-SHA256 in
 * {@code X-Cobrowse-Signature: sha256=<hex>}. Events wait in a queue of {@code webhook.queueSize} (the oldest is
 * dropped when it is full) and go out in order from one thread of their own: a failed delivery (network error, 408,
 * 429 or 5xx) is retried after {@code webhook.retryDelay}, doubling up to {@code webhook.maxRetryDelay}, before any
 * later event; another 4xx drops the event. {@link #accept} never blocks the caller.
 */
public final class AuditWebhook implements Consumer<AuditEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWebhook.class);
    public static final String SIGNATURE_HEADER = "X-Cobrowse-Signature";

    /** An event waiting for delivery; compared by identity, so a retried event is known even if its text repeats. */
    private static final class Pending {
        final String body;

        Pending(String body) {
            this.body = body;
        }
    }

    private final OperationsConfig.Webhook config;
    private final URI url;
    private final WebhookSignature signature;
    private final HttpClient http;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Thread sender;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter droppedQueueFull;
    private final Counter droppedRefused;
    private final Counter droppedShutdown;
    private boolean stopping;
    /** Why the last delivery failed, for the log. Only the sender thread touches it. */
    private String lastFailure;

    public AuditWebhook(OperationsConfig.Webhook config, MeterRegistry metrics) {
        this.config = config;
        this.url = config.url().orElseThrow();
        this.signature = new WebhookSignature(config.secret());
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        delivered = Counter.builder("cobrowse.webhook.delivered").description("Audit events the webhook accepted")
                .register(metrics);
        failedAttempts = Counter.builder("cobrowse.webhook.failed.attempts")
                .description("Webhook deliveries that failed and will be retried").register(metrics);
        droppedQueueFull = dropped(metrics, "queue_full");
        droppedRefused = dropped(metrics, "refused");
        droppedShutdown = dropped(metrics, "shutdown");
        Gauge.builder("cobrowse.webhook.queue", this, AuditWebhook::queued).strongReference(true)
                .description("Audit events waiting for the webhook").register(metrics);
        sender = new Thread(this::run, "cobrowse-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    private static Counter dropped(MeterRegistry metrics, String reason) {
        return Counter.builder("cobrowse.webhook.dropped").tag("reason", reason)
                .description("Audit events never delivered: queue full (oldest dropped), refused (4xx) or shutdown")
                .register(metrics);
    }

    @Override
    public void accept(AuditEvent event) {
        Pending pending = new Pending(Json.write(event.toJson()));
        synchronized (queue) {
            if (stopping) {
                droppedShutdown.increment();
                return;
            }
            if (queue.size() >= config.queueSize()) {
                queue.pollFirst();
                droppedQueueFull.increment();
            }
            queue.addLast(pending);
            queue.notifyAll();
        }
    }

    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void run() {
        int failures = 0;
        while (true) {
            Pending next;
            synchronized (queue) {
                while (queue.isEmpty() && !stopping) {
                    waitOn(0);
                }
                if (queue.isEmpty()) {
                    return;
                }
                next = queue.peekFirst();
            }
            Outcome outcome = post(next.body);
            synchronized (queue) {
                if (outcome != Outcome.RETRY) {
                    if (queue.peekFirst() == next) {
                        queue.pollFirst(); // unless the full queue dropped it meanwhile
                    }
                    (outcome == Outcome.DELIVERED ? delivered : droppedRefused).increment();
                    if (failures > 0) {
                        LOG.info("Webhook delivery works again after {} failed attempts", failures);
                    }
                    failures = 0;
                    continue;
                }
                failedAttempts.increment();
                failures++;
                if (failures == 1) {
                    LOG.warn("Webhook {} delivery failed ({}); retrying with backoff, {} events queued", safeUrl(),
                            lastFailure, queue.size());
                } else {
                    LOG.debug("Webhook delivery attempt {} failed ({})", failures, lastFailure);
                }
                if (stopping) {
                    return;
                }
                waitOn(retryDelay(failures).toMillis());
            }
        }
    }

    private enum Outcome { DELIVERED, REFUSED, RETRY }

    private Outcome post(String body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.DELIVERED;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                LOG.warn("Webhook {} refused an audit event with HTTP {}: dropped", safeUrl(), status);
                return Outcome.REFUSED;
            }
            lastFailure = "HTTP " + status;
        } catch (java.io.IOException e) {
            lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            lastFailure = "interrupted";
            Thread.currentThread().interrupt();
        }
        return Outcome.RETRY;
    }

    /** retryDelay × 2^(failures − 1), at most maxRetryDelay. */
    Duration retryDelay(int failures) {
        Duration delay = config.retryDelay().multipliedBy(1L << Math.min(failures - 1, 30));
        return delay.compareTo(config.maxRetryDelay()) > 0 || delay.isNegative() ? config.maxRetryDelay() : delay;
    }

    /** The URL without path or query, which may carry credentials. */
    private String safeUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private void waitOn(long millis) {
        try {
            queue.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /**
     * Delivers what is queued until {@code grace} has passed, then stops; events still queued are dropped (counted
     * and logged).
     */
    public void close(Duration grace) {
        synchronized (queue) {
            stopping = true;
            queue.notifyAll();
        }
        try {
            sender.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        int left;
        synchronized (queue) {
            left = queue.size();
            queue.clear();
        }
        if (left > 0) {
            droppedShutdown.increment(left);
            LOG.warn("Node stopping: {} audit events were not delivered to the webhook", left);
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
