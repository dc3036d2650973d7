package org.opencobrowse.session;

import java.util.Locale;

/** Why a session was deactivated; the wire name is sent in {@code deactivated} notifications. */
public enum EndReason {
    CUSTOMER_EXIT, CONTROLLER_STOP, AGENTS_LEFT, IDLE_TIMEOUT, INACTIVITY_TIMEOUT, MAX_DURATION, DISCONNECTED,
    NODE_SHUTDOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
