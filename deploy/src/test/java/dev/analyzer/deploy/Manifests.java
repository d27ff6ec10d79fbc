package dev.analyzer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the module's manifests: YAML documents, kustomizations, and typed fabric8 model objects
 * that must carry no field the Kubernetes schema does not know (a misspelt {@code readinesProbe}
 * would otherwise be kept as an "additional property" and silently ignored by the API server).
 * Stateless.
 */
final class Manifests {

  /** The module directory's {@code k8s} tree (tests run with the module as working directory). */
  static final Path K8S = Path.of("k8s");
  static final Path BASE = K8S.resolve("base");
  static final Path QUEUE_MODE = K8S.resolve("components/queue-mode");
  static final Path EXAMPLE = K8S.resolve("overlays/example");
  static final Path DOCKER = Path.of("docker");
  /** The repository root, for the service modules' poms and scripts/install-tools.sh. */
  static final Path REPO = Path.of("..");

  private static final ObjectMapper YAML = new YAMLMapper();

  private Manifests() {}

  /** One parsed YAML document and the file it came from. */
  record Doc(Path file, JsonNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }
  }

  /** Every non-empty document (mapping) of {@code file}; for a file holding one top-level list, see {@link #tree}. */
  static List<Doc> documents(Path file) {
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      List<Doc> out = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode() && n.size() > 0) {
          out.add(new Doc(file, n));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** The single YAML document of {@code file} as a tree (a top-level list stays one list). */
  static JsonNode tree(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** The kustomization of {@code dir} ({@code kustomization.yaml}). */
  static JsonNode kustomization(Path dir) {
    List<Doc> docs = documents(dir.resolve("kustomization.yaml"));
    if (docs.size() != 1) {
      throw new IllegalStateException(dir + "/kustomization.yaml must hold one document, has " + docs.size());
    }
    return docs.get(0).node();
  }

  /** The entries of a kustomization list field ({@code resources}, {@code components}, ...), as text. */
  static List<String> list(JsonNode kustomization, String field) {
    List<String> out = new ArrayList<>();
    kustomization.path(field).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Every document of every file {@code dir}'s kustomization lists as a resource (recursing into directories). */
  static List<Doc> resources(Path dir) {
    List<Doc> out = new ArrayList<>();
    for (String r : list(kustomization(dir), "resources")) {
      Path p = dir.resolve(r).normalize();
      out.addAll(Files.isDirectory(p) ? resources(p) : documents(p));
    }
    return out;
  }

  /** {@code doc} as the fabric8 model class {@code type}. */
  static <T> T typed(Doc doc, Class<T> type) {
    try {
      return YAML.treeToValue(doc.node(), type);
    } catch (IOException e) {
      throw new IllegalStateException(doc.file() + ": " + doc.kind() + " " + doc.name() + " does not fit the "
          + type.getSimpleName() + " schema: " + e.getMessage(), e);
    }
  }

  /** The typed model of a document of a known kind, {@link GenericKubernetesResource} otherwise. */
  static Object model(Doc doc) {
    switch (doc.kind()) {
      case "Deployment":
        return typed(doc, Deployment.class);
      case "Service":
        return typed(doc, Service.class);
      case "PodDisruptionBudget":
        return typed(doc, PodDisruptionBudget.class);
      default:
        return typed(doc, GenericKubernetesResource.class);
    }
  }

  /**
   * Fields of {@code model} (a fabric8 object, walked through its getters) that the schema does not
   * know, as {@code path.field}; a {@link GenericKubernetesResource} keeps its unknown body by design
   * and is not walked.
   */
  static List<String> unknownFields(Object model) {
    List<String> out = new ArrayList<>();
    walk(model, "", out);
    return out;
  }

  private static void walk(Object o, String path, List<String> out) {
    if (o == null || o instanceof GenericKubernetesResource) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        walk(e, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, path + "." + k, out));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method g : o.getClass().getMethods()) {
      if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
          || g.getName().equals("getClass")) {
        continue;
      }
      Object v;
      try {
        v = g.invoke(o);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      String field = path + "." + Character.toLowerCase(g.getName().charAt(3)) + g.getName().substring(4);
      if (g.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) v).keySet().forEach(k -> out.add(path + "." + k));
      } else {
        walk(v, field, out);
      }
    }
  }

  /** Every regular file below {@code dir} whose name ends with {@code suffix}. */
  static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
