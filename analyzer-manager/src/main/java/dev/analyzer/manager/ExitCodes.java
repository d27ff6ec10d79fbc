package dev.analyzer.manager;

/**
 * The exit codes of the {@code analyzer} CLI, in a class of their own so that the commands need
 * not import the CLI that lists them. Constants only.
 */
public final class ExitCodes {

  /** Done; no finding at or above {@code --fail-on}. */
  public static final int OK = 0;
  /** A finding at or above {@code --fail-on}, or a failed load-test threshold. */
  public static final int FINDINGS = 1;
  /** A bad command line or input (unknown option, missing path, bad value). */
  public static final int USAGE = 2;
  /**
   * A requested analysis is missing or failed: its service is not built, not running, refused the
   * request, failed or timed out. Wins over {@link #FINDINGS}. With {@code --allow-missing}, services
   * that are not built or not running do not count.
   */
  public static final int SERVICE_FAILED = 3;

  private ExitCodes() {}
}
