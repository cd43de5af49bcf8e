package dev.godwit.backup;

import dev.godwit.config.BackupSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where backups are kept: each backup is one file (the dump, encrypted when a key is set) with its manifest beside
 * it. The folder {@code [backup] dir} ({@link FolderStore}) is built in; other stores come from a {@link Provider}
 * on the class path ({@code godwit-s3} brings {@code s3://}, and the CLI ships it), so an application that embeds
 * Godwit does not carry a cloud SDK it never uses. Everything above this seam (create, verify, restore, prune,
 * retention) is the same for every store.
 */
public interface BackupStore extends AutoCloseable {

    /** Where the store is, for messages: a folder, or {@code s3://bucket/prefix/}. */
    String describe();

    /** Where the backup's file is, for messages and the list: a path, or an object's URL. */
    String locate(Manifest m);

    /** Every backup with a readable manifest, in any order. */
    List<Manifest> manifests() throws BackupException;

    /** Writes (or replaces) a manifest, all at once: a reader never sees half of one. */
    void write(Manifest m) throws BackupException;

    /** Removes a backup: its file first, then its manifest, so a crash between leaves no orphan manifest. */
    void delete(Manifest m) throws BackupException;

    /** The stored size of the backup's file; empty when it is missing. */
    Optional<Long> size(Manifest m) throws BackupException;

    /** The backup's file, from its first byte. */
    InputStream open(Manifest m) throws IOException;

    /** Starts writing the file {@code name} of backup {@code id}; nothing is visible before {@link Upload#commit}. */
    Upload upload(String id, String name) throws BackupException;

    /** Lets go of what the store holds open (a client's connections); a folder holds nothing. */
    @Override
    default void close() {
    }

    /** The local folder this store keeps its files in, when it is one (markers and pg_dump's staging go there). */
    default Optional<Path> folder() {
        return Optional.empty();
    }

    /** A backup's file being written: all of it becomes visible at {@link #commit()}, or none of it. */
    interface Upload {

        /** The file's bytes, in order. A failed write has already been undone as far as it can be. */
        OutputStream out();

        /** Makes the whole file visible under its name (a folder: rename and sync; S3: complete the upload). */
        void commit() throws IOException;

        /**
         * Removes whatever this upload wrote, committed or not; never throws, may be called more than once and from
         * another thread (a second signal). What it removed, in words, for the message.
         */
        List<String> abort();
    }

    /** Opens stores of other kinds; registered in {@code META-INF/services/dev.godwit.backup.BackupStore$Provider}. */
    interface Provider {
        /** The store {@code settings} name, or empty when it is not of this provider's kind. */
        Optional<BackupStore> open(BackupSettings settings) throws BackupException;
    }

    /** The store {@code [backup]} names: its {@code location} through a provider, else the folder {@code dir}. */
    static BackupStore of(BackupSettings settings) throws BackupException {
        if (settings.location().isEmpty()) {
            return new FolderStore(settings.dir());
        }
        for (Provider p : ServiceLoader.load(Provider.class, BackupStore.class.getClassLoader())) {
            Optional<BackupStore> s = p.open(settings);
            if (s.isPresent()) {
                return s.get();
            }
        }
        throw new BackupException(BackupException.Kind.REFUSED, "[backup] location is " + settings.where()
                + ", but no S3 backup store is on the class path: add the dependency dev.godwit:godwit-s3 (the godwit"
                + " command has it), or remove location to keep backups in [backup] dir");
    }

    /** Every backup, oldest first. */
    default List<Manifest> list() throws BackupException {
        List<Manifest> out = new ArrayList<>(manifests());
        out.sort(Comparator.comparing(Manifest::id));
        return out;
    }

    /** The backup whose id is {@code id} or starts with it (when only one does). */
    default Manifest find(String id) throws BackupException {
        List<Manifest> all = list();
        List<Manifest> hits = all.stream().filter(m -> m.id().equals(id)).toList();
        if (hits.isEmpty()) {
            hits = all.stream().filter(m -> !id.isBlank() && m.id().startsWith(id)).toList();
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        if (hits.size() > 1) {
            throw new BackupException(BackupException.Kind.NOT_FOUND, "'" + id + "' is the start of " + hits.size()
                    + " backup ids (" + String.join(", ", hits.stream().map(Manifest::id).toList())
                    + "); give more of it");
        }
        List<Manifest> newest = new ArrayList<>(all);
        newest.sort(Comparator.comparing(Manifest::id).reversed());
        String known = all.isEmpty() ? "there are no backups in " + describe()
                : "the newest are " + String.join(", ", newest.stream().limit(5).map(Manifest::id).toList());
        throw new BackupException(BackupException.Kind.NOT_FOUND, "no backup with id '" + id + "' in " + describe()
                + " (" + known + "); `godwit backup list` shows them");
    }
}
