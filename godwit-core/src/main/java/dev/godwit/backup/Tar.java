package dev.godwit.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The least of POSIX ustar that a pg_dump directory needs: flat regular files with short names. A directory
 * backup is one tar stream (through the same checksum and encryption as a custom-format file), so a plain
 * one unpacks with {@code tar xf} for {@code pg_restore -j}.
 */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {}

    /** Writes every file of {@code dir} (sorted by name), then the two zero blocks that end an archive. */
    static void write(Path dir, OutputStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            long size = Files.size(f);
            out.write(header(f.getFileName().toString(), size));
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            }
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            out.write(new byte[pad]);
        }
        out.write(new byte[2 * BLOCK]);
    }

    private static byte[] header(String name, long size) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 99) {
            throw new IOException("file name too long for the backup archive: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, 0600);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, System.currentTimeMillis() / 1000);
        h[156] = '0';
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = String.format("%0" + (len - 1) + "o", value);
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    }

    /** Hears each entry of a tar stream; {@code in} holds exactly that entry's bytes. */
    @FunctionalInterface
    interface EntryHandler {
        void entry(String name, long size, InputStream in) throws IOException;
    }

    /** Reads a tar stream to its end, handing each regular file to {@code handler}. */
    static void read(InputStream in, EntryHandler handler) throws IOException {
        byte[] h = new byte[BLOCK];
        while (true) {
            if (in.readNBytes(h, 0, BLOCK) < BLOCK) {
                throw new BackupDamaged("the archive inside it ends early (no end-of-archive blocks)");
            }
            if (isZero(h)) {
                return;
            }
            int nameEnd = 0;
            while (nameEnd < 100 && h[nameEnd] != 0) {
                nameEnd++;
            }
            String name = new String(h, 0, nameEnd, StandardCharsets.UTF_8);
            long size = Long.parseLong(new String(h, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            if (name.contains("/") || name.startsWith(".")) {
                throw new BackupDamaged("the archive inside it holds an unexpected entry: " + name);
            }
            Bounded entry = new Bounded(in, size);
            handler.entry(name, size, entry);
            entry.skipRest();
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        }
    }

    /** Writes each entry of a tar stream into {@code dir}, or only the one named {@code only} when not null. */
    static void extract(InputStream in, Path dir, String only) throws IOException {
        read(in, (name, size, entry) -> {
            if (only == null || only.equals(name)) {
                try (OutputStream out = BackupStore.createPrivate(dir.resolve(name))) {
                    entry.transferTo(out);
                }
            }
        });
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The next {@code remaining} bytes of a stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new BackupDamaged("the archive inside it ends in the middle of a file");
            }
            remaining -= n;
            return n;
        }

        void skipRest() throws IOException {
            while (remaining > 0) {
                if (read(new byte[8192], 0, 8192) < 0) {
                    return;
                }
            }
        }
    }
}
