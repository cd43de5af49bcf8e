package dev.godwit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * deploy/kubernetes and the Helm chart: every manifest parsed strictly into the Kubernetes API types, and the
 * invariants a migration Job needs (docs/kubernetes.md). Nothing here ran on a cluster.
 */
class DeployManifestsTest {

    private static final Path ROOT = Manifests.root();
    private static final Path K8S = ROOT.resolve("deploy/kubernetes");
    private static final Path CHART = ROOT.resolve("deploy/helm/godwit");
    /** [migrations] stop_grace as the example config sets it (and its default). */
    private static final int STOP_GRACE_SECONDS = 25;

    private static HasMetadata manifest(String name) {
        return Manifests.parse(name, Manifests.read(K8S.resolve(name)));
    }

    @Test
    void everyManifestParsesStrictlyAsItsApiType() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(6);
            yaml.forEach(p -> Manifests.parse(p.getFileName().toString(), Manifests.read(p)));
        }
    }

    @Test
    void theStrictParseCatchesAFieldTheApiDoesNotHave() {
        String typo = Manifests.read(K8S.resolve("job-migrate.yaml")).replace("backoffLimit: 0", "backOffLimit: 0");
        assertThatThrownBy(() -> Manifests.parse("typo", typo)).hasMessageContaining("backOffLimit");
        String nested = Manifests.read(K8S.resolve("job-migrate.yaml"))
                .replace("restartPolicy: Never", "restartPolicy: Never\n      restartPolicyy: Never");
        assertThatThrownBy(() -> Manifests.parse("nested", nested)).hasMessageContaining("restartPolicyy");
    }

    @Test
    void theSingleDatabaseJobRunsOnceAsAHookWithRoomForACleanStop() {
        migrateJobInvariants((Job) manifest("job-migrate.yaml"));
    }

    static void migrateJobInvariants(Job job) {
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
        Map<String, String> notes = job.getMetadata().getAnnotations();
        assertThat(List.of(notes.get("helm.sh/hook").split(","))).contains("pre-install", "pre-upgrade");
        assertThat(notes.get("argocd.argoproj.io/hook")).isEqualTo("PreSync");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan((long) STOP_GRACE_SECONDS);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container godwit = pod.getContainers().get(0);
        assertThat(godwit.getArgs().get(0)).isEqualTo("migrate");
        secretsFromSecrets(godwit);
        assertThat(mounts(godwit)).contains("/etc/godwit", "/migrations");
    }

    /** The database URL and the audit key come from a Secret; no value in the manifest looks like a URL. */
    private static void secretsFromSecrets(Container c) {
        EnvVar url = c.getEnv().stream().filter(e -> e.getName().equals("GODWIT_DATABASE_URL")).findFirst().orElseThrow();
        assertThat(url.getValue()).isNull();
        assertThat(url.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
        for (EnvVar e : c.getEnv()) {
            assertThat(e.getValue() == null ? "" : e.getValue()).doesNotContain("://").doesNotContainIgnoringCase("password");
        }
    }

    private static List<String> mounts(Container c) {
        return c.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    @Test
    void theFleetJobIsIndexedAndEachPodTakesItsShard() {
        Job job = (Job) manifest("job-fleet.yaml");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        int n = job.getSpec().getCompletions();
        assertThat(job.getSpec().getParallelism()).isLessThanOrEqualTo(n);
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        // The command line of shared-contracts.md, with n equal to the Job's completions.
        assertThat(c.getArgs()).containsExactly("fleet", "migrate", "--fleet", "/etc/godwit/fleet.toml", "--shard",
                "$(JOB_COMPLETION_INDEX)/" + n);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });
        assertThat(job.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan((long) STOP_GRACE_SECONDS);

        Job canary = (Job) manifest("job-fleet-canary.yaml");
        assertThat(canary.getSpec().getBackoffLimit()).isZero();
        assertThat(canary.getSpec().getCompletionMode()).isNull();
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .startsWith("fleet", "migrate", "--fleet").contains("--canary-only");
    }

    @Test
    void applicationPodsWaitForTheirVersionInAnInitContainer() {
        Deployment app = (Deployment) manifest("deployment-app.yaml");
        Container init = app.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        List<String> args = init.getArgs();
        assertThat(args.get(0)).isEqualTo("await");
        assertThat(args.get(args.indexOf("--version") + 1)).matches("\\d+(\\.\\d+)*");
        assertThat(args).contains("--timeout");
        secretsFromSecrets(init);
    }

    @Test
    void theExampleConfigPointsAtTheImagesFolders() {
        ConfigMap config = (ConfigMap) manifest("configmap.example.yaml");
        String toml = config.getData().get("godwit.toml");
        assertThat(toml).contains("locations = [\"/migrations\"]").contains("stop_grace = \"" + STOP_GRACE_SECONDS + "s\"");
    }

    @Test
    void theHelmChartRendersToTheSameInvariants() throws IOException {
        JsonNode chart = Manifests.YAML.readTree(Manifests.read(CHART.resolve("Chart.yaml")));
        assertThat(chart.path("apiVersion").asString()).isEqualTo("v2");
        assertThat(chart.path("name").asString()).isEqualTo("godwit");
        JsonNode values = Manifests.YAML.readTree(Manifests.read(CHART.resolve("values.yaml")));
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            for (Path t : files.sorted().toList()) {
                String rendered = Manifests.render(Manifests.read(t), values, "ledger",
                        chart.path("appVersion").asString());
                HasMetadata object = Manifests.parse(t.getFileName().toString(), rendered);
                assertThat(object.getMetadata().getName()).startsWith("ledger-");
                if (object instanceof Job job) {
                    migrateJobInvariants(job);
                    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                            .containsSequence("--phase", values.path("phase").asString());
                }
            }
        }
        assertThatThrownBy(() -> Manifests.render("x: {{ .Values.nope }}", values, "r", "1"))
                .hasMessageContaining("names no value");
        assertThatThrownBy(() -> Manifests.render("x: {{ .Values.phase | quote }}", values, "r", "1"))
                .hasMessageContaining("more than a plain substitution");
    }

    @Test
    void theImageIsWhereTheManifestsLookForIt() {
        String dockerfile = Manifests.read(ROOT.resolve("deploy/docker/Dockerfile"));
        Pattern image = Pattern.compile("image: \"?ghcr.io/example/godwit:([^\"\\s]+)");
        Matcher m = image.matcher(Manifests.read(K8S.resolve("job-migrate.yaml")));
        assertThat(m.find()).isTrue();
        assertThat(dockerfile).contains("USER 10001:10001").contains("WORKDIR /work");
        assertThat(dockerfile).contains("/etc/godwit").contains("/migrations");
    }
}
