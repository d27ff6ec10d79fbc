package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyzer demo} with the project's own home: when all four service jars are built (and
 * runnable), every service answers and the report has a non-empty section for each. Skipped, with
 * the reason, while a service is not built.
 */
class FullDemoIT {

  private static final List<String> SERVICES = List.of("static", "dynamic", "performance", "ai");

  @TempDir
  Path state;

  @Test
  void theDemoShowsRealResultsFromAllFourServices() throws Exception {
    for (String s : SERVICES) {
      Path jar = Cli.REPO.resolve("analyzer-" + s + "/target/analyzer-" + s + ".jar");
      assumeTrue(runnable(jar), "analyzer-" + s + " is not built (or its jar has no main class): " + jar);
    }
    Path json = state.resolve("demo.json");
    ProcessBuilder pb = new ProcessBuilder(Cli.java(), "-jar", Cli.JAR.toString(), "demo", "--format", "json", "--output",
        json.toString(), "--strict", "--no-color")
        .directory(Cli.REPO.toFile()).redirectErrorStream(true);
    pb.environment().put("ANALYZER_HOME", Cli.REPO.toString());
    pb.environment().put("ANALYZER_STATE_DIR", state.toString());
    pb.environment().keySet().removeIf(k -> k.endsWith("_URLS") || k.endsWith("_URL"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();

    assertThat(p.exitValue()).as(out).isZero();
    JsonNode summary = new ObjectMapper().readTree(json.toFile());
    // the load test runs alone: its first progress comes after the dynamic probe has finished
    List<String> lines = out.lines().toList();
    int dynamicDone = indexOf(lines, "[dynamic] completed");
    int firstLoadProgress = indexOf(lines, "[performance] ", "%");
    assertThat(dynamicDone).as(out).isNotNegative();
    assertThat(firstLoadProgress).as(out).isGreaterThan(dynamicDone);
    assertThat(summary.at("/status").asText()).as(out).isEqualTo("completed");
    Document doc = Jsoup.parse(Files.readString(Path.of(summary.get("report_html").asText())));
    assertThat(doc.select("#status-banner.banner-red")).isEmpty();
    assertThat(doc.select("tr.finding")).isNotEmpty();
    assertThat(doc.select("#service-dynamic .url-group")).as("dynamic findings by URL").isNotEmpty();
    assertThat(doc.select("#service-performance table.percentiles")).as("load test percentiles").isNotEmpty();
    assertThat(doc.select("#service-ai tr.requirement")).as("AI requirements").isNotEmpty();
    for (String s : SERVICES) {
      assertThat(doc.select("#service-" + s + " .tools").text()).as(s).doesNotContain("none reported");
    }
  }

  private static int indexOf(List<String> lines, String prefix, String... contains) {
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith(prefix) && java.util.Arrays.stream(contains).allMatch(l::contains)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean runnable(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile j = new JarFile(jar.toFile())) {
      String main = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Main-Class");
      return main != null && j.getEntry(main.replace('.', '/') + ".class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
