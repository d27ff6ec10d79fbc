package dev.analyzer.staticanalyzer.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bubblewrap command line that confines one tool run: every namespace unshared (network, pid,
 * ipc, uts, cgroup, and a user namespace in which the tool is uid/gid {@value #NOBODY}), all
 * capabilities dropped, a new session, killed when its parent dies; read-only {@code /usr} and the
 * {@code /bin}, {@code /sbin}, {@code /lib*} links (or directories) of the host, only the few files
 * of {@code /etc} the tools need ({@link #ETC}), a fresh {@code /proc} of its own pid namespace (the
 * service's processes are not in it), a minimal {@code /dev}, an empty tmpfs {@code /tmp}, the
 * extra read-only directories a tool needs (the ESLint install) and the tool's workspace, at its own
 * path, as the only writable place besides the tmpfs (the root is remounted read-only). Nothing of the apps directory or of the service's own files is
 * mounted. Immutable and thread-safe.
 */
final class BwrapCommand {

  static final int NOBODY = 65534;
  /** The files of {@code /etc} that the dynamic loader, Python and node need; each is bound only when present. */
  static final List<String> ETC = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
      "/etc/alternatives", "/etc/localtime");
  private static final List<String> ROOT_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

  private final Path bwrap;
  private final List<String> fixed;

  private BwrapCommand(Path bwrap, List<String> fixed) {
    this.bwrap = bwrap;
    this.fixed = List.copyOf(fixed);
  }

  /** The command for {@code bwrap} on this host (its {@code /lib*} layout and {@code /etc/python3*} read now). */
  static BwrapCommand forHost(Path bwrap) {
    List<String> a = new ArrayList<>(List.of("--unshare-all", "--unshare-user", "--uid", Integer.toString(NOBODY),
        "--gid", Integer.toString(NOBODY), "--die-with-parent", "--new-session", "--cap-drop", "ALL",
        "--ro-bind", "/usr", "/usr"));
    for (String dir : ROOT_LINKS) {
      Path p = Path.of(dir);
      if (Files.isSymbolicLink(p)) {
        try {
          a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
        } catch (IOException unreadable) {
          // a link we cannot read is left out; the tool fails to start if it needs it
        }
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        a.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    List<String> etc = new ArrayList<>(ETC);
    etc.addAll(pythonEtc());
    for (String f : etc) {
      a.addAll(List.of("--ro-bind-try", f, f));
    }
    a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
    return new BwrapCommand(bwrap, a);
  }

  /** Debian's {@code /etc/python3*} (sitecustomize); nothing else of {@code /etc}. */
  private static List<String> pythonEtc() {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("/etc"), "python3*")) {
      for (Path p : s) {
        out.add(p.toString());
      }
    } catch (IOException none) {
      // no /etc/python3*: nothing to bind
    }
    out.sort(null);
    return out;
  }

  /**
   * {@code command} confined: {@code writable} (the workspace) bound read-write at its own path,
   * {@code readOnly} directories bound read-only, {@code workingDirectory} as the current directory,
   * {@code TMPDIR=/tmp}.
   */
  List<String> wrap(List<String> command, Path writable, Path workingDirectory, List<Path> readOnly) {
    List<String> out = new ArrayList<>();
    out.add(bwrap.toString());
    out.addAll(fixed);
    for (Path p : readOnly) {
      out.addAll(List.of("--ro-bind", p.toString(), p.toString()));
    }
    if (writable != null) {
      out.addAll(List.of("--bind", writable.toString(), writable.toString()));
    }
    out.addAll(List.of("--remount-ro", "/", "--chdir", (workingDirectory == null ? Path.of("/") : workingDirectory).toString(),
        "--setenv", "TMPDIR", "/tmp", "--"));
    out.addAll(command);
    return out;
  }
}
