package dev.analyzer.staticanalyzer.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OSV advisories by package: the curated snapshot shipped with the service (its date is reported
 * with every result) plus any OSV JSON files in {@code ANALYZER_OSV_DIR} (one record, or an array of
 * records, per file, as osv.dev exports them). Immutable and thread-safe.
 */
public final class OsvDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(OsvDatabase.class);
  static final String SNAPSHOT = "/dev/analyzer/staticanalyzer/osv-snapshot.json";

  private final Map<String, List<Advisory>> byPackage;
  private final String snapshotDate;
  private final int size;
  private final int extraFiles;

  private OsvDatabase(Map<String, List<Advisory>> byPackage, String snapshotDate, int size, int extraFiles) {
    this.byPackage = byPackage;
    this.snapshotDate = snapshotDate;
    this.size = size;
    this.extraFiles = extraFiles;
  }

  /**
   * Loads the snapshot and the files of {@code extraDir} (may be null). A malformed extra file is
   * logged and skipped.
   */
  public static OsvDatabase load(Path extraDir) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, List<Advisory>> map = new HashMap<>();
    String date;
    int[] count = new int[1];
    try (InputStream in = OsvDatabase.class.getResourceAsStream(SNAPSHOT)) {
      JsonNode root = mapper.readTree(in);
      date = root.path("snapshot_date").asText("unknown");
      for (JsonNode rec : root.path("advisories")) {
        add(map, rec, count);
      }
    }
    int files = 0;
    if (extraDir != null && Files.isDirectory(extraDir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(extraDir, "*.json")) {
        for (Path f : ds) {
          try {
            JsonNode node = mapper.readTree(f.toFile());
            if (node.isArray()) {
              for (JsonNode rec : node) {
                add(map, rec, count);
              }
            } else {
              add(map, node, count);
            }
            files++;
          } catch (IOException | RuntimeException e) {
            LOG.warn("skipping OSV file {}: {}", f, e.getMessage());
          }
        }
      }
    }
    return new OsvDatabase(map, date, count[0], files);
  }

  static void add(Map<String, List<Advisory>> map, JsonNode rec, int[] count) {
    String id = rec.path("id").asText(null);
    if (id == null) {
      return;
    }
    List<String> aliases = new ArrayList<>();
    rec.path("aliases").forEach(a -> aliases.add(a.asText()));
    String severity = rec.path("database_specific").path("severity").asText("MODERATE");
    JsonNode cwes = rec.path("database_specific").path("cwe_ids");
    String cwe = cwes.isArray() && cwes.size() > 0 ? cwes.get(0).asText() : null;
    String summary = rec.path("summary").asText(rec.path("details").asText(id));
    for (JsonNode affected : rec.path("affected")) {
      String eco = affected.path("package").path("ecosystem").asText();
      String name = affected.path("package").path("name").asText();
      if (!eco.equals("PyPI") && !eco.equals("npm")) {
        continue;
      }
      List<Advisory.Range> ranges = new ArrayList<>();
      for (JsonNode range : affected.path("ranges")) {
        String introduced = null;
        for (JsonNode ev : range.path("events")) {
          if (ev.has("introduced")) {
            introduced = ev.get("introduced").asText();
          } else if (ev.has("fixed") && introduced != null) {
            ranges.add(new Advisory.Range(introduced, ev.get("fixed").asText()));
            introduced = null;
          } else if (ev.has("last_affected") && introduced != null) {
            ranges.add(new Advisory.Range(introduced, nextAfter(ev.get("last_affected").asText())));
            introduced = null;
          }
        }
        if (introduced != null) {
          ranges.add(new Advisory.Range(introduced, null));
        }
      }
      List<String> versions = new ArrayList<>();
      affected.path("versions").forEach(v -> versions.add(v.asText()));
      String key = eco + ":" + Advisory.normalize(eco, name);
      map.computeIfAbsent(key, k -> new ArrayList<>()).add(new Advisory(id, List.copyOf(aliases), eco,
          Advisory.normalize(eco, name), summary, severity, cwe, List.copyOf(ranges), List.copyOf(versions)));
      count[0]++;
    }
  }

  private static String nextAfter(String lastAffected) {
    return lastAffected + ".0.1";
  }

  /** The advisories affecting {@code name@version} in {@code ecosystem}. */
  public List<Advisory> affecting(String ecosystem, String name, String version) {
    List<Advisory> out = new ArrayList<>();
    for (Advisory a : byPackage.getOrDefault(ecosystem + ":" + Advisory.normalize(ecosystem, name), List.of())) {
      if (a.affects(version)) {
        out.add(a);
      }
    }
    return out;
  }

  public String snapshotDate() {
    return snapshotDate;
  }

  /** Package-advisory entries loaded. */
  public int size() {
    return size;
  }

  /** OSV files read from ANALYZER_OSV_DIR. */
  public int extraFiles() {
    return extraFiles;
  }
}
