package org.opencobrowse.realtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.opencobrowse.cluster.Broker;
import org.opencobrowse.cluster.Delivery;
import org.opencobrowse.cluster.Delivery.Target;
import org.opencobrowse.session.CobrowseSession;
import org.opencobrowse.session.Participant;
import org.opencobrowse.session.Role;
import org.opencobrowse.session.SessionListener;
import org.opencobrowse.session.Tokens;
import org.opencobrowse.store.EventBuffer;
import org.opencobrowse.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's connections, grouped by session. Everything sent to a session's participants is a {@link Delivery}:
 * delivered at once to the connections here and published through the {@link Broker} to the other nodes, which
 * deliver it to theirs (and this node drops its own echo). DOM frames are numbered; an agent connection that sees a
 * gap is resynced from the {@link EventBuffer}, which also serves agents who join late or reconnect.
 */
public final class Hub implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private final String nodeName;
    private final SessionStore sessions;
    private final EventBuffer buffer;
    private final Broker broker;
    private final Clock clock;
    private final Map<String, LiveSession> live = new ConcurrentHashMap<>();
    /**
     * Last activity (UTC ms) of sessions without a live view here, e.g. taken over from a dead node; a live session
     * keeps its own ({@link LiveSession#lastActivity}), which saves a map entry per session and a map write per frame.
     */
    private final Map<String, Long> lastActivity = new ConcurrentHashMap<>();
    private final Disconnections disconnectedSince = new Disconnections();
    /** Reads the buffer for agents that missed frames: deliveries may run on Redis' thread, which must not block. */
    private final Executor relayExecutor;
    private final long maxPendingDomChars;
    /** Every open socket here, joined or not: what a draining node closes and waits for. */
    private final Set<Connection> sockets = ConcurrentHashMap.newKeySet();
    /** Set by {@link #closeAll}: a socket that opens afterwards is closed at once with it. */
    private volatile CloseCode closingAllWith;

    /**
     * @param relayExecutor      reads the buffer for agents that missed DOM frames (deliveries must not block)
     * @param maxPendingDomChars characters of a session's DOM frames waiting for the store at most; a customer who
     *                           sends more is closed with {@link CloseCode#RATE_LIMITED} and resumes
     */
    public Hub(String nodeName, SessionStore sessions, EventBuffer buffer, Broker broker, Clock clock,
               Executor relayExecutor, long maxPendingDomChars) {
        this.nodeName = nodeName;
        this.relayExecutor = relayExecutor;
        this.maxPendingDomChars = maxPendingDomChars;
        this.sessions = sessions;
        this.buffer = buffer;
        this.broker = broker;
        this.clock = clock;
    }

    /**
     * Attaches a joined or resumed participant's connection and sends it {@code reply} first; agents then get the
     * buffered DOM frames. Another connection of the same participant, here or on another node, is closed as
     * replaced. Returns false when the session ended meanwhile. Store and broker calls happen outside the session's
     * monitor: Redis' own threads relay frames under it, so waiting for Redis while holding it could deadlock.
     */
    public boolean attach(Connection connection, CobrowseSession session, Participant participant, String reply) {
        String token = session.token();
        LiveSession ls = live.computeIfAbsent(token, t -> new LiveSession(t, maxPendingDomChars,
                delivery -> receive(delivery, t)));
        boolean agent = participant.role().isAgentSide();
        ls.subscribe(broker, nodeName, agent);
        if (sessions.find(token).filter(s -> !s.isEnded()).isEmpty()) {
            return false;
        }
        CatchUp catchUp = null;
        synchronized (ls) {
            if (ls.ended) {
                return false;
            }
            closeLocal(ls, participant.userToken());
            connection.attach(new Connection.Attachment(token, participant, ls.logToken));
            if (agent) {
                catchUp = connection.startCatchUp();
            } else {
                ls.snapshotRequested = false; // a customer sends a snapshot after every join or resume
            }
            ls.connections.add(connection);
            disconnectedSince.remove(participant.userToken());
            touch(token);
            connection.send(reply);
        }
        if (catchUp != null && !catchUp(ls, connection, catchUp)) {
            synchronized (ls) {
                requestSnapshot(ls);
            }
        }
        broker.publish(token, new Delivery(nodeName, Target.ATTACHED, participant.userToken(), ""));
        return true;
    }

    /**
     * Sends an agent the buffered DOM frames it has not had, then those relayed while the buffer was read. Returns
     * false when the buffer was empty (or unreadable).
     */
    private boolean catchUp(LiveSession ls, Connection agent, CatchUp catchUp) {
        List<String> frames;
        try {
            frames = buffer.frames(ls.token);
        } catch (RuntimeException storeDown) {
            LOG.warn("Reading the buffer of session {} failed: {}", Tokens.redacted(ls.token), storeDown.getMessage());
            frames = List.of();
        }
        synchronized (ls) {
            sendBuffered(agent, frames);
            catchUp.release(agent);
            agent.catchUp = null;
        }
        return !frames.isEmpty();
    }

    /** A socket opened (before any join); while the node drains it is closed at once. */
    void opened(Connection connection) {
        sockets.add(connection);
        CloseCode closing = closingAllWith;
        if (closing != null) {
            connection.close(closing); // it opened while closeAll ran, or after
        }
    }

    /** A socket closed: its participant, if any, may resume within the reconnect grace. */
    void closed(Connection connection) {
        sockets.remove(connection);
        detach(connection, false);
    }

    /** The connection closed or its participant exited; a closed socket starts the reconnect grace. */
    public void detach(Connection connection, boolean exited) {
        Connection.Attachment attachment = connection.attachment();
        LiveSession ls = attachment == null ? null : live.get(attachment.sessionToken());
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

    /**
     * Numbers and buffers a customer's DOM frame, then relays it to the session's agents on every node. Frames are
     * numbered in the order they arrive; those that arrive while the store numbers earlier ones go in the next batch.
     */
    public void relayDom(Connection from, boolean snapshot, String rawEvents) {
        LiveSession ls = live.get(from.attachment().sessionToken());
        if (ls == null) {
            return; // the session ended here
        }
        switch (ls.domQueue.offer(new EventBuffer.Pending(snapshot, rawEvents))) {
            case START -> appendQueued(ls);
            case QUEUED -> { }
            case FULL -> from.close(CloseCode.RATE_LIMITED); // the store cannot keep up with this customer
        }
    }

    /**
     * Hands the session's waiting frames to the store a batch at a time. A batch the store completes at once (in
     * memory) is relayed on this thread and the loop goes on; one that completes later continues on the thread that
     * completes it (Redis' I/O thread), which sends the next batch.
     */
    private void appendQueued(LiveSession ls) {
        while (true) {
            List<EventBuffer.Pending> batch = ls.domQueue.takeBatch();
            if (batch.isEmpty()) {
                return;
            }
            CompletableFuture<List<EventBuffer.Appended>> appending;
            try {
                appending = buffer.appendAll(ls.token, batch).toCompletableFuture();
            } catch (RuntimeException storeDown) {
                appending = CompletableFuture.failedFuture(storeDown);
            }
            if (!appending.isDone()) {
                // Relayed on the store client's thread: it never blocks here, and a hand-off per batch to another
                // thread cost more than the relay itself.
                appending.whenComplete((appended, failure) -> {
                    relayAppended(ls, batch, appended, failure);
                    appendQueued(ls);
                });
                return;
            }
            appending.whenComplete((appended, failure) -> relayAppended(ls, batch, appended, failure));
        }
    }

    /** Relays a numbered batch; a failure is logged, never left to stall the session's next batches. */
    private void relayAppended(LiveSession ls, List<EventBuffer.Pending> batch, List<EventBuffer.Appended> appended,
                               Throwable storeDown) {
        try {
            relay(ls, batch, appended, storeDown);
        } catch (RuntimeException e) {
            LOG.error("Relaying {} DOM frames of session {} failed", batch.size(), Tokens.redacted(ls.token), e);
        }
    }

    private void relay(LiveSession ls, List<EventBuffer.Pending> batch, List<EventBuffer.Appended> appended,
                       Throwable storeDown) {
        String token = ls.token;
        if (storeDown != null) {
            // The store is unreachable: keep the session running here, numbering on from the last frame.
            synchronized (ls) {
                for (EventBuffer.Pending frame : batch) {
                    long seq = ls.lastSeq + 1;
                    deliver(token, domDelivery(seq, frame.snapshot(), Frames.dom(seq, frame.snapshot(),
                            frame.rawEvents())));
                }
            }
            return;
        }
        // A Redis buffer published the batch already, in the script that numbered it.
        List<Delivery> toPublish = buffer.publishesAppended() ? null : new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            boolean snapshot = batch.get(i).snapshot();
            EventBuffer.Appended frame = appended.get(i);
            synchronized (ls) {
                if (snapshot) {
                    ls.snapshotRequested = false;
                }
                if (frame.needsSnapshot()) {
                    requestSnapshot(ls);
                }
            }
            Delivery delivery = domDelivery(frame.seq(), snapshot, frame.frame());
            deliver(token, delivery);
            if (toPublish != null) {
                toPublish.add(delivery);
            }
        }
        if (toPublish != null) {
            broker.publishAll(token, toPublish);
        }
    }

    /** Any frame from or to a participant here counts as activity for {@code session.inactivityTimeout}. */
    public void touch(String sessionToken) {
        long now = clock.millis();
        LiveSession ls = live.get(sessionToken);
        if (ls != null) {
            ls.lastActivity = now;
        } else {
            lastActivity.put(sessionToken, now);
        }
    }

    public OptionalLong lastActivity(String sessionToken) {
        LiveSession ls = live.get(sessionToken);
        Long elsewhere = lastActivity.get(sessionToken);
        long last = Math.max(ls == null ? 0 : ls.lastActivity, elsewhere == null ? 0 : elsewhere);
        return last == 0 ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /** userTokens whose socket closed here before {@code cutoff} (UTC ms) and who have not resumed anywhere. */
    public List<String> disconnectedBefore(long cutoff) {
        return disconnectedSince.takeBefore(cutoff);
    }

    /**
     * Pings every open socket here, joined or not, and closes with {@link CloseCode#GOING_AWAY} those whose client sent
     * nothing, not a byte (a pong is enough; so is part of a large frame on a slow link), for {@code idleTimeoutNanos}
     * ({@code realtime.idleTimeout}): a peer that vanished without closing its TCP connection. Run every
     * {@code realtime.pingInterval}, so such a socket closes within one interval after the timeout. (Jetty's own idle
     * timeout cannot tell: the pings themselves are traffic to it.)
     */
    public void pingOrCloseIdle(long idleTimeoutNanos) {
        long now = System.nanoTime();
        for (Connection connection : sockets) {
            try {
                if (connection.silentFor(now) > idleTimeoutNanos) {
                    connection.close(CloseCode.GOING_AWAY);
                    // Gone now, for presence and the reconnect grace: a dead peer never completes the close handshake.
                    closed(connection);
                } else {
                    connection.ping();
                }
            } catch (RuntimeException e) {
                LOG.warn("Pinging a socket failed: {}", e.toString()); // the others are still pinged
            }
        }
    }

    /** Closes every socket here, joined or not, and any that opens later, with {@code code} (draining). */
    public void closeAll(CloseCode code) {
        closingAllWith = code;
        List.copyOf(sockets).forEach(c -> c.close(code));
    }

    /** Open WebSockets on this node, joined or not. */
    public int connectionCount() {
        return sockets.size();
    }

    @Override
    public void joined(CobrowseSession session, Participant participant) {
        send(session.token(), new Delivery(nodeName, Target.ALL_BUT, participant.userToken(),
                Frames.joinedNotification(participant)));
    }

    @Override
    public void left(CobrowseSession session, Participant participant, String reason) {
        disconnectedSince.remove(participant.userToken());
        send(session.token(), new Delivery(nodeName, Target.ALL_BUT, participant.userToken(),
                Frames.left(participant, reason)));
    }

    @Override
    public void activated(CobrowseSession session) {
        send(session.token(), new Delivery(nodeName, Target.ALL, "", Frames.activated(session)));
    }

    @Override
    public void controlRequested(CobrowseSession session, Participant agent) {
        sendToRole(session.token(), Role.CUSTOMER, Json.write(Frames.fromUser(agent, "control.requested")));
    }

    @Override
    public void controlDenied(CobrowseSession session, Participant customer, String agentUserId) {
        broadcastFrom(session.token(), Json.write(Json.object().put("type", "control.denied")
                .put("userId", agentUserId)), customer.userToken());
    }

    @Override
    public void controlChanged(CobrowseSession session, Optional<String> previousHolder, String reason) {
        send(session.token(), new Delivery(nodeName, Target.ALL, "", Frames.mode(session, reason)));
    }

    @Override
    public void deactivated(CobrowseSession session) {
        buffer.clear(session.token());
        send(session.token(), new Delivery(nodeName, Target.ENDED, "", Frames.deactivated(session)));
    }

    /** Sends {@code frame} to every participant of the session but {@code exceptUserToken} (may be null). */
    void broadcastFrom(String token, String frame, String exceptUserToken) {
        send(token, exceptUserToken == null ? new Delivery(nodeName, Target.ALL, "", frame)
                : new Delivery(nodeName, Target.ALL_BUT, exceptUserToken, frame));
    }

    void sendToRole(String token, Role role, String frame) {
        send(token, new Delivery(nodeName, Target.ROLE, String.valueOf(role.code()), frame));
    }

    void sendToUser(String token, String userId, String frame) {
        send(token, new Delivery(nodeName, Target.USER, userId, frame));
    }

    private void send(String token, Delivery delivery) {
        deliver(token, delivery);
        broker.publish(token, delivery);
    }

    /** A delivery from another node. */
    private void receive(Delivery delivery, String token) {
        touch(token);
        deliver(token, delivery);
    }

    private void deliver(String token, Delivery d) {
        LiveSession ls = live.get(token);
        if (ls == null) {
            if (d.target() == Target.ATTACHED) {
                disconnectedSince.remove(d.argument());
            } else if (d.target() == Target.ENDED) {
                forgetSession(token);
            }
            return;
        }
        synchronized (ls) {
            switch (d.target()) {
                case ALL -> sendWhere(ls, d.frame(), p -> true);
                case ALL_BUT -> sendWhere(ls, d.frame(), p -> !p.userToken().equals(d.argument()));
                case ROLE -> sendWhere(ls, d.frame(), p -> String.valueOf(p.role().code()).equals(d.argument()));
                case USER -> sendWhere(ls, d.frame(), p -> p.userId().equals(d.argument()));
                case DOM -> deliverDom(ls, d);
                case ATTACHED -> {
                    closeLocal(ls, d.argument());
                    disconnectedSince.remove(d.argument());
                }
                case ENDED -> {
                    ls.ended = true;
                    for (Connection c : ls.connections) {
                        c.send(d.frame());
                        c.closeAfterQueued(CloseCode.SESSION_ENDED);
                    }
                    ls.connections.clear();
                    live.remove(token, ls);
                    ls.unsubscribe();
                    forgetSession(token);
                }
            }
        }
    }

    /**
     * After the store came back from an outage (and may have lost everything): numbers frames on after the last one
     * seen here, and asks every customer here for a new snapshot to refill the buffer.
     */
    public void resyncAfterStoreOutage(java.util.function.ObjLongConsumer<String> restoreSequence) {
        for (LiveSession ls : live.values()) {
            long lastSeq;
            synchronized (ls) {
                lastSeq = ls.lastSeq;
            }
            restoreSequence.accept(ls.token, lastSeq); // before the snapshot request: its frame continues from here
            synchronized (ls) {
                ls.snapshotRequested = false;
                requestSnapshot(ls);
            }
        }
    }

    private Delivery domDelivery(long seq, boolean snapshot, String frame) {
        return Delivery.dom(nodeName, seq, snapshot, frame);
    }

    /**
     * Sends a numbered DOM frame to each agent connection. One that missed frames (a lost pub/sub message) catches up
     * from the buffer on the relay executor, since this may run on Redis' own thread; frames wait for it meanwhile.
     */
    private void deliverDom(LiveSession ls, Delivery d) {
        long seq = d.domSeq();
        boolean snapshot = d.domSnapshot();
        ls.lastSeq = Math.max(ls.lastSeq, seq);
        for (Connection c : ls.connections) {
            if (!c.attachment().participant().role().isAgentSide() || seq <= c.lastDomSeq) {
                continue;
            }
            if (c.catchUp != null) {
                if (!c.catchUp.hold(d.frame(), seq)) {
                    c.close(CloseCode.SLOW_CONSUMER);
                }
            } else if (!snapshot && c.lastDomSeq != 0 && seq > c.lastDomSeq + 1) {
                CatchUp catchUp = c.startCatchUp();
                catchUp.hold(d.frame(), seq);
                try {
                    relayExecutor.execute(() -> catchUp(ls, c, catchUp));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    c.catchUp = null;
                    c.sendDom(d.frame(), seq);
                }
            } else {
                c.sendDom(d.frame(), seq);
            }
        }
    }

    /** Sends the buffered frames this connection has not had yet. */
    private static void sendBuffered(Connection c, List<String> frames) {
        for (String frame : frames) {
            long seq = Frames.domSeq(frame);
            if (seq > c.lastDomSeq) {
                c.sendDom(frame, seq);
            }
        }
    }

    private static void sendWhere(LiveSession ls, String frame, Predicate<Participant> to) {
        for (Connection c : ls.connections) {
            if (to.test(c.attachment().participant())) {
                c.send(frame);
            }
        }
    }

    private static void closeLocal(LiveSession ls, String userToken) {
        for (Connection other : List.copyOf(ls.connections)) {
            if (other.attachment().participant().userToken().equals(userToken)) {
                ls.connections.remove(other);
                other.close(CloseCode.REPLACED);
            }
        }
    }

    private void forgetSession(String token) {
        lastActivity.remove(token);
        disconnectedSince.forgetSession(token);
    }

    private void requestSnapshot(LiveSession ls) {
        if (!ls.snapshotRequested) {
            ls.snapshotRequested = true;
            sendToRole(ls.token, Role.CUSTOMER, Frames.SNAPSHOT_REQUEST);
        }
    }
}
