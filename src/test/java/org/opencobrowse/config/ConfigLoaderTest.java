package org.opencobrowse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencobrowse.testing.TlsFiles;

/** Sources, precedence and validation of the configuration. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDocumentedValues() {
        CobrowseConfig config = ConfigLoader.load(List.of(), Map.of());
        assertThat(config.http().port()).isEqualTo(8700);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().contextPath()).isEqualTo("/cobrowse");
        assertThat(config.node().name()).isEqualTo("Co-browse_Server");
        assertThat(config.cluster().serverUrl()).isEmpty();
        assertThat(config.cluster().url()).isEmpty();
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.session().historyRetention()).isEqualTo(Duration.ofDays(14));
        assertThat(config.redis().uri()).isEmpty();
        assertThat(config.realtime().maxDomFrameBytes()).isEqualTo(8L << 20);
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheOneBefore() throws Exception {
        Path file = dir.resolve("cobrowse.ini");
        Files.writeString(file, """
                # Genesys-style sections
                [node]
                name = FromFile
                [session]
                idleTimeout = 5m
                inactivityTimeout = 7m
                http.port = 9100
                [cross-origin]
                allowedOrigins = https://a.example.com, https://*.b.example.com
                """);
        Map<String, String> env = Map.of("COBROWSE_SESSION_INACTIVITYTIMEOUT", "8m", "COBROWSE_HTTP_PORT", "9200",
                "PATH", "/usr/bin");
        CobrowseConfig config = ConfigLoader.load(List.of("--config=" + file, "--http.port=9300"), env);

        assertThat(config.node().name()).isEqualTo("FromFile");
        assertThat(config.session().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.session().inactivityTimeout()).isEqualTo(Duration.ofMinutes(8));
        assertThat(config.http().port()).isEqualTo(9300);
        assertThat(config.allowedOrigins()).containsExactly("https://a.example.com", "https://*.b.example.com");
    }

    @Test
    void environmentNamesFollowSectionAndOption() {
        CobrowseConfig config = ConfigLoader.load(List.of(), Map.of(
                "COBROWSE_CROSS_ORIGIN_ALLOWEDORIGINS", "*",
                "COBROWSE_CLUSTER_SERVERURL", "https://node-a.example.com/cobrowse/"));
        assertThat(config.allowedOrigins()).containsExactly("*");
        assertThat(config.cluster().serverUrl()).hasValue("https://node-a.example.com/cobrowse");
    }

    @Test
    void unknownOptionsStopStartUpInEverySource() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--http.prot=1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown option 'http.prot'");
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("COBROWSE_HTTP_PROT", "1")))
                .hasMessageContaining("COBROWSE_HTTP_PROT");
        Path file = dir.resolve("bad.ini");
        Files.writeString(file, "[http]\nprot = 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config=" + file), Map.of()))
                .hasMessageContaining("http.prot").hasMessageContaining("bad.ini:2");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("positional"), Map.of()))
                .hasMessageContaining("Unrecognised argument");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config=" + dir.resolve("missing.ini")), Map.of()))
                .hasMessageContaining("Cannot read config file");
    }

    @Test
    void invalidValuesNameTheOptionAndTheExpectedForm() {
        assertInvalid("--http.port=70000", "http.port");
        assertInvalid("--http.port=eighty", "http.port");
        assertInvalid("--session.idleTimeout=10", "a duration with a unit");
        assertInvalid("--session.idleTimeout=0s", "above zero");
        assertInvalid("--http.contextPath=cobrowse/", "http.contextPath");
        assertInvalid("--node.name=has space", "node.name");
        assertInvalid("--cluster.serverUrl=ftp://x", "cluster.serverUrl");
        assertInvalid("--cross-origin.allowedOrigins=shop.example.com", "cross-origin.allowedOrigins");
        assertInvalid("--realtime.maxDomFrameSize=8 elephants", "realtime.maxDomFrameSize");
        assertInvalid("--redis.uri=http://x", "redis.uri");
        assertInvalid("--dom-restrictions.file=/no/such/file.json", "dom-restrictions.file");
        assertInvalid("--realtime.pingInterval=2m", "pingInterval");
        assertInvalid("--limits.lockout=99999999999999999999d", "a duration with a unit");
        assertInvalid("--limits.lockout=100000000000d", "at most 36500d");
        assertInvalid("--session.maxBufferSize=17179869185GiB", "between 1 B and 2 GiB"); // wrapped to 1 GiB before
        assertInvalid("--assets.maxSize=99999999999999999999", "a size such as");
    }

    @Test
    void redisTlsFilesAreReadAtStartUpAndOnlyWithRediss() throws Exception {
        TlsFiles tls = TlsFiles.create();
        String ca = "--redis.tlsCaFile=" + tls.caCert();
        String cert = "--redis.tlsCertFile=" + tls.clientCert();
        String key = "--redis.tlsKeyFile=" + tls.clientKey();
        RedisConfig redis = ConfigLoader.load(List.of("--redis.uri=rediss://r1:6380,rediss://r2:6380", ca, cert, key),
                Map.of()).redis();
        assertThat(redis.uris()).containsExactly("rediss://r1:6380", "rediss://r2:6380");
        assertThat(redis.tls()).contains(new RedisConfig.Tls(Optional.of(tls.caCert()),
                Optional.of(tls.clientCert()), Optional.of(tls.clientKey())));

        assertInvalid(List.of("--redis.uri=rediss://r:6380", cert), "set both or neither");
        assertInvalid(List.of("--redis.uri=redis://r:6379", ca), "every URI of redis.uri must be rediss://");
        assertInvalid(List.of("--redis.uri=rediss://r1:6380,redis://r2:6379", ca), "must be rediss://");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--redis.uri=rediss://:p^ss{w}rd@r:6380"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rediss://***@r:6380")
                .hasMessageNotContaining("ss{w}rd");
        assertThat(ConfigLoader.describe(ConfigLoader.load(List.of("--redis.uri=rediss://user:p@ss@r:6380/0"),
                Map.of()))).contains("redis.uri = rediss://***@r:6380/0\n").doesNotContain("p@ss");
        for (String password : new String[] {"abc+def/ghi==", "se?cret", "se#cret", "s,ecret"}) {
            String uri = "rediss://u:" + password + "@r:6380,rediss://r2:6380";
            String shown;
            try {
                shown = ConfigLoader.describe(ConfigLoader.load(List.of("--redis.uri=" + uri), Map.of()));
            } catch (ConfigException refused) {
                shown = refused.getMessage();
            }
            assertThat(shown).as(password).contains("rediss://***@r:6380").doesNotContain(password)
                    .doesNotContain(password.substring(2));
        }
        assertThatThrownBy(() -> ConfigLoader.load(List.of("-redis.uri=redis://:pw-in-a-typo@h"), Map.of()))
                .hasMessageContaining("-redis.uri=...").hasMessageNotContaining("pw-in-a-typo");
        assertInvalid(List.of("--redis.uri=rediss://r:6380", "--redis.tlsCaFile=" + tls.clientKey()),
                "redis.tlsCaFile");
        assertInvalid(List.of("--redis.uri=rediss://r:6380", "--redis.tlsCaFile=" + dir.resolve("missing.pem")),
                "a readable file");
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        assertInvalid(List.of("--redis.uri=rediss://r:6380", cert, "--redis.tlsKeyFile=" + pkcs1), "PKCS#8");
    }

    @Test
    void unitsAreUnderstood() {
        CobrowseConfig config = ConfigLoader.load(List.of("--session.maxDuration=90s", "--session.reconnectGrace=1500ms",
                "--session.historyRetention=2h", "--realtime.maxControlFrameSize=32KiB"), Map.of());
        assertThat(config.session().maxDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.session().reconnectGrace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.session().historyRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(config.realtime().maxControlFrameBytes()).isEqualTo(32 * 1024);
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndPrintConfigShowsEffectiveValues() {
        String help = ConfigLoader.help();
        for (ConfigOption option : ConfigOption.values()) {
            assertThat(help).contains("--" + option.key() + "=").contains(option.environmentName());
        }
        assertThat(help).contains("--http.port=8700").contains("--cluster.serverUrl=(unset)");
        String printed = ConfigLoader.describe(ConfigLoader.load(List.of("--node.name=N1"), Map.of()));
        assertThat(printed).contains("node.name = N1\n").contains("http.port = 8700\n").contains("redis.uri = (unset)\n");
    }

    private static void assertInvalid(String flag, String expectedInMessage) {
        assertInvalid(List.of(flag), expectedInMessage);
    }

    private static void assertInvalid(List<String> flags, String expectedInMessage) {
        assertThatThrownBy(() -> ConfigLoader.load(flags, Map.of()))
                .as(String.join(" ", flags)).isInstanceOf(ConfigException.class).hasMessageContaining(expectedInMessage);
    }
}
