package org.opencobrowse.session;

import java.util.Optional;

/** A participant's role, numbered as in Genesys: 1 customer, 2 agent, 3 controller (an agent who may stop). */
public enum Role {
    CUSTOMER(1), AGENT(2), CONTROLLER(3);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Agents and controllers: the support side of a session. */
    public boolean isAgentSide() {
        return this != CUSTOMER;
    }

    public static Optional<Role> ofCode(int code) {
        for (Role role : values()) {
            if (role.code == code) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
