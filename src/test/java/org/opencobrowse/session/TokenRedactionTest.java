package org.opencobrowse.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencobrowse.cluster.RedisKeys;

/** What logs show of a session token: enough to tell sessions apart, not enough to join one. */
class TokenRedactionTest {

    @Test
    void aSessionTokenKeepsItsFirstAndLastThreeDigits() {
        assertThat(Tokens.redacted("845800826")).isEqualTo("845***826");
    }

    @Test
    void anythingElseIsHiddenEntirely() {
        String userToken = Tokens.userToken("845800826");
        assertThat(Tokens.redacted(userToken)).isEqualTo("***");
        assertThat(Tokens.redacted(null)).isEqualTo("***");
        assertThat(Tokens.redacted("")).isEqualTo("***");
    }

    @Test
    void theTokenOfARedisChannelCanBeShortenedForLogs() {
        assertThat(Tokens.redacted(RedisKeys.tokenOf(RedisKeys.channel("845800826")))).isEqualTo("845***826");
        assertThat(RedisKeys.tokenOf("cobrowse:live-sessions")).isEmpty();
    }
}
