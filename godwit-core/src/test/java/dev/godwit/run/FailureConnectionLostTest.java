package dev.godwit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A migration cut off by a lost connection says so, and does not claim more than Godwit knows. */
class FailureConnectionLostTest {

    @Test
    void connectionStatesAndServerShutdownsAreALostConnection() {
        for (String state : List.of("08006", "08003", "57P01", "57P02", "57P03")) {
            assertThat(failure(state, true).connectionLost()).as(state).isTrue();
        }
        assertThat(failure("42601", true).connectionLost()).isFalse();
        assertThat(failure(null, true).connectionLost()).isFalse();
    }

    @Test
    void aLostConnectionIsSaidWithWhatItMeansForTheTransaction() {
        String said = failure("08006", true).describe();
        assertThat(said).contains("lost the connection to the database while this migration ran",
                "PostgreSQL rolls back the open transaction", "during its COMMIT: `godwit status` tells");
        assertThat(said).doesNotContain("the migration was rolled back; nothing of it was applied");
        assertThat(failure("42601", true).describe()).contains("the migration was rolled back; nothing of it was applied")
                .doesNotContain("lost the connection");
    }

    private static Failure failure(String sqlState, boolean rolledBack) {
        return new Failure("V1__a.sql:1:1", "An I/O error occurred while sending to the backend.", "insert", sqlState,
                rolledBack, List.of());
    }
}
