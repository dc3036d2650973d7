package org.opencobrowse.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opencobrowse.session.CobrowseSession;

/** {@link SessionStore} in this JVM's memory: serves a single node only. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, CobrowseSession> sessions = new ConcurrentHashMap<>();

    @Override
    public boolean insert(CobrowseSession session) {
        return sessions.putIfAbsent(session.token(), session) == null;
    }

    @Override
    public Optional<CobrowseSession> find(String token) {
        return Optional.ofNullable(sessions.get(token));
    }

    @Override
    public Optional<CobrowseSession> update(String token, UnaryOperator<CobrowseSession> change) {
        return Optional.ofNullable(sessions.computeIfPresent(token, (k, current) -> change.apply(current)));
    }

    @Override
    public void remove(String token) {
        sessions.remove(token);
    }

    @Override
    public List<CobrowseSession> all() {
        return List.copyOf(sessions.values());
    }

    @Override
    public int count() {
        return sessions.size();
    }
}
