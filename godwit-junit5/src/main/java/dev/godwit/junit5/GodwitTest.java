package dev.godwit.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real PostgreSQL for a test class: the project's migrations applied once through Godwit (every guard of
 * {@code migrate}), then a fresh copy of that database for each test method, cloned from it as a template. Test
 * methods and constructors take a {@link javax.sql.DataSource} or a {@link GodwitDatabase} as parameters.
 *
 * <p>The server is an embedded PostgreSQL started once per JVM, unless {@code -Dgodwit.test.url} or
 * {@code GODWIT_TEST_URL} names one (a Testcontainers container, a CI service): its user must be allowed to create
 * databases.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GodwitExtension.class)
public @interface GodwitTest {

    /** Where the migrations are, as {@code [migrations] locations} takes them. */
    String[] locations() default {"classpath:db/godwit"};

    /** A {@code godwit.toml} to read (relative to the working folder); none when empty. */
    String configFile() default "";

    /** More settings as {@code section.key=value}, e.g. {@code "lint.max_risk=medium"}; they win over the file. */
    String[] settings() default {};
}
