package org.opencobrowse.errors;

import java.util.Locale;

/**
 * The closed catalogue of errors, shared by REST ({@code {"error": code, "message": text}} with {@link #httpStatus})
 * and the realtime socket ({@code {"type": "error", "error": code, ...}}). Codes are stable machine strings.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    BAD_JSON(400),
    UNKNOWN_TYPE(400),
    FRAME_TOO_LARGE(413),
    NOT_JOINED(409),
    ALREADY_JOINED(409),
    SESSION_NOT_FOUND(404),
    SESSION_ENDED(404),
    SEAT_TAKEN(409),
    CUSTOMER_SECRET_INVALID(403),
    USER_NOT_FOUND(404),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    CONTROL_HELD(409),
    NOT_IN_CONTROL(403),
    TOO_MANY_AGENTS(429),
    TOO_MANY_SESSIONS(503),
    RATE_LIMITED(429),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    ORIGIN_NOT_ALLOWED(403),
    PAYLOAD_TOO_LARGE(413),
    TOO_MANY_CONNECTIONS(429),
    ASSET_NOT_ALLOWED(403),
    ASSET_UNAVAILABLE(502),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
