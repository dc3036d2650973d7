package org.opencobrowse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionHistory;

/** What every {@link HistoryStore} must do, run against the in-memory and the Redis implementation. */
class HistoryStoreContractTest extends StoreContract {

    private static SessionHistory record(String token, String id) {
        return SessionHistory.of(CobrowseSession.created(token, "s", "Node_A", Optional.empty(), id, 5000));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void savesFindsByIdAndTokenAndUpdates(StoreKind kind) {
        HistoryStore store = kind.historyStore(Duration.ofDays(14));
        store.save(record("123456789", "h1"));

        assertThat(store.find("h1")).hasValue(record("123456789", "h1"));
        assertThat(store.findByToken("123456789").map(SessionHistory::id)).hasValue("h1");
        assertThat(store.find("nope")).isEmpty();

        SessionHistory updated = store.update("h1", h -> h.withPage("https://a/1", 6000).withPage("https://a/2", 7000)
                .withUser("hash", Role.CONTROLLER)).orElseThrow();
        assertThat(store.find("h1")).hasValue(updated);
        assertThat(updated.pages()).hasSize(2);
        assertThat(updated.pages().get(0).duration()).isEqualTo(1000);
        assertThat(updated.userTokenHashes()).isEqualTo(Map.of("hash", Role.CONTROLLER));
        assertThat(store.update("nope", h -> h)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void recordsAreGoneAfterTheRetention(StoreKind kind) throws Exception {
        HistoryStore store = kind.historyStore(Duration.ofMillis(300));
        store.save(record("123456789", "h1"));
        assertThat(store.find("h1")).isPresent();
        Thread.sleep(600);
        store.purgeExpired();
        assertThat(store.find("h1")).isEmpty();
        assertThat(store.findByToken("123456789")).isEmpty();
    }
}
