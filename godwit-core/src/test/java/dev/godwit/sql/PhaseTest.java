package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The phase option every client takes ({@code --phase}, {@code godwit.phase}, the Maven plugin's parameter). */
class PhaseTest {

    @Test
    void expandAndContractNameTheirPhaseAndAllOrNothingMeansEvery() {
        assertThat(Phase.option("expand")).contains(Phase.EXPAND);
        assertThat(Phase.option(" Contract ")).contains(Phase.CONTRACT);
        assertThat(Phase.option("all")).isEmpty();
        assertThat(Phase.option("ALL")).isEmpty();
        assertThat(Phase.option("")).isEmpty();
        assertThat(Phase.option(null)).isEqualTo(Optional.empty());
    }

    @Test
    void anythingElseIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Phase.option("expnad")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be expand, contract or all, not 'expnad'");
    }
}
