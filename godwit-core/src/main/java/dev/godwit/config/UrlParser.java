package dev.godwit.config;

import dev.godwit.config.ConnectionUrls.UrlParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Splits one database URL into its parts. Both spellings users paste share one grammar after the scheme:
 * {@code [user[:password]@][host][:port][,host[:port]…][/database][?key=value&...]}, so one parser serves
 * {@code postgres://}, {@code postgresql://} and {@code jdbc:postgresql://}. libpq's keyword/value form
 * ({@code host=db1 dbname=ledger}, {@code service=ledger}) is read too.
 */
final class UrlParser {

    private static final String EXPECTED = "expected postgres://user:password@host:port/database,"
            + " postgresql://... or jdbc:postgresql://host:port/database";

    /** libpq parameter names whose pgjdbc property is spelled differently. */
    private static final Map<String, String> RENAMED = Map.of(
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "target_session_attrs", "targetServerType");

    /** libpq's target_session_attrs values in pgjdbc's targetServerType words. */
    private static final Map<String, String> SERVER_TYPES = Map.of(
            "any", "any", "read-write", "primary", "primary", "primary",
            "read-only", "secondary", "standby", "secondary", "prefer-standby", "preferSecondary");

    private final String url;
    private final String source;
    private final List<String> hosts = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private String service;
    private String database;
    private String user;
    private String password;
    private String sslMode;
    private String passFile;
    private final Map<String, String> params = new LinkedHashMap<>();

    private UrlParser(String url, String source) {
        this.url = url;
        this.source = source;
    }

    static UrlParts parse(String url, String source) throws ConfigException {
        UrlParser p = new UrlParser(url, source);
        if (isKeywords(url)) {
            p.keywords(url.trim());
        } else {
            p.parse();
        }
        return p.parts();
    }

    /** The parameters of a {@code pg_service.conf} section, read like a URL's (the file is named for messages). */
    static UrlParts parameters(Map<String, String> keyValues, String source) throws ConfigException {
        UrlParser p = new UrlParser("", source);
        for (Map.Entry<String, String> e : keyValues.entrySet()) {
            p.param(e.getKey(), e.getValue());
        }
        return p.parts();
    }

    private UrlParts parts() {
        return new UrlParts(List.copyOf(hosts), java.util.Collections.unmodifiableList(new ArrayList<>(ports)), database,
                user, password, sslMode, passFile, service, params);
    }

    /** {@code host=db1 dbname=ledger}: libpq's other form, recognised by a first word followed by '='. */
    static boolean isKeywords(String url) {
        return url.trim().matches("(?s)[A-Za-z_]+\\s*=.*");
    }

    static Optional<Integer> port(String text) {
        if (!text.matches("\\d{1,5}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(text);
        return n >= 1 && n <= 65535 ? Optional.of(n) : Optional.empty();
    }

    private void parse() throws ConfigException {
        String rest = stripScheme(url.trim());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);

        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo(authority.substring(0, at));
        }
        hostsAndPorts(at < 0 ? authority : authority.substring(at + 1));
        if (!path.isEmpty()) {
            database = decode(path, "the database name");
        }
        query(query);
    }

    private String stripScheme(String u) throws ConfigException {
        String lower = u.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (lower.startsWith(scheme)) {
                return u.substring(scheme.length());
            }
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return "/" + u.substring("jdbc:postgresql:".length()); // jdbc:postgresql:database
        }
        if (u.isEmpty()) {
            throw fail("it is empty; " + EXPECTED);
        }
        throw fail("it is not a PostgreSQL URL; " + EXPECTED);
    }

    private void userInfo(String info) throws ConfigException {
        int colon = info.indexOf(':');
        if (colon < 0) {
            user = decode(info, "the user name");
        } else {
            user = decode(info.substring(0, colon), "the user name");
            password = decode(info.substring(colon + 1), "the password");
        }
    }

    /** {@code host[:port][,host[:port]…]}: libpq's multi-host form; a host without a port gets the default. */
    private void hostsAndPorts(String authority) throws ConfigException {
        if (authority.isEmpty()) {
            return;
        }
        for (String hp : authority.split(",", -1)) {
            hostAndPort(hp);
        }
    }

    private void hostAndPort(String hp) throws ConfigException {
        String host;
        String portText = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) {
                throw fail("the IPv6 address has no closing ']'");
            }
            host = hp.substring(1, close);
            String after = hp.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw fail("unexpected '" + after + "' after the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = hp.lastIndexOf(':');
            host = decode(colon < 0 ? hp : hp.substring(0, colon), "the host");
            portText = colon < 0 ? null : hp.substring(colon + 1);
        }
        checkHost(host);
        hosts.add(host);
        ports.add(portText != null && !portText.isEmpty() ? parsePort(portText) : null);
    }

    private void checkHost(String h) throws ConfigException {
        if (h != null && h.startsWith("/")) {
            throw fail("host " + h + " is a Unix socket directory, and pgjdbc cannot use Unix sockets;"
                    + " use host=localhost to connect over TCP");
        }
    }

    private int parsePort(String text) throws ConfigException {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return port(text).orElseThrow(() -> fail("the port must be a number between 1 and 65535, not " + text));
        }
        // Not shown: in postgres://app:secret/db (the @host forgotten) the "port" is the password.
        String shown = text.isEmpty() ? UrlParts.safe(url, password)
                : UrlParts.safe(url, password).replace(":" + text, ":" + dev.godwit.db.Secrets.MASK);
        throw new ConfigException("the database URL from " + source + " is not valid: the port must be a number between"
                + " 1 and 65535; what stands there is not shown, since a password whose @host was left out reads as a"
                + " port (user:password@host:port): " + shown);
    }

    private void query(String query) throws ConfigException {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw fail("the parameter '" + pair + "' is not of the form key=value");
            }
            String key = decode(pair.substring(0, eq), "a parameter name");
            param(key, decode(pair.substring(eq + 1), "the value of " + key));
        }
    }

    private void param(String key, String value) throws ConfigException {
        switch (key) {
            case "user" -> user = value;
            case "password" -> password = value;
            case "dbname" -> database = value;
            case "host" -> {
                hosts.clear();
                for (String h : value.split(",", -1)) {
                    checkHost(h);
                    hosts.add(h);
                }
            }
            case "port" -> {
                ports.clear();
                for (String text : value.split(",", -1)) {
                    ports.add(text.isEmpty() ? null : parsePort(text));
                }
            }
            case "service" -> service = value;
            case "passfile" -> passFile = value;
            case "sslmode" -> sslMode = sslMode(value);
            case "target_session_attrs" -> params.put("targetServerType", serverType(value));
            default -> params.put(RENAMED.getOrDefault(key, key), value);
        }
    }

    private String sslMode(String value) throws ConfigException {
        String mode = value.toLowerCase(Locale.ROOT);
        if (!ConnectionUrls.SSL_MODES.contains(mode)) {
            throw fail("sslmode must be one of " + String.join(", ", ConnectionUrls.SSL_MODES) + ", not '" + value + "'");
        }
        return mode;
    }

    private String serverType(String value) throws ConfigException {
        String t = SERVER_TYPES.get(value.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw fail("target_session_attrs must be one of " + String.join(", ", SERVER_TYPES.keySet())
                    + ", not '" + value + "'");
        }
        return t;
    }

    /**
     * {@code key=value key='quoted value'}: libpq's keyword/value connection string. Spaces around '=' are
     * allowed; a quoted value may hold spaces, {@code \'} and {@code \\}.
     */
    private void keywords(String text) throws ConfigException {
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw fail("'" + text.substring(i).strip() + "' is not of the form key=value");
            }
            String key = text.substring(i, eq).strip();
            i = eq + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '\'') {
                i++;
                while (i < text.length() && text.charAt(i) != '\'') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i == text.length()) {
                    throw fail("the quoted value of " + key + " has no closing quote");
                }
                i++;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
            }
            param(key, value.toString());
        }
    }

    /** Strict percent-decoding: unlike URLDecoder, '+' stays '+' (it is common in passwords). */
    private String decode(String s, String what) throws ConfigException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            int pct = s.indexOf('%', i);
            int end = pct < 0 ? s.length() : pct;
            out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (pct < 0) {
                break;
            }
            if (!isHex(s, pct + 1) || !isHex(s, pct + 2)) {
                throw fail(what + " has a '%' that is not followed by two hex digits");
            }
            out.write(Integer.parseInt(s.substring(pct + 1, pct + 3), 16));
            i = pct + 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    private ConfigException fail(String reason) {
        // The reason may quote a part of the URL (a bad sslmode="...password=x" whose '&' was forgotten): redact it too.
        return new ConfigException(dev.godwit.db.Secrets.redactUrl("the database URL from " + source + " is not valid: "
                + reason + ": " + UrlParts.safe(url, password)));
    }
}
