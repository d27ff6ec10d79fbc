package dev.analyzer.manager.commands;

import dev.analyzer.manager.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyzer clean --keep N}: per app ({@code results/<model>/app<N>/}), keeps the N newest
 * {@code task_*} folders and deletes the rest; the same for {@code results/batch/} summaries.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Delete old result folders: keep the N newest runs of each app (and N batch summaries).")
public final class CleanCommand implements Callable<Integer> {

  @Option(names = "--keep", required = true, paramLabel = "N", description = "Runs to keep per app, 0..10000.")
  int keep;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/).")
  Path out;

  @Option(names = "--dry-run", description = "Only print what would be deleted.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    if (keep < 0 || keep > 10_000) {
      throw new IllegalArgumentException("--keep must be 0..10000, got " + keep);
    }
    Path results = out == null ? Workspace.fromEnvironment().results() : out;
    if (!Files.isDirectory(results)) {
      System.out.println("nothing to clean: " + results + " does not exist");
      return 0;
    }
    List<Path> doomed = new ArrayList<>();
    try (Stream<Path> models = Files.list(results)) {
      for (Path model : models.filter(Files::isDirectory).toList()) {
        if (model.getFileName().toString().equals("batch")) {
          doomed.addAll(oldest(model, "batch_analysis_", false));
          continue;
        }
        try (Stream<Path> apps = Files.list(model)) {
          for (Path app : apps.filter(Files::isDirectory).toList()) {
            doomed.addAll(oldest(app, "task_", true));
          }
        }
      }
    }
    for (Path p : doomed) {
      System.out.println((dryRun ? "would delete " : "deleted ") + results.relativize(p));
      if (!dryRun) {
        delete(p);
        if (p.toString().endsWith(".json")) {
          Files.deleteIfExists(p.resolveSibling(p.getFileName().toString().replaceFirst("\\.json$", ".html")));
        }
      }
    }
    System.out.println((dryRun ? "would delete " : "deleted ") + doomed.size() + ", kept the " + keep
        + " newest of each app");
    return 0;
  }

  /** All but the {@code keep} newest entries named {@code prefix*} in {@code dir} (newest by name, then time). */
  private List<Path> oldest(Path dir, String prefix, boolean directories) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> runs = new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> directories ? Files.isDirectory(p) : Files.isRegularFile(p) && p.toString().endsWith(".json")).toList());
      runs.sort(Comparator.comparing(CleanCommand::modified).reversed());
      return runs.size() <= keep ? List.of() : runs.subList(keep, runs.size());
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void delete(Path p) throws IOException {
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
