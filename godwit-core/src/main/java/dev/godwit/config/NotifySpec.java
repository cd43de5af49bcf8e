package dev.godwit.config;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One {@code [[notify]]} webhook: where to POST, on which events, how long one attempt may take and how many
 * attempts it gets. The URL is a secret (a Slack webhook URL is its own credential): messages name its host only.
 */
public record NotifySpec(String name, URI url, Set<Event> events, Duration timeout, int attempts) {

    /** What a run tells the webhook about. */
    public enum Event {
        START, SUCCESS, FAILURE, REFUSAL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_ATTEMPTS = 4;

    public NotifySpec {
        events = Set.copyOf(events);
    }

    /** A webhook on every event, with the default timeout and attempts. */
    public static NotifySpec webhook(String name, URI url) {
        return new NotifySpec(name, url, Set.of(Event.values()), DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS);
    }

    /** For messages: the scheme and host, never the path or query that carry a token. */
    public String where() {
        return name + " (" + url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + ")";
    }
}
