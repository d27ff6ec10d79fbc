package dev.analyzer.core.settings;

/**
 * A setting with a bad value. The message names the variable, the accepted range and the value
 * seen, for example {@code ANALYZER_MAX_CONNECTIONS must be 1..100000, got -3}.
 */
public final class SettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String variable;

  public SettingsException(String variable, String message) {
    super(message);
    this.variable = variable;
  }

  /** The offending variable. */
  public String variable() {
    return variable;
  }
}
