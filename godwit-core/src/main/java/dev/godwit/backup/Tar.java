package dev.godwit.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A pg_dump directory as one tar stream (through the same checksum and encryption as a custom-format file), so
 * a plain one unpacks with {@code tar xf} for {@code pg_restore -j}. Written and read by commons-compress, not
 * by hand: POSIX (pax) headers carry sizes over 8 GiB — pg_dump writes one file per table, so the largest
 * table's file is where ustar's 11 octal digits end — and long names; the reader refuses a header whose
 * checksum does not add up, instead of trusting its size field.
 */
final class Tar {

    private static final int RECORD = 512;

    private Tar() {}

    /** Writes every file of {@code dir} (sorted by name), then the end-of-archive records. */
    static void write(Path dir, OutputStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        // Whole seconds: a fractional time would add a pax header to every entry for nothing.
        FileTime now = FileTime.fromMillis(System.currentTimeMillis() / 1000 * 1000);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new Unclosed(out));
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (Path f : files) {
            TarArchiveEntry e = new TarArchiveEntry(f.getFileName().toString());
            e.setSize(Files.size(f));
            e.setMode(0100600);
            e.setModTime(now);
            tar.putArchiveEntry(e);
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 20]; // a table's file may be many GiB: few, large reads
                int n;
                while ((n = in.read(buf)) > 0) {
                    tar.write(buf, 0, n);
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** Hears each entry of a tar stream; {@code in} holds exactly that entry's bytes. */
    @FunctionalInterface
    interface EntryHandler {
        void entry(String name, long size, InputStream in) throws IOException;
    }

    /**
     * Reads a tar stream to its end-of-archive record, handing each regular file to {@code handler}; a damaged
     * header (checksum), an unexpected entry or an archive cut short is a {@link BackupDamaged}.
     */
    static void read(InputStream in, EntryHandler handler) throws IOException {
        Counting counted = new Counting(in);
        TarArchiveInputStream tar = new TarArchiveInputStream(counted);
        long end = RECORD; // where the end-of-archive record must at least reach
        TarArchiveEntry e;
        while ((e = next(tar, counted)) != null) {
            if (!e.isCheckSumOK()) {
                throw new BackupDamaged("the archive inside it has a damaged header near byte " + (counted.count - RECORD)
                        + " (its checksum does not add up)");
            }
            String name = e.getName();
            if (!e.isFile() || name.contains("/") || name.startsWith(".") || name.isEmpty()) {
                throw new BackupDamaged("the archive inside it holds an unexpected entry: " + name);
            }
            long start = counted.count;
            InputStream entry = new Checked(tar, counted, name);
            handler.entry(name, e.getSize(), entry);
            entry.transferTo(OutputStream.nullOutputStream());
            if (counted.count - start < e.getSize()) {
                throw new BackupDamaged("the archive inside it ends in the middle of " + name);
            }
            end = start + (e.getSize() + RECORD - 1) / RECORD * RECORD + RECORD;
        }
        if (counted.count < end) {
            throw new BackupDamaged("the archive inside it ends early (no end-of-archive record)");
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, Counting counted) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (BackupDamaged e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupDamaged("the archive inside it has a damaged header near byte " + Math.max(0, counted.count - RECORD) + " ("
                    + e.getMessage() + ")");
        }
    }

    /** Writes each entry of a tar stream into {@code dir}, or only the one named {@code only} when not null. */
    static void extract(InputStream in, Path dir, String only) throws IOException {
        read(in, (name, size, entry) -> {
            if (only == null || only.equals(name)) {
                try (OutputStream out = FolderStore.createPrivate(dir.resolve(name))) {
                    entry.transferTo(out);
                }
            }
        });
    }

    /**
     * An entry's bytes: the tar reader's own complaints ("Truncated TAR archive") mean the archive is damaged,
     * while a failure of the stream under it (a read error, a chunk that fails authentication) keeps its own words.
     */
    private static final class Checked extends FilterInputStream {
        private final Counting under;
        private final String name;

        Checked(InputStream tar, Counting under, String name) {
            super(tar);
            this.under = under;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                if (e instanceof BackupDamaged || under.failed) {
                    throw e;
                }
                throw new BackupDamaged("the archive inside it ends in the middle of " + name + " (" + e.getMessage()
                        + ")");
            }
        }
    }

    /** Counts what the tar reader took, to tell an archive cut short from one that ended properly. */
    private static final class Counting extends FilterInputStream {
        long count;
        boolean failed;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                count += Math.max(0, n);
                return n;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                long k = super.skip(n);
                count += Math.max(0, k);
                return k;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    /** The backup's stream goes on after the archive (the caller closes it): finishing the tar must not close it. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
