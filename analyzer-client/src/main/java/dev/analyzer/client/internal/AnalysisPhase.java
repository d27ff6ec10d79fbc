package dev.analyzer.client.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a {@link RemoteAnalysis} stands, and the transition table between the phases:
 *
 * <pre>
 *   LEASING ──▶ CONNECTING ──▶ SENT ──▶ DONE
 *      │  ▲         │  │        │ │      ▲
 *      │  └─────────┘  │        │ │      │
 *      │  (next replica)      (busy, dropped: LEASING)
 *      │               ▼        ▼        │
 *      └──────▶ DONE   STOPPING ─────────┘
 * </pre>
 *
 * LEASING waits for a pool permit (and takes a breaker permit); CONNECTING opens the connection;
 * SENT streams the analysis; STOPPING has given its caller the reply (cancel or deadline) and waits
 * for the service's answer or the grace before closing; DONE is final. Immutable.
 */
enum AnalysisPhase {
  LEASING,
  CONNECTING,
  SENT,
  STOPPING,
  DONE;

  private Set<AnalysisPhase> next;

  static {
    LEASING.next = EnumSet.of(CONNECTING, DONE);
    CONNECTING.next = EnumSet.of(SENT, LEASING, STOPPING, DONE);
    SENT.next = EnumSet.of(LEASING, STOPPING, DONE);
    STOPPING.next = EnumSet.of(DONE);
    DONE.next = EnumSet.noneOf(AnalysisPhase.class);
  }

  /** True when the table allows moving from this phase to {@code to}. */
  boolean canMoveTo(AnalysisPhase to) {
    return next.contains(to);
  }

  /** True once the caller has its reply (nothing but closing is left). */
  boolean isSettled() {
    return this == STOPPING || this == DONE;
  }
}
