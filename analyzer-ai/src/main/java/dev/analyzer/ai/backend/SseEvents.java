package dev.analyzer.ai.backend;

import java.util.function.Consumer;

/**
 * Server-sent events from lines (the HTTP client splits on LF, CRLF and CR, so an event split
 * across TCP reads arrives whole): {@code data:} lines accumulate (joined by newlines), a blank line
 * dispatches the event, lines starting with {@code :} are comments (OpenRouter's
 * {@code : OPENROUTER PROCESSING} keep-alives) and are counted, {@code event:} names the event,
 * other fields are ignored. A final event without a blank line is dispatched by {@link #end()}.
 * Not thread-safe; one per stream.
 */
public final class SseEvents {

  /** One dispatched event. */
  public record Event(String name, String data) {}

  private final Consumer<Event> sink;
  private final StringBuilder data = new StringBuilder();
  private String name = "message";
  private boolean hasData;
  private int comments;

  public SseEvents(Consumer<Event> sink) {
    this.sink = sink;
  }

  /** Feeds one line (without its terminator). */
  public void line(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) {
      comments++;
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("data")) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    } else if (field.equals("event")) {
      name = value;
    }
  }

  /** Dispatches what is pending at the end of the stream. */
  public void end() {
    dispatch();
  }

  /** Comment lines seen (keep-alives). */
  public int comments() {
    return comments;
  }

  private void dispatch() {
    if (hasData) {
      sink.accept(new Event(name, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    name = "message";
  }
}
