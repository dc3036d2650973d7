package org.opencobrowse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.config.ConfigLoader;
import org.opencobrowse.config.SecurityConfig;

/** A node reachable from other machines never lets anonymous agents in by accident. */
class SecureDefaultsTest {
    private static SecurityConfig load(String... flags) {
        return ConfigLoader.load(List.of(flags), Map.of()).security();
    }

    @Test
    void theDefaultIsLoopbackWithoutAgentAuthentication() {
        assertThat(ConfigLoader.load(List.of(), Map.of()).http().host()).isEqualTo("127.0.0.1");
        assertThat(load().agentAuth()).isEqualTo(SecurityConfig.AgentAuth.NONE);
    }

    @Test
    void anonymousAgentsOnAllInterfacesNeedAnExplicitConfirmation() {
        assertThatThrownBy(() -> load("--http.host=0.0.0.0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.agentAuth=jwt").hasMessageContaining("security.allowAnonymousAgents");
        assertThat(load("--http.host=0.0.0.0", "--security.allowAnonymousAgents=true").agentAuth())
                .isEqualTo(SecurityConfig.AgentAuth.NONE);
        assertThat(load("--http.host=0.0.0.0", "--security.agentAuth=jwt",
                "--security.jwtSecret=0123456789abcdef0123456789abcdef").agentAuth())
                .isEqualTo(SecurityConfig.AgentAuth.JWT);
        assertThat(load("--http.host=::1").agentAuth()).isEqualTo(SecurityConfig.AgentAuth.NONE);
    }

    @Test
    void jwtNeedsAKeyOfSufficientStrength() {
        assertThatThrownBy(() -> load("--security.agentAuth=jwt")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.jwtSecret");
        assertThatThrownBy(() -> load("--security.agentAuth=jwt", "--security.jwtSecret=short"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32 bytes")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> load("--security.agentAuth=maybe")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load("--https.port=8443")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("https.keystore");
    }
}
