package dev.godwit.spring.boot;

import dev.godwit.api.Godwit;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs Godwit's start-up step when the context creates it. JPA, {@code JdbcTemplate} and Boot's other database
 * users depend on this bean ({@link GodwitDatabaseInitializerDetector}), so none sees a half-migrated schema.
 */
public class GodwitInitializer implements InitializingBean {

    private final Godwit godwit;
    private final GodwitMigrationStrategy strategy;

    public GodwitInitializer(Godwit godwit, GodwitMigrationStrategy strategy) {
        this.godwit = godwit;
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        strategy.run(godwit);
    }
}
