package org.opencobrowse.session;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.errors.CobrowseException;
import org.opencobrowse.errors.ErrorCode;
import org.opencobrowse.store.HistoryStore;
import org.opencobrowse.store.SessionStore;

/**
 * The session lifecycle: create, join, resume, exit, stop and end, with the rules of who may do what. State lives in
 * the {@link SessionStore} and {@link HistoryStore}; every change is reported to the {@link SessionListener} in order.
 * Changes to one session are serialised by a lock per token, so notifications never cross.
 */
public final class SessionService {
    private static final int NAME_MAX_LENGTH = 64;
    private static final int LOCK_STRIPES = 256;

    private final CobrowseConfig config;
    private final SessionStore sessions;
    private final HistoryStore history;
    private final Clock clock;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private volatile SessionListener listener = SessionListener.NONE;
    private volatile boolean accepting = true;

    /** A created session: the seed's two fields plus the secret that claims the customer seat. */
    public record Created(String sessionToken, String sessionServerName, String customerSecret) {
    }

    /** The outcome of a join or resume: the session as stored after it, and who joined. */
    public record Joined(CobrowseSession session, Participant participant) {
    }

    /** Activation and deactivation times of a stopped session, UTC ms. */
    public record Stopped(long activationTime, long deactivationTime) {
    }

    public SessionService(CobrowseConfig config, SessionStore sessions, HistoryStore history, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.history = history;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public void setListener(SessionListener listener) {
        this.listener = listener;
    }

    /** Whether new sessions may be created here; false while the node drains. */
    public void setAccepting(boolean accepting) {
        this.accepting = accepting;
    }

    public Clock clock() {
        return clock;
    }

    public Created create() {
        if (!accepting) {
            throw new CobrowseException(ErrorCode.UNAVAILABLE, "This node is shutting down; try another");
        }
        if (sessions.count() >= config.session().maxSessions()) {
            throw new CobrowseException(ErrorCode.TOO_MANY_SESSIONS, "This node hosts its maximum of sessions");
        }
        long now = clock.millis();
        while (true) {
            String token = Tokens.sessionToken();
            if (history.findByToken(token).isPresent()) {
                continue; // never reuse a token while its history exists
            }
            CobrowseSession session = CobrowseSession.created(token, Tokens.customerSecret(), config.node().name(),
                    config.cluster().serverUrl(), Tokens.historyId(), now);
            if (sessions.insert(session)) {
                history.save(SessionHistory.of(session));
                listener.created(session);
                return new Created(token, session.hostNode(), session.customerSecret());
            }
        }
    }

    public Optional<CobrowseSession> find(String token) {
        return sessions.find(token);
    }

    public Joined join(String token, Role role, String name, String secret) {
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            if (role == Role.CUSTOMER) {
                if (!Tokens.same(session.customerSecret(), secret)) {
                    throw new CobrowseException(ErrorCode.CUSTOMER_SECRET_INVALID,
                            "The customer seat needs the secret returned when the session was created");
                }
                if (session.customer().isPresent()) {
                    throw new CobrowseException(ErrorCode.SEAT_TAKEN, "The session already has its customer");
                }
            } else if (session.agentSideCount() >= config.session().maxAgents()) {
                throw new CobrowseException(ErrorCode.TOO_MANY_AGENTS, "The session has its maximum of agents");
            }
            long now = clock.millis();
            Participant participant = new Participant("u" + session.nextUserNumber(), Tokens.userToken(token), role,
                    cleanName(name, role), now);
            boolean wasIdle = session.state() == SessionState.IDLE;
            boolean moveHere = role == Role.CUSTOMER && !session.hostNode().equals(config.node().name());
            CobrowseSession updated = sessions.update(token, s -> {
                CobrowseSession joined = s.withParticipant(participant, now);
                return moveHere ? joined.withHost(config.node().name(), config.cluster().serverUrl()) : joined;
            }).orElseThrow(() -> notFound(token));
            history.update(updated.historyId(), h -> h.withTimes(updated)
                    .withUser(Tokens.hash(participant.userToken()), role));
            listener.joined(updated, participant);
            if (wasIdle && updated.state() == SessionState.ACTIVE) {
                listener.activated(updated);
            }
            return new Joined(updated, participant);
        }
    }

    /**
     * Finds a participant again after its socket closed; the participant keeps its userId and role. A customer who
     * comes back on another node (failover, or no stickiness) moves the session's hosting to that node.
     */
    public Joined resume(String userToken) {
        String token = tokenOfUser(userToken);
        CobrowseSession session = live(token);
        Participant participant = session.participantByToken(userToken).orElseThrow(SessionService::unknownUser);
        if (participant.role() == Role.CUSTOMER && !session.hostNode().equals(config.node().name())) {
            session = claimHosting(token).orElse(session);
        }
        return new Joined(session, participant);
    }

