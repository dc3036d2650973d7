package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencobrowse.testing.SessionFixture;
import org.opencobrowse.testing.TestNode;
import org.opencobrowse.testing.WsClient;

/** Customer sockets come from the sites' origins, agent sockets from the node's own origin or security.agentOrigins. */
class AgentOriginTest {
    private static final String SHOP = "https://shop.example.com";
    private static final String DESKTOP = "https://desktop.example.com";

    @Test
    void aSitePageCannotJoinAsAgentButTheDesktopCan() {
        try (TestNode node = TestNode.start("--cross-origin.allowedOrigins=" + SHOP,
                "--security.agentOrigins=" + DESKTOP);
             SessionFixture.Joined customer = SessionFixture.customer(node)) {
            String own = "http://localhost:" + node.port();
            try (WsClient fromShop = WsClient.connect(node.wsUri(), SHOP)) {
                assertThat(fromShop.request("join", "sessionToken", customer.sessionToken(), "role", 2)
                        .path("error").asText()).isEqualTo("origin_not_allowed");
                assertThat(fromShop.request("create").path("type").asText()).isEqualTo("create.ok");
            }
            for (String allowed : new String[] {DESKTOP, own}) {
                try (WsClient agent = WsClient.connect(node.wsUri(), allowed)) {
                    assertThat(agent.request("join", "sessionToken", customer.sessionToken(), "role", 2)
                            .path("type").asText()).isEqualTo("join.ok");
                }
            }
            try (WsClient desktop = WsClient.connect(node.wsUri(), DESKTOP)) {
                String token = desktop.request("create").path("sessionToken").asText();
                assertThat(desktop.request("join", "sessionToken", token, "role", 1, "secret", "x")
                        .path("error").asText()).as("the desktop is no customer site").isEqualTo("origin_not_allowed");
            }
            assertThatThrownBy(() -> WsClient.connect(node.wsUri(), "https://evil.example.net"))
                    .hasMessageContaining("403");
        }
    }
}
