package org.opencobrowse.session;

/**
 * One person in a session. {@code userToken} is the secret that identifies it on reconnect and for REST stop; it is
 * never sent to other participants. {@code userId} is the public id others see.
 */
public record Participant(String userId, String userToken, Role role, String name, long joinedAt) {
}
