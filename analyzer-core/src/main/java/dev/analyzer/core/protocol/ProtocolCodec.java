package dev.analyzer.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON codec of the protocol: snake_case field names, ISO-8601 UTC timestamps, unknown
 * fields kept and written back, {@code null} fields omitted.
 *
 * <p>{@link #decode} throws nothing but {@link ProtocolException}, whose message names the problem
 * and is safe to send to a peer. Parser limits guard against hostile frames: nesting depth
 * ({@value #DEFAULT_MAX_NESTING_DEPTH} by default), string length (the frame size limit) and number
 * length. Floating-point numbers are kept as exact decimals so that huge or precise values
 * re-encode unchanged.
 *
 * <p>Instances are immutable and thread-safe; share one per process.
 */
public final class ProtocolCodec {

  /** Default maximum nesting of JSON objects and arrays in one frame. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 200;
  /** Default maximum length of one JSON string: 100 MiB, the default frame limit. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 100 * 1024 * 1024;

  private static final int MAX_NUMBER_LENGTH = 1000;

  private final ObjectMapper mapper;
  private final int maxNestingDepth;

  private ProtocolCodec(int maxNestingDepth, int maxStringLength) {
    this.maxNestingDepth = maxNestingDepth;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxNestingDepth)
            .maxStringLength(maxStringLength)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build())
        .build();
    this.mapper = JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /** A codec with the default limits. */
  public static ProtocolCodec create() {
    return new ProtocolCodec(DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH);
  }

  /**
   * A codec with explicit limits.
   *
   * @throws IllegalArgumentException when a limit is below 1
   */
  public static ProtocolCodec withLimits(int maxNestingDepth, int maxStringLength) {
    if (maxNestingDepth < 1) {
      throw new IllegalArgumentException("maxNestingDepth must be >= 1, got " + maxNestingDepth);
    }
    if (maxStringLength < 1) {
      throw new IllegalArgumentException("maxStringLength must be >= 1, got " + maxStringLength);
    }
    return new ProtocolCodec(maxNestingDepth, maxStringLength);
  }

  /**
   * Decodes one text frame.
   *
   * @throws ProtocolException with {@link ErrorCode#INVALID_JSON} for text that is not one JSON
   *     object, {@link ErrorCode#UNKNOWN_TYPE} for a missing or unknown {@code type}, and
   *     {@link ErrorCode#INVALID_REQUEST} for a field of the wrong type or value
   */
  public Message decode(String text) {
    if (text == null) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON format: empty frame", null, null);
    }
    return decodeTree(parse(text));
  }

  /** Decodes one frame given as UTF-8 bytes; see {@link #decode(String)}. */
  public Message decode(byte[] utf8) {
    if (utf8 == null) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON format: empty frame", null, null);
    }
    return decode(utf8, 0, utf8.length);
  }

  /**
   * Decodes one frame given as {@code length} UTF-8 bytes of {@code utf8} from {@code offset},
   * parsed in place (no intermediate string); see {@link #decode(String)}. Bytes that are not
   * UTF-8 are reported as {@link ErrorCode#INVALID_JSON}.
   *
   * @throws IndexOutOfBoundsException when the range lies outside the array
   */
  public Message decode(byte[] utf8, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, utf8.length);
    if (length == 0) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON format: empty frame", null, null);
    }
    return decodeTree(parse(() -> mapper.readTree(utf8, offset, length)));
  }

  /**
   * Decodes one frame read to its end from {@code utf8} (for instance a Netty buffer's stream),
   * parsed as it is read; see {@link #decode(String)}. The stream is not closed.
   */
  public Message decode(java.io.InputStream utf8) {
    return decodeTree(parse(() -> mapper.readTree(utf8)));
  }

  private JsonNode parse(String text) {
    return parse(() -> mapper.readTree(text));
  }

  /** A JSON tree read by Jackson. */
  @FunctionalInterface
  private interface TreeRead {
    JsonNode read() throws IOException;
  }

  private JsonNode parse(TreeRead read) {
    try {
      return read.read();
    } catch (StreamConstraintsException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON format: " + describeLimit(e), null, null);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON,
          "Invalid JSON format: " + e.getOriginalMessage() + locationOf(e), null, null);
    } catch (IOException | RuntimeException e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON format: unreadable frame", null, null);
    }
  }

  private Message decodeTree(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON format: empty frame", null, null);
    }
    if (!root.isObject()) {
      throw new ProtocolException(ErrorCode.INVALID_JSON,
          "Invalid JSON format: a frame must be a JSON object, got " + FieldReader.describe(root), null, null);
    }
    ObjectNode obj = (ObjectNode) root;
    JsonNode typeNode = obj.get("type");
    String id = obj.path("id").isTextual() ? obj.get("id").textValue() : null;
    if (typeNode == null || typeNode.isNull()) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
          "Missing message type: every frame needs a 'type' field", "type", id);
    }
    if (!typeNode.isTextual()) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
          "field 'type' must be a string, got " + FieldReader.describe(typeNode), "type", id);
    }
    MessageType type = MessageType.fromWire(typeNode.textValue()).orElseThrow(() ->
        new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type: " + typeNode.textValue()
            + " (known: " + MessageType.allWireStrings() + ")", "type", id));
    FieldReader r = new FieldReader(obj, type.wire());
    r.correlationId(id);
    r.string("type");
    try {
      return read(type, r);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.INVALID_REQUEST, type.wire() + ": " + e.getMessage(), null, id);
    }
  }

  private static Message read(MessageType type, FieldReader r) {
    switch (type) {
      case PING:
        return Ping.read(r);
      case PONG:
        return Pong.read(r);
      case HEALTH_CHECK:
        return HealthCheck.read(r);
      case HEALTH_RESPONSE:
        return HealthResponse.read(r);
      case CANCEL_REQUEST:
        return CancelRequest.read(r);
      case STATUS_UPDATE:
        return StatusUpdate.read(r);
      case PROGRESS_UPDATE:
        return ProgressUpdate.read(r);
      case ERROR:
        return ErrorMessage.read(r);
      case SERVER_STATUS:
        return ServerStatus.read(r);
      default:
        if (type.isTerminalRequest()) {
          return AnalysisRequest.read(type, r);
        }
        return AnalysisResult.read(type, r);
    }
  }

  /** Encodes a message as one JSON text frame, {@code type} first. */
  public String encode(Message message) {
    return new String(encodeToBytes(message), StandardCharsets.UTF_8);
  }

  /** Encodes a message as UTF-8 bytes; see {@link #encode(Message)}. */
  public byte[] encodeToBytes(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    encode(message, out);
    return out.toByteArray();
  }

  /**
   * Writes a message as UTF-8 JSON straight into {@code out} (for instance a Netty buffer's stream),
   * without an intermediate string; see {@link #encode(Message)}. The stream is flushed, not closed.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public void encode(Message message, java.io.OutputStream out) {
    try (JsonGenerator gen = mapper.getFactory().createGenerator(out)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      gen.writeStartObject();
      gen.writeStringField("type", message.type().wire());
      write(message, new FieldWriter(gen));
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Message m, FieldWriter w) {
    if (m instanceof Ping) {
      ((Ping) m).write(w);
    } else if (m instanceof Pong) {
      ((Pong) m).write(w);
    } else if (m instanceof HealthCheck) {
      ((HealthCheck) m).write(w);
    } else if (m instanceof HealthResponse) {
      ((HealthResponse) m).write(w);
    } else if (m instanceof AnalysisRequest) {
      ((AnalysisRequest) m).write(w);
    } else if (m instanceof CancelRequest) {
      ((CancelRequest) m).write(w);
    } else if (m instanceof StatusUpdate) {
      ((StatusUpdate) m).write(w);
    } else if (m instanceof ProgressUpdate) {
      ((ProgressUpdate) m).write(w);
    } else if (m instanceof AnalysisResult) {
      ((AnalysisResult) m).write(w);
    } else if (m instanceof ServerStatus) {
      ((ServerStatus) m).write(w);
    } else {
      ((ErrorMessage) m).write(w);
    }
  }

  /** Findings as a JSON array in their wire form (snake_case, as inside {@code analysis.findings}). */
  public String encodeFindings(java.util.List<dev.analyzer.core.findings.Finding> findings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
      gen.writeStartArray();
      FieldWriter w = new FieldWriter(gen);
      for (dev.analyzer.core.findings.Finding f : findings) {
        gen.writeStartObject();
        FindingWire.write(f, w);
        gen.writeEndObject();
      }
      gen.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** The Jackson mapper with this codec's limits, for callers that handle free-form JSON (reports). */
  public ObjectMapper mapper() {
    return mapper;
  }

  private String describeLimit(StreamConstraintsException e) {
    String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (msg.toLowerCase(java.util.Locale.ROOT).contains("nesting")) {
      return "nesting deeper than " + maxNestingDepth + " levels";
    }
    if (msg.toLowerCase(java.util.Locale.ROOT).contains("number")) {
      return "a number longer than " + MAX_NUMBER_LENGTH + " digits";
    }
    if (msg.toLowerCase(java.util.Locale.ROOT).contains("string")) {
      return "a string longer than the limit";
    }
    return "frame exceeds a parser limit";
  }

  private static String locationOf(JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "";
    }
    return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
