package dev.analyzer.performance.generator.internal;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.WorkloadModel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;

/**
 * What every worker of one run shares: the plan, the pinned target, the encoded requests and the
 * open model's schedule. Immutable after construction; thread-safe.
 */
final class RunContext {

  final LoadPlan plan;
  final ResolvedTarget target;
  final RequestBytes[] requests;
  final RateSchedule schedule;
  final boolean open;
  final long warmupNanos;
  final long durationNanos;
  final long timeoutNanos;
  final long lateNanos;
  final long thinkNanos;
  final long spinNanos;
  final long answerSpinNanos;
  private final SslContext tls;

  RunContext(LoadPlan plan, ResolvedTarget target, SslContext tls) {
    this.tls = tls;
    this.plan = plan;
    this.target = target;
    this.requests = new RequestBytes[plan.scenarios().size()];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new RequestBytes(target.target(), plan.scenarios().get(i));
    }
    this.open = plan.model() == WorkloadModel.OPEN;
    this.schedule = open ? RateSchedule.of(plan) : null;
    this.warmupNanos = plan.warmup().toNanos();
    this.durationNanos = plan.duration().toNanos();
    this.timeoutNanos = plan.requestTimeout().toNanos();
    this.lateNanos = plan.lateAfter().toNanos();
    this.thinkNanos = plan.thinkTime().toNanos();
    this.spinNanos = plan.scheduleSpin().toNanos();
    this.answerSpinNanos = plan.answerSpin().toNanos();
  }

  /** The pipeline of one connection: TLS for https targets (SNI and verification by the target's name), then {@code c}. */
  ChannelHandler initializer(LoadConnection c) {
    if (tls == null) {
      return c;
    }
    return new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast(tls.newHandler(ch.alloc(), target.target().host(), target.target().port()), c);
      }
    };
  }

  void release() {
    for (RequestBytes r : requests) {
      r.release();
    }
  }
}
