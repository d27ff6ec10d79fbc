package dev.analyzer.performance.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ScenarioSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void onlyParameterFreeGetRoutesAreTakenUnderTheServersPath() throws Exception {
    String doc = "{\"openapi\":\"3.0.0\",\"servers\":[{\"url\":\"http://app.example/api/v1/\"}],\"paths\":{"
        + "\"/items\":{\"get\":{}},"
        + "\"/items/{id}\":{\"get\":{}},"
        + "\"/search\":{\"get\":{\"parameters\":[{\"name\":\"q\",\"in\":\"query\",\"required\":true}]}},"
        + "\"/filter\":{\"get\":{\"parameters\":[{\"name\":\"tag\",\"in\":\"query\"}]}},"
        + "\"/me\":{\"parameters\":[{\"name\":\"X-Token\",\"in\":\"header\",\"required\":true}],\"get\":{}},"
        + "\"/login\":{\"post\":{}},"
        + "\"relative\":{\"get\":{}}}}";

    assertThat(ScenarioSource.getPaths(JSON.readTree(doc))).containsExactly("/api/v1/items", "/api/v1/filter");
  }

  @Test
  void swaggerTwoRoutesGetItsBasePath() throws Exception {
    String doc = "{\"swagger\":\"2.0\",\"basePath\":\"/v2\",\"paths\":{\"/pets\":{\"get\":{}},"
        + "\"/pets/new\":{\"get\":{\"parameters\":[{\"name\":\"body\",\"in\":\"body\"}]}}}}";

    assertThat(ScenarioSource.getPaths(JSON.readTree(doc))).containsExactly("/v2/pets");
  }

  @Test
  void aServerUrlWithVariablesOrNoPathAddsNoPrefix() throws Exception {
    String vars = "{\"servers\":[{\"url\":\"{scheme}://host/{base}\"}],\"paths\":{\"/a\":{\"get\":{}}}}";
    String root = "{\"servers\":[{\"url\":\"http://localhost:5000\"}],\"paths\":{\"/a\":{\"get\":{}}}}";

    assertThat(ScenarioSource.getPaths(JSON.readTree(vars))).containsExactly("/a");
    assertThat(ScenarioSource.getPaths(JSON.readTree(root))).containsExactly("/a");
  }

  @Test
  void routesWeighThreeAndHealthOrDocsRoutesOne() {
    assertThat(ScenarioSource.weight("/api/items")).isEqualTo(ScenarioSource.WEIGHT_ROUTE);
    assertThat(ScenarioSource.weight("/api/health")).isEqualTo(ScenarioSource.WEIGHT_HEALTH);
    assertThat(ScenarioSource.weight("/healthz")).isEqualTo(ScenarioSource.WEIGHT_HEALTH);
    assertThat(ScenarioSource.weight("/docs")).isEqualTo(ScenarioSource.WEIGHT_HEALTH);
    assertThat(ScenarioSource.weight("/api/statuses")).isEqualTo(ScenarioSource.WEIGHT_ROUTE);
  }
}
