/*
 * The engine's optimised tree-sitter binding: one JNI call parses a file and hands back its whole
 * tree as an int array, so the Java side makes no per-node native call (the stock binding makes
 * several per node, each re-reading the node object's fields by name). Built by
 * analyzer-static/native/build.sh with -O2 together with the tree-sitter runtime and the grammars;
 * loaded by dev.analyzer.staticanalyzer.syntax.NativeTreeSitter when present.
 *
 * The text is handed over as UTF-16 (tree-sitter's UTF16LE input), so a byte offset is twice the
 * Java char offset. A node is five ints, in preorder: symbol, field id, start char, end char, index
 * of its parent (-1 for the root). Children of anonymous nodes are not listed (the Java tree has
 * none either). Each call creates and frees its own parser: thread-safe.
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

#define ABI 1
#define ERROR_SYMBOL 65535

static const TSLanguage *language_of(jint grammar) {
  switch (grammar) {
    case 0: return tree_sitter_python();
    case 1: return tree_sitter_javascript();
    case 2: return tree_sitter_typescript();
    case 3: return tree_sitter_tsx();
    default: return NULL;
  }
}

JNIEXPORT jint JNICALL Java_dev_analyzer_staticanalyzer_syntax_NativeTreeSitter_abi(JNIEnv *env, jclass cls) {
  return ABI;
}

typedef const char *(*NameOf)(const TSLanguage *l, uint32_t id);

static const char *symbol_name(const TSLanguage *l, uint32_t id) {
  return ts_language_symbol_name(l, (TSSymbol) id);
}

static const char *field_name(const TSLanguage *l, uint32_t id) {
  return ts_language_field_name_for_id(l, (TSFieldId) id);
}

/* A String[size] whose element i (first <= i < size) is name_of(i); null where the grammar has none. */
static jobjectArray names(JNIEnv *env, const TSLanguage *l, uint32_t first, uint32_t size, NameOf name_of) {
  jobjectArray out = (*env)->NewObjectArray(env, (jsize) size, (*env)->FindClass(env, "java/lang/String"), NULL);
  for (uint32_t i = first; out != NULL && i < size; i++) {
    const char *name = name_of(l, i);
    if (name != NULL) {
      jstring s = (*env)->NewStringUTF(env, name);
      (*env)->SetObjectArrayElement(env, out, (jsize) i, s);
      (*env)->DeleteLocalRef(env, s);
    }
  }
  return out;
}

JNIEXPORT jobjectArray JNICALL Java_dev_analyzer_staticanalyzer_syntax_NativeTreeSitter_symbolNames(
    JNIEnv *env, jclass cls, jint grammar) {
  const TSLanguage *l = language_of(grammar);
  return l == NULL ? NULL : names(env, l, 0, ts_language_symbol_count(l), symbol_name);
}

JNIEXPORT jbooleanArray JNICALL Java_dev_analyzer_staticanalyzer_syntax_NativeTreeSitter_symbolNamed(
    JNIEnv *env, jclass cls, jint grammar) {
  const TSLanguage *l = language_of(grammar);
  if (l == NULL) return NULL;
  uint32_t n = ts_language_symbol_count(l);
  jboolean *named = calloc(n + 1, sizeof(jboolean));
  if (named == NULL) return NULL;
  for (uint32_t i = 0; i < n; i++) {
    named[i] = ts_language_symbol_type(l, (TSSymbol) i) == TSSymbolTypeRegular;
  }
  jbooleanArray out = (*env)->NewBooleanArray(env, (jsize) n);
  if (out != NULL) (*env)->SetBooleanArrayRegion(env, out, 0, (jsize) n, named);
  free(named);
  return out;
}

JNIEXPORT jobjectArray JNICALL Java_dev_analyzer_staticanalyzer_syntax_NativeTreeSitter_fieldNames(
    JNIEnv *env, jclass cls, jint grammar) {
  const TSLanguage *l = language_of(grammar);
  /* field ids start at 1: element 0 stays null */
  return l == NULL ? NULL : names(env, l, 1, ts_language_field_count(l) + 1, field_name);
}

typedef struct {
  const jchar *text;
  uint32_t bytes;
  struct timespec deadline;
} Input;

static const char *read_text(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read) {
  Input *in = payload;
  if (byte_index >= in->bytes) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = in->bytes - byte_index;
  return (const char *) in->text + byte_index;
}

static bool past_deadline(TSParseState *state) {
  Input *in = state->payload;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec > in->deadline.tv_sec || (now.tv_sec == in->deadline.tv_sec && now.tv_nsec > in->deadline.tv_nsec);
}

/* Included ranges: the text without the char spans skip[0..1], skip[2..3], ... (sorted, disjoint). */
static TSRange *included(const jchar *text, jsize length, const jint *skip, jsize pairs, uint32_t *count) {
  TSRange *out = calloc((size_t) pairs + 1, sizeof(TSRange));
  if (out == NULL) return NULL;
  uint32_t row = 0;
  jsize line_start = 0;
  jsize pos = 0;
  TSPoint start_point = {0, 0};
  uint32_t start_byte = 0;
  uint32_t n = 0;
  for (jsize k = 0; k <= pairs; k++) {
    jsize to = k < pairs ? skip[2 * k] : length;
    for (; pos < to && pos < length; pos++) {
      if (text[pos] == '\n') { row++; line_start = pos + 1; }
    }
    out[n].start_point = start_point;
    out[n].start_byte = start_byte;
    out[n].end_point = (TSPoint) {row, (uint32_t) (pos - line_start) * 2};
    out[n].end_byte = (uint32_t) pos * 2;
    n++;
    if (k == pairs) break;
    for (jsize end = skip[2 * k + 1]; pos < end && pos < length; pos++) {
      if (text[pos] == '\n') { row++; line_start = pos + 1; }
    }
    start_byte = (uint32_t) pos * 2;
    start_point = (TSPoint) {row, (uint32_t) (pos - line_start) * 2};
  }
  *count = n;
  return out;
}

