package dev.analyzer.manager.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start an app: the argument list (from {@code --app-command}, or {@code python3
 * backend/app.py --port {port}} for an app laid out as the sample app) and its port
 * ({@code --app-port}, else a free one when the command takes {@code {port}}, else
 * {@code BACKEND_PORT} or {@code PORT} from the app's {@code .env}). Immutable.
 *
 * @param command the argument list, {@code {port}} replaced
 * @param port the port the app listens on (127.0.0.1)
 * @param dir the working directory
 */
public record AppLaunch(List<String> command, int port, Path dir) {

  public AppLaunch {
    command = List.copyOf(command);
  }

  /**
   * @throws IllegalArgumentException (usage) naming the flag to give when the command or port cannot be found
   */
  public static AppLaunch resolve(String appCommand, Integer appPort, Path dir) throws IOException {
    List<String> cmd;
    if (appCommand != null && !appCommand.isBlank()) {
      cmd = tokenize(appCommand);
    } else if (Files.isRegularFile(dir.resolve("backend/app.py"))) {
      cmd = List.of(python(), "backend/app.py", "--port", "{port}");
    } else {
      throw new IllegalArgumentException("--start-app: give --app-command \"...\" (" + dir
          + " has no backend/app.py to start)");
    }
    boolean takesPort = cmd.stream().anyMatch(a -> a.contains("{port}"));
    int port;
    if (appPort != null) {
      if (appPort < 1 || appPort > 65535) {
        throw new IllegalArgumentException("--app-port must be 1..65535, got " + appPort);
      }
      port = appPort;
    } else if (takesPort) {
      port = freePort();
    } else {
      port = envPort(dir).orElseThrow(() -> new IllegalArgumentException("--start-app: give --app-port N (no "
          + "BACKEND_PORT or PORT in " + dir.resolve(".env") + ", and --app-command has no {port})"));
    }
    List<String> out = new ArrayList<>();
    for (String a : cmd) {
      out.add(a.replace("{port}", Integer.toString(port)));
    }
    return new AppLaunch(out, port, dir);
  }

  /** BACKEND_PORT, else PORT, from {@code dir/.env} or {@code dir/backend/.env}. */
  static Optional<Integer> envPort(Path dir) throws IOException {
    for (Path env : List.of(dir.resolve(".env"), dir.resolve("backend/.env"))) {
      if (!Files.isRegularFile(env)) {
        continue;
      }
      Integer port = null;
      for (String line : Files.readAllLines(env)) {
        String l = line.strip();
        for (String key : List.of("BACKEND_PORT", "PORT")) {
          if (l.startsWith(key + "=")) {
            try {
              int p = Integer.parseInt(l.substring(key.length() + 1).strip().replace("\"", ""));
              if (key.equals("BACKEND_PORT") || port == null) {
                port = p;
              }
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(env + ": " + key + " is not a port number: " + l);
            }
          }
        }
      }
      if (port != null) {
        return Optional.of(port);
      }
    }
    return Optional.empty();
  }

  /** Splits a command line into arguments: whitespace separates, single and double quotes group. No shell. */
  public static List<String> tokenize(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("--app-command has an unclosed " + quote + " quote: " + line);
    }
    if (any || cur.length() > 0) {
      out.add(cur.toString());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--app-command is empty");
    }
    return out;
  }

  private static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
