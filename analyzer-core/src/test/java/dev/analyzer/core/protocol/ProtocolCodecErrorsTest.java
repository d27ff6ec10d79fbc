package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Bad frames give the one typed exception, with a message that names the problem. */
class ProtocolCodecErrorsTest {

  private final ProtocolCodec codec = ProtocolCodec.create();

  private ProtocolException failure(String frame) {
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(frame));
    assertThat(e).as("decoding %s should fail", frame).isNotNull();
    assertThat(e.getMessage()).doesNotContain("com.fasterxml").doesNotContain("\tat ");
    return e;
  }

  @Test
  void malformedJsonIsInvalidJson() {
    ProtocolException e = failure("{\"type\": \"ping\"");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(e.getMessage()).startsWith("Invalid JSON format");
  }

  @Test
  void bytesThatAreNotUtf8AreInvalidJson() {
    byte[] frame = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(frame));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(e.getMessage()).startsWith("Invalid JSON format").doesNotContain("com.fasterxml");
  }

  @Test
  void emptyByteRangesAndStreamsAreEmptyFrames() {
    byte[] bytes = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(catchThrowableOfType(ProtocolException.class, () -> codec.decode(bytes, 1, 0)).getMessage())
        .contains("empty frame");
    assertThat(catchThrowableOfType(ProtocolException.class,
        () -> codec.decode(new java.io.ByteArrayInputStream(new byte[0]))).getMessage()).contains("empty frame");
  }

  @Test
  void aStreamThatFailsIsAnUnreadableFrame() {
    java.io.InputStream broken = new java.io.InputStream() {
      @Override
      public int read() throws java.io.IOException {
        throw new java.io.IOException("disk gone");
      }
    };

    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(broken));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(e.getMessage()).contains("unreadable frame");
  }

  @Test
  void trailingGarbageIsInvalidJson() {
    assertThat(failure("{\"type\":\"ping\"} xyz").code()).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @Test
  void nonObjectFramesAreInvalidJson() {
    ProtocolException e = failure("[1,2,3]");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(e.getMessage()).contains("must be a JSON object");
    assertThat(failure("").code()).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(failure("42").code()).isEqualTo(ErrorCode.INVALID_JSON);
  }

  @Test
  void missingTypeIsUnknownTypeAndKeepsTheId() {
    ProtocolException e = failure("{\"id\":\"abc\",\"model_slug\":\"m\"}");

    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
    assertThat(e.getMessage()).contains("'type'");
    assertThat(e.correlationId()).isEqualTo("abc");
  }

  @Test
  void unknownTypeNamesTheType() {
    ProtocolException e = failure("{\"type\":\"gateway_status\"}");

    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
    assertThat(e.getMessage()).contains("Unknown message type: gateway_status").contains("static_analyze");
  }

  @Test
  void nonStringTypeIsUnknownType() {
    assertThat(failure("{\"type\":7}").getMessage()).contains("field 'type' must be a string, got number 7");
  }

  @Test
  void wrongFieldTypeNamesFieldExpectationAndValue() {
    ProtocolException e = failure("{\"type\":\"static_analyze\",\"id\":\"r1\",\"app_number\":\"three\"}");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.field()).isEqualTo("app_number");
    assertThat(e.correlationId()).isEqualTo("r1");
    assertThat(e.getMessage())
        .isEqualTo("static_analyze: field 'app_number' must be an integer between -2147483648 and "
            + "2147483647, got string \"three\"");
  }

  @Test
  void wrongListElementNamesItsIndex() {
    ProtocolException e = failure("{\"type\":\"static_analyze\",\"tools\":[\"bandit\",5]}");

    assertThat(e.getMessage()).contains("field 'tools[1]' must be a string, got number 5");
  }

  @Test
  void configMustBeAnObject() {
    assertThat(failure("{\"type\":\"static_analyze\",\"config\":[1]}").getMessage())
        .contains("field 'config' must be a JSON object, got a list of 1");
  }

  @Test
  void badTimestampSaysWhatFormatIsExpected() {
    assertThat(failure("{\"type\":\"ping\",\"timestamp\":\"yesterday\"}").getMessage())
        .contains("field 'timestamp' must be an ISO-8601 date-time").contains("yesterday");
  }

  @Test
  void analysisRequestNeedsAKnownAnalysisType() {
    assertThat(failure("{\"type\":\"analysis_request\"}").getMessage())
        .contains("field 'analysis_type' is required");
    assertThat(failure("{\"type\":\"analysis_request\",\"analysis_type\":\"magic\"}").getMessage())
        .contains("must be one of static, security, dynamic, performance, ai, got \"magic\"");
  }

  @Test
  void cancelRequestNeedsTheAnalysisId() {
    ProtocolException e = failure("{\"type\":\"cancel_request\"}");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("field 'id' is required");
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    assertThat(failure("{\"type\":\"static_analyze\",\"timeout_seconds\":0}").getMessage())
        .contains("'timeout_seconds' must be a positive integer");
  }

  @Test
  void deepNestingIsRefusedWithTheLimit() {
    String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    ProtocolException e = failure(deep);

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    assertThat(e.getMessage()).contains("nesting deeper than 200 levels");
  }

  @Test
  void absurdlyLongNumbersAreRefused() {
    String frame = "{\"type\":\"ping\",\"n\":" + "9".repeat(5000) + "}";

    assertThat(failure(frame).getMessage()).contains("a number longer than 1000 digits");
  }

  @Test
  void invalidFindingSeverityNamesThePath() {
    String frame = "{\"type\":\"static_analysis_result\",\"status\":\"success\",\"analysis\":{\"findings\":"
        + "[{\"tool\":\"t\",\"rule_id\":\"r\",\"severity\":\"apocalyptic\"}]}}";

    assertThat(failure(frame).getMessage())
        .contains("static_analysis_result.analysis.findings[0]: field 'severity' must be one of critical");
  }

  @Test
  void unknownErrorCodeIsRejectedWithTheList() {
    assertThat(failure("{\"type\":\"error\",\"code\":\"oops\"}").getMessage())
        .contains("field 'code' must be one of invalid_json");
  }

  @Test
  void percentOutOfRangeIsRejected() {
    assertThat(failure("{\"type\":\"progress_update\",\"percent\":140}").getMessage())
        .contains("'percent' must be a number 0..100");
  }
}
