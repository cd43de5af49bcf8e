package dev.godwit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar stream of a directory-format backup: what goes in comes out, a file over 8 GiB keeps its size (the
 * hand-written ustar header truncated it to 1 GiB), and a damaged or cut archive is refused with a reason.
 */
class TarTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFileAndSystemTarReadsIt() throws Exception {
        Files.writeString(dir.resolve("toc.dat"), "table of contents");
        Files.write(dir.resolve("3001.dat.gz"), new byte[0]);
        byte[] big = new byte[70_000];
        new java.util.Random(7).nextBytes(big);
        Files.write(dir.resolve("3002.dat.gz"), big);
        String longName = "x".repeat(120) + ".dat";
        Files.writeString(dir.resolve(longName), "long name");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.write(dir, out);

        Map<String, byte[]> read = new LinkedHashMap<>();
        Tar.read(new ByteArrayInputStream(out.toByteArray()), (name, size, in) -> read.put(name, in.readAllBytes()));
        assertThat(read.keySet()).containsExactly("3001.dat.gz", "3002.dat.gz", "toc.dat", longName);
        assertThat(read.get("3002.dat.gz")).isEqualTo(big);
        assertThat(new String(read.get(longName), StandardCharsets.UTF_8)).isEqualTo("long name");

        // What docs/backups.md promises: a plain directory backup unpacks with tar for pg_restore -j.
        Path archive = Files.write(dir.resolveSibling(dir.getFileName() + ".tar"), out.toByteArray());
        Process tar = new ProcessBuilder("tar", "-tf", archive.toString()).redirectErrorStream(true).start();
        String listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(listed).isZero();
        assertThat(listed.lines()).containsExactly("3001.dat.gz", "3002.dat.gz", "toc.dat", longName);
        Files.delete(archive);
    }

    /**
     * 8 GiB + 5 bytes, as a sparse file: the disk holds a few blocks, the stream carries every byte. The tar goes
     * through a pipe into the reader, never to disk, and both sides are compared by CRC-32C and size.
     */
    @Test
    void aFileOver8GiBKeepsItsSizeAndBytes() throws Exception {
        // On tmpfs a hole reads as the shared zero page; a disk file system would fill 8 GiB of page cache instead.
        Path shm = Path.of("/dev/shm");
        Path folder = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "godwit-tar-test") : Files.createDirectory(dir.resolve("big"));
        try {
            bigRoundTrip(folder);
        } finally {
            try (var files = Files.list(folder)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(folder);
        }
    }

    private void bigRoundTrip(Path dir) throws Exception {
        long size = 8L * 1024 * 1024 * 1024 + 5;
        Path table = dir.resolve("4242.dat");
        try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
            f.write("start".getBytes(StandardCharsets.US_ASCII));
            f.setLength(size);
            f.seek(size - 5);
            f.write("end!!".getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(dir.resolve("toc.dat"), "toc");
        long expected = crc(Files.newInputStream(table));

        Pipe pipe = new Pipe();
        Thread writer = new Thread(() -> {
            try (OutputStream out = pipe.out()) {
                Tar.write(dir, out);
            } catch (IOException e) {
                pipe.fail(e);
            }
        }, "tar-writer");
        writer.start();
        Map<String, long[]> seen = new LinkedHashMap<>();
        Tar.read(pipe.in(), (name, header, in) -> {
            Checksum crc = new CRC32C();
            long n = 0;
            byte[] buf = new byte[1 << 20];
            int k;
            while ((k = in.read(buf)) > 0) {
                crc.update(buf, 0, k);
                n += k;
            }
            seen.put(name, new long[] {header, n, crc.getValue()});
        });
        writer.join(TimeUnit.MINUTES.toMillis(5));
        assertThat(seen.keySet()).containsExactly("4242.dat", "toc.dat");
        assertThat(seen.get("4242.dat")[0]).as("size in the header").isEqualTo(size);
        assertThat(seen.get("4242.dat")[1]).as("bytes read").isEqualTo(size);
        assertThat(seen.get("4242.dat")[2]).as("CRC-32C").isEqualTo(expected);
    }

    @Test
    void aDamagedHeaderIsRefusedWithWhereAndWhy() throws Exception {
        Files.writeString(dir.resolve("toc.dat"), "table of contents");
        Files.writeString(dir.resolve("3001.dat"), "rows");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.write(dir, out);
        byte[] good = out.toByteArray();
        // The second entry's header: its size field (the first entry's data is one record).
        for (int at : new int[] {1024 + 124 + 9, 1024 + 140, 1024 + 3}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x01;
            assertThatThrownBy(() -> Tar.read(new ByteArrayInputStream(bad), (n, s, in) -> in.readAllBytes()))
                    .as("byte %d", at).isInstanceOf(BackupDamaged.class).hasMessageContaining("damaged header near byte 1024");
        }
    }

    @Test
    void anArchiveCutShortOrWithAStrangeEntryIsRefused() throws Exception {
        Files.writeString(dir.resolve("toc.dat"), "t".repeat(2000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.write(dir, out);
        byte[] good = out.toByteArray();
        for (int len : new int[] {1000, 512 + 2048, 512 + 2048 + 100}) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> Tar.read(new ByteArrayInputStream(cut), (n, s, in) -> in.readAllBytes()))
                    .as("cut at %d", len).isInstanceOf(BackupDamaged.class).hasMessageContaining("ends");
        }
        ByteArrayOutputStream evil = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(evil)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("../escape");
            e.setSize(1);
            tar.putArchiveEntry(e);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> Tar.read(new ByteArrayInputStream(evil.toByteArray()), (n, s, in) -> in.readAllBytes()))
                .isInstanceOf(BackupDamaged.class).hasMessageContaining("unexpected entry: ../escape");
    }

    private static long crc(InputStream in) throws IOException {
        try (in) {
            Checksum crc = new CRC32C();
            byte[] buf = new byte[1 << 20];
            int k;
            while ((k = in.read(buf)) > 0) {
                crc.update(buf, 0, k);
            }
            return crc.getValue();
        }
    }

    /** A pipe of 1 MiB chunks between two threads: the tar goes from writer to reader without touching the disk. */
    private static final class Pipe {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
        private volatile IOException failure;

        void fail(IOException e) {
            failure = e;
            chunks.offer(END);
        }

        OutputStream out() {
            return new OutputStream() {
                private final byte[] buf = new byte[1 << 20];
                private int used;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    while (len > 0) {
                        int n = Math.min(len, buf.length - used);
                        System.arraycopy(b, off, buf, used, n);
                        used += n;
                        off += n;
                        len -= n;
                        if (used == buf.length) {
                            flush();
                        }
                    }
                }

                @Override
                public void flush() throws IOException {
                    if (used > 0) {
                        put(Arrays.copyOf(buf, used));
                        used = 0;
                    }
                }

                @Override
                public void close() throws IOException {
                    flush();
                    put(END);
                }

                private void put(byte[] chunk) throws IOException {
                    try {
                        chunks.put(chunk);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
            };
        }

        InputStream in() {
            return new InputStream() {
                private byte[] cur = new byte[0];
                private int pos;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    while (pos == cur.length) {
                        if (cur == END) {
                            return -1;
                        }
                        try {
                            cur = chunks.take();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                        pos = 0;
                        if (failure != null) {
                            throw failure;
                        }
                    }
                    int n = Math.min(len, cur.length - pos);
                    System.arraycopy(cur, pos, b, off, n);
                    pos += n;
                    return n;
                }
            };
        }
    }
}
