package org.opencobrowse.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records every log event of this JVM (the root logger) while open, for tests that read what was logged. */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this monitor while it adds
            return new ArrayList<>(appender.list);
        }
    }

    /** Everything an event shows: message, MDC values and key-value pairs, as one text. */
    public static String textOf(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(p -> text.append(' ').append(p.key).append('=').append(p.value));
        }
        if (event.getThrowableProxy() != null) {
            text.append(' ').append(event.getThrowableProxy().getMessage());
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
