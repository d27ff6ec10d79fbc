package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.ListenSettings;
import dev.analyzer.service.ServiceOptions;
import dev.analyzer.service.ServiceSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's Deployment and Services in the kustomize base, against the service's real
 * facts: its port, its probe routes, its bind and token variables, and the shutdown grace default
 * with the watchdog's margin.
 */
class DeploymentManifestTest {

  static List<ServiceUnderTest> services() {
    return ServiceUnderTest.all();
  }

  private static Optional<String> env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
  }

  /** The container port a probe or Service names (by name or number). */
  private static int resolve(Container c, io.fabric8.kubernetes.api.model.IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
        .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }

  /** The grace the service gets on SIGTERM: the Deployment's ANALYZER_SHUTDOWN_GRACE, else the code's default. */
  private static Duration shutdownGrace(Container c) {
    return env(c, ServiceSettings.SHUTDOWN_GRACE).map(v -> Duration.ofMillis((long) (Double.parseDouble(v) * 1000)))
        .orElse(ServiceOptions.SHUTDOWN_GRACE.defaultValue());
  }

  /** The watchdog's margin after the grace, as the option documents it ("halted 15 s after it"). */
  static Duration watchdogMargin() {
    Matcher m = Pattern.compile("halted (\\d+) s after").matcher(ServiceOptions.SHUTDOWN_GRACE.description());
    assertThat(m.find()).as("ANALYZER_SHUTDOWN_GRACE documents the halt margin: %s",
        ServiceOptions.SHUTDOWN_GRACE.description()).isTrue();
    return Duration.ofSeconds(Long.parseLong(m.group(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void theContainerListensOnTheServicePortOnEveryInterface(ServiceUnderTest s) {
    Container c = s.container();

    assertThat(c.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ws", s.port()));
    assertThat(env(c, ListenSettings.HOST)).as("the bind variable: the default 127.0.0.1 is unreachable in a pod")
        .contains("0.0.0.0");
    assertThat(env(c, ListenSettings.PORT)).contains(Integer.toString(s.port()));
    assertThat(c.getImage()).startsWith(s.image() + ":");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void probesUseTheServicesRoutesOnItsPort(ServiceUnderTest s) {
    Container c = s.container();

    Map<String, Probe> probes = Map.of("/ready", c.getReadinessProbe(), "/health", c.getLivenessProbe());
    probes.forEach((path, probe) -> {
      assertThat(probe).as("%s probe", path).isNotNull();
      assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
      assertThat(resolve(c, probe.getHttpGet().getPort())).isEqualTo(s.port());
    });
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(resolve(c, c.getStartupProbe().getHttpGet().getPort())).isEqualTo(s.port());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void theGracePeriodOutlastsTheDrainAndLivenessDoesNotCutItShort(ServiceUnderTest s) {
    Deployment d = s.deployment();
    Container c = s.container();
    Duration drain = shutdownGrace(c).plus(watchdogMargin());

    long grace = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    assertThat(Duration.ofSeconds(grace)).as("terminationGracePeriodSeconds vs ANALYZER_SHUTDOWN_GRACE + halt margin")
        .isGreaterThan(drain);
    Probe live = c.getLivenessProbe();
    // /health answers 503 while draining: liveness must not kill a pod before its drain can end
    assertThat(Duration.ofSeconds((long) live.getPeriodSeconds() * live.getFailureThreshold())).isGreaterThan(drain);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void itRunsAsNonRootOnAReadOnlyRootWithAWritableTmp(ServiceUnderTest s) {
    PodSpec pod = s.deployment().getSpec().getTemplate().getSpec();
    Container c = s.container();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).as("the services never call the API server").isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
        .orElseThrow(() -> new AssertionError("no volume on /tmp"));
    Volume v = volume(pod, tmp.getName());
    assertThat(v.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    assertThat(env(c, "HOME")).as("tools' caches go to the writable /tmp").contains("/tmp");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void requestsAndLimitsAreSetAndRequestsFitTheLimits(ServiceUnderTest s) {
    var r = s.container().getResources();

    for (String resource : List.of("cpu", "memory")) {
      Quantity request = r.getRequests().get(resource);
      Quantity limit = r.getLimits().get(resource);
      assertThat(request).as("%s request", resource).isNotNull();
      assertThat(limit).as("%s limit", resource).isNotNull();
      assertThat(request.getNumericalAmount()).as(resource).isLessThanOrEqualTo(limit.getNumericalAmount());
    }
    assertThat(r.getRequests().get("memory").getNumericalAmount()).as("a JVM with its tools")
        .isGreaterThanOrEqualTo(Quantity.parse("256Mi").getNumericalAmount());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void prometheusScrapesTheMetricsRouteOnTheServicePort(ServiceUnderTest s) {
    Map<String, String> a = s.deployment().getSpec().getTemplate().getMetadata().getAnnotations();

    assertThat(a).containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", Integer.toString(s.port()))
        .containsEntry("prometheus.io/path", "/metrics");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void theBearerTokenComesFromASecretFile(ServiceUnderTest s) {
    PodSpec pod = s.deployment().getSpec().getTemplate().getSpec();
    Container c = s.container();

    String file = env(c, ServiceSettings.AUTH_TOKEN_FILE).orElseThrow(() -> new AssertionError("no "
        + ServiceSettings.AUTH_TOKEN_FILE));
    assertThat(env(c, ServiceSettings.AUTH_TOKEN)).as("never the token itself in the manifest").isEmpty();
    VolumeMount m = c.getVolumeMounts().stream().filter(x -> file.startsWith(x.getMountPath() + "/")).findFirst()
        .orElseThrow(() -> new AssertionError(file + " lies under no volume mount"));
    assertThat(m.getReadOnly()).isTrue();
    Volume v = volume(pod, m.getName());
    assertThat(v.getSecret()).as("the token volume is a Secret").isNotNull();
    assertThat(v.getSecret().getSecretName()).isEqualTo("analyzer-auth");
    assertThat(v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty()).isTrue();
    assertThat(file).endsWith("/token");
    assertThat(v.getSecret().getDefaultMode()).as("0440").isEqualTo(0440);
    assertThat(pod.getSecurityContext().getFsGroup()).as("the group that may read it").isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void theServicesSelectThePodsAndTargetTheContainerPort(ServiceUnderTest s) {
    Deployment d = s.deployment();
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());

    for (String name : List.of(s.name(), s.name() + "-headless")) {
      Service svc = s.service(name);
      assertThat(podLabels).as("%s selector", name).containsAllEntriesOf(svc.getSpec().getSelector());
      ServicePort p = svc.getSpec().getPorts().get(0);
      assertThat(svc.getSpec().getPorts()).hasSize(1);
      assertThat(p.getPort()).isEqualTo(s.port());
      assertThat(resolve(s.container(), p.getTargetPort())).isEqualTo(s.port());
    }
    Service headless = s.service(s.name() + "-headless");
    assertThat(headless.getSpec().getClusterIP()).as("headless: one DNS address per pod").isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses())
        .as("a draining (unready) pod leaves the DNS answer, so clients drain it").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void voluntaryDisruptionsTakeOnePodAtATime(ServiceUnderTest s) {
    PodDisruptionBudget pdb = s.disruptionBudget();
    Deployment d = s.deployment();

    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(d.getSpec().getReplicas()).as("one pod may go while another serves").isGreaterThan(1);
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .as("a rollout adds a pod before it drains one").isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void settingsComeFromTheOptionalSharedConfigMap(ServiceUnderTest s) {
    var from = s.container().getEnvFrom();

    assertThat(from).hasSize(1);
    assertThat(from.get(0).getConfigMapRef().getName()).isEqualTo("analyzer-settings");
    assertThat(from.get(0).getConfigMapRef().getOptional()).isTrue();
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }
}
