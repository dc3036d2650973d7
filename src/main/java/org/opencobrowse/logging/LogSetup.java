package org.opencobrowse.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.opencobrowse.config.OperationsConfig.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format at start-up ({@code log.format}): text uses logback.xml, which Logback loads by itself;
 * json reconfigures Logback from logback-json.xml (the same loggers and levels, one JSON object a line).
 */
public final class LogSetup {
    static final String JSON_CONFIG = "logback-json.xml";

    private LogSetup() {
    }

    public static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL config = LogSetup.class.getClassLoader().getResource(JSON_CONFIG);
        if (config == null) {
            throw new IllegalStateException(JSON_CONFIG + " is missing from the classpath");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("Logback could not read " + JSON_CONFIG, e);
        }
    }
}
