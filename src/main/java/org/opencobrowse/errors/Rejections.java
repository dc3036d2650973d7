package org.opencobrowse.errors;

import java.util.Locale;

/** Told of every request refused with a catalogued error, on either channel, for metrics. Must not block. */
@FunctionalInterface
public interface Rejections {
    /** Where the refused request came: a REST call or a WebSocket frame. */
    enum Channel {
        REST, WEBSOCKET;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void rejected(ErrorCode code, Channel channel);
}
