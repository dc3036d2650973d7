package org.opencobrowse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencobrowse.config.OperationsConfig.LogFormat;

/** The operations options: defaults, validation, and secrets that are never shown. */
class OperationsConfigTest {
    private static final String SECRET = "a-webhook-secret-of-some-length";

    private static CobrowseConfig load(String... flags) {
        return ConfigLoader.load(List.of(flags), Map.of());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        OperationsConfig ops = load().operations();
        assertThat(ops.metricsToken()).isEmpty();
        assertThat(ops.webhook().enabled()).isFalse();
        assertThat(ops.webhook().queueSize()).isEqualTo(10_000);
        assertThat(ops.webhook().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ops.webhook().retryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ops.webhook().maxRetryDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ops.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(ops.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWebhookNeedsASecretToSignWith() {
        assertThatThrownBy(() -> load("--webhook.url=https://hooks.example.com/cobrowse"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("webhook.secret");
        OperationsConfig ops = load("--webhook.url=https://hooks.example.com/cobrowse", "--webhook.secret=" + SECRET)
                .operations();
        assertThat(ops.webhook().url()).contains(URI.create("https://hooks.example.com/cobrowse"));
        assertThatThrownBy(() -> load("--webhook.url=ftp://hooks.example.com", "--webhook.secret=" + SECRET))
                .hasMessageContaining("webhook.url");
        assertThatThrownBy(() -> load("--webhook.retryDelay=2m")).hasMessageContaining("webhook.maxRetryDelay");
    }

    @Test
    void secretsAreNeitherPrintedNorEchoedInErrors() {
        String printed = ConfigLoader.describe(load("--metrics.token=metrics-token-0123456789",
                "--webhook.url=https://hooks.example.com/x", "--webhook.secret=" + SECRET));
        assertThat(printed).contains("metrics.token = (set, hidden)").contains("webhook.secret = (set, hidden)")
                .doesNotContain("metrics-token-0123456789").doesNotContain(SECRET);
        assertThatThrownBy(() -> load("--metrics.token=short secret")).hasMessageContaining("metrics.token")
                .hasMessageNotContaining("short secret");
    }

    @Test
    void logFormatIsTextOrJson() {
        assertThat(load("--log.format=json").operations().logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(load("--log.format=TEXT").operations().logFormat()).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> load("--log.format=xml")).hasMessageContaining("log.format");
    }
}
