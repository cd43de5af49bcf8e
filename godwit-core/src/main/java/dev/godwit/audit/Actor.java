package dev.godwit.audit;

import java.util.Map;

/** Provisional: replaced by the audit branch. */
public record Actor(String osUser, String host, Map<String, String> ci, String ticket, String approver) {
    public static Actor detect(Map<String, String> env, String ticket, String approver) {
        return new Actor(System.getProperty("user.name"), "host", Map.of(),
                ticket != null ? ticket : env.get("GODWIT_TICKET"),
                approver != null ? approver : env.get("GODWIT_APPROVED_BY"));
    }
}
