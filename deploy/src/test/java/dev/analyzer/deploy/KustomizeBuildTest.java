package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kustomize build} of the base and of the example overlay, with the machine's
 * {@code kustomize} or {@code kubectl kustomize} (skipped, with the reason, when neither is on the
 * PATH): both build, and the overlay's transformations land where they should.
 */
class KustomizeBuildTest {

  @TempDir
  Path out;

  /** The build command for a directory: kustomize, else kubectl's built-in kustomize. */
  private static Optional<List<String>> kustomize() {
    for (String[] candidate : new String[][] {{"kustomize", "build"}, {"kubectl", "kustomize"}}) {
      if (onPath(candidate[0])) {
        return Optional.of(List.of(candidate));
      }
    }
    return Optional.empty();
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /** The documents {@code dir} builds to. */
  private List<Manifests.Doc> build(Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(kustomize().orElseThrow());
    command.add(dir.toString());
    Path yaml = out.resolve(dir.getFileName() + ".yaml");
    Path errors = out.resolve(dir.getFileName() + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(yaml.toFile()).redirectError(errors.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, Files.readString(errors)).isZero();
    return Manifests.documents(yaml);
  }

  @Test
  void theBaseBuildsToTheFourServices() throws Exception {
    assumeTrue(kustomize().isPresent(), "neither kustomize nor kubectl is on the PATH");

    List<Manifests.Doc> docs = build(Manifests.BASE);

    assertThat(docs.stream().filter(d -> d.kind().equals("Deployment")).map(Manifests.Doc::name))
        .containsExactlyInAnyOrderElementsOf(ServiceUnderTest.all().stream().map(ServiceUnderTest::name).toList());
    assertThat(docs).allSatisfy(d -> assertThat(d.node().path("metadata").path("labels")
        .path("app.kubernetes.io/part-of").asText()).isEqualTo("analyzer"));
    assertThat(docs).allSatisfy(d -> assertThat(Manifests.unknownFields(Manifests.model(d))).isEmpty());
  }

  @Test
  void theExampleOverlayBuildsWithItsNamespaceImagesSettingsAndPatches() throws Exception {
    assumeTrue(kustomize().isPresent(), "neither kustomize nor kubectl is on the PATH");

    List<Manifests.Doc> docs = build(Manifests.EXAMPLE);

    assertThat(docs).allSatisfy(d -> assertThat(d.node().path("metadata").path("namespace").asText())
        .isEqualTo("analyzers"));
    ConfigMap settings = docs.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst()
        .map(d -> Manifests.typed(d, ConfigMap.class)).orElseThrow();
    assertThat(settings.getMetadata().getName()).startsWith("analyzer-settings-");
    assertThat(settings.getData()).containsKey("ANALYZER_QUEUE_URL");
    List<Deployment> deployments = docs.stream().filter(d -> d.kind().equals("Deployment"))
        .map(d -> Manifests.typed(d, Deployment.class)).toList();
    assertThat(deployments).hasSize(4).allSatisfy(d -> {
      var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(c.getImage()).startsWith("registry.example.com/analyzer/");
      assertThat(c.getEnvFrom().get(0).getConfigMapRef().getName()).as("the generated (hashed) name")
          .isEqualTo(settings.getMetadata().getName());
    });
    Deployment staticDeployment = deployments.stream().filter(d -> d.getMetadata().getName().equals("analyzer-static"))
        .findFirst().orElseThrow();
    assertThat(staticDeployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(staticDeployment.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo("apps");
      assertThat(v.getEmptyDir()).isNull();
      assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("analyzer-apps");
    });
    Deployment ai = deployments.stream().filter(d -> d.getMetadata().getName().equals("analyzer-ai")).findFirst()
        .orElseThrow();
    assertThat(ai.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory")
        .toString()).isEqualTo("8Gi");
    assertThat(ai.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe()).as("patch merged, "
        + "not replaced").isNotNull();
    assertThat(docs.stream().filter(d -> d.kind().equals("ScaledObject") && d.name().equals("analyzer-static"))
        .findFirst().orElseThrow().node().path("spec").path("maxReplicaCount").asInt()).isEqualTo(20);
  }
}
