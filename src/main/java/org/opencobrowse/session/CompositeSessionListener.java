package org.opencobrowse.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each session event to observers (metrics, audit), then to the primary listener (the realtime hub, whose
 * notifications are part of the protocol). Observers go first so that an event is counted and recorded before any
 * participant hears of it; a failure in one is logged and stops neither the session nor the other listeners, while a
 * failure of the primary fails the operation as before.
 */
public final class CompositeSessionListener implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeSessionListener.class);

    private final SessionListener primary;
    private final List<SessionListener> observers;

    public CompositeSessionListener(SessionListener primary, List<SessionListener> observers) {
        this.primary = primary;
        this.observers = List.copyOf(observers);
    }

    private void each(Consumer<SessionListener> event) {
        for (SessionListener observer : observers) {
            try {
                event.accept(observer);
            } catch (RuntimeException e) {
                LOG.error("Session listener {} failed", observer.getClass().getSimpleName(), e);
            }
        }
        event.accept(primary);
    }

    @Override
    public void created(CobrowseSession session) {
        each(l -> l.created(session));
    }

    @Override
    public void joined(CobrowseSession session, Participant participant) {
        each(l -> l.joined(session, participant));
    }

    @Override
    public void left(CobrowseSession session, Participant participant, String reason) {
        each(l -> l.left(session, participant, reason));
    }

    @Override
    public void activated(CobrowseSession session) {
        each(l -> l.activated(session));
    }

    @Override
    public void stopped(CobrowseSession session, Participant controller) {
        each(l -> l.stopped(session, controller));
    }

    @Override
    public void deactivated(CobrowseSession session) {
        each(l -> l.deactivated(session));
    }

    @Override
    public void controlRequested(CobrowseSession session, Participant agent) {
        each(l -> l.controlRequested(session, agent));
    }

    @Override
    public void controlDenied(CobrowseSession session, Participant customer, String agentUserId) {
        each(l -> l.controlDenied(session, customer, agentUserId));
    }

    @Override
    public void controlChanged(CobrowseSession session, Optional<String> previousHolder, String reason) {
        each(l -> l.controlChanged(session, previousHolder, reason));
    }

    @Override
    public void commandRejected(CobrowseSession session, String agentUserId, String action, String reason) {
        each(l -> l.commandRejected(session, agentUserId, action, reason));
    }
}
