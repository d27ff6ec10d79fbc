package dev.analyzer.manager.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The per-service request config of the demo: the sample app's requirements for the AI review. */
final class DemoConfig {

  private DemoConfig() {}

  static Map<String, Map<String, Object>> forSampleApp(Path app) {
    Map<String, Map<String, Object>> config = new LinkedHashMap<>();
    Path req = app.resolve("requirements.json");
    if (Files.isRegularFile(req)) {
      config.put("ai", Map.of("requirements_file", req.toAbsolutePath().normalize().toString()));
    }
    return config;
  }
}
