package dev.godwit.spring.boot;

import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitBuilder;
import dev.godwit.run.RunListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Godwit in a Spring Boot application: a {@link Godwit} from {@code godwit.*} and the application's DataSource (or
 * {@code godwit.url}), and a {@link GodwitInitializer} that validates (the default) or migrates at start-up before
 * the application's database users start.
 */
// By name: spring-boot-jdbc is optional here (an application may give Godwit only godwit.url).
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Godwit.class)
@EnableConfigurationProperties(GodwitProperties.class)
public class GodwitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Godwit godwit(GodwitProperties properties, ObjectProvider<DataSource> dataSource,
                         ObjectProvider<RunListener> listeners) {
        GodwitBuilder builder = Godwit.configure().locations(properties.getLocations().toArray(String[]::new));
        if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
            builder.url(withCredentials(properties.getUrl(), properties.getUser(), properties.getPassword()));
        } else {
            DataSource ds = dataSource.getIfAvailable();
            if (ds != null) {
                builder.dataSource(ds);
            }
        }
        if (properties.getConfigFile() != null) {
            builder.configFile(properties.getConfigFile());
        }
        if (properties.getEnvironment() != null) {
            builder.environment(properties.getEnvironment());
        }
        if (properties.getSchema() != null) {
            builder.schema(properties.getSchema());
        }
        if (properties.getLockWait() != null) {
            builder.lockWait(properties.getLockWait());
        }
        if (properties.getLockTimeout() != null) {
            builder.lockTimeout(properties.getLockTimeout());
        }
        if (properties.getStatementTimeout() != null) {
            builder.statementTimeout(properties.getStatementTimeout());
        }
        if (properties.getOutOfOrder() != null) {
            builder.outOfOrder(properties.getOutOfOrder());
        }
        properties.getSettings().forEach(builder::set);
        listeners.orderedStream().forEach(builder::listener);
        return builder.load();
    }

    @Bean
    @ConditionalOnMissingBean
    public GodwitInitializer godwitInitializer(Godwit godwit, GodwitProperties properties,
                                               ObjectProvider<GodwitMigrationStrategy> strategy) {
        return new GodwitInitializer(godwit,
                strategy.getIfAvailable(() -> StartupModes.of(properties.getMode(), properties.getPhase())));
    }

    /** Micrometer meters from run events, when Micrometer is on the class path (the Godwit bean hears them). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetersConfiguration {
        @Bean
        @ConditionalOnMissingBean
        GodwitMeters godwitMeters(ObjectProvider<MeterRegistry> registry) {
            return new GodwitMeters(registry);
        }
    }

    /** godwit.user and godwit.password as the URL's parameters, which Godwit's URL parser reads for any scheme. */
    static String withCredentials(String url, String user, String password) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        if (user != null && !user.isEmpty()) {
            sb.append(sep).append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
            sep = '&';
        }
        if (password != null && !password.isEmpty()) {
            sb.append(sep).append("password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
