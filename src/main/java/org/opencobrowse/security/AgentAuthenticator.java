package org.opencobrowse.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.config.SecurityConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;

/**
 * Checks the credential of agents and controllers. With {@code security.agentAuth=none} anyone may join under the name
 * they give. With {@code jwt} they present a JWT signed by the contact-center application: HS256 with
 * {@code security.jwtSecret}, RS256/ES256 with the keys of {@code security.jwtPublicKey} or {@code security.jwksFile};
 * signature, {@code exp} (required), {@code nbf}, audience and (when configured) issuer are checked, with
 * {@code security.jwtClockSkew} tolerance. Only algorithms whose keys are configured are accepted, so an RSA public
 * key can never be used as an HMAC secret.
 */
public final class AgentAuthenticator {
    /** Longest JWT accepted, in characters. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private final DefaultJWTProcessor<SecurityContext> processor;

    private AgentAuthenticator(DefaultJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
    }

    /** Builds the authenticator the configuration asks for; unreadable keys stop start-up. */
    public static AgentAuthenticator of(SecurityConfig config) {
        if (config.agentAuth() == SecurityConfig.AgentAuth.NONE) {
            return new AgentAuthenticator(null);
        }
        SecurityConfig.Jwt jwt = config.jwt();
        List<JWK> keys = new ArrayList<>();
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        jwt.hmacSecret().ifPresent(secret -> {
            keys.add(new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).build());
            algorithms.add(JWSAlgorithm.HS256);
        });
        try {
            if (jwt.publicKeyPem().isPresent()) {
                keys.add(PemPublicKeys.parse(Files.readString(jwt.publicKeyPem().get())));
            }
            if (jwt.jwksFile().isPresent()) {
                keys.addAll(JWKSet.load(jwt.jwksFile().get().toFile()).getKeys());
            }
        } catch (Exception e) {
            throw new ConfigException("Cannot read the agent JWT keys: " + e.getMessage());
        }
        for (JWK key : keys) {
            if (key.getKeyType() == com.nimbusds.jose.jwk.KeyType.RSA) {
                algorithms.add(JWSAlgorithm.RS256);
            } else if (key.getKeyType() == com.nimbusds.jose.jwk.KeyType.EC) {
                algorithms.add(JWSAlgorithm.ES256);
            }
        }
        if (algorithms.isEmpty()) {
            throw new ConfigException("The agent JWT key files hold no RSA or EC public key");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(new JWKSet(keys))));
        JWTClaimsSet exact = jwt.issuer().map(iss -> new JWTClaimsSet.Builder().issuer(iss).build())
                .orElse(new JWTClaimsSet.Builder().build());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(jwt.audience(), exact,
                Set.of("exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, jwt.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
        return new AgentAuthenticator(processor);
    }

    /** Whether agents must present a credential. */
    public boolean required() {
        return processor != null;
    }

    /**
     * The name of an agent joining with {@code credential} (a JWT; ignored when none is required) who asked to be
     * called {@code requestedName}: the JWT's {@code name}, else its {@code sub}; without authentication the requested
     * name.
     *
     * @throws CobrowseException {@code unauthorized} when a required credential is missing or not valid
     */
    public String authenticate(String credential, String requestedName) {
        if (processor == null) {
            return requestedName;
        }
        if (credential == null || credential.isBlank()) {
            throw new CobrowseException(ErrorCode.UNAUTHORIZED, "Agents need a token (JWT) from the contact center");
        }
        if (credential.length() > MAX_TOKEN_LENGTH) {
            throw new CobrowseException(ErrorCode.UNAUTHORIZED, "The agent token is too long");
        }
        try {
            JWTClaimsSet claims = processor.process(credential.trim(), null);
            return claims.getClaim("name") instanceof String n && !n.isBlank() ? n : claims.getSubject();
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            // The reason (expired, bad signature, wrong audience...) helps the integrator; it reveals no secret.
            throw new CobrowseException(ErrorCode.UNAUTHORIZED, "The agent token is not valid: " + e.getMessage());
        }
    }
}
