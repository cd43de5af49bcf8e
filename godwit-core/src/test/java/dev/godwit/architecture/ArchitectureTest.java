package dev.godwit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/architecture.md, checked on core's bytecode. A rule that fails names the classes and the
 * dependency that breaks it; docs/architecture.md says why each rule is there.
 */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.godwit");
    }

    /** Every package of core can be understood (and changed) from the packages below it. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.godwit.(*)..").should().beFreeOfCycles()
            .as("core's packages form no cycle");

    /** The pipeline (dev.godwit.execute) is run only through the API, which adds every guard around it. */
    static final ArchRule PIPELINE_ONLY_FROM_API = noClasses()
            .that().resideOutsideOfPackages("dev.godwit.execute..", "dev.godwit.api..")
            .should().dependOnClassesThat().resideInAPackage("dev.godwit.execute..")
            .as("only dev.godwit.api uses the pipeline (dev.godwit.execute)");

    /** The SQL analyser and the linter work without a database: they are pure functions of text and a model. */
    static final ArchRule NO_JDBC_IN_ANALYSIS = noClasses()
            .that().resideInAnyPackage("dev.godwit.sql..", "dev.godwit.lint..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
            .as("dev.godwit.sql and dev.godwit.lint use no JDBC");

    /** Core is the product; clients and optional modules depend on it, never the other way. */
    static final ArchRule CORE_KNOWS_NO_CLIENT = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.godwit.cli..", "dev.godwit.prometheus..",
                    "dev.godwit.embedded..", "dev.godwit.spring..", "dev.godwit.maven..", "dev.godwit.junit..",
                    "picocli..", "io.prometheus..", "io.zonky..", "dev.godwit.s3..", "software.amazon..")
            .as("core imports no client, optional module, CLI library, metrics client or embedded server");

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(core);
    }

    @Test
    void pipelineOnlyFromTheApi() {
        PIPELINE_ONLY_FROM_API.check(core);
    }

    @Test
    void noJdbcInTheAnalyser() {
        NO_JDBC_IN_ANALYSIS.check(core);
    }

    @Test
    void coreKnowsNoClient() {
        CORE_KNOWS_NO_CLIENT.check(core);
    }
}
