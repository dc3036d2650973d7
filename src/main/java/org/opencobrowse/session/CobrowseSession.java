package org.opencobrowse.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared state of one co-browse session, immutable: every change makes a new value, written through
 * {@link org.opencobrowse.store.SessionStore#update}. Times are UTC milliseconds; 0 means "not yet".
 *
 * @param token          the 9-digit code the customer reads to the agent
 * @param customerSecret proves the customer seat belongs to the creator of the session
 * @param hostNode       name of the node that hosts the session (its {@code sessionServerName})
 * @param hostUrl        that node's {@code cluster.serverUrl}, if set
 * @param participants   everyone who joined and has not left, in join order
 * @param nextUserNumber the number of the next userId ("u" + number)
 * @param controlHolder  userId of the agent the customer let act on the page (write mode); empty in pointer mode
 */
public record CobrowseSession(String token, String customerSecret, String hostNode, Optional<String> hostUrl,
                              String historyId, SessionState state, long creationTime, long activationTime,
                              long deactivationTime, Optional<EndReason> endReason, List<Participant> participants,
                              int nextUserNumber, Optional<String> controlHolder) {

    public CobrowseSession {
        participants = List.copyOf(participants);
    }

    public static CobrowseSession created(String token, String customerSecret, String hostNode,
                                          Optional<String> hostUrl, String historyId, long now) {
        return new CobrowseSession(token, customerSecret, hostNode, hostUrl, historyId, SessionState.IDLE, now, 0, 0,
                Optional.empty(), List.of(), 1, Optional.empty());
    }

    public boolean isEnded() {
        return state == SessionState.DEACTIVATED;
    }

    public Optional<Participant> participantByToken(String userToken) {
        return participants.stream().filter(p -> p.userToken().equals(userToken)).findFirst();
    }

    public Optional<Participant> participantById(String userId) {
        return participants.stream().filter(p -> p.userId().equals(userId)).findFirst();
    }

    public Optional<Participant> customer() {
        return participants.stream().filter(p -> p.role() == Role.CUSTOMER).findFirst();
    }

    public long agentSideCount() {
        return participants.stream().filter(p -> p.role().isAgentSide()).count();
    }

    public CobrowseSession withParticipant(Participant participant, long now) {
        List<Participant> list = new ArrayList<>(participants);
        list.add(participant);
        boolean activates = state == SessionState.IDLE && participant.role().isAgentSide();
        return new CobrowseSession(token, customerSecret, hostNode, hostUrl, historyId,
                activates ? SessionState.ACTIVE : state, creationTime, activates ? now : activationTime,
                deactivationTime, endReason, list, nextUserNumber + 1, controlHolder);
    }

    /** Removes a participant; one who held control gives it back. */
    public CobrowseSession withoutParticipant(String userToken) {
        Optional<String> leaving = participantByToken(userToken).map(Participant::userId);
        List<Participant> list = participants.stream().filter(p -> !p.userToken().equals(userToken)).toList();
        Optional<String> holder = controlHolder.equals(leaving) ? Optional.empty() : controlHolder;
        return new CobrowseSession(token, customerSecret, hostNode, hostUrl, historyId, state, creationTime,
                activationTime, deactivationTime, endReason, list, nextUserNumber, holder);
    }

    public CobrowseSession withControlHolder(Optional<String> userId) {
        return new CobrowseSession(token, customerSecret, hostNode, hostUrl, historyId, state, creationTime,
                activationTime, deactivationTime, endReason, participants, nextUserNumber, userId);
    }

    public CobrowseSession withHost(String node, Optional<String> url) {
        return new CobrowseSession(token, customerSecret, node, url, historyId, state, creationTime,
                activationTime, deactivationTime, endReason, participants, nextUserNumber, controlHolder);
    }

    public CobrowseSession deactivated(EndReason reason, long now) {
        return new CobrowseSession(token, customerSecret, hostNode, hostUrl, historyId, SessionState.DEACTIVATED,
                creationTime, activationTime, now, Optional.of(reason), participants, nextUserNumber, Optional.empty());
    }
}
