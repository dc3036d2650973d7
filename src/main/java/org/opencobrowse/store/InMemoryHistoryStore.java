package org.opencobrowse.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opencobrowse.session.SessionHistory;

/** {@link HistoryStore} in this JVM's memory: serves one process only, lost on restart. */
public final class InMemoryHistoryStore implements HistoryStore {
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Saved> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByToken = new ConcurrentHashMap<>();

    /** A history and when it was saved (ms), kept together: one map entry per session, not two. */
    private record Saved(SessionHistory history, long savedAt) {
    }

    public InMemoryHistoryStore(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void save(SessionHistory history) {
        byId.put(history.id(), new Saved(history, clock.millis()));
        idByToken.put(history.sessionToken(), history.id());
    }

    @Override
    public Optional<SessionHistory> find(String historyId) {
        return Optional.ofNullable(byId.get(historyId)).map(Saved::history);
    }

    @Override
    public Optional<SessionHistory> findByToken(String sessionToken) {
        return Optional.ofNullable(idByToken.get(sessionToken)).flatMap(this::find);
    }

    @Override
    public Optional<SessionHistory> update(String historyId, UnaryOperator<SessionHistory> change) {
        return Optional.ofNullable(byId.computeIfPresent(historyId,
                (k, current) -> new Saved(change.apply(current.history()), current.savedAt()))).map(Saved::history);
    }

    @Override
    public void purgeExpired() {
        long cutoff = clock.millis() - retention.toMillis();
        byId.values().removeIf(saved -> {
            if (saved.savedAt() >= cutoff) {
                return false;
            }
            idByToken.remove(saved.history().sessionToken(), saved.history().id());
            return true;
        });
    }
}
