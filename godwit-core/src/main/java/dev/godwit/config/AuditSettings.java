package dev.godwit.config;

/**
 * The resolved {@code [audit]} settings.
 *
 * @param requireTicket migrate, rollback and repair are refused without a change ticket ({@code --ticket})
 * @param requireDistinctApprover they are refused unless an approver ({@code --approved-by}) other than the
 *     person running them is named
 */
public record AuditSettings(boolean requireTicket, boolean requireDistinctApprover) {

    public static AuditSettings defaults() {
        return new AuditSettings(false, false);
    }
}
