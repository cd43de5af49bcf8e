package dev.godwit.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL (Liquibase 4.x documentation, "Example SQL changelogs"): a file whose first line is
 * {@code --liquibase formatted sql}, cut into changesets by {@code --changeset author:id [attribute:value …]} lines,
 * each with its {@code --rollback} lines.
 *
 * <p>Each changeset is one migration, numbered {@code <file number>.<position>} ({@code 001_accounts.sql}'s second
 * changeset is version 1.2): the changeset is what Liquibase records, runs in its own transaction and rolls back,
 * and a Liquibase changelog grows by appending changesets to a file, so a file as one migration would turn each
 * append into an edit of an applied migration. Every script is the whole file with the other lines blanked, so that
 * file:line in any message points into the real file.
 */
public final class LiquibaseSql {

    static final Pattern HEADER = Pattern.compile("(?i)--\\s*liquibase\\s+formatted\\s+sql.*");
    private static final Pattern NAME = Pattern.compile("(\\d+)[-_](.+)\\.sql");
    private static final Pattern CHANGESET = Pattern.compile("(?i)--\\s*changeset\\b\\s*(.*)");
    private static final Pattern ROLLBACK = Pattern.compile("(?i)--\\s*rollback\\b\\s?(.*)");
    private static final Pattern PRECONDITION = Pattern.compile("(?i)--\\s*precondition.*");
    /** Markers that would make Godwit run (or not undo) what Liquibase would not: refused rather than misread. */
    private static final Pattern UNREAD = Pattern.compile("(?i)(--\\s*ignoreLines|/\\*\\s*liquibase\\s+rollback).*");
    /** The statement boundary the splitter reads (it was written for goose; the text is sent without it). */
    private static final String BOUNDARY = "-- +goose StatementBegin";
    private static final String END = "-- +goose StatementEnd";

    /** A changeset as Liquibase identifies it, and the version Godwit gives it. */
    public record Changeset(String author, String id, Version version) {}

    private LiquibaseSql() {}

    public static boolean is(String text) {
        return HEADER.matcher(text.split("\n", 2)[0].strip()).matches();
    }

    /** The changesets of a file by identity, for {@code baseline --from liquibase}; empty when it has problems. */
    public static List<Changeset> changesets(String fileName, String text) {
        Location.Resource r = new Location.Resource(java.nio.file.Path.of(fileName), fileName, new byte[0]);
        List<Changeset> out = new ArrayList<>();
        parse(r, text, out);
        return out;
    }

    /**
     * Every changeset's up text in one, line for line (changesets hold disjoint lines), each header line ending any
     * statement before it, as a changeset's end does in Liquibase: what {@code godwit lint FILE} judges.
     * The text itself when the file has problems (validate reports them).
     */
    static String allChangesets(Location.Resource file, String text) {
        FormatReader.Read read = read(file, text);
        if (!read.problems().isEmpty()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = CHANGESET.matcher(lines[i].strip()).matches() ? END : "";
        }
        for (MigrationScript script : read.scripts()) {
            if (script.kind() != MigrationKind.VERSIONED) {
                continue;
            }
            String[] own = script.text().split("\n", -1);
            for (int i = 0; i < own.length && i < out.length; i++) {
                if (!own[i].isEmpty()) {
                    out[i] = own[i];
                }
            }
        }
        return String.join("\n", out);
    }

    static FormatReader.Read read(Location.Resource file, String text) {
        return parse(file, text, new ArrayList<>());
    }

