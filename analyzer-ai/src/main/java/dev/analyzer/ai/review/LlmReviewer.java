package dev.analyzer.ai.review;

import dev.analyzer.ai.backend.BackendException;
import dev.analyzer.ai.backend.ChatAnswer;
import dev.analyzer.ai.backend.ChatBackend;
import dev.analyzer.ai.backend.ChatRequest;
import dev.analyzer.ai.backend.ResponseCache;
import dev.analyzer.ai.backend.TokenBudget;
import dev.analyzer.ai.code.CodeChunk;
import dev.analyzer.ai.report.RunInfo;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.retrieval.ContextBuilder;
import dev.analyzer.ai.retrieval.IndexedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Asks a language model ({@code llm} or {@code local-llm}) about each requirement: the code chosen
 * for it by retrieval within {@code contextTokens}, an answer constrained to {@link VerdictSchema},
 * one repair turn when the answer does not follow it (then the tool fails: never a clean result from
 * a broken answer), every citation checked ({@link EvidenceChecker}), the route check applied, and
 * the analysis's token budget kept: requirements past it are judged by embedding-ir and marked.
 * Answers come from the cache when one is configured. Thread-safe.
 */
public final class LlmReviewer implements RequirementReviewer {

  static final String SYSTEM = "You are a strict code auditor. Decide whether the application code shown meets one "
      + "requirement. Answer met only when the code clearly implements all of it, partial when it implements some of "
      + "it, not_found otherwise. Cite the lines that show it as evidence: file and line exactly as in the "
      + "'=== file lines a-b ===' headers and line numbers, and quote the code of that line verbatim. Reply with one "
      + "JSON object only.";

  private final ChatBackend backend;
  private final ResponseCache cache;
  private final int maxResponseTokens;
  private final int contextTokens;
  private final long tokenBudget;
  private final int concurrency;
  private final TraceabilityReviewer fallback = new TraceabilityReviewer();

  public LlmReviewer(ChatBackend backend, ResponseCache cache, int maxResponseTokens, int contextTokens,
      long tokenBudget) {
    this(backend, cache, maxResponseTokens, contextTokens, tokenBudget, 1);
  }

  /** A reviewer asking about up to {@code concurrency} requirements at a time. */
  public LlmReviewer(ChatBackend backend, ResponseCache cache, int maxResponseTokens, int contextTokens,
      long tokenBudget, int concurrency) {
    this.backend = backend;
    this.cache = cache;
    this.maxResponseTokens = maxResponseTokens;
    this.contextTokens = contextTokens;
    this.tokenBudget = tokenBudget;
    this.concurrency = Math.max(1, concurrency);
  }

  /** Running totals of one review. Thread-safe (synchronized); one per review. */
  private static final class Totals {
    long in;
    long out;
    Double cost;
    int calls;
    int cached;

    synchronized void failed(dev.analyzer.ai.backend.Usage u) {
      calls += u.attempts();
      in += u.promptTokens();
      out += u.completionTokens();
      if (u.costUsd() != null) {
        cost = (cost == null ? 0 : cost) + u.costUsd();
      }
    }

    synchronized void add(ChatAnswer a) {
      if (a.cached()) {
        cached++;
        return;
      }
      calls += Math.max(1, a.attempts());
      in += a.promptTokens();
      out += a.completionTokens();
      if (a.costUsd() != null) {
        cost = (cost == null ? 0 : cost) + a.costUsd();
      }
    }
  }

