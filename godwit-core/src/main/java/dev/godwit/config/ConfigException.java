package dev.godwit.config;

import dev.godwit.db.Secrets;
/**
 * A configuration the user has to fix (exit code 2). The message names the key, flag or environment variable
 * and the file it came from, so the user can act on it without a stack trace. It never carries a password:
 * every place that echoes user input runs it through {@link Secrets} first, and the message is redacted here
 * once more, for a URL echoed where it did not belong (pasted as a duration, say).
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(Secrets.redactUrl(message));
    }
}