    /** Makes this node the host of the session (its sweeps, its name in GET session). */
    public Optional<CobrowseSession> claimHosting(String token) {
        synchronized (lock(token)) {
            return sessions.update(token, s -> s.isEnded() ? s
                    : s.withHost(config.node().name(), config.cluster().serverUrl()));
        }
    }

    /** A participant leaves; the session ends when it was the customer or the last agent-side participant. */
    public void exit(String userToken, String reason) {
        String token = tokenOfUser(userToken);
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            Participant participant = session.participantByToken(userToken).orElseThrow(SessionService::unknownUser);
            CobrowseSession updated = sessions.update(token, s -> s.withoutParticipant(userToken))
                    .orElseThrow(() -> notFound(token));
            listener.left(updated, participant, reason);
            if (session.controlHolder().filter(participant.userId()::equals).isPresent()) {
                listener.controlChanged(updated, session.controlHolder(), "left");
            }
            if (participant.role() == Role.CUSTOMER) {
                end(token, reason.equals("exit") ? EndReason.CUSTOMER_EXIT : EndReason.DISCONNECTED);
            } else if (updated.state() == SessionState.ACTIVE && updated.agentSideCount() == 0) {
                end(token, EndReason.AGENTS_LEFT);
            }
        }
    }

    /** The controller stops the session; stopping a stopped session answers with the same times. */
    public Stopped stop(String userToken) {
        return stop(userToken, stopped -> { });
    }

    /**
     * Stops as {@link #stop(String)}, calling {@code beforeNotify} with the times before anyone is told, so that the
     * controller's reply precedes the {@code deactivated} notification on its socket.
     */
    public Stopped stop(String userToken, Consumer<Stopped> beforeNotify) {
        Optional<String> token = Tokens.sessionTokenOf(userToken);
        if (token.isPresent()) {
            synchronized (lock(token.get())) {
                Optional<CobrowseSession> session = sessions.find(token.get());
                Optional<Participant> participant = session.flatMap(s -> s.participantByToken(userToken));
                if (participant.isPresent()) {
                    if (participant.get().role() != Role.CONTROLLER) {
                        throw new CobrowseException(ErrorCode.FORBIDDEN, "Only the controller may stop the session");
                    }
                    listener.stopped(session.get(), participant.get());
                    CobrowseSession ended = end(token.get(), EndReason.CONTROLLER_STOP,
                            s -> beforeNotify.accept(new Stopped(s.activationTime(), s.deactivationTime())))
                            .orElseThrow();
                    return new Stopped(ended.activationTime(), ended.deactivationTime());
                }
            }
        }
        SessionHistory record = token.flatMap(history::findByToken)
                .filter(h -> h.userTokenHashes().containsKey(Tokens.hash(userToken)))
                .orElseThrow(SessionService::unknownUser);
        if (record.userTokenHashes().get(Tokens.hash(userToken)) != Role.CONTROLLER) {
            throw new CobrowseException(ErrorCode.FORBIDDEN, "Only the controller may stop the session");
        }
        if (record.deactivationTime() == 0) {
            throw unknownUser(); // the controller left a session that is still live: it no longer belongs to it
        }
        Stopped stopped = new Stopped(record.activationTime(), record.deactivationTime());
        beforeNotify.accept(stopped);
        return stopped;
    }

    /** Ends a live session for {@code reason}; returns the ended session, or empty when it was not live. */
    public Optional<CobrowseSession> end(String token, EndReason reason) {
        return end(token, reason, ended -> { });
    }

    private Optional<CobrowseSession> end(String token, EndReason reason,
                                          Consumer<CobrowseSession> beforeNotify) {
        synchronized (lock(token)) {
            Optional<CobrowseSession> current = sessions.find(token);
            if (current.isEmpty() || current.get().isEnded()) {
                return Optional.empty();
            }
            long now = clock.millis();
            CobrowseSession ended = current.get().deactivated(reason, now);
            history.update(ended.historyId(), h -> h.withTimes(ended));
            sessions.remove(token);
            beforeNotify.accept(ended);
            listener.deactivated(ended);
            return Optional.of(ended);
        }
    }

    /**
     * The customer lets an agent act on the page (write mode). Only one agent holds control; granting it to another
     * takes it from the first.
     */
    public CobrowseSession grantControl(String customerUserToken, String agentUserId) {
        String token = tokenOfUser(customerUserToken);
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            requireRole(session, customerUserToken, Role.CUSTOMER, "Only the customer grants control");
            Participant agent = session.participantById(agentUserId).filter(p -> p.role().isAgentSide())
                    .orElseThrow(() -> new CobrowseException(ErrorCode.USER_NOT_FOUND, "No agent has this userId"));
            CobrowseSession updated = sessions.update(token, s -> s.withControlHolder(Optional.of(agent.userId())))
                    .orElseThrow(() -> notFound(token));
            listener.controlChanged(updated, session.controlHolder(), "granted");
            return updated;
        }
    }

    /**
     * Ends write mode: the customer revokes ("revoked") or the holding agent releases ("released"). A no-op when no
     * one holds control.
     */
    public void endControl(String userToken) {
        String token = tokenOfUser(userToken);
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            Participant caller = session.participantByToken(userToken).orElseThrow(SessionService::unknownUser);
            boolean holder = session.controlHolder().filter(caller.userId()::equals).isPresent();
            if (caller.role() != Role.CUSTOMER && !holder) {
                throw new CobrowseException(ErrorCode.NOT_IN_CONTROL, "Only the customer or the agent in control "
                        + "can end write mode");
            }
            if (session.controlHolder().isEmpty()) {
                return;
            }
            CobrowseSession updated = sessions.update(token, s -> s.withControlHolder(Optional.empty()))
                    .orElseThrow(() -> notFound(token));
            listener.controlChanged(updated, session.controlHolder(),
                    caller.role() == Role.CUSTOMER ? "revoked" : "released");
        }
    }

    /** An agent asks the customer for control; refused while another agent holds it. */
    public void requestControl(String agentUserToken) {
        String token = tokenOfUser(agentUserToken);
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            Participant agent = session.participantByToken(agentUserToken).orElseThrow(SessionService::unknownUser);
            if (!agent.role().isAgentSide()) {
                throw new CobrowseException(ErrorCode.FORBIDDEN, "Only agents ask for control");
            }
            if (session.controlHolder().filter(holder -> !holder.equals(agent.userId())).isPresent()) {
                throw new CobrowseException(ErrorCode.CONTROL_HELD, "Another agent has control");
            }
            listener.controlRequested(session, agent);
        }
    }

    /** The customer refuses control to the agent {@code agentUserId}. */
    public void denyControl(String customerUserToken, String agentUserId) {
        String token = tokenOfUser(customerUserToken);
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            requireRole(session, customerUserToken, Role.CUSTOMER, "Only the customer denies control");
            listener.controlDenied(session, session.participantByToken(customerUserToken).orElseThrow(),
                    agentUserId);
        }
    }

    /** The customer's script refused an agent's command (for the record: metrics and audit). */
    public void commandRejected(String customerUserToken, String agentUserId, String action, String reason) {
        String token = tokenOfUser(customerUserToken);
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            requireRole(session, customerUserToken, Role.CUSTOMER, "Only the customer rejects commands");
            listener.commandRejected(session, agentUserId, action, reason);
        }
    }

    /** The session of a participant, checked to be live and to still contain the participant. */
    public Joined participant(String userToken) {
        return resume(userToken);
    }

    /** The customer entered a page: starts a visit in the session's history. */
    public void recordPage(String token, String url) {
        synchronized (lock(token)) {
            CobrowseSession session = live(token);
            long now = clock.millis();
            history.update(session.historyId(), h -> h.withPage(url, now));
        }
    }

    public Optional<SessionHistory> history(String historyId) {
        return history.find(historyId);
    }

    /** Drops history older than the retention; called periodically. */
    public void purgeHistory() {
        history.purgeExpired();
    }

    private static void requireRole(CobrowseSession session, String userToken, Role role, String message) {
        if (session.participantByToken(userToken).map(Participant::role).filter(role::equals).isEmpty()) {
            throw new CobrowseException(ErrorCode.FORBIDDEN, message);
        }
    }

    private CobrowseSession live(String token) {
        Optional<CobrowseSession> session = sessions.find(token);
        if (session.isPresent() && !session.get().isEnded()) {
            return session.get();
        }
        if (history.findByToken(token).isPresent()) {
            throw new CobrowseException(ErrorCode.SESSION_ENDED, "The session has ended");
        }
        throw notFound(token);
    }

    private String tokenOfUser(String userToken) {
        String token = Tokens.sessionTokenOf(userToken).orElseThrow(SessionService::unknownUser);
        if (sessions.find(token).flatMap(s -> s.participantByToken(userToken)).isEmpty()) {
            throw unknownUser();
        }
        return token;
    }

    private Object lock(String token) {
        return locks[Math.floorMod(token.hashCode(), LOCK_STRIPES)];
    }

    private static String cleanName(String name, Role role) {
        String cleaned = name == null ? "" : name.strip().replaceAll("\\p{Cntrl}", "");
        if (cleaned.isEmpty()) {
            return role == Role.CUSTOMER ? "Customer" : "Agent";
        }
        return cleaned.length() > NAME_MAX_LENGTH ? cleaned.substring(0, NAME_MAX_LENGTH) : cleaned;
    }

    private static CobrowseException notFound(String token) {
        return new CobrowseException(ErrorCode.SESSION_NOT_FOUND, "No live session has this token");
    }

    private static CobrowseException unknownUser() {
        return new CobrowseException(ErrorCode.USER_NOT_FOUND, "No participant has this userToken");
    }
}
