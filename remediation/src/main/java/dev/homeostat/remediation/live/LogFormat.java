package dev.homeostat.remediation.live;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the live engine logs. {@code text}: logback's default configuration here ({@code logback.xml}: lines on stderr)
 * and the engine's event lines as plain text on stdout. {@code json}: everything — fabric8 (SLF4J), the engine's own
 * {@code System.Logger} messages and its event lines — as one JSON object per line on stdout ({@code logback-json.xml},
 * logback's {@code JsonEncoder}), what a cluster's log collector parses without a pattern.
 */
public enum LogFormat {
    TEXT, JSON;

    /** The logger the engine's event lines go to in JSON mode. */
    public static final String EVENTS_LOGGER = "dev.homeostat.engine.events";

    public static LogFormat parse(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("--log-format: '" + text + "' is neither text nor json");
        };
    }

    /**
     * Switches logging to this format and returns where the engine's event lines go: {@code plain} for text, the
     * {@value #EVENTS_LOGGER} logger for JSON.
     */
    public Consumer<String> install(Consumer<String> plain) {
        if (this == TEXT) return plain;
        ILoggerFactory factory;
        // SLF4J initialises under this lock: holding it waits out an initialisation another thread began (a library's
        // first log line), which would otherwise hand back its stand-in factory and leave the text format in place
        synchronized (LoggerFactory.class) {
            factory = LoggerFactory.getILoggerFactory();
        }
        if (!(factory instanceof LoggerContext context))
            throw new IllegalStateException("--log-format json needs logback behind SLF4J, found " + factory.getClass().getName());
        URL config = LogFormat.class.getClassLoader().getResource("logback-json.xml");
        if (config == null) throw new IllegalStateException("logback-json.xml is missing from the class path");
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("logback-json.xml: " + e.getMessage(), e);
        }
        Logger events = LoggerFactory.getLogger(EVENTS_LOGGER);
        return events::info;
    }
}
