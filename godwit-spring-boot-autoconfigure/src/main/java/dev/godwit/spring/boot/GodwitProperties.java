package dev.godwit.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code godwit.*}: what Godwit does when the application starts, and the settings of its {@code godwit.toml}.
 * The typed properties cover what most applications set; {@code godwit.settings.*} passes any other
 * {@code godwit.toml} key through as it is ({@code godwit.settings[lint.max_risk]=high}).
 */
@ConfigurationProperties("godwit")
public class GodwitProperties {

    /** What Godwit does at start-up. */
    public enum Mode {
        /** Start only if nothing is pending and history, checksums and the audit chain are valid. */
        VALIDATE,
        /** Apply pending migrations with every guard; a refusal fails start-up. */
        MIGRATE,
        /** Do nothing at start-up (migrations run elsewhere: a Job, a pipeline). */
        NONE
    }

    /** What Godwit does at start-up: validate (the default), migrate or none. */
    private Mode mode = Mode.VALIDATE;

    /**
     * Which phase of an expand/contract release start-up takes (-- godwit:phase): expand, contract or all (the
     * default). With godwit.mode=migrate only that phase's migrations are applied; with validate and expand, the
     * application starts while contract migrations are still pending (they run once the old version is gone).
     */
    private String phase = "all";

    /** Where migrations are: classpath: packages and filesystem: folders. */
    private List<String> locations = List.of("classpath:db/godwit");

    /**
     * A separate connection for Godwit (postgres:// or jdbc:postgresql:), e.g. a direct one when the application's
     * DataSource goes through a transaction-mode pooler. Empty: the application's DataSource.
     */
    private String url;

    /** The user of godwit.url (instead of one in the URL). */
    private String user;

    /** The password of godwit.url (instead of one in the URL). Never printed. */
    private String password;

    /** A godwit.toml to read; the properties here win over it. */
    private Path configFile;

    /** The [environments.NAME] section of the godwit.toml to apply, and the name the audit log shows. */
    private String environment;

    /** The schema of Godwit's own tables (default godwit). */
    private String schema;

    /** How long to wait for another run's migration lock ([migrations] lock_wait). */
    private Duration lockWait;

    /** lock_timeout of each migration ([migrations] lock_timeout). */
    private Duration lockTimeout;

    /** statement_timeout of each migration ([migrations] statement_timeout). */
    private Duration statementTimeout;

    /** Whether a missing older version may be applied after newer ones ([migrations] out_of_order). */
    private Boolean outOfOrder;

    /** Any other godwit.toml key as section.key, e.g. godwit.settings[lint.max_risk]=high. */
    private Map<String, String> settings = new LinkedHashMap<>();

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Path getConfigFile() {
        return configFile;
    }

    public void setConfigFile(Path configFile) {
        this.configFile = configFile;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Boolean getOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(Boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public Map<String, String> getSettings() {
        return settings;
    }

    public void setSettings(Map<String, String> settings) {
        this.settings = settings;
    }
}
