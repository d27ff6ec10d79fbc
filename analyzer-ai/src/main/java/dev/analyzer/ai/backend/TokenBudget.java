package dev.analyzer.ai.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The tokens one analysis may still spend. A call reserves its estimate (prompt characters / 4 plus
 * max_tokens) before it starts and settles with the provider's counts after. Thread-safe.
 */
public final class TokenBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public TokenBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("AI_TOKEN_BUDGET must be >= 1, got " + limit);
    }
    this.limit = limit;
  }

  /** Reserves {@code estimate} tokens; false (nothing reserved) when that would pass the limit. */
  public boolean reserve(long estimate) {
    while (true) {
      long u = used.get();
      if (u + estimate > limit) {
        return false;
      }
      if (used.compareAndSet(u, u + estimate)) {
        return true;
      }
    }
  }

  /** Replaces a reservation of {@code estimate} by what the call really used. */
  public void settle(long estimate, long actual) {
    used.addAndGet(actual - estimate);
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }

  /** Estimated tokens of {@code request}: about four characters a token, plus its completion cap. */
  public static long estimate(ChatRequest request) {
    return request.characters() / 4 + request.maxTokens();
  }
}
