package dev.analyzer.ai.backend;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One streamed HTTP exchange with the JDK client: a 200 body goes line by line into a
 * {@link StreamDecoder} ({@link LineSplitter} splits LF, CRLF and CR at the byte level, so the caps
 * hold inside a line that never ends); any other status is read, up to its cap, as the error text. {@link #finished()} completes with the status once the stream ended, the decoder saw
 * the end or a failure, or the exchange failed. {@link #abort()} closes the stream at once (cancel,
 * timeout). Thread-safe.
 */
final class StreamingCall {

  /** How the exchange ended: the status, and the error body for non-200 statuses. */
  record Ending(int status, String errorBody, HttpResponse.ResponseInfo info) {}

  /** Most bytes read from one answer stream, counted inside lines too; a server that streams more is cut off. */
  static final long MAX_STREAM_CHARS = 8L * 1024 * 1024;
  /** Most bytes read of an error body (the rest is not read). */
  static final int MAX_ERROR_CHARS = 64 * 1024;

  private final CompletableFuture<Ending> finished = new CompletableFuture<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private volatile CompletableFuture<?> exchange;

  /** Starts the exchange; {@code decoderFor} picks the decoder from the 200 response's headers. */
  StreamingCall start(HttpClient client, HttpRequest request, Function<HttpResponse.ResponseInfo, StreamDecoder> decoderFor,
      AtomicReference<StreamDecoder> decoderOut) {
    HttpResponse.BodyHandler<Void> handler = info -> {
      if (info.statusCode() != 200) {
        return BodySubscribers.fromSubscriber(new ErrorBody(info), s -> null);
      }
      StreamDecoder decoder = decoderFor.apply(info);
      decoderOut.set(decoder);
      return BodySubscribers.fromSubscriber(new Lines(decoder, info), s -> null);
    };
    CompletableFuture<HttpResponse<Void>> f = client.sendAsync(request, handler);
    exchange = f;
    f.whenComplete((r, ex) -> {
      if (ex != null) {
        finished.completeExceptionally(ex);
      }
    });
    return this;
  }

  CompletableFuture<Ending> finished() {
    return finished;
  }

  /** Closes the stream now; the pending {@link #finished()} fails with a cancellation. */
  void abort() {
    Flow.Subscription s = subscription.getAndSet(null);
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<?> e = exchange;
    if (e != null) {
      e.cancel(true);
    }
    finished.cancel(true);
  }

  /** The stream passed {@link #MAX_STREAM_CHARS} bytes: not an answer; not worth a retry. */
  static final class TooLong extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super("the stream passed " + MAX_STREAM_CHARS + " bytes without ending");
    }
  }

  private final class Lines implements Flow.Subscriber<List<ByteBuffer>> {

    private final StreamDecoder decoder;
    private final HttpResponse.ResponseInfo info;
    private final LineSplitter splitter;
    private boolean stopped;

    Lines(StreamDecoder decoder, HttpResponse.ResponseInfo info) {
      this.decoder = decoder;
      this.info = info;
      this.splitter = new LineSplitter(this::line, MAX_STREAM_CHARS);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (stopped) {
          return;
        }
        if (!splitter.feed(b)) {
          stopped = true;
          finished.completeExceptionally(new TooLong());
          abort();
          return;
        }
      }
    }

    private void line(String line) {
      if (stopped) {
        return;
      }
      decoder.line(line);
      if (decoder.failure() != null || decoder.complete()) {
        // The answer is whole (or broken): stop reading now rather than wait for the server to close.
        stopped = true;
        finished.complete(new Ending(200, null, info));
        Flow.Subscription s = subscription.getAndSet(null);
        if (s != null) {
          s.cancel();
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      finished.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      if (!stopped) {
        splitter.end();
        decoder.end();
      }
      finished.complete(new Ending(200, null, info));
    }
  }

  /** Collects at most {@link #MAX_ERROR_CHARS} bytes of an error body, then completes with what it has. */
  private final class ErrorBody implements Flow.Subscriber<List<ByteBuffer>> {

    private final HttpResponse.ResponseInfo info;
    private final StringBuilder body = new StringBuilder();
    private final LineSplitter splitter = new LineSplitter(l -> body.append(l).append('\n'), MAX_ERROR_CHARS);
    private Flow.Subscription s;

    ErrorBody(HttpResponse.ResponseInfo info) {
      this.info = info;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.s = s;
      subscription.set(s);
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (!splitter.feed(b)) {
          body.append(splitter.pending());
          finished.complete(new Ending(info.statusCode(), body.toString(), info));
          s.cancel();
          return;
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      finished.complete(new Ending(info.statusCode(), body.toString(), info));
    }

    @Override
    public void onComplete() {
      splitter.end();
      finished.complete(new Ending(info.statusCode(), body.toString(), info));
    }
  }
}
