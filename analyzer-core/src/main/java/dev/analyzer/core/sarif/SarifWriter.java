package dev.analyzer.core.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes findings as a SARIF 2.1.0 log that GitHub code scanning accepts: one run per tool,
 * stable {@code ruleId}s (the tool's own ids), {@code partialFingerprints} from each finding's
 * fingerprint, {@code security-severity} on security rules (those with a CWE), and file locations
 * as source-root-relative URIs under {@code %SRCROOT%}.
 *
 * <p>URL findings (dynamic analysis) carry a {@code webRequest} instead of a physical location.
 * A run keeps at most {@value #MAX_RESULTS_PER_RUN} results (GitHub's limit), most severe first;
 * the number dropped is recorded in the run's {@code properties.truncatedResults}.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class SarifWriter {

  /** GitHub code scanning's limit of results per run. */
  public static final int MAX_RESULTS_PER_RUN = 25_000;
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";
  static final String FINGERPRINT_KEY = "analyzerFingerprint/v1";

  private final Path sourceRoot;
  private final Map<String, SarifTool> tools;
  private final String category;
  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  SarifWriter(SarifWriterBuilder b) {
    this.sourceRoot = b.sourceRoot;
    this.tools = Map.copyOf(b.tools);
    this.category = b.category;
  }

  /** A builder with no source root, no tool metadata and category {@code analyzer}. */
  public static SarifWriterBuilder builder() {
    return new SarifWriterBuilder();
  }

  /** The SARIF log as indented JSON text. */
  public String write(List<Finding> findings) {
    try {
      return mapper.writeValueAsString(toTree(findings));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the SARIF log to {@code out} (not closed). */
  public void write(List<Finding> findings, OutputStream out) throws IOException {
    mapper.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .withDefaultPrettyPrinter().writeValue(out, toTree(findings));
  }

  /** The SARIF log as a Jackson tree. */
  public ObjectNode toTree(List<Finding> findings) {
    Map<String, List<Finding>> byTool = new LinkedHashMap<>();
    for (Finding f : findings) {
      byTool.computeIfAbsent(f.tool(), t -> new ArrayList<>()).add(f);
    }
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", SCHEMA_URI);
    root.put("version", "2.1.0");
    ArrayNode runs = root.putArray("runs");
    for (Map.Entry<String, List<Finding>> e : byTool.entrySet()) {
      runs.add(run(e.getKey(), e.getValue()));
    }
    return root;
  }

  private ObjectNode run(String toolName, List<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(Finding::severity));
    int dropped = Math.max(0, sorted.size() - MAX_RESULTS_PER_RUN);
    if (dropped > 0) {
      sorted = sorted.subList(0, MAX_RESULTS_PER_RUN);
    }
    ObjectNode run = mapper.createObjectNode();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", toolName);
    SarifTool meta = tools.get(toolName);
    if (meta != null && meta.version() != null) {
      driver.put("version", meta.version());
    }
    if (meta != null && meta.informationUri() != null) {
      driver.put("informationUri", meta.informationUri());
    }
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = mapper.createArrayNode();
    for (Finding f : sorted) {
      Integer index = ruleIndex.get(f.ruleId());
      if (index == null) {
        index = rules.size();
        ruleIndex.put(f.ruleId(), index);
        rules.add(SarifRules.rule(mapper, f));
      }
      results.add(result(f, index));
    }
    run.put("columnKind", "unicodeCodePoints");
    if (sourceRoot != null) {
      run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", directoryUri(sourceRoot));
    }
    run.putObject("automationDetails").put("id", category + "/" + toolName + "/");
    run.set("results", results);
    if (dropped > 0) {
      run.putObject("properties").put("truncatedResults", dropped);
    }
    return run;
  }

  private ObjectNode result(Finding f, int ruleIndex) {
    ObjectNode r = mapper.createObjectNode();
    r.put("ruleId", f.ruleId());
    r.put("ruleIndex", ruleIndex);
    r.put("level", f.severity().sarifLevel());
    r.putObject("message").put("text", f.message() != null ? f.message() : f.title());
    Location loc = f.location();
    if (loc != null && loc.isFile()) {
      ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      String uri = relativeUri(loc.file());
      artifact.put("uri", uri);
      if (!uri.startsWith("file:")) {
        artifact.put("uriBaseId", SRCROOT);
      }
      if (loc.line() != null) {
        ObjectNode region = physical.putObject("region");
        region.put("startLine", loc.line());
        if (loc.column() != null) {
          region.put("startColumn", loc.column());
        }
        if (loc.endLine() != null && loc.endLine() >= loc.line()) {
          region.put("endLine", loc.endLine());
        }
        if (loc.endColumn() != null) {
          region.put("endColumn", loc.endColumn());
        }
        if (f.evidence() != null && !f.evidence().isBlank()) {
          region.putObject("snippet").put("text", f.evidence());
        }
      }
    } else if (loc != null) {
      ObjectNode web = r.putObject("webRequest");
      web.put("target", loc.url());
      if (loc.method() != null) {
        web.put("method", loc.method());
      }
    }
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    ObjectNode props = r.putObject("properties");
    props.put("severity", f.severity().wire());
    if (f.confidence() != null) {
      props.put("confidence", f.confidence().wire());
    }
    if (f.tools().size() > 1) {
      ArrayNode tools = props.putArray("tools");
      f.tools().forEach(tools::add);
    }
    if (loc != null && !loc.isFile()) {
      props.put("url", loc.url());
      if (loc.parameter() != null) {
        props.put("parameter", loc.parameter());
      }
      if (f.evidence() != null) {
        props.put("evidence", f.evidence());
      }
    }
    return r;
  }

  private String relativeUri(String file) {
    String path = file.replace('\\', '/');
    if (isAbsolute(path)) {
      Path p = Path.of(path).normalize();
      if (sourceRoot != null && p.startsWith(sourceRoot)) {
        path = sourceRoot.relativize(p).toString().replace('\\', '/');
      } else {
        return p.toUri().toASCIIString();
      }
    }
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("file path cannot be a URI: " + file, e);
    }
  }

  private boolean isAbsolute(String file) {
    return file.startsWith("/") || (sourceRoot != null && Path.of(file).isAbsolute());
  }

  private static String directoryUri(Path dir) {
    String uri = dir.toUri().toASCIIString();
    return uri.endsWith("/") ? uri : uri + "/";
  }
}
