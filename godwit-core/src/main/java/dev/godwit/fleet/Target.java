package dev.godwit.fleet;

import dev.godwit.db.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One database (or one tenant schema in a database) of a fleet. The URL is a secret: {@link #toString()} never
 * shows it, and messages name a target by {@link #name()} only.
 *
 * @param name   unique in the fleet; what the summary, the audit record and {@code --shard} go by
 * @param url    the connection URL, or null when {@code urlEnv} names the variable that holds it
 * @param urlEnv the environment variable holding the URL (a Kubernetes Secret mounted as a variable), or null
 * @param tags   free words; {@code canary} puts the target in the canary wave
 * @param schema the tenant schema: {@code search_path} is set to it, {@code ${tenant_schema}} names it in
 *               migrations, and Godwit's history, lock and audit log live in {@code godwit_<schema>}; empty for a
 *               whole database
 */
public record Target(String name, String url, String urlEnv, List<String> tags, Optional<String> schema) {

    public static final String CANARY = "canary";

    public Target {
        tags = tags == null ? List.of() : List.copyOf(tags);
        schema = schema == null ? Optional.empty() : schema;
    }

    public boolean canary() {
        return tags.contains(CANARY);
    }

    /** The URL to connect with: the given one, or the variable's value; a missing variable is a clear error. */
    public String resolveUrl(Map<String, String> env) throws FleetException {
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (urlEnv == null || urlEnv.isBlank()) {
            throw new FleetException("target " + name + " has neither url nor url_env; give one of them");
        }
        String v = env.get(urlEnv);
        if (v == null || v.isBlank()) {
            throw new FleetException("target " + name + ": the variable " + urlEnv + " (its url_env) is not set;"
                    + " set it, or mount the Secret that holds it");
        }
        return v;
    }

    @Override
    public String toString() {
        return "Target[name=" + name + ", url=" + (url == null ? null : Secrets.redactUrl(url)) + ", urlEnv=" + urlEnv
                + ", tags=" + tags + ", schema=" + schema + "]";
    }
}
