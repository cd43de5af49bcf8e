package dev.godwit.run;

import dev.godwit.base.Cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void actionsRunOnceOnTheFirstRequestInOrder() {
        Cancellation c = new Cancellation();
        List<String> ran = new ArrayList<>();
        c.onRequest(() -> ran.add("cancel statement"));
        c.onRequest(() -> ran.add("stop pg_dump"));
        assertThat(c.requested()).isFalse();

        c.request("SIGTERM");
        c.request("SIGINT");

        assertThat(ran).containsExactly("cancel statement", "stop pg_dump");
        assertThat(c.reason()).contains("SIGTERM");
    }

    @Test
    void anActionRegisteredAfterTheRequestRunsAtOnce() {
        Cancellation c = new Cancellation();
        c.request("SIGINT");
        List<String> ran = new ArrayList<>();
        c.onRequest(() -> ran.add("late"));
        assertThat(ran).containsExactly("late");
    }

    @Test
    void aClosedRegistrationDoesNotRunAndAFailingActionDoesNotStopTheOthers() {
        Cancellation c = new Cancellation();
        List<String> ran = new ArrayList<>();
        c.onRequest(() -> ran.add("gone")).close();
        c.onRequest(() -> {
            throw new IllegalStateException("boom");
        });
        c.onRequest(() -> ran.add("still runs"));
        c.request("SIGTERM");
        assertThat(ran).containsExactly("still runs");
    }

    @Test
    void hardExitRunsOnlyTheCleanupsStillRegistered() {
        Cancellation c = new Cancellation();
        List<String> ran = new ArrayList<>();
        c.onHardExit(() -> ran.add("remove staging"));
        c.onHardExit(() -> ran.add("finished work")).close();
        c.hardExit();
        assertThat(ran).containsExactly("remove staging");
    }

    @Test
    void itIsWatchedOnlyWhileSomeWorkHasSaidHowToStopIt() {
        Cancellation c = new Cancellation();
        assertThat(c.watched()).isFalse();
        Cancellation.Registration r = c.onRequest(() -> { });
        assertThat(c.watched()).isTrue();
        r.close();
        assertThat(c.watched()).isFalse();
    }
}
