package dev.godwit.s3;

import dev.godwit.backup.BackupException;
import dev.godwit.backup.BackupStore;
import dev.godwit.config.BackupLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * One backup file streamed into the bucket as a multipart upload: the bytes are cut into parts held in memory (two
 * at most: one being sent while the next fills, so pg_dump does not wait for the network), and the object only
 * exists once the upload is completed. Until then nothing is visible; {@link #abort()} ends the upload so the bucket
 * keeps no parts (and, after completion, removes the object). Nothing is written to the local disk.
 */
final class MultipartUpload implements BackupStore.Upload {

    /** Parts of 8 MiB (S3's minimum is 5 MiB), growing by 8 MiB every 1,000 parts: 10,000 parts hold 440 GB. */
    static final int PART = 8 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String url;
    private final String uploadId;
    private final Errors errors;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final ExecutorService sender;
    private final OutputStream out = new PartStream();
    private Future<CompletedPart> inFlight;
    private byte[] buffer = new byte[PART];
    private byte[] spare;
    private int filled;
    private volatile boolean committed;
    private volatile boolean aborted;

    private MultipartUpload(S3Client s3, String bucket, String key, String url, String uploadId, Errors errors) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.url = url;
        this.uploadId = uploadId;
        this.errors = errors;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "godwit-s3-upload");
            t.setDaemon(true);
            return t;
        });
    }

    static MultipartUpload start(S3Client s3, BackupLocation l, String key, String url, Errors errors)
            throws BackupException {
        CreateMultipartUploadRequest.Builder b = CreateMultipartUploadRequest.builder().bucket(l.bucket()).key(key)
                .contentType("application/octet-stream");
        l.sse().ifPresent(b::serverSideEncryption);
        l.kmsKeyId().ifPresent(b::ssekmsKeyId);
        try {
            return new MultipartUpload(s3, l.bucket(), key, url, s3.createMultipartUpload(b.build()).uploadId(),
                    errors);
        } catch (SdkException e) {
            throw errors.of("starting the upload of", url, e);
        }
    }

    @Override
    public OutputStream out() {
        return out;
    }

    /** The part size for part {@code number} (from 1). */
    static int partSize(int number) {
        return PART * (1 + (number - 1) / 1000);
    }

    /** Sends the filled buffer as the next part, once the one before it is through. */
    private void send() throws IOException {
        awaitInFlight();
        int number = parts.size() + 1;
        byte[] bytes = buffer;
        int length = filled;
        inFlight = sender.submit(() -> {
            // A fresh stream for each attempt: the SDK may retry a part, and reads it twice to sign it over http.
            RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length),
                    length, "application/octet-stream");
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) length), body).eTag();
            return CompletedPart.builder().partNumber(number).eTag(etag).build();
        });
        int next = partSize(number + 1);
        // The buffer of the part before this one is free now (awaited above): it fills next when of the right size.
        buffer = spare != null && spare.length == next ? spare : new byte[next];
        spare = bytes;
        filled = 0;
    }

    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while a part of " + url + " was being sent");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException(c instanceof SdkException s ? errors.of("sending a part of", url, s).getMessage()
                    : String.valueOf(c), c);
        } finally {
            inFlight = null;
        }
    }

    @Override
    public void commit() throws IOException {
        if (aborted) {
            throw new IOException("the upload of " + url + " was aborted");
        }
        if (filled > 0 || parts.isEmpty() && inFlight == null) {
            send();
        }
        awaitInFlight();
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            committed = true;
        } catch (SdkException e) {
            throw new IOException(errors.of("completing the upload of", url, e).getMessage(), e);
        } finally {
            sender.shutdown();
        }
    }

    @Override
    public synchronized List<String> abort() {
        if (aborted) {
            return List.of();
        }
        aborted = true;
        Future<CompletedPart> f = inFlight;
        if (f != null) {
            f.cancel(true);
        }
        sender.shutdownNow();
        try {
            // A part still being sent could land after the abort and keep its storage: wait for the sender first.
            sender.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (committed) {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
                return List.of(url);
            }
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            return List.of("the multipart upload of " + url + " (aborted: no object was created)");
        } catch (SdkException e) {
            return List.of("not " + url + ": " + errors.of("aborting the upload of", url, e).getMessage()
                    + "; a bucket lifecycle rule (AbortIncompleteMultipartUpload) removes what is left");
        }
    }

    /** Fills parts; each full part is sent while the next fills. */
    private final class PartStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (aborted) {
                    throw new IOException("the upload of " + url + " was aborted");
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    send();
                }
            }
        }

        @Override
        public void close() {
            // commit() sends the last part; closing alone does not make the object
        }
    }
}
