package dev.analyzer.ai.requirements;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementLoaderTest {

  @TempDir
  Path dir;

  @Test
  void inlineRequirementsAcceptObjectsAndStrings() {
    var r = RequirementLoader.load(Map.of("requirements", List.of(Map.of("id", "a", "text", "Login page",
        "category", "Frontend"), "plain text")), dir, null, p -> p);

    assertThat(r.error()).isNull();
    assertThat(r.set().requirements()).extracting(Requirement::id).containsExactly("a", "config-2");
    assertThat(r.set().requirements().get(0).category()).isEqualTo("frontend");
    assertThat(r.set().requirements().get(1).category()).isEqualTo("functional");
  }

  @Test
  void markdownItemsTakeTheCategoryOfTheirHeading() throws Exception {
    Files.writeString(dir.resolve("REQUIREMENTS.md"), """
        # Todo app
        ## Backend requirements
        - GET /api/todos lists todos
        1. POST /api/todos creates one
        ## Frontend
        * [ ] A form to add todos
        Some prose that is not a requirement.
        """);

    var set = RequirementLoader.load(Map.of(), dir, null, p -> p).set();

    assertThat(set.source()).isEqualTo("REQUIREMENTS.md");
    assertThat(set.requirements()).extracting(Requirement::category).containsExactly("backend", "backend", "frontend");
    assertThat(set.requirements().get(2).text()).isEqualTo("A form to add todos");
  }

  @Test
  void aTemplateGivesCategoriesEndpointsAndStripsNumbering() throws Exception {
    Files.writeString(dir.resolve("crud.json"), """
        {"slug":"crud","backend_requirements":["1. GET /api/x - list"],"frontend_requirements":["2. Form"],
         "admin_requirements":["Admin list"],"api_endpoints":[{"method":"post","path":"/api/x","request":{"a":1}}],
         "admin_api_endpoints":[{"method":"GET","path":"/api/admin/x"}]}
        """);

    var set = RequirementLoader.load(Map.of("template_slug", "crud"), null, dir, p -> p).set();

    assertThat(set.requirements()).extracting(Requirement::id).containsExactly("backend-1", "frontend-1", "admin-1");
    assertThat(set.requirements().get(0).text()).isEqualTo("GET /api/x - list");
    assertThat(set.endpoints()).extracting(RequirementSet.Endpoint::method).containsExactly("POST", "GET");
    assertThat(set.endpoints().get(0).requestJson()).isEqualTo("{\"a\":1}");
    assertThat(set.endpoints().get(1).admin()).isTrue();
    assertThat(set.templateSlug()).isEqualTo("crud");
  }

  @Test
  void nothingFoundNamesEveryPlaceItLooked() {
    var r = RequirementLoader.load(Map.of("template_slug", "missing"), dir, dir, p -> p);

    assertThat(r.set()).isNull();
    assertThat(r.error()).contains("config.requirements (absent)", "template " + dir.resolve("missing.json"),
        "requirements.json", "REQUIREMENTS.md");
  }

  @Test
  void aSlugThatIsAPathIsRefused() {
    var r = RequirementLoader.load(Map.of("template_slug", "../etc/passwd"), dir, dir, p -> p);

    assertThat(r.error()).contains("template_slug must be letters");
  }

  @Test
  void weightsAndRoutesFollowTheOriginal() {
    assertThat(new Requirement("a", "Drag and drop reordering", "frontend").weight()).isEqualTo(1.5);
    assertThat(new Requirement("a", "Search todos", "backend").weight()).isEqualTo(1.0);
    assertThat(new Requirement("a", "Show a title", "frontend").weight()).isEqualTo(0.7);
    Requirement.RouteRef ref = new Requirement("a", "PUT /api/todos/:id - update", "backend").route();
    assertThat(ref.method()).isEqualTo("PUT");
    assertThat(ref.normalizedPath()).isEqualTo("/api/todos/{}");
    assertThat(Requirement.RouteRef.normalize("/api/todos/<int:todo_id>/")).isEqualTo("/api/todos/{}");
    assertThat(Requirement.RouteRef.normalize("/api/todos/{todo_id}")).isEqualTo("/api/todos/{}");
    assertThat(Requirement.RouteRef.normalize("/api/todos/${id}")).isEqualTo("/api/todos/{}");
  }
}
