package org.opencobrowse.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Cobrowse-Signature} header value of a webhook body: {@code sha256=} then the lowercase hex
 * HMAC-SHA256 of the body's UTF-8 bytes under {@code webhook.secret}. Receivers compute the same and compare in
 * constant time.
 */
public final class WebhookSignature {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to create
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
