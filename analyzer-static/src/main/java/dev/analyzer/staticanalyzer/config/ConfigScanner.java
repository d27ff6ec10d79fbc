package dev.analyzer.staticanalyzer.config;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.lexing.CodeView;
import dev.analyzer.staticanalyzer.lexing.Lexer;
import dev.analyzer.staticanalyzer.lexing.Token;
import dev.analyzer.staticanalyzer.rules.Placeholders;
import dev.analyzer.staticanalyzer.source.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code config} analyzer: Dockerfiles (root user, :latest, ADD from a URL, secrets in ENV/ARG),
 * committed {@code .env} files with secrets, and Flask/Django settings (DEBUG on, literal
 * SECRET_KEY, CORS allowing every origin with credentials). Stateless.
 */
public final class ConfigScanner {

  public static final String TOOL = "config";

  private static final Pattern FROM = Pattern.compile("(?im)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?");
  private static final Pattern USER = Pattern.compile("(?im)^\\s*USER\\s+(\\S+)");
  private static final Pattern ADD_URL = Pattern.compile("(?im)^\\s*ADD\\s+(?:--\\S+\\s+)*https?://");
  private static final Pattern ENV_SECRET = Pattern.compile(
      "(?im)^\\s*(?:ENV|ARG)\\s+.*?\\b(\\w*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)\\w*)\\s*[= ]\\s*[\"']?([^\\s\"']+)");
  private static final Pattern DOTENV_LINE = Pattern.compile(
      "(?im)^\\s*(?:export\\s+)?(\\w*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS)\\w*)\\s*=\\s*[\"']?([^\\s\"'#]+)");
  private static final Pattern DEBUG_TRUE = Pattern.compile("(?m)^\\s*DEBUG\\s*=\\s*True\\b|\\bconfig\\s*\\[\\s*[\"']\\s*[\"']\\s*\\]\\s*=\\s*True\\b");
  private static final Pattern SECRET_KEY = Pattern.compile("(?m)(^\\s*SECRET_KEY\\s*=\\s*|\\.secret_key\\s*=\\s*)[rb]?[\"']");
  private static final Pattern CORS_CALL = Pattern.compile("\\bCORS\\s*\\(([^)]*)\\)");
  private static final Pattern DJANGO_CORS_ALL = Pattern.compile("(?m)^\\s*(CORS_ORIGIN_ALLOW_ALL|CORS_ALLOW_ALL_ORIGINS)\\s*=\\s*True");
  private static final Pattern DJANGO_CORS_CREDS = Pattern.compile("(?m)^\\s*CORS_ALLOW_CREDENTIALS\\s*=\\s*True");

  private ConfigScanner() {}

