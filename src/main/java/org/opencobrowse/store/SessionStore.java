package org.opencobrowse.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.opencobrowse.session.CobrowseSession;

/**
 * Live sessions by token, shared by every node that uses the same store. Implementations: {@link InMemorySessionStore}
 * (one node, the default). Updates are atomic per session.
 */
public interface SessionStore {

    /** Stores a new session; false when its token is already taken (the caller draws another). */
    boolean insert(CobrowseSession session);

    Optional<CobrowseSession> find(String token);

    /**
     * Applies {@code change} atomically to the stored session and returns the new value; empty when there is no such
     * session. {@code change} may be called more than once and must have no side effects.
     */
    Optional<CobrowseSession> update(String token, UnaryOperator<CobrowseSession> change);

    void remove(String token);

    /** Every stored session (for timeout sweeps and metrics). */
    List<CobrowseSession> all();

    int count();
}
