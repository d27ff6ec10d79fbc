package dev.analyzer.ai.backend;

/**
 * What the attempts of one call spent. Immutable.
 *
 * @param attempts requests sent (1 without retries)
 * @param promptTokens prompt tokens the provider reported, over all attempts
 * @param completionTokens completion tokens reported, over all attempts
 * @param costUsd cost reported, or null when none was
 * @param unmetered attempts for which the provider reported no usage (a budget charges its estimate for each)
 */
public record Usage(int attempts, long promptTokens, long completionTokens, Double costUsd, int unmetered) {

  /** Nothing spent. */
  public static final Usage NONE = new Usage(0, 0, 0, null, 0);

  /** One attempt with no usage reported (an HTTP error, a network failure). */
  public static final Usage ONE_UNMETERED = new Usage(1, 0, 0, null, 1);

  /** One attempt that reported {@code in}/{@code out} (or nothing when both are 0). */
  public static Usage of(long in, long out, Double cost) {
    return new Usage(1, in, out, cost, in + out > 0 ? 0 : 1);
  }

  public Usage plus(Usage o) {
    Double cost = costUsd == null ? o.costUsd : o.costUsd == null ? costUsd : Double.valueOf(costUsd + o.costUsd);
    return new Usage(attempts + o.attempts, promptTokens + o.promptTokens, completionTokens + o.completionTokens,
        cost, unmetered + o.unmetered);
  }

  /** The tokens a budget charges: reported tokens plus {@code estimate} per unmetered attempt. */
  public long charged(long estimate) {
    return promptTokens + completionTokens + estimate * unmetered;
  }
}
