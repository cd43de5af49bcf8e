package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads an {@link EncryptedFormat} file back, chunk by chunk. Each chunk is authenticated before any of its
 * bytes are handed on; a wrong key fails before the first byte, and a file that ends without its final chunk
 * fails at the end, so a reader that reaches EOF has read exactly what was written.
 */
final class DecryptingStream extends InputStream {

    private final PushbackInputStream in;
    private final EncryptedFormat.Header header;
    private final SecretKeySpec key;
    private final Cipher cipher = EncryptedFormat.cipher();
    private final byte[] sealed;
    private final byte[] plain;
    private int pos;
    private int end;
    private long index;
    private boolean done;

    DecryptingStream(InputStream raw, BackupKey backupKey) throws IOException {
        this.in = new PushbackInputStream(raw, 1);
        byte[] h = new byte[EncryptedFormat.HEADER_BYTES];
        this.header = EncryptedFormat.Header.parse(h, in.readNBytes(h, 0, h.length));
        if (!header.keyId().equals(backupKey.id())) {
            throw new BackupDamaged("it was encrypted with the key whose id is " + header.keyId() + ", but the key"
                    + " from " + backupKey.source() + " has id " + backupKey.id() + ": set the key it was made with");
        }
        this.key = EncryptedFormat.fileKey(backupKey, header);
        this.sealed = new byte[header.chunkSize() + EncryptedFormat.TAG_BYTES];
        this.plain = new byte[header.chunkSize() + EncryptedFormat.TAG_BYTES];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos == end) {
            if (done) {
                return -1;
            }
            next();
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(plain, pos, b, off, n);
        pos += n;
        return n;
    }

    private void next() throws IOException {
        int got = in.readNBytes(sealed, 0, sealed.length);
        int peek = in.read();
        boolean last = peek < 0;
        if (!last) {
            in.unread(peek);
        }
        long at = EncryptedFormat.HEADER_BYTES + index * sealed.length;
        if (got < EncryptedFormat.TAG_BYTES) {
            throw new BackupDamaged("it ends early: " + got + " byte(s) at offset " + at + " where chunk " + index
                    + " should be (the file was cut short)");
        }
        try {
            EncryptedFormat.init(cipher, Cipher.DECRYPT_MODE, key, header, index, last);
            end = cipher.doFinal(sealed, 0, got, plain, 0);
            pos = 0;
        } catch (AEADBadTagException e) {
            throw new BackupDamaged("chunk " + index + " (bytes " + at + " to " + (at + got) + ") fails"
                    + " authentication: the file was changed or damaged there" + (last ? ", or cut short" : ""));
        } catch (GeneralSecurityException e) {
            throw new IOException("decryption failed: " + e.getMessage(), e);
        }
        index++;
        done = last;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
