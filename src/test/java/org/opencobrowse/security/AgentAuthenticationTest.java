package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** Agents present a JWT when security.agentAuth=jwt: signature, exp, nbf, audience and issuer are checked. */
class AgentAuthenticationTest {
    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
    private TestNode node;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    static String token(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static JWTClaimsSet.Builder claims(String audience, long expiresInSeconds) {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().subject("agent-7").claim("name", "Dana from Support").audience(audience)
                .issueTime(new Date(now)).expirationTime(new Date(now + expiresInSeconds * 1000));
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        return token(new MACSigner(SECRET), JWSAlgorithm.HS256, claims);
    }

    private JsonNode joinAsAgent(String sessionToken, String auth) {
        WsClient ws = WsClient.connect(node.wsUri());
        return auth == null
                ? ws.request("join", "sessionToken", sessionToken, "role", 2, "name", "Mallory")
                : ws.request("join", "sessionToken", sessionToken, "role", 2, "name", "Mallory", "auth", auth);
    }

    @Test
    void agentsNeedAValidTokenAndItsNameIsTheirName() throws Exception {
        node = TestNode.start("--security.agentAuth=jwt", "--security.jwtSecret=" + SECRET,
                "--security.jwtIssuer=https://cc.example.com", "--limits.failedLookups=100");
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            String session = customer.sessionToken();
            JWTClaimsSet good = claims("cobrowse", 300).issuer("https://cc.example.com").build();

            assertThat(joinAsAgent(session, null).path("error").asText()).isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, "not-a-jwt").path("error").asText()).isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, hs256(claims("cobrowse", -120).issuer("https://cc.example.com").build()))
                    .path("error").asText()).as("expired").isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, hs256(claims("other-app", 300).issuer("https://cc.example.com").build()))
                    .path("error").asText()).as("wrong audience").isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, hs256(claims("cobrowse", 300).issuer("https://evil.example.com").build()))
                    .path("error").asText()).as("wrong issuer").isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, hs256(claims("cobrowse", 300).issuer("https://cc.example.com")
                    .notBeforeTime(new Date(System.currentTimeMillis() + 600_000)).build()))
                    .path("error").asText()).as("not yet valid").isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, token(new MACSigner("another-secret-of-at-least-32-bytes!!"),
                    JWSAlgorithm.HS256, good)).path("error").asText()).as("bad signature").isEqualTo("unauthorized");
            assertThat(joinAsAgent(session, new PlainJWT(good).serialize()).path("error").asText())
                    .as("alg none").isEqualTo("unauthorized");

            JsonNode ok = joinAsAgent(session, hs256(good));
            assertThat(ok.path("type").asText()).as(ok.toString()).isEqualTo("join.ok");
            JsonNode joined = customer.ws().await("joined");
            assertThat(joined.path("name").asText()).isEqualTo("Dana from Support");
        }
    }

    @Test
    void restLookupsNeedTheBearerTokenToo() throws Exception {
        node = TestNode.start("--security.agentAuth=jwt", "--security.jwtSecret=" + SECRET);
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            String path = "/rest/live/sessions/" + customer.sessionToken();
            String origin = "http://localhost:" + node.port();
            assertThat(node.get(path, "Origin", origin).statusCode()).isEqualTo(401);
            assertThat(node.get(path, "Origin", origin).body()).contains("\"error\":\"unauthorized\"");
            String bearer = "Bearer " + hs256(claims("cobrowse", 300).build());
            assertThat(node.get(path, "Origin", origin, "Authorization", bearer).statusCode()).isEqualTo(200);
            // The customer side needs no agent credential.
            assertThat(node.post("/rest/live/sessions").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rs256FromAPemKeyAndEs256FromAJwksFile() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Path pem = dir.resolve("agent-jwt.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(ec.toPublicJWK()).toString());
        node = TestNode.start("--security.agentAuth=jwt", "--security.jwtPublicKey=" + pem,
                "--security.jwksFile=" + jwks);
        try (SessionFixture.Joined customer = SessionFixture.customer(node)) {
            JWTClaimsSet good = claims("cobrowse", 300).build();
            assertThat(joinAsAgent(customer.sessionToken(), token(new RSASSASigner(rsa), JWSAlgorithm.RS256, good))
                    .path("type").asText()).isEqualTo("join.ok");
            assertThat(joinAsAgent(customer.sessionToken(), token(new ECDSASigner(ec), JWSAlgorithm.ES256, good))
                    .path("type").asText()).isEqualTo("join.ok");
            // An RSA key pair of someone else, and HS256 (no shared secret is configured) are refused.
            RSAKey stranger = new RSAKeyGenerator(2048).generate();
            assertThat(joinAsAgent(customer.sessionToken(), token(new RSASSASigner(stranger), JWSAlgorithm.RS256,
                    good)).path("error").asText()).isEqualTo("unauthorized");
            assertThat(joinAsAgent(customer.sessionToken(), hs256(good)).path("error").asText())
                    .isEqualTo("unauthorized");
        }
    }
}
