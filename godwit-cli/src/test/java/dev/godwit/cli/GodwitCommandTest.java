package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run builds the model of the one command it runs; help, errors and unknown words get every command. */
class GodwitCommandTest {

    @Test
    void theCommandIsTheFirstWordThatIsNotTheValueOfAGlobalOption() {
        assertThat(GodwitCommand.commandIn(new String[] {"status"})).contains("status");
        assertThat(GodwitCommand.commandIn(new String[] {"--url", "postgres://h/db", "--json", "status"}))
                .contains("status");
        assertThat(GodwitCommand.commandIn(new String[] {"--schema", "lint", "migrate", "--target", "3"}))
                .as("a schema named like a command is the option's value").contains("migrate");
        assertThat(GodwitCommand.commandIn(new String[] {"--url=postgres://h/db", "plan"})).contains("plan");
        assertThat(GodwitCommand.commandIn(new String[] {"lint", "status"})).contains("lint");
        assertThat(GodwitCommand.commandIn(new String[] {"--log-format", "json", "backup", "list"})).contains("backup");
        assertThat(GodwitCommand.commandIn(new String[] {"stauts"})).isEmpty();
        assertThat(GodwitCommand.commandIn(new String[] {"--help"})).isEmpty();
    }

    @Test
    void oneCommandsModelForARunAndEveryCommandOtherwise() {
        assertThat(GodwitCommand.tree(new String[] {"--json", "status"}).getSubcommands()).containsOnlyKeys("status");
        assertThat(GodwitCommand.tree(new String[] {"stauts"}).getSubcommands()).hasSize(GodwitCommand.COMMANDS.size())
                .containsKeys("init", "status", "fleet");
        assertThat(GodwitCommand.tree().getSubcommands()).hasSize(22);
    }

    @Test
    void aMistypedCommandStillGetsTheNearestOne() {
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Main.run(new String[] {"stauts"}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'stauts' is not a godwit command", "status");
    }
}
