package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.Actor;
import dev.godwit.config.AuditSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DutiesTest {

    static Actor actor(String os, String ticket, String approver, Map<String, String> ci) {
        return new Actor(os, "host", ci, ticket, approver);
    }

    @Test
    void nothingIsRequiredByDefault() {
        assertThat(Duties.refusal(AuditSettings.defaults(), actor("alice", null, null, Map.of()), "migrate")).isEmpty();
    }

    @Test
    void aTicketIsRequiredWhenConfigured() {
        AuditSettings s = new AuditSettings(true, false);
        assertThat(Duties.refusal(s, actor("alice", null, null, Map.of()), "migrate"))
                .hasValueSatisfying(r -> assertThat(r).contains("migrate needs a change ticket").contains("--ticket"));
        assertThat(Duties.refusal(s, actor("alice", " ", null, Map.of()), "migrate")).isPresent();
        assertThat(Duties.refusal(s, actor("alice", "CHG-1234", null, Map.of()), "migrate")).isEmpty();
    }

    @Test
    void theApproverMustBeSomeoneElseThanTheRunnerOrTheCiIdentity() {
        AuditSettings s = new AuditSettings(false, true);
        assertThat(Duties.refusal(s, actor("alice", null, null, Map.of()), "rollback"))
                .hasValueSatisfying(r -> assertThat(r).contains("needs an approver").contains("--approved-by"));
        assertThat(Duties.refusal(s, actor("alice", null, "Alice", Map.of()), "rollback"))
                .hasValueSatisfying(r -> assertThat(r).contains("someone other than the person running it"));
        assertThat(Duties.refusal(s, actor("runner", null, "octocat", Map.of("GITHUB_ACTOR", "octocat")), "repair"))
                .isPresent();
        assertThat(Duties.refusal(s, actor("alice", null, "bob", Map.of("GITHUB_ACTOR", "octocat")), "repair"))
                .isEmpty();
    }
}