    private static FormatReader.Read parse(Location.Resource file, String text, List<Changeset> identities) {
        String fileName = file.path().getFileName().toString();
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            return problem(file, 1, "needs a number first in its name to give its changesets an order and versions,"
                    + " such as 001_" + fileName + " (Liquibase's includeAll runs files in name order too)");
        }
        String[] lines = text.split("\n", -1);
        if (!is(text)) {
            return problem(file, 1, "does not start with '--liquibase formatted sql'; Liquibase reads a file as"
                    + " formatted SQL only when that is its first line");
        }
        List<int[]> spans = new ArrayList<>(); // [header line, end (exclusive)]
        for (int i = 1; i < lines.length; i++) {
            String s = lines[i].strip();
            if (PRECONDITION.matcher(s).matches()) {
                return problem(file, i + 1, "Godwit does not evaluate Liquibase preconditions (a changeset that"
                        + " is skipped or fails by a condition would leave the history unclear); remove the line and"
                        + " write the condition into the SQL (IF NOT EXISTS, or a DO block that checks it)");
            }
            if (UNREAD.matcher(s).matches()) {
                return problem(file, i + 1, "Godwit does not read '" + s + "' (ignoreLines would run lines Liquibase"
                        + " skips; a /* liquibase rollback */ block would be no rollback at all); delete the ignored"
                        + " lines, and write a rollback as --rollback lines");
            }
            if (CHANGESET.matcher(s).matches()) {
                if (!spans.isEmpty()) {
                    spans.get(spans.size() - 1)[1] = i;
                }
                spans.add(new int[] {i, lines.length});
            } else if (spans.isEmpty() && !s.isEmpty() && !s.startsWith("--")) {
                return problem(file, i + 1, "holds SQL before its first '--changeset author:id' line; Liquibase"
                        + " runs only what is in a changeset: move it below one");
            }
        }
        if (spans.isEmpty()) {
            return problem(file, 1, "has no '--changeset author:id' line; each change in a formatted SQL file"
                    + " starts with one");
        }
        List<MigrationScript> scripts = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) {
            int header = spans.get(k)[0];
            int end = spans.get(k)[1];
            Matcher c = CHANGESET.matcher(lines[header].strip());
            c.matches();
            String[] words = c.group(1).isBlank() ? new String[0] : c.group(1).strip().split("\\s+");
            int colon = words.length == 0 ? -1 : words[0].indexOf(':');
            if (colon <= 0 || colon == words[0].length() - 1) {
                return problem(file, header + 1, "this changeset has no " + (colon == 0 || words.length == 0
                        ? "author" : "id") + "; write '--changeset author:id', such as '--changeset alice:"
                        + (k + 1) + "' (Liquibase identifies a changeset by its id, author and file)");
            }
            Version version = Version.parse(name.group(1) + "." + (k + 1));
            String author = words[0].substring(0, colon);
            String id = words[0].substring(colon + 1);
            identities.add(new Changeset(author, id, version));
            Optional<String> outside = Optional.empty();
            boolean split = true;
            String delimiter = ";";
            for (int w = 1; w < words.length; w++) {
                int at = words[w].indexOf(':');
                String key = at < 0 ? words[w] : words[w].substring(0, at);
                String value = at < 0 ? "" : words[w].substring(at + 1);
                switch (key) {
                    case "runInTransaction" -> outside = value.equalsIgnoreCase("false")
                            ? Optional.of(file.script() + ":" + (header + 1)
                                    + ": the changeset says runInTransaction:false")
                            : Optional.empty();
                    case "splitStatements" -> split = !value.equalsIgnoreCase("false");
                    case "endDelimiter" -> delimiter = value;
                    case "stripComments", "comment" -> { } // comments are sent or not: the same change either way
                    default -> {
                        return problem(file, header + 1, "Godwit does not read the changeset attribute '" + key
                                + "' (it reads runInTransaction, splitStatements, endDelimiter and stripComments);"
                                + " remove it, or keep this changelog on Liquibase");
                    }
                }
            }
            if (delimiter.isEmpty()) {
                return problem(file, header + 1, "endDelimiter has no value; write endDelimiter:/ (or the word the"
                        + " statements end with)");
            }
            String[] up = new String[lines.length];
            String[] down = new String[lines.length];
            boolean hasDown = false;
            for (int i = 0; i < lines.length; i++) {
                up[i] = "";
                down[i] = "";
                if (i <= header || i >= end) {
                    continue;
                }
                Matcher rb = ROLLBACK.matcher(lines[i].strip());
                if (rb.matches()) {
                    String sql = rb.group(1).strip();
                    if (!sql.equalsIgnoreCase("not required") && !sql.equalsIgnoreCase("empty")) {
                        // The "--rollback " prefix becomes blanks: columns stay where they are in the file.
                        int from = lines[i].length() - rb.group(1).length();
                        down[i] = " ".repeat(from) + rb.group(1);
                        hasDown |= !sql.isEmpty();
                    }
                } else {
                    up[i] = lines[i];
                }
            }
            if (!split) {
                up[header] = BOUNDARY; // everything up to the changeset's end is one statement
            } else if (!delimiter.equals(";")) {
                up[header] = BOUNDARY;
                for (int i = header + 1; i < end; i++) {
                    String line = up[i].stripTrailing();
                    if (line.regionMatches(true, line.length() - delimiter.length(), delimiter, 0, delimiter.length())
                            && line.length() >= delimiter.length()) {
                        up[i] = line.substring(0, line.length() - delimiter.length()) + " " + BOUNDARY;
                    }
                }
            }
            String description = id + " by " + author;
            scripts.add(script(new MigrationName(MigrationKind.VERSIONED, version, description), file,
                    upTo(up, end), outside));
            if (hasDown) {
                scripts.add(script(new MigrationName(MigrationKind.UNDO, version, description), file,
                        upTo(down, end), outside));
            }
        }
        return new FormatReader.Read(MigrationFormat.LIQUIBASE, scripts, List.of());
    }

    /**
     * The lines before {@code end}, without trailing blanks: what follows a changeset is not part of it, so that
     * appending a changeset to the file (Liquibase's way) leaves the earlier ones' text and checksum as they were.
     */
    private static String upTo(String[] lines, int end) {
        return String.join("\n", java.util.Arrays.copyOf(lines, end)).stripTrailing() + "\n";
    }

    private static MigrationScript script(MigrationName name, Location.Resource file, String text,
                                          Optional<String> outside) {
        return new MigrationScript(name, file.path(), file.script(), text, Checksums.sha256(text), outside);
    }

    private static FormatReader.Read problem(Location.Resource file, int line, String message) {
        return new FormatReader.Read(MigrationFormat.LIQUIBASE, List.of(),
                List.of(new ScanProblem(file.path(), line, message)));
    }
}
