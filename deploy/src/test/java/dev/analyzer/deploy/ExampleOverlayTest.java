package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.queue.QueueSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example overlay: what it includes exists, and every patch, image and replica count names a real object. */
class ExampleOverlayTest {

  private final JsonNode k = Manifests.kustomization(Manifests.EXAMPLE);

  /** Every object the overlay builds on (the base and its components), as kind/name. */
  private List<String> objects() {
    List<Manifests.Doc> docs = new ArrayList<>();
    for (String r : Manifests.list(k, "resources")) {
      docs.addAll(Manifests.resources(Manifests.EXAMPLE.resolve(r).normalize()));
    }
    for (String c : Manifests.list(k, "components")) {
      docs.addAll(Manifests.resources(Manifests.EXAMPLE.resolve(c).normalize()));
    }
    return docs.stream().map(d -> d.kind() + "/" + d.name()).toList();
  }

  @Test
  void theBaseAndTheQueueModeComponentAreIncluded() {
    assertThat(Manifests.list(k, "resources")).containsExactly("../../base");
    assertThat(Manifests.list(k, "components")).containsExactly("../../components/queue-mode");
    assertThat(k.path("namespace").asText()).isNotEmpty();
  }

  @Test
  void everyPatchExistsAndAppliesToAnObjectTheOverlayBuilds() {
    List<String> objects = objects();
    List<String> patched = new ArrayList<>();
    for (JsonNode p : k.path("patches")) {
      Path file = Manifests.EXAMPLE.resolve(p.path("path").asText());
      assertThat(file).isRegularFile();
      if (p.has("target")) {
        JsonNode t = p.path("target");
        String target = t.path("kind").asText() + "/" + t.path("name").asText();
        assertThat(objects).as("the target of %s", file).contains(target);
        // a JSON 6902 patch: a list of operations, each with an op and a path
        JsonNode ops = Manifests.tree(file);
        assertThat(ops.isArray()).as("%s is a list of JSON patch operations", file).isTrue();
        ops.forEach(op -> assertThat(op.path("op").asText()).isIn("add", "remove", "replace", "test", "copy", "move"));
        patched.add(target);
      } else {
        for (Manifests.Doc d : Manifests.documents(file)) {
          assertThat(objects).as("the object %s patches", file).contains(d.kind() + "/" + d.name());
          patched.add(d.kind() + "/" + d.name());
          d.node().path("spec").path("template").path("spec").path("containers").forEach(c ->
              assertThat(c.path("name").asText()).as("%s patches the container by its name", file).isEqualTo("analyzer"));
        }
      }
    }
    assertThat(patched).isNotEmpty();
  }

  @Test
  void imagesAndReplicaCountsNameWhatTheBaseHas() {
    List<String> objects = objects();
    for (JsonNode i : k.path("images")) {
      assertThat(ServiceUnderTest.all()).extracting(ServiceUnderTest::image).contains(i.path("name").asText());
      assertThat(i.path("newTag").asText()).isNotEmpty();
    }
    assertThat(k.path("images")).hasSize(ServiceUnderTest.all().size());
    for (JsonNode r : k.path("replicas")) {
      assertThat(objects).contains("Deployment/" + r.path("name").asText());
      assertThat(r.path("count").asInt()).isPositive();
    }
  }

  @Test
  void theGeneratedSettingsAreTheConfigMapTheServicesReadAndTurnQueueModeOn() {
    JsonNode gen = k.path("configMapGenerator").get(0);
    Map<String, String> literals = new HashMap<>();
    gen.path("literals").forEach(l -> {
      String[] kv = l.asText().split("=", 2);
      literals.put(kv[0], kv[1]);
    });

    assertThat(gen.path("name").asText()).isEqualTo(ServiceUnderTest.all().get(0).container().getEnvFrom().get(0)
        .getConfigMapRef().getName());
    assertThat(literals).containsKey(QueueSettings.URL);
    assertThat(QueueSettings.fromEnvironment(Environment.of(literals))).as("queue settings the services accept")
        .isPresent();
  }
}
