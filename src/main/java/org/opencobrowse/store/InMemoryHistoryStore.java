package org.opencobrowse.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opencobrowse.session.SessionHistory;

/** {@link HistoryStore} in this JVM's memory: serves a single node only, lost on restart. */
public final class InMemoryHistoryStore implements HistoryStore {
    private final Map<String, SessionHistory> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByToken = new ConcurrentHashMap<>();

    @Override
    public void save(SessionHistory history) {
        byId.put(history.id(), history);
        index(history);
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
        SessionHistory updated = byId.computeIfPresent(historyId, (k, current) -> change.apply(current));
        if (updated != null) {
            index(updated);
        }
        return Optional.ofNullable(updated);
    }

    @Override
    public int purgeCreatedBefore(long cutoff) {
        int[] purged = {0};
        byId.values().removeIf(h -> {
            if (h.creationTime() >= cutoff) {
                return false;
            }
            idByToken.remove(h.sessionToken(), h.id());
            purged[0]++;
            return true;
        });
        return purged[0];
    }

    private void index(SessionHistory history) {
        idByToken.put(history.sessionToken(), history.id());
    }
}
