package org.opencobrowse.errors;

/** A failure with a catalogued {@link ErrorCode}; its message is safe to show to the caller. */
public final class CobrowseException extends RuntimeException {
    private final ErrorCode code;

    public CobrowseException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
