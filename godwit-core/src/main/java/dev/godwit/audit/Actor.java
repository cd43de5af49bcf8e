package dev.godwit.audit;

import dev.godwit.db.Secrets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who made a change: the OS user and host running Godwit, the CI job's identity when there is one, the change
 * ticket and the approver. The database user is not here: {@link AuditLog#append} records {@code current_user}
 * from the connection itself, which the caller cannot misreport.
 */
public record Actor(String osUser, String host, Map<String, String> ci, String ticket, String approver) {

    /**
     * The CI variables that identify a job and who started it, on GitHub Actions, GitLab CI, Jenkins and others.
     * Only identifiers: never a variable that can hold a token.
     */
    static final List<String> CI_VARIABLES = List.of(
            "GITHUB_ACTOR", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_REPOSITORY", "GITHUB_WORKFLOW",
            "GITHUB_SHA", "GITHUB_REF",
            "CI_JOB_ID", "CI_PIPELINE_ID", "CI_PROJECT_PATH", "CI_COMMIT_SHA", "GITLAB_USER_LOGIN",
            "BUILD_URL", "BUILD_ID", "BUILD_NUMBER", "JOB_NAME", "JENKINS_URL",
            "BUILDKITE_BUILD_URL", "CIRCLE_BUILD_URL", "CIRCLE_USERNAME",
            // A fleet run's id (godwit fleet): ties each target's entries to the fleet's aggregate record.
            "GODWIT_FLEET_RUN_ID");

    public Actor {
        ci = ci == null ? Map.of() : Map.copyOf(new TreeMap<>(ci));
        ticket = blankToNull(ticket);
        approver = blankToNull(approver);
    }

    /**
     * The actor of this process: ticket and approver from the arguments (the CLI's {@code --ticket} and
     * {@code --approved-by}), else from {@code GODWIT_TICKET} and {@code GODWIT_APPROVED_BY} in {@code env}.
     */
    public static Actor detect(Map<String, String> env, String ticket, String approver) {
        Map<String, String> ci = new TreeMap<>();
        for (String name : CI_VARIABLES) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                ci.put(name, Secrets.redactUrl(v)); // a BUILD_URL with credentials in it must not be kept
            }
        }
        return new Actor(osUser(env), host(env), ci, first(ticket, env.get("GODWIT_TICKET")),
                first(approver, env.get("GODWIT_APPROVED_BY")));
    }

    private static String osUser(Map<String, String> env) {
        for (String name : List.of("USER", "LOGNAME", "USERNAME")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return System.getProperty("user.name");
    }

    private static String host(Map<String, String> env) {
        String v = env.get("HOSTNAME");
        if (v != null && !v.isBlank()) {
            return v;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static String first(String given, String fromEnv) {
        return blankToNull(given) != null ? given.trim() : blankToNull(fromEnv);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
