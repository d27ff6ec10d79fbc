package dev.analyzer.manager.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.queue.QueueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link BatchState} to and from {@code state.json}. Reading checks everything a resume relies on
 * (the version, every field's type, request ids that are unique subject tokens, request frames that
 * decode to the kind of their service with their id) and reports the first problem as a
 * {@link BatchStateException} naming the file and the entry. Stateless.
 */
final class BatchStateJson {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  private BatchStateJson() {}

  static byte[] write(BatchState s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", BatchState.VERSION);
    root.put("batch_id", s.batchId());
    root.put("created_at", s.createdAt().toString());
    root.put("batch_file", s.batchFile());
    root.put("queue", s.queue());
    root.put("prefix", s.prefix());
    ArrayNode entries = root.putArray("entries");
    for (BatchState.Entry e : s.entries()) {
      ObjectNode n = entries.addObject();
      n.put("position", e.position());
      n.put("model", e.model());
      n.put("app", e.app());
      n.put("source", e.source());
      e.urls().forEach(n.putArray("urls")::add);
      e.tools().forEach(n.putArray("tools")::add);
      n.put("timeout_seconds", e.timeoutSeconds());
      n.put("allow_missing", e.allowMissing());
      e.services().forEach(n.putArray("services")::add);
      ArrayNode settled = n.putArray("settled");
      for (BatchState.Settled st : e.settled()) {
        settled.addObject().put("service", st.service()).put("state", st.state()).put("detail", st.detail());
      }
      ArrayNode requests = n.putArray("requests");
      for (BatchState.Queued q : e.requests()) {
        ObjectNode r = requests.addObject().put("service", q.service()).put("id", q.id()).put("after", q.after());
        try {
          r.set("request", JSON.readTree(q.request()));
        } catch (JsonProcessingException ex) {
          throw new IllegalArgumentException("request " + q.id() + " is not JSON: " + ex.getOriginalMessage(), ex);
        }
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BatchState read(byte[] bytes, Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw corrupt(file, "it is not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.isObject()) {
      throw corrupt(file, "it is not a JSON object");
    }
    if (!root.path("version").isInt() || root.get("version").asInt() != BatchState.VERSION) {
      throw corrupt(file, "\"version\" must be " + BatchState.VERSION + ", got " + root.get("version")
          + " (written by another version of the analyzer?)");
    }
    Reader r = new Reader(file, "");
    String id = r.text(root, "batch_id", false);
    Instant created = r.instant(root, "created_at");
    String batchFile = r.text(root, "batch_file", true);
    String queue = r.text(root, "queue", true);
    String prefix = r.text(root, "prefix", false);
    JsonNode list = root.get("entries");
    if (list == null || !list.isArray()) {
      throw corrupt(file, "\"entries\" must be a list");
    }
    List<BatchState.Entry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<Integer> positions = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      BatchState.Entry e = entry(list.get(i), new Reader(file, "entry " + (i + 1) + ": "), ids);
      if (!positions.add(e.position())) {
        throw corrupt(file, "entry " + (i + 1) + ": position " + e.position() + " appears twice");
      }
      entries.add(e);
    }
    return new BatchState(id, created, batchFile, queue, prefix, entries);
  }

  private static BatchState.Entry entry(JsonNode n, Reader r, Set<String> ids) {
    if (!n.isObject()) {
      throw r.bad("must be an object");
    }
    int position = r.integer(n, "position");
    String model = r.text(n, "model", false);
    int app = r.integer(n, "app");
    String source = r.text(n, "source", true);
    List<String> urls = r.texts(n, "urls");
    List<String> tools = r.texts(n, "tools");
    Integer timeout = n.path("timeout_seconds").isNull() || n.path("timeout_seconds").isMissingNode() ? null
        : r.integer(n, "timeout_seconds");
    if (!n.path("allow_missing").isBoolean()) {
      throw r.bad("\"allow_missing\" must be true or false");
    }
    List<String> services = r.texts(n, "services");
    for (String s : services) {
      r.service(s);
    }
    List<BatchState.Settled> settled = new ArrayList<>();
    for (JsonNode s : r.list(n, "settled")) {
      settled.add(new BatchState.Settled(r.service(r.text(s, "service", false)).name(), r.text(s, "state", false),
          r.text(s, "detail", true)));
    }
    List<BatchState.Queued> requests = new ArrayList<>();
    for (JsonNode q : r.list(n, "requests")) {
      String service = r.text(q, "service", false);
      ServiceSpec spec = r.service(service);
      String id = r.text(q, "id", false);
      try {
        QueueNames.checkId(id);
      } catch (IllegalArgumentException e) {
        throw r.bad("request id \"" + id + "\" is not usable: " + e.getMessage());
      }
      if (!ids.add(id)) {
        throw r.bad("request id " + id + " appears twice");
      }
      String after = r.text(q, "after", true);
      JsonNode frame = q.get("request");
      if (frame == null || !frame.isObject()) {
        throw r.bad("request " + id + " has no \"request\" object");
      }
      Message m;
      try {
        m = CODEC.decode(frame.toString());
      } catch (RuntimeException e) {
        throw r.bad("request " + id + " is not an analysis request: " + firstLine(e.getMessage()));
      }
      if (!(m instanceof AnalysisRequest req) || req.kind() != spec.kind() || !id.equals(req.id())) {
        throw r.bad("request " + id + " is not a " + spec.kind().wire() + " request with that id");
      }
      requests.add(new BatchState.Queued(service, id, after, frame.toString()));
    }
    return new BatchState.Entry(position, model, app, source, urls, tools, timeout,
        n.get("allow_missing").asBoolean(), services, settled, requests);
  }

  static BatchStateException corrupt(Path file, String why) {
    return new BatchStateException("batch state " + file + " is corrupt: " + why);
  }

  private static String firstLine(String s) {
    String m = String.valueOf(s);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Typed field access whose errors name the file and the entry. */
  private record Reader(Path file, String where) {

    BatchStateException bad(String why) {
      return corrupt(file, where + why);
    }

    String text(JsonNode n, String key, boolean nullable) {
      JsonNode v = n.get(key);
      if ((v == null || v.isNull()) && nullable) {
        return null;
      }
      if (v == null || !v.isTextual()) {
        throw bad("\"" + key + "\" must be a text, got " + (v == null ? "nothing" : v.toString()));
      }
      return v.asText();
    }

    int integer(JsonNode n, String key) {
      JsonNode v = n.get(key);
      if (v == null || !v.isInt()) {
        throw bad("\"" + key + "\" must be a whole number, got " + (v == null ? "nothing" : v.toString()));
      }
      return v.asInt();
    }

    Instant instant(JsonNode n, String key) {
      String t = text(n, key, false);
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw bad("\"" + key + "\" must be an ISO-8601 instant, got \"" + t + "\"");
      }
    }

    JsonNode list(JsonNode n, String key) {
      JsonNode v = n.get(key);
      if (v == null || !v.isArray()) {
        throw bad("\"" + key + "\" must be a list");
      }
      for (JsonNode e : v) {
        if (!e.isObject()) {
          throw bad("\"" + key + "\" must list objects, got " + e);
        }
      }
      return v;
    }

    List<String> texts(JsonNode n, String key) {
      JsonNode v = n.get(key);
      if (v == null || !v.isArray()) {
        throw bad("\"" + key + "\" must be a list of texts");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw bad("\"" + key + "\" must list texts, got " + e);
        }
        out.add(e.asText());
      }
      return out;
    }

    ServiceSpec service(String name) {
      return ServiceSpec.ALL.stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> bad("unknown service \"" + name + "\""));
    }
  }
}
