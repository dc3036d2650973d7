package org.opencobrowse.session;

import java.util.Locale;

/** idle: created, no agent yet; active: an agent or controller joined; deactivated: ended, cannot be joined. */
public enum SessionState {
    IDLE, ACTIVE, DEACTIVATED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
