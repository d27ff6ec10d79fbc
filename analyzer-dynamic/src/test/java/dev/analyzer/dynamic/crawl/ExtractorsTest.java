package dev.analyzer.dynamic.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the extractors find in HTML, scripts, API documents, robots.txt and sitemaps. */
class ExtractorsTest {

  private static final URI BASE = URI.create("http://127.0.0.1:5000/app/page");

  @Test
  void htmlGivesLinksScriptsAndFormsWithTheirFields() {
    List<Found> f = HtmlExtractor.extract(BASE, "<a href='/a?x=1#frag'>a</a><a href='javascript:alert(1)'>j</a>"
        + "<script src='main.js'></script><form method='post' action='/save'><input type='hidden' name='csrf' "
        + "value='t0k'><input name='email'><select name='kind'><option value='b'>B</option></select>"
        + "<input type='file' name='upload'></form>");

    assertThat(f).extracting(x -> x.uri().toString()).contains("http://127.0.0.1:5000/a?x=1",
        "http://127.0.0.1:5000/app/main.js", "http://127.0.0.1:5000/save");
    assertThat(f).noneMatch(x -> x.uri().toString().startsWith("javascript"));
    Found form = f.stream().filter(x -> x.source().equals("form")).findFirst().orElseThrow();
    assertThat(form.method()).isEqualTo("POST");
    assertThat(form.params()).extracting(Param::name).containsExactly("csrf", "email", "kind");
    assertThat(form.params()).extracting(Param::sample).containsExactly("t0k", "probe@example.com", "b");
  }

  @Test
  void anEmptyQueryValueInAScriptGetsAPlausibleSample() {
    List<Found> f = ScriptExtractor.extract(BASE, "fetch('/api/books?id=' + encodeURIComponent(id));"
        + "fetch('/api/find?q=' + q);");

    assertThat(f).extracting(x -> x.uri().getPath() + "?" + x.uri().getQuery())
        .contains("/api/books?id=1", "/api/find?q=probe");
  }

  @Test
  void scriptsGiveFetchAndAxiosCallsWithMethodsBodiesAndTemplateParts() {
    List<Found> f = ScriptExtractor.extract(BASE, "fetch(`${API}/api/items/${id}?q=${q}`);"
        + "axios.post('/api/login', {username, password: p});"
        + "fetch('/api/notes', {method: 'PUT', body: JSON.stringify({title: t, done: false})});"
        + "const u = \"/api/v2/health\";");

    assertThat(f).extracting(x -> x.method() + " " + x.uri().getPath()).contains("GET /api/items/1",
        "POST /api/login", "PUT /api/notes", "GET /api/v2/health");
    assertThat(f.stream().filter(x -> x.uri().getPath().equals("/api/items/1")).findFirst().orElseThrow().uri()
        .getQuery()).isEqualTo("q=1");
    assertThat(f.stream().filter(x -> x.method().equals("POST")).findFirst().orElseThrow().params())
        .extracting(Param::name).containsExactly("username", "password");
    assertThat(f.stream().filter(x -> x.method().equals("PUT")).findFirst().orElseThrow().params())
        .extracting(Param::name).containsExactly("title", "done");
  }

  @Test
  void openApiGivesPathsParametersAndBodiesWithSamples() {
    String doc = "{\"openapi\":\"3.0.0\",\"servers\":[{\"url\":\"/v1\"}],\"paths\":{"
        + "\"/items/{id}\":{\"get\":{\"parameters\":[{\"name\":\"id\",\"in\":\"path\"},"
        + "{\"name\":\"sort\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"enum\":[\"name\",\"id\"]}}]}},"
        + "\"/items\":{\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":"
        + "{\"$ref\":\"#/components/schemas/Item\"}}}}}}},"
        + "\"components\":{\"schemas\":{\"Item\":{\"properties\":{\"name\":{\"type\":\"string\"},"
        + "\"qty\":{\"type\":\"integer\"}}}}}}";

    assertThat(ApiDocExtractor.isApiDoc(doc)).isTrue();
    List<Found> f = ApiDocExtractor.openApi(URI.create("http://127.0.0.1:5000/openapi.json"), doc);

    assertThat(f).extracting(x -> x.method() + " " + x.uri().getPath() + "?" + x.uri().getQuery())
        .contains("GET /v1/items/1?sort=name", "POST /v1/items?null");
    assertThat(f.stream().filter(x -> x.method().equals("POST")).findFirst().orElseThrow().params())
        .extracting(p -> p.name() + "=" + p.sample()).containsExactly("name=", "qty=1");
  }

  @Test
  void robotsAndSitemapsGivePaths() {
    assertThat(ApiDocExtractor.robots(BASE, "User-agent: *\nDisallow: /admin # private\nDisallow: /*.bak$\n"
        + "Sitemap: http://127.0.0.1:5000/s.xml")).extracting(x -> x.uri().getPath())
        .containsExactly("/admin", "/s.xml");
    assertThat(ApiDocExtractor.sitemap(BASE, "<urlset><url><loc>http://127.0.0.1:5000/a?b=1&amp;c=2</loc></url>"
        + "</urlset>")).extracting(x -> x.uri().getRawQuery()).containsExactly("b=1&c=2");
  }
}
