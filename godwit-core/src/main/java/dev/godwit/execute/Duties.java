package dev.godwit.execute;

import dev.godwit.audit.Actor;
import dev.godwit.config.AuditSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Separation of duties ({@code [audit]}, usually set for production only): a change needs a ticket, and an
 * approver who is not the person (or CI identity) running it.
 */
public final class Duties {

    private Duties() {}

    /** Why {@code command} may not run for {@code actor}, if it may not. */
    public static Optional<String> refusal(AuditSettings settings, Actor actor, String command) {
        if (settings.requireTicket() && blank(actor.ticket())) {
            return Optional.of(command + " needs a change ticket here ([audit] require_ticket = true): pass"
                    + " --ticket ID, or set GODWIT_TICKET");
        }
        if (settings.requireDistinctApprover()) {
            if (blank(actor.approver())) {
                return Optional.of(command + " needs an approver here ([audit] require_distinct_approver = true):"
                        + " pass --approved-by NAME, or set GODWIT_APPROVED_BY");
            }
            String approver = actor.approver().trim().toLowerCase(Locale.ROOT);
            boolean self = Stream.of(actor.osUser(), actor.ci().get("GITHUB_ACTOR"), actor.ci().get("GITLAB_USER_LOGIN"))
                    .filter(n -> n != null && !n.isBlank())
                    .anyMatch(n -> n.trim().toLowerCase(Locale.ROOT).equals(approver));
            if (self) {
                return Optional.of(command + " must be approved by someone other than the person running it ("
                        + actor.approver() + " runs it and approves it); [audit] require_distinct_approver = true");
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
