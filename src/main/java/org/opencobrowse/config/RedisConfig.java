package org.opencobrowse.config;

import static org.opencobrowse.config.ConfigOption.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared store of a cluster.
 *
 * @param uris    Redis URIs ({@code redis://} or {@code rediss://}); empty for the embedded in-memory store (default)
 * @param cluster treat the URIs as Redis Cluster seeds even when there is one (false; several are always seeds)
 * @param timeout of one Redis command (2 s)
 * @param tls     trust and client certificate for {@code rediss://}; empty: the JVM's default trust store, no
 *                client certificate
 */
public record RedisConfig(List<String> uris, boolean cluster, Duration timeout, Optional<Tls> tls) {

    /**
     * TLS settings for {@code rediss://} connections, all PEM files.
     *
     * @param caFile   CA certificates the servers' chains must lead to; empty: the JVM's default trust store
     * @param certFile the node's client certificate chain, for servers that require one ({@code tls-auth-clients})
     * @param keyFile  the unencrypted PKCS#8 private key of {@code certFile}
     */
    public record Tls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    }

    /** The URIs as one comma-separated option value, as given; empty for the in-memory store. */
    public Optional<String> uri() {
        return uris.isEmpty() ? Optional.empty() : Optional.of(String.join(",", uris));
    }

    /** Plain connection settings (no TLS files) for {@code uriList}, comma-separated, as given: not checked. */
    public static RedisConfig of(String uriList, boolean cluster, Duration timeout) {
        return new RedisConfig(split(uriList), cluster, timeout, Optional.empty());
    }

    private static List<String> split(String uriList) {
        return Arrays.stream(uriList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static RedisConfig from(Map<ConfigOption, String> values) {
        Optional<String> uriOption = CobrowseConfig.optional(values, REDIS_URI);
        List<String> uris = uriOption.map(RedisConfig::split).orElse(List.of());
        uris.forEach(uri -> checkUri(uri, uriOption.get()));
        Optional<Path> ca = CobrowseConfig.readableFile(values, REDIS_TLS_CA_FILE);
        Optional<Path> cert = CobrowseConfig.readableFile(values, REDIS_TLS_CERT_FILE);
        Optional<Path> key = CobrowseConfig.readableFile(values, REDIS_TLS_KEY_FILE);
        ca.ifPresent(file -> checkCertificates(REDIS_TLS_CA_FILE, file));
        cert.ifPresent(file -> checkCertificates(REDIS_TLS_CERT_FILE, file));
        key.ifPresent(RedisConfig::checkKey);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException("redis.tlsCertFile and redis.tlsKeyFile go together: set both or neither");
        }
        Optional<Tls> tls = ca.isEmpty() && cert.isEmpty() ? Optional.empty() : Optional.of(new Tls(ca, cert, key));
        if (tls.isPresent() && (uris.isEmpty() || !uris.stream().allMatch(uri -> uri.startsWith("rediss://")))) {
            throw new ConfigException("redis.tlsCaFile, redis.tlsCertFile and redis.tlsKeyFile apply to rediss:// "
                    + "URIs: every URI of redis.uri must be rediss://");
        }
        return new RedisConfig(uris, Values.bool(REDIS_CLUSTER, values.get(REDIS_CLUSTER)),
                CobrowseConfig.positive(REDIS_TIMEOUT, values), tls);
    }

    /** Reports the whole option, masked: a password with a comma in it would split into pieces that show it. */
    private static void checkUri(String uri, String option) {
        boolean valid = uri.matches("rediss?://[^\\s]+");
        try {
            java.net.URI.create(uri); // what Lettuce parses it with: its message would print the password
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw Values.invalid(REDIS_URI, withoutPasswords(option), "redis:// or rediss:// URIs, comma-separated "
                    + "(characters such as , / ? # @ ^ { } | % in a password percent-encoded)");
        }
    }

    /**
     * The URIs with their user information (user and password) replaced by ***, for messages and --print-config:
     * everything from "://" to the last '@' before the next URI, so a password hides whatever it contains ('@', '/',
     * '?', '#', ','); hiding more than the password is harmless.
     */
    public static String withoutPasswords(String uris) {
        return uris.replaceAll("://(?:(?!rediss?://)\\S)*@", "://***@");
    }

    /** Read at start-up so that a wrong file stops the node with its name, not a TLS failure at the first connect. */
    private static void checkCertificates(ConfigOption option, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw Values.invalid(option, file.toString(), "a PEM file of X.509 certificates");
            }
        } catch (IOException | CertificateException e) {
            throw Values.invalid(option, file.toString(), "a PEM file of X.509 certificates");
        }
    }

    private static void checkKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.ISO_8859_1); // any bytes: only the marker matters
        } catch (IOException e) {
            throw Values.invalid(REDIS_TLS_KEY_FILE, file.toString(), "a readable file");
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw Values.invalid(REDIS_TLS_KEY_FILE, file.toString(), "an unencrypted PKCS#8 PEM key (BEGIN PRIVATE "
                    + "KEY; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
    }
}