  /** Config findings in one file. */
  public static List<Finding> scan(String path, String name, Language language, String text) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (language == Language.DOCKERFILE) {
      return dockerfile(path, text);
    }
    if (lower.equals(".env") || (lower.startsWith(".env.") && !lower.matches(".*\\.(example|sample|template|dist)$"))) {
      return dotenv(path, text);
    }
    if (language == Language.PYTHON) {
      return pythonSettings(path, text);
    }
    return List.of();
  }

  private static List<Finding> dockerfile(String path, String text) {
    List<Finding> out = new ArrayList<>();
    java.util.Set<String> stages = new java.util.HashSet<>();
    Matcher from = FROM.matcher(text);
    while (from.find()) {
      String image = from.group(1);
      if (from.group(2) != null) {
        stages.add(from.group(2).toLowerCase(Locale.ROOT));
      }
      String lowerImage = image.toLowerCase(Locale.ROOT);
      boolean pinned = image.contains("@sha256:") || (image.lastIndexOf(':') > image.lastIndexOf('/'));
      if (lowerImage.equals("scratch") || stages.contains(lowerImage) || image.startsWith("$")) {
        continue;
      }
      if (!pinned || lowerImage.endsWith(":latest")) {
        out.add(finding(path, text, from.start(1), "docker.latest-tag", "Base image not pinned to a version",
            "DL3006/DL3007", "CWE-1357", Severity.LOW, Confidence.HIGH,
            "Pin the base image to a version tag (python:3.12-slim) or a digest."));
      }
    }
    Matcher user = USER.matcher(text);
    String lastUser = null;
    int lastUserAt = -1;
    while (user.find()) {
      lastUser = user.group(1);
      lastUserAt = user.start(1);
    }
    if (lastUser == null && !text.isBlank()) {
      out.add(finding(path, text, 0, "docker.root-user", "Container runs as root (no USER instruction)", "DL3002",
          "CWE-250", Severity.MEDIUM, Confidence.MEDIUM, "Create an unprivileged user and switch to it with USER."));
    } else if (lastUser != null && (lastUser.equals("root") || lastUser.equals("0") || lastUser.startsWith("0:")
        || lastUser.startsWith("root:"))) {
      out.add(finding(path, text, lastUserAt, "docker.root-user", "Container runs as root (USER root)", "DL3002",
          "CWE-250", Severity.MEDIUM, Confidence.HIGH, "Switch to an unprivileged user in the final stage."));
    }
    Matcher add = ADD_URL.matcher(text);
    while (add.find()) {
      out.add(finding(path, text, add.start(), "docker.add-url", "ADD fetches a remote URL", "DL3020", "CWE-494",
          Severity.MEDIUM, Confidence.HIGH, "Download with curl and verify a checksum, then COPY; or use a pinned package."));
    }
    Matcher env = ENV_SECRET.matcher(text);
    while (env.find()) {
      if (!Placeholders.isPlaceholder(env.group(2)) && !env.group(2).startsWith("$")) {
        out.add(finding(path, text, env.start(1), "docker.secret-in-env", "Secret baked into the image (" + env.group(1) + ")",
            "DL-secret", "CWE-798", Severity.HIGH, Confidence.MEDIUM,
            "Pass secrets at run time (environment, secret mounts), never in ENV or ARG."));
      }
    }
    return out;
  }

  private static List<Finding> dotenv(String path, String text) {
    List<Finding> out = new ArrayList<>();
    Matcher m = DOTENV_LINE.matcher(text);
    while (m.find()) {
      if (!Placeholders.isPlaceholder(m.group(2))) {
        out.add(finding(path, text, m.start(1), "env.committed-secret", "Secret committed in " + path + " (" + m.group(1) + ")",
            "gitleaks-env", "CWE-798", Severity.HIGH, Confidence.MEDIUM,
            "Do not commit .env files: add them to .gitignore, commit a .env.example with placeholders, rotate the secret."));
      }
    }
    return out;
  }

  private static List<Finding> pythonSettings(String path, String text) {
    if (!text.contains("DEBUG") && !text.contains("SECRET_KEY") && !text.contains("secret_key")
        && !text.contains("CORS")) {
      return List.of();
    }
    CodeView v = Lexer.python(text);
    List<Finding> out = new ArrayList<>();
    Matcher debug = DEBUG_TRUE.matcher(v.code());
    while (debug.find()) {
      Token key = v.stringAt(debug.start() + debug.group().indexOf('[') + 1);
      if (debug.group().startsWith("config") || debug.group().contains("[")) {
        if (key == null || !"DEBUG".equals(key.content(text))) {
          continue;
        }
      }
      out.add(finding(path, text, debug.start() + leadingSpace(debug.group()), "config.debug-true",
          "DEBUG enabled in settings", "S-debug", "CWE-489", Severity.MEDIUM, Confidence.HIGH,
          "Read DEBUG from the environment and keep it False in production."));
    }
    Matcher sk = SECRET_KEY.matcher(v.code());
    while (sk.find()) {
      Token value = v.stringAt(sk.end() - 1);
      if (value != null && !Placeholders.isPlaceholder(value.content(text))) {
        out.add(finding(path, text, sk.start() + leadingSpace(sk.group()), "config.literal-secret-key",
            "SECRET_KEY hardcoded in source", "S105", "CWE-798", Severity.HIGH, Confidence.HIGH,
            "Load SECRET_KEY from the environment; rotate the committed one."));
      }
    }
    for (Token t : v.tokens()) {
      if (t.kind() == Token.Kind.STRING && "SECRET_KEY".equals(t.content(text))) {
        String after = v.code().substring(t.end(), Math.min(v.code().length(), t.end() + 10));
        int q = Math.max(after.indexOf('"'), after.indexOf('\''));
        if (after.replace(" ", "").startsWith("]=") && q >= 0) {
          Token value = v.stringAt(t.end() + q);
          if (value != null && !Placeholders.isPlaceholder(value.content(text))) {
            out.add(finding(path, text, t.start(), "config.literal-secret-key", "SECRET_KEY hardcoded in source", "S105",
                "CWE-798", Severity.HIGH, Confidence.HIGH, "Load SECRET_KEY from the environment; rotate the committed one."));
          }
        }
      }
    }
    Matcher cors = CORS_CALL.matcher(v.code());
    while (cors.find()) {
      String args = cors.group(1);
      String raw = text.substring(cors.start(1), cors.end(1));
      boolean credentials = args.replace(" ", "").contains("supports_credentials=True");
      boolean restricted = args.contains("origins") && !raw.replace(" ", "").matches("(?s).*origins=[\"']\\*[\"'].*");
      if (credentials && !restricted) {
        out.add(finding(path, text, cors.start(), "config.cors-wildcard-credentials",
            "CORS allows every origin with credentials", "flask-cors", "CWE-942", Severity.MEDIUM, Confidence.HIGH,
            "List the allowed origins explicitly when supports_credentials=True."));
      }
    }
    Matcher all = DJANGO_CORS_ALL.matcher(v.code());
    if (all.find() && DJANGO_CORS_CREDS.matcher(v.code()).find()) {
      out.add(finding(path, text, all.start() + leadingSpace(all.group()), "config.cors-wildcard-credentials",
          "CORS allows every origin with credentials", "django-cors-headers", "CWE-942", Severity.MEDIUM,
          Confidence.HIGH, "Use CORS_ALLOWED_ORIGINS with explicit origins."));
    }
    return out;
  }

  private static int leadingSpace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static Finding finding(String path, String text, int offset, String rule, String title, String codes, String cwe,
      Severity severity, Confidence confidence, String remediation) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int lineEnd = text.indexOf('\n', lineStart);
    String evidence = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).strip();
    if (cwe.equals("CWE-798")) {
      evidence = evidence.replaceAll("([=:]\\s*[\"']?)(\\S{4})\\S*", "$1$2****");
    }
    return Finding.builder(TOOL, rule).withTitle(title).withMessage(title + " (" + codes + ")").withSeverity(severity)
        .withConfidence(confidence).withCwe(cwe).withLocation(Location.inFile(path, line, offset - lineStart + 1))
        .withEvidence(evidence.length() > 200 ? evidence.substring(0, 200) : evidence).withRemediation(remediation)
        .withExtra("equivalent_rules", codes).build();
  }
}
