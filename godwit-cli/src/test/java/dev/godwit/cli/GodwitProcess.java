package dev.godwit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real CLI jar as a child process, the way a user or a deploy script does, and captures what it
 * says. The environment is cleared of database variables so that a developer's own PG* settings never
 * leak into a test; tests add what they need with {@link #env}.
 */
public final class GodwitProcess {

    private final Path workingDir;
    private final Map<String, String> env = new HashMap<>();

    public GodwitProcess(Path workingDir) {
        this.workingDir = workingDir;
        env.put("NO_COLOR", "1");
        env.put("HOME", workingDir.toString());
    }

    public GodwitProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Removes {@code name} from the child's environment (a developer's own AWS_* settings, for example). */
    public GodwitProcess unset(String name) {
        env.put(name, null);
        return this;
    }

    /** What one run said and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Path jar() {
        String jar = System.getProperty("godwit.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property godwit.jar must name the built jar (run with "
                    + "./mvnw verify, which builds it before the *IT tests), got " + jar);
        }
        return Path.of(jar);
    }

    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("GODWIT_") || k.equals("DATABASE_URL"));
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        return pb.start();
    }

    public Result run(String... args) {
        try {
            Process p = start(args);
            p.getOutputStream().close();
            var out = p.getInputStream();
            var err = p.getErrorStream();
            StringBuilder errText = new StringBuilder();
            Thread errReader = new Thread(() -> errText.append(drain(err)));
            errReader.start();
            String stdout = drain(out);
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("godwit " + String.join(" ", args) + " did not finish in 3 minutes");
            }
            errReader.join();
            return new Result(p.exitValue(), stdout, errText.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }
}
