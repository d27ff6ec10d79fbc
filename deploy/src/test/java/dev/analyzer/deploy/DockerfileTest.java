package dev.analyzer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's Dockerfile: it exposes the service's port, runs as a non-root numeric user,
 * starts the jar its module's shade plugin builds, and installs the Debian tools that
 * {@code scripts/install-tools.sh} installs for that service. (Images are not built here.)
 */
class DockerfileTest {

  /** The Debian packages of each service's tools, as scripts/install-tools.sh names them. */
  private static final Map<String, List<String>> TOOLS = Map.of(
      "static", List.of("python3-bandit", "pylint", "flake8", "shellcheck", "bubblewrap"),
      "dynamic", List.of("wapiti", "nmap", "sqlmap"),
      "performance", List.of("wrk", "apache2-utils", "hey", "python3-locust"),
      "ai", List.of());

  static List<ServiceUnderTest> services() {
    return ServiceUnderTest.all();
  }

  private static String dockerfile(ServiceUnderTest s) throws IOException {
    return Files.readString(Manifests.DOCKER.resolve(s.kind().wire()).resolve("Dockerfile"));
  }

  /** The instructions of the last stage (the image that runs), continuation lines joined. */
  private static List<String> runtimeStage(String dockerfile) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      current.append(t.endsWith("\\") ? t.substring(0, t.length() - 1) + " " : t);
      if (!t.endsWith("\\")) {
        String instruction = current.toString().replaceAll("\\s+", " ");
        if (instruction.startsWith("FROM ")) {
          out.clear();
        }
        out.add(instruction);
        current.setLength(0);
      }
    }
    return out;
  }

  private static List<String> instructions(List<String> stage, String keyword) {
    return stage.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void itExposesTheServicePortAndRunsAsANonRootUser(ServiceUnderTest s) throws IOException {
    List<String> stage = runtimeStage(dockerfile(s));

    assertThat(instructions(stage, "EXPOSE")).containsExactly(Integer.toString(s.port()));
    List<String> users = instructions(stage, "USER");
    assertThat(users).as("a USER instruction in the runtime stage").isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).as("numeric, so runAsNonRoot can check it").matches("\\d+");
    assertThat(Integer.parseInt(user)).isNotZero();
    assertThat(Integer.parseInt(user)).as("the Deployment's runAsUser").isEqualTo(s.deployment().getSpec()
        .getTemplate().getSpec().getSecurityContext().getRunAsUser().intValue());
    assertThat(String.join("\n", instructions(stage, "ENV"))).contains("WEBSOCKET_HOST=0.0.0.0")
        .contains("WEBSOCKET_PORT=" + s.port());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void itRunsTheJarTheModuleBuilds(ServiceUnderTest s) throws IOException {
    String pom = Files.readString(Manifests.REPO.resolve(s.module()).resolve("pom.xml"));
    Matcher m = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+\\.jar)</outputFile>").matcher(pom);
    assertThat(m.find()).as("%s builds a shaded jar", s.module()).isTrue();
    String jar = m.group(1);
    List<String> stage = runtimeStage(dockerfile(s));

    assertThat(instructions(stage, "COPY")).anySatisfy(c -> assertThat(c)
        .isEqualTo("--from=build /src/" + s.module() + "/target/" + jar + " /opt/analyzer/" + jar));
    assertThat(instructions(stage, "ENTRYPOINT")).singleElement().satisfies(e -> assertThat(e)
        .startsWith("[\"java\"").endsWith("\"-jar\", \"/opt/analyzer/" + jar + "\"]"));
    assertThat(dockerfile(s)).contains("-pl " + s.module() + " -am package");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void itInstallsTheServicesDebianToolsAsInstallToolsDoes(ServiceUnderTest s) throws IOException {
    String script = Files.readString(Manifests.REPO.resolve("scripts/install-tools.sh"));
    Matcher m = Pattern.compile("packages=\\(([^)]*)\\)").matcher(script);
    assertThat(m.find()).isTrue();
    List<String> installToolsPackages = Arrays.asList(m.group(1).trim().split("\\s+"));
    String apt = instructions(runtimeStage(dockerfile(s)), "RUN").stream().filter(r -> r.contains("apt-get install"))
        .findFirst().orElseThrow(() -> new AssertionError("no apt-get install"));
    List<String> installed = Arrays.asList(apt.replaceAll(".*--no-install-recommends ", "").split(" &&")[0].trim()
        .split("\\s+"));

    List<String> tools = TOOLS.get(s.kind().wire());
    assertThat(installToolsPackages).as("install-tools.sh installs them").containsAll(tools);
    assertThat(installed).containsAll(tools).contains("openjdk-17-jre-headless");
    assertThat(apt).as("apt lists are removed in the same layer").contains("rm -rf /var/lib/apt/lists/*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void theManifestRunsTheImageThisDockerfileBuilds(ServiceUnderTest s) throws IOException {
    assertThat(dockerfile(s)).contains("docker build -f deploy/docker/" + s.kind().wire() + "/Dockerfile -t "
        + s.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage() + " .");
    Path ignore = Manifests.DOCKER.resolve(s.kind().wire()).resolve("Dockerfile.dockerignore");
    assertThat(Files.readAllLines(ignore)).contains(".git", "**/target");
  }
}
