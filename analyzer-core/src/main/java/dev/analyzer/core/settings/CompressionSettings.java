package dev.analyzer.core.settings;

/**
 * permessage-deflate (RFC 7692) as this side sends it. The extension is offered and accepted as
 * before (the original's Python peers negotiate it by default); what these settings decide is which
 * outgoing messages are compressed. Messages shorter than the threshold go out uncompressed, as
 * RFC 7692 allows per message: deflating a 150-byte ping or pong costs several microseconds of CPU
 * (more than the rest of its round trip on the server) to save about 100 bytes on a local link.
 * Incoming compressed messages are always inflated. Immutable.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th><th>range</th></tr>
 *   <tr><td>ANALYZER_DEFLATE_LEVEL</td><td>6 (zlib's default)</td><td>0..9</td></tr>
 *   <tr><td>ANALYZER_DEFLATE_THRESHOLD</td><td>1024 bytes</td><td>0 (compress every message)..1073741824</td></tr>
 * </table>
 *
 * @param level zlib compression level of compressed messages
 * @param thresholdBytes messages whose payload is shorter than this are sent uncompressed
 */
public record CompressionSettings(int level, int thresholdBytes) {

  public static final String LEVEL = "ANALYZER_DEFLATE_LEVEL";
  public static final String THRESHOLD = "ANALYZER_DEFLATE_THRESHOLD";

  /** Default threshold, the same as Node's {@code ws} library uses. */
  public static final int DEFAULT_THRESHOLD_BYTES = 1024;
  /** zlib's default level. */
  public static final int DEFAULT_LEVEL = 6;
  private static final int MAX_THRESHOLD_BYTES = 1024 * 1024 * 1024;

  static final Option<Integer> LEVEL_OPTION = Option.integer(LEVEL, DEFAULT_LEVEL, 0, 9,
      "zlib level of compressed messages");
  static final Option<Integer> THRESHOLD_OPTION = Option.integer(THRESHOLD, DEFAULT_THRESHOLD_BYTES, 0,
      MAX_THRESHOLD_BYTES, "messages shorter than this many bytes go out uncompressed (0 compresses all)");

  /** Every option of this class, in README order. */
  public static final OptionTable OPTIONS = OptionTable.of("compression", LEVEL_OPTION, THRESHOLD_OPTION);

  public CompressionSettings {
    LEVEL_OPTION.check(level);
    THRESHOLD_OPTION.check(thresholdBytes);
  }

  /** Level 6, threshold 1024 bytes. */
  public static CompressionSettings defaults() {
    return new CompressionSettings(DEFAULT_LEVEL, DEFAULT_THRESHOLD_BYTES);
  }

  /**
   * The defaults overridden by whatever {@code env} sets.
   *
   * @throws SettingsException naming the variable with a bad value
   */
  public static CompressionSettings fromEnvironment(Environment env) {
    return new CompressionSettings(LEVEL_OPTION.read(env), THRESHOLD_OPTION.read(env));
  }

  /** Whether a message with this many payload bytes goes out compressed. */
  public boolean compresses(int payloadBytes) {
    return payloadBytes >= thresholdBytes;
  }
}
