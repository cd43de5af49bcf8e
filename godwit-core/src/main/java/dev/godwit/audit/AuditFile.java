package dev.godwit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An audit log in a file, one JSON object per line, hash-chained exactly as the database log is ({@link Chain}:
 * SHA-256, or HMAC-SHA256 with {@code GODWIT_AUDIT_KEY}, over {@code prev_hash + "\n" + canonical}). The canonical
 * text of a line is the line's object without {@code prev_hash} and {@code hash}, keys sorted at every level, no
 * whitespace. Used for a fleet run's aggregate record, which belongs to no single database.
 *
 * <p>Appends take an exclusive lock on the file, so several processes (the pods of an Indexed Job on a shared
 * volume) can append to one file and still form one chain.
 */
public final class AuditFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The last line is read from at most this far before the end; a line is far shorter. */
    private static final int TAIL = 1 << 20;

    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final Chain chain;

    public AuditFile(Path file, Optional<byte[]> hmacKey) {
        this.file = file;
        this.chain = new Chain(hmacKey);
    }

    public Path file() {
        return file;
    }

    /** Appends one line; returns its hash (the file's new head). */
    public String append(String action, String runId, Actor actor, Map<String, Object> details)
            throws IOException {
        // A file lock keeps other processes out; within this one, two writers of the same file must take turns
        // before it (the JVM refuses a second lock on a file it has locked).
        synchronized (IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object())) {
            return appendLocked(action, runId, actor, details);
        }
    }

    private String appendLocked(String action, String runId, Actor actor, Map<String, Object> details)
            throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            long seq = 1;
            String prev = Chain.GENESIS;
            Optional<JsonNode> last = lastLine(ch, file);
            if (last.isPresent()) {
                seq = last.get().path("seq").asLong() + 1;
                prev = last.get().path("hash").asText();
            }
            ObjectNode row = MAPPER.createObjectNode();
            row.put("seq", seq);
            row.put("at", Canonical.time(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            row.put("action", action);
            row.put("run_id", runId);
            row.put("os_user", actor.osUser());
            row.put("host", actor.host());
            row.set("ci", MAPPER.valueToTree(actor.ci()));
            row.put("ticket", actor.ticket());
            row.put("approver", actor.approver());
            row.set("details", MAPPER.valueToTree(details));
            String hash = chain.hash(prev, canonical(row));
            row.put("prev_hash", prev);
            row.put("hash", hash);
            byte[] line = (MAPPER.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8);
            ch.position(ch.size());
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
            return hash;
        }
    }

    /** Recomputes the chain line by line; the first line that breaks it is named. */
    public Verification verify(Optional<String> expectHead) throws IOException {
        List<ChainRules.Link> links = new ArrayList<>();
        if (Files.exists(file)) {
            long n = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = MAPPER.readTree(text);
                } catch (IOException e) {
                    links.add(new ChainRules.Link(n, "", "", false, false));
                    continue;
                }
                String prev = row.path("prev_hash").asText();
                String hash = row.path("hash").asText();
                ObjectNode body = ((ObjectNode) row).deepCopy();
                body.remove("prev_hash");
                body.remove("hash");
                String canonical = canonical(body);
                String plain = Chain.plain(prev, canonical);
                boolean consistent = (chain.keyed() ? chain.hash(prev, canonical) : plain).equals(hash);
                links.add(new ChainRules.Link(row.path("seq").asLong(n), prev, hash, consistent, plain.equals(hash)));
            }
        }
        return ChainRules.check(links, chain.keyed(), expectHead);
    }

    static String canonical(JsonNode node) throws IOException {
        return MAPPER.writeValueAsString(sorted(node));
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode o = MAPPER.createObjectNode();
            m.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            var a = MAPPER.createArrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }

    private static Optional<JsonNode> lastLine(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return Optional.empty();
        }
        int len = (int) Math.min(size, TAIL);
        ByteBuffer buf = ByteBuffer.allocate(len);
        ch.read(buf, size - len);
        String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).stripTrailing();
        int nl = tail.lastIndexOf('\n');
        String line = nl < 0 ? tail : tail.substring(nl + 1);
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(line));
        } catch (IOException e) {
            throw new IOException(file + " ends with a line that is not"
                    + " JSON (a write cut short?); `godwit fleet audit-verify` names it: " + e.getMessage(), e);
        }
    }
}
