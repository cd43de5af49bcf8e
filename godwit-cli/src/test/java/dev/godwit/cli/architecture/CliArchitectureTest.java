package dev.godwit.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.godwit.audit.AuditLog;
import org.junit.jupiter.api.Test;

/** The CLI is a client of the API (docs/architecture.md): it parses, renders and exits, and decides nothing else. */
class CliArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.godwit.cli");

    @Test
    void noCommandRunsThePipelineItself() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("dev.godwit.execute..")
                .as("the CLI runs migrate, rollback and history changes through dev.godwit.api only");
        rule.check(CLI);
    }

    @Test
    void noCommandWritesAuditEntries() {
        ArchRule rule = noClasses().should().callMethod(AuditLog.class, "append",
                        java.sql.Connection.class, dev.godwit.audit.AuditAction.class, String.class, String.class,
                        dev.godwit.audit.Actor.class, java.util.Map.class)
                .as("audit entries are written by the API, with the change they record");
        rule.check(CLI);
    }
}
