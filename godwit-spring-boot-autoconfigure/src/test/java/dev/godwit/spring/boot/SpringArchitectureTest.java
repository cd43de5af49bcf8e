package dev.godwit.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The auto-configuration is a client of the API (docs/architecture.md), like the CLI. */
class SpringArchitectureTest {

    private static final JavaClasses SPRING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.godwit.spring");

    @Test
    void runsThroughTheApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.godwit.execute..", "dev.godwit.db..")
                .as("Spring Boot runs Godwit through dev.godwit.api only").check(SPRING);
    }
}
