package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.opencobrowse.testing.Browser;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.TestNode;

/**
 * The agent console takes the agent's JWT from the URL fragment (desktops embedding it) or from its form, and keeps it
 * out of the address bar.
 */
class AgentConsoleTokenBrowserTest {
    private static final String SECRET = "console-test-secret-of-32-bytes-or-more";

    @Test
    void theConsoleJoinsWithATokenFromTheFragmentOrTheForm() throws Exception {
        String jwt = AgentAuthenticationTest.token(new MACSigner(SECRET), JWSAlgorithm.HS256,
                AgentAuthenticationTest.claims("cobrowse", 300).build());
        try (TestNode node = TestNode.start("--security.agentAuth=jwt", "--security.jwtSecret=" + SECRET);
             SessionFixture.Joined customer = SessionFixture.customer(node);
             SessionFixture.Joined another = SessionFixture.customer(node);
             Browser agent = Browser.start()) {
            String console = node.uri("/agent.html?token=" + customer.sessionToken()).toString();

            agent.driver().get(console + "#auth=" + jwt);
            assertThat(customer.ws().await("joined").path("name").asText()).isEqualTo("Dana from Support");
            assertThat(agent.js("return location.hash")).isEqualTo("");

            // Without a token the server refuses; typed into the form, it lets the agent in.
            agent.driver().get(node.uri("/agent.html?token=" + another.sessionToken()).toString());
            agent.await(d -> d.findElement(By.id("join-error")).getText().contains("access token"));
            agent.driver().findElement(By.id("auth-input")).sendKeys(jwt);
            agent.driver().findElement(By.id("join-button")).click();
            assertThat(another.ws().await("joined").path("name").asText()).isEqualTo("Dana from Support");
        }
    }
}
