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
    private final Map<String, SessionHistory> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByToken = new ConcurrentHashMap<>();
    private final Map<String, Long> savedAt = new ConcurrentHashMap<>();

    public InMemoryHistoryStore(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void save(SessionHistory history) {
        byId.put(history.id(), history);
        idByToken.put(history.sessionToken(), history.id());
        savedAt.put(history.id(), clock.millis());
    }

    @Override
    public Optional<SessionHistory> find(String historyId) {
        return Optional.ofNullable(byId.get(historyId));
    }

    @Override
    public Optional<SessionHistory> findByToken(String sessionToken) {
        return Optional.ofNullable(idByToken.get(sessionToken)).map(byId::get);
    }

    @Override
    public Optional<SessionHistory> update(String historyId, UnaryOperator<SessionHistory> change) {
        return Optional.ofNullable(byId.computeIfPresent(historyId, (k, current) -> change.apply(current)));
    }

    @Override
    public void purgeExpired() {
        long cutoff = clock.millis() - retention.toMillis();
        savedAt.entrySet().removeIf(entry -> {
            if (entry.getValue() >= cutoff) {
                return false;
            }
            SessionHistory removed = byId.remove(entry.getKey());
            if (removed != null) {
                idByToken.remove(removed.sessionToken(), removed.id());
            }
            return true;
        });
    }
}
