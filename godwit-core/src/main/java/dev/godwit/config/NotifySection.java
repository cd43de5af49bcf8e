package dev.godwit.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code [[notify]]}: webhooks told about a run. {@code url}, or {@code url_env} naming the environment variable that
 * holds it (a Slack webhook URL is a credential and is better kept out of the file).
 */
record NotifySection(List<Target> targets) implements Section {

    record Target(String name, String url, String urlEnv, List<String> events, Duration timeout, Integer attempts) {}

    @Override
    public void check(Where where) throws ConfigException {
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String table = "[[notify]] #" + (i + 1) + " in " + where.file();
            if ((t.url() == null) == (t.urlEnv() == null)) {
                throw new ConfigException(table + " needs exactly one of url and url_env (the name of an environment"
                        + " variable holding the URL)");
            }
            for (String e : t.events() == null ? List.<String>of() : t.events()) {
                event(e, table);
            }
            if (t.attempts() != null && (t.attempts() < 1 || t.attempts() > 20)) {
                throw new ConfigException(table + ": attempts must be from 1 to 20, not " + t.attempts());
            }
            if (t.timeout() != null && (t.timeout().isZero() || t.timeout().isNegative())) {
                throw new ConfigException(table + ": timeout must be more than 0, such as \"5s\"");
            }
        }
    }

    private static NotifySpec.Event event(String word, String table) throws ConfigException {
        try {
            return NotifySpec.Event.valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(table + ": events has \"" + word + "\"; the events are start, success,"
                    + " failure and refusal");
        }
    }

    static List<NotifySpec> resolve(NotifySection s, Map<String, String> env) throws ConfigException {
        List<NotifySpec> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (int i = 0; i < s.targets().size(); i++) {
            Target t = s.targets().get(i);
            String table = "[[notify]] #" + (i + 1);
            String url = t.url() != null ? t.url() : env.get(t.urlEnv());
            if (url == null || url.isBlank()) {
                throw new ConfigException(table + ": url_env names " + t.urlEnv() + ", which is not set; export it"
                        + " with the webhook's URL");
            }
            URI uri;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(table + ": the url is not a valid URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(table + ": the url must be an http:// or https:// URL with a host");
            }
            Set<NotifySpec.Event> events = EnumSet.noneOf(NotifySpec.Event.class);
            for (String e : t.events() == null ? List.of("start", "success", "failure", "refusal") : t.events()) {
                events.add(event(e, table));
            }
            out.add(new NotifySpec(t.name() != null ? t.name() : "notify#" + (i + 1), uri, events,
                    t.timeout() != null ? t.timeout() : NotifySpec.DEFAULT_TIMEOUT,
                    t.attempts() != null ? t.attempts() : NotifySpec.DEFAULT_ATTEMPTS));
        }
        return out;
    }
}
