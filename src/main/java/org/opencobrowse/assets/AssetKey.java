package org.opencobrowse.assets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Tokens;

/**
 * The key that proxy URLs of a session carry ({@code k=}): the first 22 characters (132 bits) of the Base64url SHA-256
 * of {@code "gcb-assets:" + the customer's userToken}. The customer script computes it from its own userToken; agents
 * read it in the mirrored page's URLs; the userToken itself cannot be recovered from it. Any node can check it from the
 * session record, so it works across a cluster and lasts as long as the customer's seat.
 */
public final class AssetKey {
    static final int LENGTH = 22;

    private AssetKey() {
    }

    public static String of(String customerUserToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("gcb-assets:" + customerUserToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code key} is the asset key of {@code session}'s customer (compared in constant time). */
    static boolean matches(CobrowseSession session, String key) {
        Optional<String> customer = session.customer().map(Participant::userToken);
        return key != null && customer.isPresent() && Tokens.same(of(customer.get()), key);
    }

    /** Whether {@code userToken} is the customer's seat of {@code session}. */
    static boolean isCustomer(CobrowseSession session, String userToken) {
        return session.customer().map(Participant::userToken).filter(t -> Tokens.same(t, userToken)).isPresent();
    }
}
