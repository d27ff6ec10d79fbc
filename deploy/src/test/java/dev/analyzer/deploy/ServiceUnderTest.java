package dev.analyzer.deploy;

import dev.analyzer.core.protocol.AnalysisKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/**
 * One analyzer service as the manifests must describe it, from the code's own facts: the name
 * {@code analyzer-<kind>}, the port {@link AnalysisKind#defaultPort()}, the manifest directory and
 * the image {@code analyzer/<kind>}. Immutable.
 */
record ServiceUnderTest(AnalysisKind kind) {

  static List<ServiceUnderTest> all() {
    return java.util.Arrays.stream(AnalysisKind.values()).map(ServiceUnderTest::new).toList();
  }

  String name() {
    return "analyzer-" + kind.wire();
  }

  int port() {
    return kind.defaultPort();
  }

  String image() {
    return "analyzer/" + kind.wire();
  }

  /** The Maven module (and jar name) of the service. */
  String module() {
    return name();
  }

  Deployment deployment() {
    return Manifests.typed(doc("Deployment", name()), Deployment.class);
  }

  PodDisruptionBudget disruptionBudget() {
    return Manifests.typed(doc("PodDisruptionBudget", name()), PodDisruptionBudget.class);
  }

  Service service(String serviceName) {
    return Manifests.typed(doc("Service", serviceName), Service.class);
  }

  Container container() {
    List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new IllegalStateException(name() + " must run one container, has " + containers.size());
    }
    return containers.get(0);
  }

  private Manifests.Doc doc(String kind, String name) {
    return Manifests.resources(Manifests.BASE).stream().filter(d -> d.kind().equals(kind) && d.name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("the base has no " + kind + " " + name));
  }

  @Override
  public String toString() {
    return name();
  }
}
