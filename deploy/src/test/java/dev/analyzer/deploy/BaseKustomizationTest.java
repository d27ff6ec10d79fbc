package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The kustomize base: what it lists exists, it lists every manifest, and each parses to the schema. */
class BaseKustomizationTest {

  @Test
  void everyListedResourceExistsAndEveryManifestIsListed() {
    List<String> listed = Manifests.list(Manifests.kustomization(Manifests.BASE), "resources");

    assertThat(listed).allSatisfy(r -> assertThat(Manifests.BASE.resolve(r)).isRegularFile());
    Set<Path> files = new TreeSet<>(Manifests.files(Manifests.BASE, ".yaml"));
    files.remove(Manifests.BASE.resolve("kustomization.yaml"));
    assertThat(listed.stream().map(r -> Manifests.BASE.resolve(r).normalize()).toList())
        .containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void perServiceADeploymentAServiceAHeadlessServiceAndADisruptionBudget() {
    List<String> objects = new ArrayList<>();
    Manifests.resources(Manifests.BASE).forEach(d -> objects.add(d.kind() + "/" + d.name()));

    List<String> expected = new ArrayList<>();
    for (ServiceUnderTest s : ServiceUnderTest.all()) {
      expected.addAll(List.of("Deployment/" + s.name(), "Service/" + s.name(), "Service/" + s.name() + "-headless",
          "PodDisruptionBudget/" + s.name()));
    }
    assertThat(objects).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyManifestFitsTheKubernetesSchemaWithNoUnknownField() {
    List<Path> all = new ArrayList<>(Manifests.files(Manifests.K8S, ".yaml"));

    for (Path file : all) {
      if (file.getFileName().toString().equals("kustomization.yaml") || file.startsWith(Manifests.EXAMPLE
          .resolve("patches"))) {
        continue;
      }
      for (Manifests.Doc d : Manifests.documents(file)) {
        assertThat(d.node().path("apiVersion").asText()).as("%s: apiVersion", file).isNotEmpty();
        assertThat(d.name()).as("%s: metadata.name", file).isNotEmpty();
        assertThat(Manifests.unknownFields(Manifests.model(d))).as("%s: %s %s fields the schema does not know",
            file, d.kind(), d.name()).isEmpty();
      }
    }
    assertThat(all).as("manifests found").hasSizeGreaterThan(8);
  }

  @Test
  void aMisspeltFieldIsCaught() throws Exception {
    Path bad = Files.createTempFile("deployment", ".yaml");
    try {
      Files.writeString(bad, Files.readString(Manifests.BASE.resolve("static/deployment.yaml"))
          .replace("readinessProbe:", "readinesProbe:"));

      List<String> unknown = Manifests.unknownFields(Manifests.model(Manifests.documents(bad).get(0)));

      assertThat(unknown).containsExactly(".spec.template.spec.containers[0].readinesProbe");
    } finally {
      Files.delete(bad);
    }
  }
}
