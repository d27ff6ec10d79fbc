package dev.analyzer.manager.source;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code --source} that is a git repository: a URL ({@code https://}, {@code ssh://}, {@code git@},
 * {@code file://}) or a local repository with {@code --ref}, cloned with {@code git} from an argument
 * list (never a shell), at depth 1, into a temporary directory that {@link #close()} removes. No
 * credential prompt ({@code GIT_TERMINAL_PROMPT=0}); the clone is bounded by a timeout. Not
 * thread-safe; one per command.
 */
public final class GitSource implements AutoCloseable {

  private static final Duration CLONE_TIMEOUT = Duration.ofSeconds(180);
  private static final Pattern URL = Pattern.compile("^(https?://|ssh://|git://|file://|git@[^:]+:).+");
  private static final Pattern SHA = Pattern.compile("^[0-9a-fA-F]{7,40}$");

  private final Path dir;
  private final String shown;

  private GitSource(Path dir, String shown) {
    this.dir = dir;
    this.shown = shown;
  }

  /** True when {@code source} names a git URL, or a local repository and a ref is asked for. */
  public static boolean applies(String source, String ref) {
    if (URL.matcher(source).matches()) {
      return true;
    }
    return ref != null && Files.exists(Path.of(source).resolve(".git"));
  }

  /**
   * Clones {@code source} at {@code ref} (a branch, tag or commit; null: the default branch) below {@code tmpRoot}.
   *
   * @throws IllegalArgumentException when git refuses (unknown ref, not a repository), with git's last line
   * @throws IOException when git cannot be run
   */
  public static GitSource clone(String source, String ref, Path tmpRoot) throws IOException {
    if (ref != null && (ref.startsWith("-") || ref.isBlank())) {
      throw new IllegalArgumentException("--ref must name a branch, tag or commit, got '" + ref + "'");
    }
    String url = URL.matcher(source).matches() ? source
        : Path.of(source).toAbsolutePath().normalize().toUri().toString();
    Files.createDirectories(tmpRoot);
    Path dir = Files.createTempDirectory(tmpRoot, "clone-");
    GitSource g = new GitSource(dir, source + (ref == null ? "" : "@" + ref));
    try {
      if (ref != null && SHA.matcher(ref).matches()) {
        git(dir, List.of("init", "-q"));
        git(dir, List.of("fetch", "-q", "--depth", "1", "--", url, ref));
        git(dir, List.of("checkout", "-q", "FETCH_HEAD"));
      } else {
        List<String> args = new ArrayList<>(List.of("clone", "-q", "--depth", "1"));
        if (ref != null) {
          args.addAll(List.of("--branch", ref));
        }
        args.addAll(List.of("--", url, dir.toString()));
        git(dir.getParent(), args);
      }
    } catch (IOException | RuntimeException e) {
      g.close();
      throw e;
    }
    return g;
  }

  /** The checked-out tree. */
  public Path dir() {
    return dir;
  }

  /** What the user named, for messages. */
  public String shown() {
    return shown;
  }

  /** Removes the clone; idempotent. */
  @Override
  public void close() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary directory
    }
  }

  private static void git(Path cwd, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("GIT_ASKPASS", "/bin/false");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot run git (is it installed?): " + e.getMessage(), e);
    }
    byte[] out = p.getInputStream().readNBytes(64 * 1024);
    try {
      if (!p.waitFor(CLONE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException("git " + args.get(0) + " did not finish within " + CLONE_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while cloning");
    }
    if (p.exitValue() != 0) {
      String text = new String(out, StandardCharsets.UTF_8).strip();
      String last = text.isEmpty() ? "exit code " + p.exitValue() : text.lines().reduce((a, b) -> b).orElse(text);
      throw new IllegalArgumentException("--source: git " + args.get(0) + " failed: " + last);
    }
  }
}
