package org.opencobrowse.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;

/** {@link SessionStore} in this JVM's memory: serves a single node only. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, CobrowseSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByUser = new ConcurrentHashMap<>();

    @Override
    public boolean insert(CobrowseSession session) {
        boolean inserted = sessions.putIfAbsent(session.token(), session) == null;
        if (inserted) {
            index(session);
        }
        return inserted;
    }

    @Override
    public Optional<CobrowseSession> find(String token) {
        return Optional.ofNullable(sessions.get(token));
    }

    @Override
    public Optional<String> tokenOfUser(String userToken) {
        return Optional.ofNullable(tokenByUser.get(userToken));
    }

    @Override
    public Optional<CobrowseSession> update(String token, UnaryOperator<CobrowseSession> change) {
        CobrowseSession updated = sessions.computeIfPresent(token, (k, current) -> change.apply(current));
        if (updated != null) {
            index(updated);
        }
        return Optional.ofNullable(updated);
    }

    @Override
    public void remove(String token) {
        CobrowseSession removed = sessions.remove(token);
        if (removed != null) {
            tokenByUser.values().removeIf(token::equals);
        }
    }

    @Override
    public List<CobrowseSession> all() {
        return List.copyOf(sessions.values());
    }

    @Override
    public int count() {
        return sessions.size();
    }

    private void index(CobrowseSession session) {
        for (Participant p : session.participants()) {
            tokenByUser.put(p.userToken(), session.token());
        }
    }
}
