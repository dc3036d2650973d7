package org.opencobrowse.realtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.SessionListener;
import org.opencobrowse.store.EventBuffer;
import org.opencobrowse.store.SessionStore;

/**
 * This node's connections, grouped by session: sends notifications, relays DOM frames from the customer to agents and
 * replays the session's buffer to agents who join late or reconnect. Remembers participants whose socket closed so
 * that the sweeper can time them out after the reconnect grace.
 */
public final class Hub implements SessionListener {
    private final SessionStore sessions;
    private final EventBuffer buffer;
    private final Clock clock;
    private final Map<String, LiveSession> live = new ConcurrentHashMap<>();
    private final Map<String, Long> disconnectedSince = new ConcurrentHashMap<>();

    public Hub(SessionStore sessions, EventBuffer buffer, Clock clock) {
        this.sessions = sessions;
        this.buffer = buffer;
        this.clock = clock;
    }

    /**
     * Attaches a joined or resumed participant's connection and sends it {@code reply} first; agents then get the
     * buffered DOM frames. A previous connection of the same participant is closed as replaced. Returns false when
     * the session ended meanwhile.
     */
    public boolean attach(Connection connection, CobrowseSession session, Participant participant, String reply) {
        LiveSession ls = live.computeIfAbsent(session.token(), t -> new LiveSession(t, clock.millis()));
        synchronized (ls) {
            if (ls.ended || sessions.find(session.token()).filter(s -> !s.isEnded()).isEmpty()) {
                return false;
            }
            for (Connection other : List.copyOf(ls.connections)) {
                if (other.attachment().participant().userToken().equals(participant.userToken())) {
                    ls.connections.remove(other);
                    other.close(CloseCode.REPLACED);
                }
            }
            connection.attach(new Connection.Attachment(session.token(), participant));
            ls.connections.add(connection);
            disconnectedSince.remove(participant.userToken());
            ls.lastActivity = clock.millis();
            connection.send(reply);
            if (participant.role().isAgentSide()) {
                List<String> frames = buffer.frames(session.token());
                frames.forEach(connection::send);
                if (frames.isEmpty()) {
                    requestSnapshot(ls);
                }
            }
            return true;
        }
    }

    /** The connection closed or its participant exited; a closed socket starts the reconnect grace. */
    public void detach(Connection connection, boolean exited) {
        Connection.Attachment attachment = connection.attachment();
        if (attachment == null) {
            return;
        }
        LiveSession ls = live.get(attachment.sessionToken());
        if (ls == null) {
            return;
        }
        synchronized (ls) {
            if (!ls.connections.remove(connection) || ls.ended) {
                return;
            }
            if (!exited) {
                disconnectedSince.put(attachment.participant().userToken(), clock.millis());
            }
        }
    }

    /** Relays a customer's DOM frame to the session's agents and buffers it for late joiners. */
    public void relayDom(Connection from, boolean snapshot, String rawEvents) {
        LiveSession ls = live.get(from.attachment().sessionToken());
        if (ls == null) {
            return;
        }
        synchronized (ls) {
            if (ls.ended) {
                return;
            }
            ls.lastActivity = clock.millis();
            String frame = Frames.dom(++ls.seq, snapshot, rawEvents);
            if (snapshot) {
                ls.snapshotRequested = false;
            }
            if (buffer.append(ls.token, frame, snapshot) == EventBuffer.Outcome.NEEDS_SNAPSHOT) {
                requestSnapshot(ls);
            }
            for (Connection c : ls.connections) {
                if (c.attachment().participant().role().isAgentSide()) {
                    c.send(frame);
                }
            }
        }
    }

    /** Any frame from a participant counts as activity for {@code session.inactivityTimeout}. */
    public void touch(String sessionToken) {
        LiveSession ls = live.get(sessionToken);
        if (ls != null) {
            ls.lastActivity = clock.millis();
        }
    }

    public OptionalLong lastActivity(String sessionToken) {
        LiveSession ls = live.get(sessionToken);
        return ls == null ? OptionalLong.empty() : OptionalLong.of(ls.lastActivity);
    }

    /** userTokens whose socket closed before {@code cutoff} (UTC ms) and who have not resumed. */
    public List<String> disconnectedBefore(long cutoff) {
        List<String> expired = new ArrayList<>();
        disconnectedSince.forEach((userToken, since) -> {
            if (since < cutoff) {
                expired.add(userToken);
            }
        });
        return expired;
    }

    public void forgetDisconnected(String userToken) {
        disconnectedSince.remove(userToken);
    }

    /** Pings every open connection, so that idle sockets stay open and dead ones time out. */
    public void pingAll() {
        for (LiveSession ls : live.values()) {
            List<Connection> connections;
            synchronized (ls) {
                connections = List.copyOf(ls.connections);
            }
            connections.forEach(Connection::ping);
        }
    }

    /** Closes every connection with {@code code} (e.g. draining for shutdown). */
    public void closeAll(CloseCode code) {
        for (LiveSession ls : live.values()) {
            synchronized (ls) {
                List.copyOf(ls.connections).forEach(c -> c.close(code));
            }
        }
    }

    public int connectionCount() {
        return live.values().stream().mapToInt(ls -> {
            synchronized (ls) {
                return ls.connections.size();
            }
        }).sum();
    }

    @Override
    public void joined(CobrowseSession session, Participant participant) {
        broadcastFrom(session.token(), Frames.joinedNotification(participant), participant.userToken());
    }

    @Override
    public void left(CobrowseSession session, Participant participant, String reason) {
        disconnectedSince.remove(participant.userToken());
        broadcastFrom(session.token(), Frames.left(participant, reason), participant.userToken());
    }

    @Override
    public void activated(CobrowseSession session) {
        broadcastFrom(session.token(), Frames.activated(session), null);
    }

    @Override
    public void deactivated(CobrowseSession session) {
        session.participants().forEach(p -> disconnectedSince.remove(p.userToken()));
        buffer.clear(session.token());
        LiveSession ls = live.remove(session.token());
        if (ls == null) {
            return;
        }
        String frame = Frames.deactivated(session);
        synchronized (ls) {
            ls.ended = true;
            for (Connection c : ls.connections) {
                c.send(frame);
                c.closeAfterQueued(CloseCode.SESSION_ENDED);
            }
            ls.connections.clear();
        }
    }

    @Override
    public void controlChanged(CobrowseSession session, String reason) {
        broadcastFrom(session.token(), Frames.mode(session, reason), null);
    }

    /** Sends {@code frame} to every connection of the session but those of {@code exceptUserToken} (may be null). */
    void broadcastFrom(String token, String frame, String exceptUserToken) {
        sendWhere(token, frame, p -> !p.userToken().equals(exceptUserToken));
    }

    void sendToRole(String token, org.opencobrowse.session.Role role, String frame) {
        sendWhere(token, frame, p -> p.role() == role);
    }

    void sendToUser(String token, String userId, String frame) {
        sendWhere(token, frame, p -> p.userId().equals(userId));
    }

    private void sendWhere(String token, String frame, java.util.function.Predicate<Participant> to) {
        LiveSession ls = live.get(token);
        if (ls == null) {
            return;
        }
        synchronized (ls) {
            for (Connection c : ls.connections) {
                if (to.test(c.attachment().participant())) {
                    c.send(frame);
                }
            }
        }
    }

    private void requestSnapshot(LiveSession ls) {
        Connection customer = ls.customer();
        if (customer != null && !ls.snapshotRequested) {
            ls.snapshotRequested = true;
            customer.send(Frames.SNAPSHOT_REQUEST);
        }
    }
}
