package dev.analyzer.service.internal;

import dev.analyzer.core.settings.CompressionSettings;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.DeflateFrameServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

/**
 * The server's compression extensions: permessage-deflate (and the older deflate-frame drafts),
 * negotiated exactly as Netty's {@code WebSocketServerCompressionHandler} does, but with the
 * configured level, and with whole messages shorter than the threshold sent uncompressed (their
 * RSV1 bit clear, as RFC 7692 allows). Fragmented messages are never split between compressed and
 * not. Inflation of what peers send is unchanged. Stateless; a new handler per connection.
 */
public final class DeflateExtension {

  private DeflateExtension() {}

  /** The extension handler for one server connection; each inflated frame is capped at {@code maxInflatedBytes}. */
  public static WebSocketServerExtensionHandler serverHandler(CompressionSettings settings, int maxInflatedBytes) {
    int maxFrameBytes = maxInflatedBytes;
    WebSocketExtensionFilterProvider filters = new SmallMessages(settings);
    return new WebSocketServerExtensionHandler(
        new PerMessageDeflateServerExtensionHandshaker(settings.level(),
            ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(), PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE,
            false, false, filters, maxFrameBytes),
        new DeflateFrameServerExtensionHandshaker(settings.level(), filters, maxFrameBytes));
  }

  /** Skips compressing whole text or binary messages below the threshold; never skips inflating. */
  private static final class SmallMessages implements WebSocketExtensionFilterProvider {

    private final WebSocketExtensionFilter encoder;

    SmallMessages(CompressionSettings settings) {
      this.encoder = frame -> (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
          && frame.isFinalFragment() && !settings.compresses(frame.content().readableBytes());
    }

    @Override
    public WebSocketExtensionFilter encoderFilter() {
      return encoder;
    }

    @Override
    public WebSocketExtensionFilter decoderFilter() {
      return WebSocketExtensionFilter.NEVER_SKIP;
    }
  }
}
