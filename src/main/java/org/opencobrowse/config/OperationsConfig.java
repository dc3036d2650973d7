package org.opencobrowse.config;

import static org.opencobrowse.config.ConfigOption.*;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What operators tune: access to {@code /metrics}, the audit webhook, the log format and the shutdown drain.
 *
 * @param metricsToken    the bearer token {@code /metrics} requires (unset: open)
 * @param webhook         where audit events are posted, if anywhere
 * @param logFormat       text (default) or json
 * @param shutdownTimeout how long a stopping node waits for its clients to leave (10 s)
 */
public record OperationsConfig(Optional<String> metricsToken, Webhook webhook, LogFormat logFormat,
                               Duration shutdownTimeout) {

    /** text: human-readable lines; json: one JSON object a line, MDC and key-value pairs as fields. */
    public enum LogFormat { TEXT, JSON }

    /**
     * The audit webhook.
     *
     * @param url           where events are POSTed (unset: no webhook)
     * @param secret        HMAC-SHA256 key of the {@code X-Cobrowse-Signature} header (required with a url)
     * @param queueSize     events waiting at most (10000); the oldest is dropped when full
     * @param timeout       of one delivery attempt (5 s)
     * @param retryDelay    after a first failure (1 s), doubled after each further failure
     * @param maxRetryDelay the longest wait between attempts (1 min)
     */
    public record Webhook(Optional<URI> url, String secret, int queueSize, Duration timeout, Duration retryDelay,
                          Duration maxRetryDelay) {
        public boolean enabled() {
            return url.isPresent();
        }
    }

    static OperationsConfig from(Map<ConfigOption, String> values) {
        Optional<String> token = CobrowseConfig.optional(values, METRICS_TOKEN);
        token.ifPresent(t -> {
            if (!t.matches("[A-Za-z0-9._~+/-]{16,}=*")) {
                throw Values.invalid(METRICS_TOKEN, t, "at least 16 token characters (letters, digits, -._~+/)");
            }
        });
        Optional<URI> url = CobrowseConfig.optional(values, WEBHOOK_URL)
                .map(v -> URI.create(Values.httpUrl(WEBHOOK_URL, v)));
        String secret = CobrowseConfig.optional(values, WEBHOOK_SECRET).orElse("");
        if (url.isPresent() && secret.length() < 16) {
            throw new ConfigException("webhook.url needs webhook.secret (at least 16 characters) to sign the events");
        }
        Webhook webhook = new Webhook(url, secret,
                Values.integer(WEBHOOK_QUEUE_SIZE, values.get(WEBHOOK_QUEUE_SIZE), 1, 10_000_000),
                CobrowseConfig.positive(WEBHOOK_TIMEOUT, values), CobrowseConfig.positive(WEBHOOK_RETRY_DELAY, values),
                CobrowseConfig.positive(WEBHOOK_MAX_RETRY_DELAY, values));
        if (webhook.retryDelay().compareTo(webhook.maxRetryDelay()) > 0) {
            throw new ConfigException("webhook.retryDelay must not exceed webhook.maxRetryDelay");
        }
        LogFormat format = switch (values.get(LOG_FORMAT).trim().toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw Values.invalid(LOG_FORMAT, values.get(LOG_FORMAT), "text or json");
        };
        return new OperationsConfig(token, webhook, format, CobrowseConfig.positive(SHUTDOWN_TIMEOUT, values));
    }
}
