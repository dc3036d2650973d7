package org.opencobrowse.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Random identifiers, all from {@link SecureRandom}. Session tokens are 9 decimal digits (10^9 values, as Genesys'
 * codes); userTokens and customer secrets carry 256 and 192 random bits.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SESSION_TOKEN = Pattern.compile("\\d{9}");

    private Tokens() {
    }

    public static String sessionToken() {
        return String.format("%09d", RANDOM.nextInt(1_000_000_000));
    }

    /**
     * A participant's secret: the session token, a dot, then 256 random bits. Carrying the session token lets any
     * node (and any store) find the session from the userToken alone, without a separate index.
     */
    public static String userToken(String sessionToken) {
        return sessionToken + "." + random(32);
    }

    /** The session token a userToken belongs to, when it has the form {@link #userToken(String)} makes. */
    public static java.util.Optional<String> sessionTokenOf(String userToken) {
        if (userToken == null) {
            return java.util.Optional.empty();
        }
        int dot = userToken.indexOf('.');
        String prefix = dot > 0 ? userToken.substring(0, dot) : "";
        return prefix.matches("\\d{9}") ? java.util.Optional.of(prefix) : java.util.Optional.empty();
    }

    /**
     * A session token shortened for logs, {@code 845***826}: enough to tell sessions apart when reading, not enough to
     * join one. Anything that is not a session token is hidden entirely.
     */
    public static String redacted(String sessionToken) {
        return sessionToken != null && SESSION_TOKEN.matcher(sessionToken).matches()
                ? sessionToken.substring(0, 3) + "***" + sessionToken.substring(6) : "***";
    }

    public static String customerSecret() {
        return random(24);
    }

    public static String historyId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** SHA-256 of a secret, hex: what history keeps instead of the secret itself. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares secrets in constant time, so that timing does not reveal how much of a guess was right. */
    public static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
