package org.opencobrowse.store;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.opencobrowse.session.SessionHistory;

/**
 * History records of sessions, kept for {@code session.historyRetention} after they are saved. Implementations:
 * {@link InMemoryHistoryStore} (one process) and {@link RedisHistoryStore} (records expire by Redis TTL).
 */
public interface HistoryStore {

    void save(SessionHistory history);

    Optional<SessionHistory> find(String historyId);

    /** The record of the newest session that had this token, while it is retained. */
    Optional<SessionHistory> findByToken(String sessionToken);

    Optional<SessionHistory> update(String historyId, UnaryOperator<SessionHistory> change);

    /** Drops records past the retention (where the store does not expire them by itself). */
    void purgeExpired();
}
