package dev.analyzer.ai.code;

import java.util.regex.Pattern;

/**
 * The line patterns of {@link FactExtractor}, {@link PythonFacts} and {@link ScriptFacts}. Lines are
 * at most {@link SourceFile#MAX_LINE_CHARS} long; no pattern has an unbounded lazy {@code .*?} in
 * the middle (those are bounded negated classes), so a line costs linear time or close to it.
 */
final class FactPatterns {

  private FactPatterns() {}

  static final Pattern FLASK_ROUTE = Pattern.compile("@(\\w+)\\.route\\(\\s*[rf]?['\"]([^'\"]*)['\"](.*)");
  static final Pattern VERB_ROUTE = Pattern.compile(
      "@(\\w+)\\.(get|post|put|patch|delete)\\(\\s*[rf]?['\"]([^'\"]*)['\"]");
  static final Pattern METHODS = Pattern.compile("['\"](GET|POST|PUT|PATCH|DELETE)['\"]", Pattern.CASE_INSENSITIVE);
  static final Pattern PY_PREFIX = Pattern.compile(
      "(\\w+)\\s*=\\s*(?:Blueprint|APIRouter)\\(([^)]{0,400}?)(?:url_)?prefix\\s*=\\s*['\"]([^'\"]+)['\"]");
  static final Pattern REGISTER_PREFIX = Pattern.compile(
      "(?:register_blueprint|include_router)\\(\\s*(\\w+)[^)]{0,400}?(?:url_)?prefix\\s*=\\s*['\"]([^'\"]+)['\"]");
  static final Pattern EXPRESS_ROUTE = Pattern.compile(
      "\\b(\\w+)\\.(get|post|put|patch|delete)\\(\\s*['\"`]([^'\"`]+)['\"`]");
  static final Pattern ROUTER_DECL = Pattern.compile("(\\w+)\\s*=\\s*(?:express\\.)?Router\\(");
  static final java.util.Set<String> SERVER_NAMES = java.util.Set.of("app", "router", "server");
  static final Pattern EXPRESS_USE = Pattern.compile("\\.use\\(\\s*['\"`](/[^'\"`]*)['\"`]\\s*,\\s*(\\w+)");
  static final Pattern JS_IMPORT = Pattern.compile(
      "(?:const|let|var|import)\\s+(\\w+)\\s*(?:=\\s*require\\(|from\\s*)\\s*['\"](\\.{1,2}/[^'\"]+)['\"]");
  static final Pattern REACT_ROUTE = Pattern.compile("<Route\\b[^>]*\\bpath=[{]?['\"`]([^'\"`]+)['\"`]");
  static final Pattern ROUTE_OBJECT = Pattern.compile("\\bpath:\\s*['\"`](/[^'\"`]*)['\"`]");
  static final Pattern PY_MODEL = Pattern.compile(
      "^class\\s+(\\w+)\\s*\\(\\s*(db\\.Model|Base|BaseModel|models\\.Model|SQLModel|DeclarativeBase|Document)\\b");
  static final Pattern PY_FIELD = Pattern.compile(
      "^\\s+(\\w+)\\s*(?::\\s*[\\w\\[\\], .|]+)?\\s*=\\s*(?:db\\.|models\\.|sa\\.)?(Column|Field|relationship|mapped_column|\\w+Field)\\b(.*)");
  static final Pattern PY_ANNOTATED = Pattern.compile("^\\s+(\\w+)\\s*:\\s*([\\w\\[\\], .|]+?)\\s*(?:=.*)?$");
  static final Pattern SQL_TABLE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?[`\"]?(\\w+)",
      Pattern.CASE_INSENSITIVE);
  static final Pattern SQL_COLUMN = Pattern.compile(
      "^\\s*[`\"]?(\\w+)[`\"]?\\s+(INTEGER|INT|TEXT|VARCHAR\\S*|BOOLEAN|BOOL|REAL|FLOAT|TIMESTAMP|DATETIME|DATE|NUMERIC|BLOB)\\b",
      Pattern.CASE_INSENSITIVE);
  static final Pattern MONGOOSE = Pattern.compile("new\\s+(?:mongoose\\.)?Schema\\(");
  static final Pattern AUTH = Pattern.compile("(login_required|jwt_required|token_required|auth_required|"
      + "require_auth|requires_auth|admin_required|check_password_hash|generate_password_hash|bcrypt|argon2|"
      + "jwt\\.(?:encode|decode|sign|verify)|create_access_token|get_jwt_identity|current_user|is_admin|"
      + "Authorization|Bearer|session\\[|verify_password|hash_password|passport\\.|isAuthenticated|localStorage\\.\\w+\\(\\s*['\"]token)");
  static final Pattern VALIDATION = Pattern.compile("(if\\s+not\\s+\\w+(?:\\.get\\(|\\[|\\s|:)|,\\s*400\\b|"
      + "abort\\(400|status_code\\s*=\\s*4(?:00|22)|ValidationError|validate\\w*\\(|@validator|field_validator|"
      + "max_length|min_length|maxLength|minLength|required[=:]|\\brequired\\b|len\\([^)]*\\)\\s*[<>]|isinstance\\(|"
      + "\\.strip\\(\\)|\\.trim\\(\\)|\\.status\\(400\\))");
  static final Pattern ERRORS = Pattern.compile("^\\s*(try\\s*:|except\\b|try\\s*\\{|\\}\\s*catch\\b|catch\\s*\\()"
      + "|\\.catch\\(|@\\w+\\.errorhandler|\\bexception_handler\\b|rollback\\(");
  static final Pattern PERSIST = Pattern.compile("(db\\.session\\.(?:add|commit|delete)|sqlite3\\.connect|"
      + "\\.execute\\(|\\.query\\.|session\\.add|\\.save\\(\\)|\\.objects\\.|\\.find(?:One|ById)?\\(|\\.insert\\w*\\()");
  static final Pattern FETCH = Pattern.compile("\\bfetch\\(\\s*[`'\"]([^`'\"]+)[`'\"]");
  static final Pattern AXIOS = Pattern.compile("\\b(axios|api|client|http)\\.(get|post|put|patch|delete)\\(\\s*[`'\"]([^`'\"]+)[`'\"]");
  static final Pattern FETCH_METHOD = Pattern.compile("method:\\s*['\"](\\w+)['\"]");
  static final Pattern FORM = Pattern.compile("(<form\\b|onSubmit=|<input\\b|<textarea\\b|<select\\b)");
  static final Pattern INPUT_NAME = Pattern.compile("\\b(?:name|placeholder|type|aria-label)=[{]?['\"]([^'\"]+)['\"]");
  static final Pattern BUTTON = Pattern.compile("<button\\b[^>]*>\\s*([^<{]{2,60})");
  static final Pattern JSX_TEXT = Pattern.compile(">\\s*([A-Za-z][^<>{}]{2,80}?)\\s*<");
  static final Pattern STATE = Pattern.compile("const\\s*\\[\\s*(\\w+)\\s*,\\s*set\\w*\\s*]\\s*=\\s*useState");
  static final Pattern UI_WORDS = Pattern.compile("(?i)\\b(filter|search|sort|paginat\\w*|modal|dialog|tabs?|"
      + "checkbox|toggle|drag|chart|websocket|socket\\.io|localStorage|dark ?mode|toast|spinner|loading)\\b");
  static final Pattern PY_TEST = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(test_\\w+)");
  static final Pattern JS_TEST = Pattern.compile("^\\s*(?:it|test)\\(\\s*['\"`]([^'\"`]+)");
  static final Pattern PY_DEF_NAME = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(\\w+)");
}
