package dev.godwit.fleet;

import dev.godwit.db.ConnectionSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's connection: the database's URL with {@code options=-c search_path=<schema>} added. A startup option,
 * not a SET, because Godwit puts each session back to its connection-time state between migrations (RESET ALL):
 * a startup option is that state, a SET would be undone after the first migration.
 */
public final class TenantUrls {

    private TenantUrls() {}

    /** {@code url} (URL or keyword/value form) with the tenant's search_path; a URL that sets options already is refused. */
    public static String withSearchPath(String url, String schema, String targetName) throws FleetException {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("options=")) {
            throw new FleetException("target " + targetName + ": its URL sets options already; a tenant schema"
                    + " needs options for its search_path. Put search_path into that options value and drop the"
                    + " target's schema, or drop the options");
        }
        String option = "-c search_path=" + schema;
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://") || lower.startsWith("jdbc:")) {
            return url + (url.contains("?") ? "&" : "?") + "options=" + encode(option);
        }
        return url + " options='" + option + "'";
    }

    /** The settings of the base configuration as a URL, password included: the database whose schemas are tenants. */
    public static String of(ConnectionSettings c) {
        StringBuilder sb = new StringBuilder(c.jdbcUrl()).append("?user=").append(encode(c.user()));
        if (c.password() != null) {
            sb.append("&password=").append(encode(c.password()));
        }
        if (c.sslMode() != null) {
            sb.append("&sslmode=").append(encode(c.sslMode()));
        }
        for (Map.Entry<String, String> p : c.params().entrySet()) {
            sb.append('&').append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
