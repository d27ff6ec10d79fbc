package dev.analyzer.benchmarks;

import dev.analyzer.staticanalyzer.engine.TemplateChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The planted-issue markers of a fixture tree such as {@code analyzer-static/src/test/resources/apps/taint},
 * read exactly as {@code TaintFixturesTest} reads them: on a line whose comment (from {@code # },
 * {@code //}, <code>{/*</code> or {@code <!--}) holds {@code VULN: class[, class]} (a planted issue),
 * {@code SAFE} (a decoy) or {@code LOW: class} (a test-file finding the engine demotes to low), and
 * judged the same way: a line counts as reported when a finding of medium or above sits on it.
 * Immutable; thread-safe.
 */
record PlantedMarkers(List<Marker> markers, List<String> files) {

  private static final Pattern MARK = Pattern.compile("(VULN|SAFE|LOW)(:\\s*([a-z-]+(?:\\s*,\\s*[a-z-]+)*))?");

  /** One marked line; {@code file} relative to the tree's root with {@code /}. */
  record Marker(String file, int line, String kind, List<String> classes) {

    String key() {
      return file + ":" + line;
    }

    /** Python side: {@code .py} files and Python templates; everything else is the JavaScript side. */
    boolean python() {
      return PlantedMarkers.python(file);
    }
  }

  PlantedMarkers {
    markers = List.copyOf(markers);
    files = List.copyOf(files);
  }

  static boolean python(String file) {
    return file.endsWith(".py") || TemplateChecks.isPythonTemplate(file);
  }

  /** Every regular file under {@code root} (sorted) and the markers in them. */
  static PlantedMarkers read(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(root)) {
      paths = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<Marker> markers = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (Path p : paths) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      files.add(rel);
      String[] lines = Files.readString(p).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        int c = Math.max(lines[i].indexOf("# "), lines[i].indexOf("//"));
        c = Math.max(c, lines[i].indexOf("{/*"));
        c = Math.max(c, lines[i].indexOf("<!--"));
        if (c < 0) {
          continue;
        }
        Matcher m = MARK.matcher(lines[i].substring(c));
        if (m.find()) {
          List<String> classes = m.group(3) == null ? List.of()
              : Stream.of(m.group(3).split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
          markers.add(new Marker(rel, i + 1, m.group(1), classes));
        }
      }
    }
    return new PlantedMarkers(markers, files);
  }

  List<Marker> of(String kind, boolean python) {
    return markers.stream().filter(m -> m.kind().equals(kind) && m.python() == python).toList();
  }

  /** How many of {@code kind}'s markers on the given side sit on a line in {@code reported}. */
  int hit(String kind, boolean python, Set<String> reported) {
    return (int) of(kind, python).stream().filter(m -> reported.contains(m.key())).count();
  }

  /** The lines of {@code reported} that carry no marker at all. */
  int unmarked(Collection<String> reported) {
    Set<String> marked = new TreeSet<>();
    markers.forEach(m -> marked.add(m.key()));
    return (int) reported.stream().filter(k -> !marked.contains(k)).count();
  }
}
