package dev.godwit.cli.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format json}: logback's own JSON encoder on the stderr appender, one object per line (level,
 * logger, message, time...), for log shippers. Decided before picocli parses, like the log level, so that
 * logging during parsing is already in the chosen format.
 */
public final class LogFormat {

    private LogFormat() {}

    public static void apply(String[] args) {
        if (!json(args)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.start();
            console.stop();
            console.setEncoder(encoder);
            console.start();
        }
    }

    static boolean json(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format=json") || args[i].equals("--log-format") && i + 1 < args.length
                    && args[i + 1].equals("json")) {
                return true;
            }
        }
        return false;
    }
}
