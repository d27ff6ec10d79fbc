package dev.analyzer.manager.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.manager.run.ServiceOutcome;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML for CI dashboards: one test suite per service; its first test case, "analysis", errors
 * when the service is missing or failed (so an incomplete run never shows green), then one failed
 * test case per finding of that service. Stateless.
 */
public final class JunitReport {

  private JunitReport() {}

  public static String render(Consolidated c) {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuites name=\"analyzer\" tests=\"").append(c.findings().size() + c.report().outcomes().size())
        .append("\" failures=\"").append(c.findings().size()).append("\">\n");
    for (ServiceOutcome o : c.report().outcomes()) {
      List<Finding> mine = c.findings().stream().filter(f -> belongs(o, f)).toList();
      boolean bad = o.missing() || o.failed();
      x.append("  <testsuite name=\"").append(attr(o.spec().name())).append("\" tests=\"").append(mine.size() + 1)
          .append("\" failures=\"").append(mine.size()).append("\" errors=\"").append(bad ? 1 : 0)
          .append("\" time=\"").append(String.format(Locale.ROOT, "%.2f", o.duration().toMillis() / 1000.0)).append("\">\n");
      x.append("    <testcase classname=\"").append(attr(o.spec().name())).append("\" name=\"analysis\">");
      if (bad) {
        x.append("<error type=\"").append(attr(o.state())).append("\" message=\"").append(attr(o.detail())).append("\"/>");
      } else if (o.state().equals("skipped")) {
        x.append("<skipped message=\"").append(attr(o.detail())).append("\"/>");
      }
      x.append("</testcase>\n");
      for (Finding f : mine) {
        x.append("    <testcase classname=\"").append(attr(o.spec().name() + "." + f.tool())).append("\" name=\"")
            .append(attr(f.ruleId() + " " + where(f.location()))).append("\"><failure type=\"")
            .append(attr(f.severity().wire())).append("\" message=\"").append(attr(f.title())).append("\">")
            .append(text(f.evidence())).append("</failure></testcase>\n");
      }
      x.append("  </testsuite>\n");
    }
    return x.append("</testsuites>\n").toString();
  }

  private static boolean belongs(ServiceOutcome o, Finding f) {
    return o.result() != null && o.result().analysis() != null
        && o.result().analysis().findings().stream().anyMatch(g -> g.fingerprint().equals(f.fingerprint()));
  }

  private static String where(Location l) {
    if (l == null) {
      return "";
    }
    return l.isFile() ? l.file() + (l.line() == null ? "" : ":" + l.line()) : String.valueOf(l.subject());
  }

  static String attr(Object o) {
    return text(o).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  static String text(Object o) {
    if (o == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    o.toString().codePoints().forEach(cp -> {
      switch (cp) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        default -> {
          if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
              || cp >= 0x10000) {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.toString();
  }
}