typedef struct {
  jint *data;
  size_t size;
  size_t capacity;
} Nodes;

static bool push(Nodes *nodes, jint symbol, jint field, jint start, jint end, jint parent) {
  if (nodes->size + 5 > nodes->capacity) {
    size_t capacity = nodes->capacity * 2 + 5 * 1024;
    jint *grown = realloc(nodes->data, capacity * sizeof(jint));
    if (grown == NULL) return false;
    nodes->data = grown;
    nodes->capacity = capacity;
  }
  jint *d = nodes->data + nodes->size;
  d[0] = symbol; d[1] = field; d[2] = start; d[3] = end; d[4] = parent;
  nodes->size += 5;
  return true;
}

static bool descends(const TSLanguage *l, TSSymbol symbol) {
  return symbol == ERROR_SYMBOL || ts_language_symbol_type(l, symbol) == TSSymbolTypeRegular;
}

/* Preorder copy with one cursor; false when the tree has more than max_nodes nodes or memory ran out. */
static bool flatten(const TSLanguage *l, TSNode root, jint max_nodes, Nodes *nodes) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  jint parent = -1;
  /* the index of each ancestor on the cursor's path */
  jint stack[1024];
  int depth = 0;
  jint *deep = NULL;
  size_t deep_capacity = 0;
  bool ok = true;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    TSSymbol symbol = ts_node_symbol(n);
    jint index = (jint) (nodes->size / 5);
    if (index >= max_nodes
        || !push(nodes, symbol, ts_tree_cursor_current_field_id(&c), (jint) (ts_node_start_byte(n) / 2),
            (jint) (ts_node_end_byte(n) / 2), parent)) {
      ok = false;
      break;
    }
    if (descends(l, symbol) && ts_tree_cursor_goto_first_child(&c)) {
      if (depth < 1024) {
        stack[depth] = parent;
      } else {
        if ((size_t) (depth - 1024) >= deep_capacity) {
          deep_capacity = deep_capacity * 2 + 1024;
          jint *grown = realloc(deep, deep_capacity * sizeof(jint));
          if (grown == NULL) { ok = false; break; }
          deep = grown;
        }
        deep[depth - 1024] = parent;
      }
      depth++;
      parent = index;
      continue;
    }
    bool done = false;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) { done = true; break; }
      depth--;
      parent = depth < 1024 ? stack[depth] : deep[depth - 1024];
    }
    if (done) break;
  }
  free(deep);
  ts_tree_cursor_delete(&c);
  return ok;
}

JNIEXPORT jintArray JNICALL Java_dev_analyzer_staticanalyzer_syntax_NativeTreeSitter_parse(JNIEnv *env, jclass cls,
    jint grammar, jstring source, jintArray skipSpans, jlong timeoutMicros, jint maxNodes) {
  const TSLanguage *l = language_of(grammar);
  if (l == NULL) return NULL;
  jsize length = (*env)->GetStringLength(env, source);
  jchar *text = malloc(((size_t) length + 1) * sizeof(jchar));
  if (text == NULL) return NULL;
  (*env)->GetStringRegion(env, source, 0, length, text);
  jsize skip_length = (*env)->GetArrayLength(env, skipSpans);
  jint *skip = malloc(((size_t) skip_length + 1) * sizeof(jint));
  if (skip == NULL) {
    free(text);
    return NULL;
  }
  (*env)->GetIntArrayRegion(env, skipSpans, 0, skip_length, skip);

  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, l);
  if (skip_length >= 2) {
    uint32_t count = 0;
    TSRange *ranges = included(text, length, skip, skip_length / 2, &count);
    if (ranges == NULL) {
      /* out of memory: no tree, so the file falls back to the lexer rules (files_unparsed) */
      ts_parser_delete(parser);
      free(skip);
      free(text);
      return NULL;
    }
    ts_parser_set_included_ranges(parser, ranges, count);
    free(ranges);
  }
  Input in = {text, (uint32_t) length * 2};
  clock_gettime(CLOCK_MONOTONIC, &in.deadline);
  in.deadline.tv_sec += timeoutMicros / 1000000;
  in.deadline.tv_nsec += (timeoutMicros % 1000000) * 1000;
  if (in.deadline.tv_nsec >= 1000000000L) { in.deadline.tv_sec++; in.deadline.tv_nsec -= 1000000000L; }
  TSInput input = {&in, read_text, TSInputEncodingUTF16LE, NULL};
  TSParseOptions options = {&in, past_deadline};
  TSTree *tree = ts_parser_parse_with_options(parser, NULL, input, options);
  jintArray out = NULL;
  if (tree != NULL) {
    Nodes nodes = {NULL, 0, 0};
    if (flatten(l, ts_tree_root_node(tree), maxNodes, &nodes)) {
      out = (*env)->NewIntArray(env, (jsize) nodes.size);
      if (out != NULL) (*env)->SetIntArrayRegion(env, out, 0, (jsize) nodes.size, nodes.data);
    }
    free(nodes.data);
    ts_tree_delete(tree);
  }
  ts_parser_delete(parser);
  free(skip);
  free(text);
  return out;
}
