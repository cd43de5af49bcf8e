package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what is written to it into {@link EncryptedFormat}'s chunks. A full chunk is sealed as "not last"
 * only once more bytes arrive, so the last chunk is always marked final, even when it is full or empty.
 * {@link #close()} seals it; a stream that is never closed leaves a file that reads as truncated.
 */
final class EncryptingStream extends OutputStream {

    private final OutputStream out;
    private final EncryptedFormat.Header header;
    private final SecretKeySpec key;
    private final Cipher cipher = EncryptedFormat.cipher();
    private final byte[] plain;
    private final byte[] sealed;
    private int filled;
    private long index;
    private boolean closed;

    EncryptingStream(OutputStream out, BackupKey backupKey, int chunkSize) throws IOException {
        this.out = out;
        this.header = EncryptedFormat.Header.fresh(backupKey, chunkSize);
        this.key = EncryptedFormat.fileKey(backupKey, header);
        this.plain = new byte[chunkSize];
        this.sealed = new byte[chunkSize + EncryptedFormat.TAG_BYTES];
        out.write(header.bytes());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == plain.length) {
                seal(false);
            }
            int n = Math.min(len, plain.length - filled);
            System.arraycopy(b, off, plain, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void seal(boolean last) throws IOException {
        try {
            EncryptedFormat.init(cipher, Cipher.ENCRYPT_MODE, key, header, index++, last);
            int n = cipher.doFinal(plain, 0, filled, sealed, 0);
            out.write(sealed, 0, n);
            filled = 0;
        } catch (GeneralSecurityException e) {
            throw new IOException("encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                seal(true);
            } finally {
                out.close();
            }
        }
    }
}
