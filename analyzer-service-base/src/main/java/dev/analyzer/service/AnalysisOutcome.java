package dev.analyzer.service;

import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.ResultStatus;

/**
 * What {@link AnalyzerService#analyze} returns; the base turns it into the terminal reply, adding
 * the reply type, {@code correlation_id}, {@code service} and {@code timestamp}.
 *
 * @param status the envelope status; never success with an error (validated)
 * @param analysis the analysis body, or {@code null}
 * @param error why it failed, or {@code null}
 */
public record AnalysisOutcome(ResultStatus status, Analysis analysis, String error) {

  public AnalysisOutcome {
    if (status == null) {
      throw new IllegalArgumentException("an analysis outcome needs a status");
    }
    if (status == ResultStatus.SUCCESS && (error != null || (analysis != null && analysis.reportsFailure()))) {
      throw new IllegalArgumentException("status success contradicts the error it carries; use error or partial");
    }
  }

  /** Everything worked. */
  public static AnalysisOutcome success(Analysis analysis) {
    return new AnalysisOutcome(ResultStatus.SUCCESS, analysis, null);
  }

  /** Some tools or targets worked and some did not. */
  public static AnalysisOutcome partial(Analysis analysis, String error) {
    return new AnalysisOutcome(ResultStatus.PARTIAL, analysis, error);
  }

  /** The analysis failed; {@code message} says why in words a person can act on. */
  public static AnalysisOutcome error(String message) {
    return new AnalysisOutcome(ResultStatus.ERROR, null, message);
  }

  /** The analysis failed but produced a partial body worth keeping. */
  public static AnalysisOutcome error(Analysis analysis, String message) {
    return new AnalysisOutcome(ResultStatus.ERROR, analysis, message);
  }
}
