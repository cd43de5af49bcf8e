package dev.godwit.s3;

import dev.godwit.backup.BackupException;
import dev.godwit.backup.BackupStore;
import dev.godwit.config.BackupSettings;
import java.util.Optional;

/** Opens {@code [backup] location = "s3://..."}; registered for core's {@link java.util.ServiceLoader}. */
public final class S3StoreProvider implements BackupStore.Provider {

    @Override
    public Optional<BackupStore> open(BackupSettings settings) throws BackupException {
        if (settings.location().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(S3Store.open(settings.location().get()));
    }
}
