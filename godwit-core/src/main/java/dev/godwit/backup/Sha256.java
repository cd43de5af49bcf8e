package dev.godwit.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** SHA-256 and a byte count of what passes through a stream, on the way to disk or from it. */
final class Sha256 {

    private Sha256() {}

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Counts and hashes what is written; tells {@code progress} the running total. */
    static final class Out extends FilterOutputStream {
        private final MessageDigest md = digest();
        private final LongConsumer progress;
        private long bytes;

        Out(OutputStream out, LongConsumer progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            md.update(b, off, len);
            bytes += len;
            progress.accept(bytes);
        }

        long bytes() {
            return bytes;
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Counts and hashes what is read. */
    static final class In extends FilterInputStream {
        private final MessageDigest md = digest();
        private long bytes;

        In(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                bytes += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Every byte must pass through the digest, so skipping reads.
            int r = read(new byte[(int) Math.min(Math.max(n, 0), 8192)]);
            return Math.max(r, 0);
        }

        long bytes() {
            return bytes;
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
