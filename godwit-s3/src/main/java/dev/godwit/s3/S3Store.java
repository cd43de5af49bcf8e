package dev.godwit.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.godwit.backup.BackupException;
import dev.godwit.backup.BackupId;
import dev.godwit.backup.BackupStore;
import dev.godwit.backup.Manifest;
import dev.godwit.config.BackupLocation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in an S3-compatible bucket: {@code <prefix>/<id>.dump[.enc]} (or {@code .tar}) with {@code <id>.json}
 * beside it, as in a folder. A backup's file is streamed in with a multipart upload that only becomes an object when
 * completed ({@link MultipartUpload}); a manifest is one PUT, which S3 makes visible whole. Credentials come from the
 * config (a profile, or an access key id with its secret in a file) or the AWS SDK's default chain; they are never
 * part of a message.
 */
final class S3Store implements BackupStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final S3Client s3;
    private final BackupLocation location;
    private final Errors errors;

    S3Store(S3Client s3, BackupLocation location) {
        this.s3 = s3;
        this.location = location;
        this.errors = new Errors(location);
    }

    static S3Store open(BackupLocation l) throws BackupException {
        var b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(region(l))
                .forcePathStyle(l.pathStyle())
                .credentialsProvider(credentials(l));
        l.endpoint().ifPresent(b::endpointOverride);
        try {
            return new S3Store(b.build(), l);
        } catch (SdkException e) {
            throw new Errors(l).of("opening", l.display(), e);
        }
    }

    /**
     * {@code s3_region}, else the environment's {@code AWS_REGION}; with an endpoint of another service, us-east-1
     * (most S3-compatible services ignore it or want exactly that); else the SDK's chain (profile, instance).
     */
    private static Region region(BackupLocation l) throws BackupException {
        if (l.region().isPresent()) {
            return Region.of(l.region().get());
        }
        for (String v : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            String r = System.getenv(v);
            if (r != null && !r.isBlank()) {
                return Region.of(r.trim());
            }
        }
        if (l.endpoint().isPresent()) {
            return Region.US_EAST_1;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new BackupException(BackupException.Kind.REFUSED, "no AWS region for " + l.display() + ": set"
                    + " [backup] s3_region (or AWS_REGION) to the bucket's region");
        }
    }

    private static AwsCredentialsProvider credentials(BackupLocation l) throws BackupException {
        if (l.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(l.accessKeyId().get(),
                    secret(l.secretAccessKeyFile().orElseThrow())));
        }
        if (l.profile().isPresent()) {
            return ProfileCredentialsProvider.create(l.profile().get());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The secret access key from its file, refused (like the backup key's file) when others may read it. */
    static String secret(Path file) throws BackupException {
        String where = "the secret access key file " + file + " ([backup] s3_secret_access_key_file)";
        if (!Files.isRegularFile(file)) {
            throw new BackupException(BackupException.Kind.REFUSED, where + " does not exist or is not a file");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new BackupException(BackupException.Kind.REFUSED, where + " may be read by other users (mode "
                        + PosixFilePermissions.toString(perms) + "); run `chmod 600 " + file + "` first");
            }
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX modes here: the folder's own access rules protect the file
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.REFUSED, "cannot read " + where + ": " + e.getMessage());
        }
        try {
            String s = Files.readString(file).trim();
            if (s.isEmpty()) {
                throw new BackupException(BackupException.Kind.REFUSED, where + " is empty");
            }
            return s;
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.REFUSED, "cannot read " + where + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return location.display();
    }

    @Override
    public String locate(Manifest m) {
        return url(m.file());
    }

    private String url(String name) {
        return BackupLocation.SCHEME + "://" + location.bucket() + "/" + location.key(name);
    }

    @Override
    public List<Manifest> manifests() throws BackupException {
        String prefix = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        List<Manifest> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(prefix).delimiter("/"))
                    .contents()) {
                String name = o.key().substring(prefix.length());
                if (name.endsWith(".json") && BackupId.isValid(name.substring(0, name.length() - 5))) {
                    out.add(read(o.key()));
                }
            }
        } catch (SdkException e) {
            throw errors.of("listing the backups in", describe(), e);
        }
        return out;
    }

    private Manifest read(String key) throws BackupException {
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(key)).asByteArray();
        try {
            return JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw BackupException.failed("the manifest s3://" + location.bucket() + "/" + key + " cannot be read ("
                    + e.getMessage().lines().findFirst().orElse("") + "); move it away or restore it from a copy");
        }
    }

    @Override
    public void write(Manifest m) throws BackupException {
        String name = m.id() + ".json";
        try {
            s3.putObject(encrypted(PutObjectRequest.builder().bucket(location.bucket()).key(location.key(name))
                    .contentType("application/json")).build(), RequestBody.fromBytes(JSON.writeValueAsBytes(m)));
        } catch (IOException e) {
            throw BackupException.failed("cannot write the manifest " + url(name) + ": " + e.getMessage());
        } catch (SdkException e) {
            throw errors.of("writing the manifest", url(name), e);
        }
    }

    /** Server-side encryption ({@code [backup] s3_sse}) of a new object; the bucket's default without it. */
    private PutObjectRequest.Builder encrypted(PutObjectRequest.Builder b) {
        location.sse().ifPresent(b::serverSideEncryption);
        location.kmsKeyId().ifPresent(b::ssekmsKeyId);
        return b;
    }

    @Override
    public void delete(Manifest m) throws BackupException {
        for (String name : List.of(m.file(), m.id() + ".json")) {
            try {
                s3.deleteObject(r -> r.bucket(location.bucket()).key(location.key(name)));
            } catch (SdkException e) {
                throw errors.of("removing", url(name), e);
            }
        }
    }

    @Override
    public Optional<Long> size(Manifest m) throws BackupException {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(location.bucket()).key(location.key(m.file())))
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !Errors.noBucket(e)) {
                return Optional.empty();
            }
            throw errors.of("reading", locate(m), e);
        } catch (SdkException e) {
            throw errors.of("reading", locate(m), e);
        }
    }

    @Override
    public InputStream open(Manifest m) throws IOException {
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(r -> r.bucket(location.bucket()).key(location.key(m.file())));
        } catch (SdkException e) {
            throw new IOException(errors.of("reading", locate(m), e).getMessage(), e);
        }
        return new FilterInputStream(response) {
            private boolean ended;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                ended |= n < 0;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (!ended) {
                    response.abort(); // stop the transfer instead of reading the rest of a large object to close it
                }
                response.close();
            }
        };
    }

    @Override
    public Upload upload(String id, String name) throws BackupException {
        return MultipartUpload.start(s3, location, location.key(name), url(name), errors);
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The client's endpoint, for messages (never the credentials). */
    static String endpoint(BackupLocation l) {
        return l.endpoint().map(URI::toString).orElse("AWS S3" + l.region().map(r -> " in " + r).orElse(""));
    }
}
