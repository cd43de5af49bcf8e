package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.config.BackupSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSectionTest {

    static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    GodwitConfig load(String toml, Map<String, String> env, String environment) throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), toml);
        CliOverrides cli = new CliOverrides(Optional.of(dir.resolve("godwit.toml")), Optional.ofNullable(environment),
                Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        return ConfigLoader.load(cli, env, dir.resolve("elsewhere"), dir);
    }

    @Test
    void defaultsBesideTheConfigFileAndBeforeMigrateOnlyInProduction() throws Exception {
        String toml = "[environments.production.database]\nschema = \"godwit\"\n"
                + "[environments.staging.database]\nschema = \"godwit\"\n";
        BackupSettings s = load(toml, Map.of(), null).backup();
        assertThat(s.dir()).isEqualTo(dir.resolve("backups"));
        assertThat(s.beforeMigrate()).isFalse();
        assertThat(s.key()).isEmpty();
        assertThat(s.jobs()).isEqualTo(1);
        assertThat(load(toml, Map.of(), "production").backup().beforeMigrate()).isTrue();
        assertThat(load(toml, Map.of(), "staging").backup().beforeMigrate()).isFalse();
    }

    @Test
    void readsEveryKeyWithPathsRelativeToTheFile() throws Exception {
        Path key = dir.resolve("backup.key");
        Files.writeString(key, HEX + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        BackupSettings s = load("[backup]\ndir = \"/srv/backups\"\nbefore_migrate = true\ndeep_verify = true\n"
                + "pg_bin_dir = \"pg/bin\"\nkey_file = \"backup.key\"\nkeep_last = 7\nmax_age = \"30d\"\njobs = 4\n"
                + "[environments.production.backup]\nbefore_migrate = false\n", Map.of(), "production").backup();
        assertThat(s.dir()).isEqualTo(Path.of("/srv/backups"));
        assertThat(s.beforeMigrate()).as("the environment's own setting wins over the production default").isFalse();
        assertThat(s.deepVerify()).isTrue();
        assertThat(s.pgBinDir()).contains(dir.resolve("pg/bin"));
        assertThat(s.key().orElseThrow().source()).contains("backup.key");
        assertThat(s.keepLast()).isEqualTo(7);
        assertThat(s.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(s.jobs()).isEqualTo(4);
    }

    @Test
    void theVariableWinsOverTheKeyFileAndABadKeyIsAConfigError() throws Exception {
        Files.writeString(dir.resolve("k"), HEX);
        Files.setPosixFilePermissions(dir.resolve("k"), PosixFilePermissions.fromString("rw-------"));
        String toml = "[backup]\nkey_file = \"k\"\n";
        assertThat(load(toml, Map.of("GODWIT_BACKUP_KEY", HEX.replace('0', '1')), null).backup().key().orElseThrow()
                .source()).isEqualTo("GODWIT_BACKUP_KEY");
        assertThatThrownBy(() -> load("", Map.of("GODWIT_BACKUP_KEY", "tooshort"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GODWIT_BACKUP_KEY is not a 32-byte key")
                .hasMessageNotContaining("tooshort");
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedLikeSshDoes() throws Exception {
        Files.writeString(dir.resolve("k"), HEX);
        Files.setPosixFilePermissions(dir.resolve("k"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> load("[backup]\nkey_file = \"k\"\n", Map.of(), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("may be read by other users")
                .hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> load("[backup]\nkey_file = \"missing\"\n", Map.of(), null))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theKeyItselfIsNotAConfigKeyAndBadValuesAreNamed() throws Exception {
        assertThatThrownBy(() -> load("[backup]\nkey = \"" + HEX + "\"\n", Map.of(), null))
                .hasMessageContaining("unknown key 'key'").hasMessageContaining("key_file");
        assertThatThrownBy(() -> load("[backup]\njobs = 0\n", Map.of(), null))
                .hasMessageContaining("[backup] jobs");
        assertThatThrownBy(() -> load("[backup]\nkeep_last = -1\n", Map.of(), null))
                .hasMessageContaining("[backup] keep_last");
    }

    @Test
    void encryptionIsAutoRequiredOrNoneAndPlaintextIsRefusedWhereItMustBe() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load("[backup]\nencryption = \"maybe\"\n",
                Map.of(), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("encryption").hasMessageContaining("auto, required or none");
        BackupSettings auto = load("[backup]\n", Map.of(), null).backup();
        assertThat(auto.plaintextRefusal(Optional.empty())).isEmpty();
        assertThat(auto.plaintextRefusal(Optional.of("production"))).hasValueSatisfying(
                m -> assertThat(m).contains("GODWIT_BACKUP_KEY").contains("encryption = \"none\""));
        assertThat(load("[backup]\nencryption = \"required\"\n", Map.of(), null).backup()
                .plaintextRefusal(Optional.of("staging"))).isPresent();
        assertThat(load("[backup]\nencryption = \"none\"\n", Map.of(), null).backup()
                .plaintextRefusal(Optional.of("production"))).isEmpty();
        assertThat(load("[backup]\n", Map.of("GODWIT_BACKUP_KEY", HEX), null).backup()
                .plaintextRefusal(Optional.of("production"))).isEmpty();
    }

    @Test
    void anS3LocationWithItsKeys() throws Exception {
        BackupSettings s = load("[backup]\nlocation = \"s3://acme-backups/godwit/prod/\"\n"
                + "s3_endpoint = \"http://127.0.0.1:9000\"\ns3_region = \"eu-west-1\"\ns3_path_style = true\n"
                + "s3_sse = \"aws:kms\"\ns3_kms_key_id = \"alias/backups\"\ns3_access_key_id = \"AKIAEXAMPLE\"\n"
                + "s3_secret_access_key_file = \"s3.secret\"\n", Map.of(), null).backup();
        BackupLocation l = s.location().orElseThrow();
        assertThat(l.bucket()).isEqualTo("acme-backups");
        assertThat(l.prefix()).isEqualTo("godwit/prod");
        assertThat(l.key("x.json")).isEqualTo("godwit/prod/x.json");
        assertThat(l.endpoint().orElseThrow()).hasToString("http://127.0.0.1:9000");
        assertThat(l.region()).contains("eu-west-1");
        assertThat(l.pathStyle()).isTrue();
        assertThat(l.sse()).contains("aws:kms");
        assertThat(l.kmsKeyId()).contains("alias/backups");
        assertThat(l.secretAccessKeyFile()).contains(dir.resolve("s3.secret"));
        assertThat(s.where()).isEqualTo("s3://acme-backups/godwit/prod/");
        assertThat(load("[backup]\nlocation = \"s3://acme-backups\"\n", Map.of(), null).backup().location()
                .orElseThrow().key("x.json")).isEqualTo("x.json");
        assertThat(load("", Map.of(), null).backup().location()).isEmpty();
    }

    @Test
    void badS3SettingsAreRefusedWithTheKey() {
        assertThatThrownBy(() -> load("[backup]\nlocation = \"/srv/backups\"\n", Map.of(), null))
                .hasMessageContaining("must be s3://bucket/prefix").hasMessageContaining("[backup] dir");
        assertThatThrownBy(() -> load("[backup]\nlocation = \"s3://Bad_Bucket/x\"\n", Map.of(), null))
                .hasMessageContaining("is not a bucket name");
        assertThatThrownBy(() -> load("[backup]\ns3_region = \"eu-west-1\"\n", Map.of(), null))
                .hasMessageContaining("s3_* keys but no location");
        assertThatThrownBy(() -> load("[backup]\nlocation = \"s3://b-1\"\ns3_sse = \"kms\"\n", Map.of(), null))
                .hasMessageContaining("must be AES256 or aws:kms");
        assertThatThrownBy(() -> load("[backup]\nlocation = \"s3://b-1\"\ns3_endpoint = \"localhost:9000\"\n",
                Map.of(), null)).hasMessageContaining("must be http(s)://host[:port]");
        assertThatThrownBy(() -> load("[backup]\nlocation = \"s3://b-1\"\ns3_access_key_id = \"AKIA\"\n",
                Map.of(), null)).hasMessageContaining("s3_access_key_id and s3_secret_access_key_file go together");
    }
}
