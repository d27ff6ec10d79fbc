package dev.analyzer.performance.generator;

/**
 * A once-a-second view of a running load test. Immutable.
 *
 * @param elapsedSeconds since the start of the warm-up
 * @param warmingUp true while the warm-up runs (its figures are discarded)
 * @param rate answers per second over the last second
 * @param p99Millis p99 of the measured part so far (corrected in the open model), 0 before it
 * @param requests answers so far, warm-up included
 * @param errors failed requests so far, warm-up included
 */
public record LoadProgress(double elapsedSeconds, boolean warmingUp, double rate, double p99Millis, long requests,
    long errors) {
}
