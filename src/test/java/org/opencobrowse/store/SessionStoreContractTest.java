package org.opencobrowse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;

/** What every {@link SessionStore} must do, run against the in-memory and the Redis implementation. */
class SessionStoreContractTest extends StoreContract {

    private static CobrowseSession session(String token) {
        return CobrowseSession.created(token, "secret", "Node_A", Optional.of("https://a.example.com/cobrowse"),
                "h-" + token, 1000);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void storesAndFindsASessionWithEveryField(StoreKind kind) {
        SessionStore store = kind.sessionStore();
        CobrowseSession session = session("123456789")
                .withParticipant(new Participant("u1", "123456789.tok", Role.CUSTOMER, "Carla", 1001), 1001)
                .withParticipant(new Participant("u2", "123456789.tok2", Role.CONTROLLER, "Ann", 1002), 1002)
                .withControlHolder(Optional.of("u2"));

        assertThat(store.insert(session)).isTrue();
        assertThat(store.find("123456789")).hasValue(session);
        assertThat(store.find("000000000")).isEmpty();
        assertThat(store.insert(session("123456789"))).as("token taken").isFalse();
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.all()).containsExactly(session);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void concurrentUpdatesAreNeverLost(StoreKind kind) throws Exception {
        SessionStore store = kind.sessionStore();
        store.insert(session("111111111"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int thread = i;
            futures.add(pool.submit(() -> {
                for (int j = 0; j < 25; j++) {
                    String id = "t" + thread + "-" + j;
                    store.update("111111111", s -> s.withParticipant(
                            new Participant(id, "111111111." + id, Role.AGENT, id, 1), 2));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        CobrowseSession result = store.find("111111111").orElseThrow();
        assertThat(result.participants()).hasSize(150);
        assertThat(result.nextUserNumber()).isEqualTo(151);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void updateAndRemoveOfAMissingSessionDoNothing(StoreKind kind) {
        SessionStore store = kind.sessionStore();
        assertThat(store.update("999999999", s -> s)).isEmpty();
        store.insert(session("222222222"));
        store.insert(session("333333333"));
        store.remove("222222222");
        assertThat(store.find("222222222")).isEmpty();
        assertThat(store.all()).extracting(CobrowseSession::token).containsExactly("333333333");
        assertThat(store.count()).isEqualTo(1);
    }
}
