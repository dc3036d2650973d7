package org.opencobrowse.realtime;

/**
 * WebSocket close codes the server uses, documented in docs/protocol.md. 4000–4099 are terminal (do not reconnect);
 * 4100–4199 ask the client to reconnect and {@code resume}.
 */
public enum CloseCode {
    NORMAL(1000, "normal"),
    GOING_AWAY(1001, "going_away"),
    TOO_BIG(1009, "too_big"),
    SESSION_ENDED(4000, "session_ended"),
    EXITED(4001, "exited"),
    REPLACED(4002, "replaced"),
    PROTOCOL_ERROR(4003, "protocol_error"),
    TOO_MANY_CONNECTIONS(4009, "too_many_connections"),
    SERVER_DRAINING(4100, "server_draining"),
    SLOW_CONSUMER(4101, "slow_consumer"),
    RATE_LIMITED(4102, "rate_limited");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean isTerminal() {
        return code >= 4000 && code < 4100;
    }
}