  @Override
  public Review review(List<Requirement> requirements, IndexedApp app, ReviewControl control) throws ReviewException {
    long t0 = System.nanoTime();
    TokenBudget budget = new TokenBudget(tokenBudget);
    Totals totals = new Totals();
    List<String> notes = new ArrayList<>();
    ChatBackend.CallLimits limits = new ChatBackend.CallLimits(control.deadline(), control.cancelled(),
        control.onCancel());
    int n = requirements.size();
    RequirementVerdict[] out = new RequirementVerdict[n];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger overBudget = new AtomicInteger();
    if (concurrency <= 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        out[i] = one(requirements.get(i), app, control, limits, totals, budget, overBudget);
        control.progress().done(done.incrementAndGet(), n);
      }
    } else {
      parallel(requirements, app, control, limits, totals, budget, overBudget, out, done);
    }
    if (overBudget.get() > 0) {
      notes.add(overBudget.get() + " requirement(s) past the token budget were judged by embedding-ir (marked "
          + "[TOKEN BUDGET])");
    }
    notes.add("citations checked against the code; false ones downgrade the verdict ([EVIDENCE NOT FOUND])");
    boolean allFellBack = n > 0 && overBudget.get() == n;
    if (allFellBack) {
      notes.add(0, "every requirement was judged by embedding-ir: the token budget AI_TOKEN_BUDGET (" + tokenBudget + ") had no room "
          + "for one model call; no model was asked");
    }
    RunInfo info;
    synchronized (totals) {
      info = new RunInfo(backend.provider(), backend.model(), allFellBack && totals.calls == 0
          ? TraceabilityReviewer.METHOD : backend.method(), totals.calls > 0 || totals.cached > 0,
          totals.in, totals.out, totals.cost, (System.nanoTime() - t0) / 1e9, totals.calls, totals.cached);
    }
    return new Review(List.of(out), info, notes);
  }

  /** Up to {@code concurrency} requirements at a time; the first failure cancels the rest. */
  private void parallel(List<Requirement> requirements, IndexedApp app, ReviewControl control,
      ChatBackend.CallLimits limits, Totals totals, TokenBudget budget, AtomicInteger overBudget,
      RequirementVerdict[] out, AtomicInteger done) throws ReviewException {
    int n = requirements.size();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, n), r -> {
      Thread t = new Thread(r, "llm-review");
      t.setDaemon(true);
      return t;
    });
    List<Future<RequirementVerdict>> futures = new ArrayList<>();
    try {
      for (Requirement r : requirements) {
        futures.add(pool.submit(() -> {
          if (mdc != null) {
            MDC.setContextMap(mdc);
          }
          RequirementVerdict v = one(r, app, control, limits, totals, budget, overBudget);
          control.progress().done(done.incrementAndGet(), n);
          return v;
        }));
      }
      for (int i = 0; i < n; i++) {
        try {
          out[i] = futures.get(i).get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          if (e.getCause() instanceof ReviewException re) {
            throw re;
          }
          throw new ReviewException("review failed: " + e.getCause(), false, e.getCause());
        } catch (InterruptedException e) {
          futures.forEach(f -> f.cancel(true));
          Thread.currentThread().interrupt();
          throw new ReviewException("cancelled", false, e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private RequirementVerdict one(Requirement r, IndexedApp app, ReviewControl control, ChatBackend.CallLimits limits,
      Totals totals, TokenBudget budget, AtomicInteger overBudget) throws ReviewException {
    if (control.cancelled().getAsBoolean()) {
      throw new ReviewException("cancelled", false, null);
    }
    List<CodeChunk> context = ContextBuilder.select(r, app, contextTokens * 4);
    ChatRequest request = ChatRequest.of(SYSTEM, prompt(r, context), VerdictSchema.NAME, VerdictSchema.schema(),
        maxResponseTokens);
    long estimate = TokenBudget.estimate(request);
    if (!budget.reserve(estimate)) {
      RequirementVerdict ir = fallback.review(r, app);
      overBudget.incrementAndGet();
      return ir.with(ir.verdict(), ir.confidence(), "[TOKEN BUDGET] AI_TOKEN_BUDGET of " + budget.limit()
          + " tokens spent; judged by embedding-ir: " + ir.explanation(), ir.verificationPass());
    }
    RequirementVerdict v;
    try {
      v = ask(r, request, limits, totals, budget, estimate);
    } catch (ReviewException e) {
      if (!e.overBudget()) {
        throw e;
      }
      RequirementVerdict ir = fallback.review(r, app);
      overBudget.incrementAndGet();
      return ir.with(ir.verdict(), ir.confidence(), "[TOKEN BUDGET] " + e.getMessage() + "; judged by embedding-ir: "
          + ir.explanation(), ir.verificationPass());
    }
    return routeChecked(EvidenceChecker.check(v, app.source()), app);
  }

  private RequirementVerdict ask(Requirement r, ChatRequest request, ChatBackend.CallLimits limits, Totals totals,
      TokenBudget budget, long estimate) throws ReviewException {
    ChatAnswer answer = call(request, limits, totals, budget, estimate);
    VerdictParser.Parsed parsed;
    try {
      parsed = VerdictParser.parse(answer.content());
    } catch (VerdictParser.Invalid first) {
      ChatRequest repair = request.followUp(answer.content(), "That answer is invalid: " + first.getMessage()
          + ". Reply with only one JSON object that follows the schema.");
      long repairEstimate = TokenBudget.estimate(repair);
      if (!budget.reserve(repairEstimate)) {
        throw new ReviewException("the answer for requirement " + r.id() + " was invalid (" + first.getMessage()
            + ") and the token budget leaves no room for a repair", false, null);
      }
      ChatAnswer second = call(repair, limits, totals, budget, repairEstimate);
      try {
        parsed = VerdictParser.parse(second.content());
      } catch (VerdictParser.Invalid again) {
        throw new ReviewException(backend.provider() + " model " + backend.model() + " gave no valid answer for "
            + "requirement " + r.id() + " after one repair: " + again.getMessage(), false, null);
      }
      answer = second;
    }
    double score = switch (parsed.verdict()) {
      case MET -> 1.0;
      case PARTIAL -> 0.5;
      case NOT_FOUND -> 0.0;
    };
    return new RequirementVerdict(r, parsed.verdict(), parsed.confidence(), score, parsed.explanation(),
        parsed.evidence(), backend.method(), "skipped", null, answer.cached());
  }

  private ChatAnswer call(ChatRequest request, ChatBackend.CallLimits limits, Totals totals, TokenBudget budget,
      long estimate) throws ReviewException {
    String key = cache == null ? null : ResponseCache.key(backend, request);
    if (key != null) {
      var hit = cache.get(key);
      if (hit.isPresent()) {
        budget.settle(estimate, 0);
        totals.add(hit.get());
        return hit.get();
      }
    }
    ChatAnswer a;
    java.util.concurrent.atomic.AtomicLong reserved = new java.util.concurrent.atomic.AtomicLong(estimate);
    ChatBackend.CallLimits perCall = limits.withBeforeRetry(n -> {
      if (budget.reserve(estimate)) {
        reserved.addAndGet(estimate);
        return true;
      }
      return false;
    });
    try {
      a = backend.complete(request, perCall);
    } catch (BackendException e) {
      budget.settle(reserved.get(), e.usage().charged(estimate));
      totals.failed(e.usage());
      throw new ReviewException(e.getMessage(), e.kind() == BackendException.Kind.TIMEOUT, e);
    }
    long metered = a.promptTokens() + a.completionTokens();
    budget.settle(reserved.get(), metered > 0 ? metered : estimate * Math.max(1, a.attempts()));
    totals.add(a);
    if (a.truncated()) {
      throw new ReviewException(backend.provider() + " model " + backend.model() + " stopped at max_tokens "
          + "(finish_reason length) before the answer was complete; raise AI_MAX_RESPONSE_TOKENS (now "
          + request.maxTokens() + ")", false, null);
    }
    if (key != null) {
      cache.put(key, a);
    }
    return a;
  }

  private static RequirementVerdict routeChecked(RequirementVerdict v, IndexedApp app) {
    if (v.requirement().route() == null) {
      return v;
    }
    RouteCheck.Outcome route = RouteCheck.check(v.requirement().route(), app.facts());
    RequirementVerdict with = new RequirementVerdict(v.requirement(), v.verdict(), v.confidence(), v.score(),
        v.explanation(), v.evidence(), v.method(), v.verificationPass(), route.toMap(), v.cached());
    if (route.status() != RouteCheck.Status.FOUND && v.verdict() == Verdict.MET) {
      return with.with(Verdict.PARTIAL, "LOW", "[ROUTE NOT FOUND] " + route.ref().method() + " " + route.ref().path()
          + " is not declared in the backend; " + v.explanation(), v.verificationPass());
    }
    return with;
  }

  static String prompt(Requirement r, List<CodeChunk> context) {
    return "Requirement (" + r.category() + "): " + r.text() + "\n\n"
        + "Code chosen as most relevant to it (path and line numbers in the headers):\n\n"
        + (context.isEmpty() ? "(no code found)\n" : ContextBuilder.render(context))
        + "\nReply with JSON: {\"verdict\": \"met\"|\"partial\"|\"not_found\", \"confidence\": \"HIGH\"|\"MEDIUM\"|\"LOW\", "
        + "\"explanation\": \"...\", \"evidence\": [{\"file\": \"path\", \"line\": 12, \"quote\": \"code on that line\"}]}";
  }
}
