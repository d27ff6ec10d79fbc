package dev.analyzer.manager.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The findings of an earlier run ({@code --baseline}): its consolidated JSON, or its result folder
 * (the consolidated JSON inside is found through {@code manifest.json}). A run with a baseline reports
 * only findings whose fingerprint the baseline lacks, like code scanning's new alerts. Immutable.
 *
 * @param file the consolidated JSON read
 * @param fingerprints the known findings
 */
public record Baseline(Path file, Set<String> fingerprints) {

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
  }

  /**
   * @throws IllegalArgumentException (usage) when the file is missing or is not a consolidated result
   */
  public static Baseline read(Path given) throws IOException {
    Path file = given;
    if (Files.isDirectory(given)) {
      file = consolidatedIn(given);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--baseline " + given + " does not exist");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("--baseline " + file + " is not valid JSON");
    }
    JsonNode findings = root == null ? null : root.at("/results/findings");
    if (findings == null || !findings.isArray()) {
      throw new IllegalArgumentException("--baseline " + file + " is not an analyzer result (no results.findings); give "
          + "the consolidated JSON of a run or its results folder");
    }
    Set<String> fps = new HashSet<>();
    for (JsonNode f : findings) {
      if (f.path("fingerprint").isTextual()) {
        fps.add(f.get("fingerprint").asText());
      }
    }
    return new Baseline(file, fps);
  }

  private static Path consolidatedIn(Path dir) throws IOException {
    Path manifest = dir.resolve("manifest.json");
    if (Files.isRegularFile(manifest)) {
      JsonNode m = new ObjectMapper().readTree(manifest.toFile());
      if (m.path("primary_result").isTextual()) {
        return dir.resolve(m.get("primary_result").asText());
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains("_task_") && p.toString().endsWith(".json"))
          .findFirst().orElse(dir.resolve("manifest.json"));
    }
  }
}
