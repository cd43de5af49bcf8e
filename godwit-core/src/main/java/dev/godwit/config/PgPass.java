package dev.godwit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads libpq's password file ({@code ~/.pgpass} or {@code PGPASSFILE}) exactly as psql does, so a password
 * that works for psql works for Godwit: lines {@code host:port:database:user:password}, {@code *} matches
 * anything, {@code \:} and {@code \\} escape, {@code #} starts a comment line, first match wins.
 */
public final class PgPass {

    private static final Logger LOG = LoggerFactory.getLogger(PgPass.class);

    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PgPass() {}

    /** The password for this connection, or empty when the file is missing, unsafe, unreadable or has no match. */
    public static Optional<String> lookup(Path file, String host, int port, String database, String user) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (isGroupOrWorldAccessible(file)) {
            // libpq refuses such a file too; a warning rather than an error, as libpq does.
            LOG.warn("password file {} has group or world access; permissions should be u=rw (0600) or less; ignoring it",
                    file);
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("could not read password file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() >= 5 && matches(fields, wanted)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(List<String> fields, String[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            String f = fields.get(i);
            if (!f.equals("*") && !f.equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }

    /** Splits on unescaped ':' and unescapes. Like libpq, an unescaped ':' ends the password too. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }

    private static boolean isGroupOrWorldAccessible(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().anyMatch(TOO_OPEN::contains);
        } catch (UnsupportedOperationException e) {
            return false; // not a POSIX file system (Windows): libpq does not check there either
        } catch (IOException e) {
            return false; // the read below will fail and say so
        }
    }
}
