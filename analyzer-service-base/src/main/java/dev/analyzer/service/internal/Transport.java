package dev.analyzer.service.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Native epoll when available (Linux), NIO otherwise. */
public enum Transport {
  EPOLL,
  NIO;

  /** The best transport on this machine. */
  public static Transport best() {
    try {
      return Epoll.isAvailable() ? EPOLL : NIO;
    } catch (Throwable notOnClasspath) {
      return NIO;
    }
  }

  public IoHandlerFactory ioHandlerFactory() {
    return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  public Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
