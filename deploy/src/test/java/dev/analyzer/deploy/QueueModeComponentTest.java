package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.queue.QueueNames;
import dev.analyzer.service.ServiceOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The queue-mode component: a KEDA ScaledObject per service, on the lag of the durable consumer of
 * that service's work-queue stream, named as analyzer-queue names them.
 */
class QueueModeComponentTest {

  private static JsonNode scaledObject(ServiceUnderTest s) {
    return Manifests.resources(Manifests.QUEUE_MODE).stream()
        .filter(d -> d.kind().equals("ScaledObject") && d.name().equals(s.name())).findFirst()
        .orElseThrow(() -> new AssertionError("no ScaledObject " + s.name())).node();
  }

  @Test
  void itIsAComponentWhoseResourcesExist() {
    JsonNode k = Manifests.kustomization(Manifests.QUEUE_MODE);

    assertThat(k.path("kind").asText()).isEqualTo("Component");
    assertThat(Manifests.list(k, "resources")).isNotEmpty()
        .allSatisfy(r -> assertThat(Manifests.QUEUE_MODE.resolve(r)).isRegularFile());
    assertThat(Manifests.resources(Manifests.QUEUE_MODE)).extracting(Manifests.Doc::kind).containsOnly("ScaledObject")
        .hasSize(ServiceUnderTest.all().size());
  }

  @Test
  void eachServiceScalesOnItsStreamsConsumerLag() {
    QueueNames names = QueueNames.defaults();
    for (ServiceUnderTest s : ServiceUnderTest.all()) {
      JsonNode so = scaledObject(s);
      JsonNode spec = so.path("spec");

      assertThat(so.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
      assertThat(spec.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
      assertThat(spec.path("scaleTargetRef").path("name").asText()).as("the base's Deployment").isEqualTo(
          s.deployment().getMetadata().getName());
      assertThat(spec.path("minReplicaCount").asInt(-1)).isGreaterThanOrEqualTo(1);
      assertThat(spec.path("maxReplicaCount").asInt()).isGreaterThan(spec.path("minReplicaCount").asInt());
      List<JsonNode> triggers = new java.util.ArrayList<>();
      spec.path("triggers").forEach(triggers::add);
      assertThat(triggers).hasSize(1);
      JsonNode t = triggers.get(0);
      assertThat(t.path("type").asText()).isEqualTo("nats-jetstream");
      JsonNode m = t.path("metadata");
      assertThat(m.path("stream").asText()).as(s.name()).isEqualTo(names.requestStream(s.kind()));
      assertThat(m.path("consumer").asText()).isEqualTo(QueueNames.CONSUMER);
      assertThat(m.path("account").asText()).isEqualTo("$G");
      assertThat(m.path("natsServerMonitoringEndpoint").asText()).matches("[a-z0-9.-]+:8222");
      assertThat(m.path("lagThreshold").asText()).as("the lag one pod absorbs: its concurrent analyses")
          .isEqualTo(Integer.toString(ServiceOptions.MAX_CONCURRENT_ANALYSES.defaultValue()));
      assertThat(m.path("useHttps").asText()).isIn("true", "false");
    }
  }
}
