package org.opencobrowse.config;

/** A configuration the node refuses to start with; the message says which option and why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
