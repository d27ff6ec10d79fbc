package dev.analyzer.dynamic.ports;

import dev.analyzer.http.target.ResolvedTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * TCP connect scan of a target's pinned address over a port list: a port is open when a connection
 * is accepted within the timeout; nothing is sent. Only loopback targets are scanned (a host the
 * policy allows beyond loopback is an app to probe, not a network to map). Thread-safe.
 */
public final class PortScanner {

  /** Well-known services by port, for the result's {@code service_info}. */
  static final Map<Integer, String> SERVICES = Map.ofEntries(Map.entry(21, "ftp"), Map.entry(22, "ssh"),
      Map.entry(25, "smtp"), Map.entry(80, "http"), Map.entry(443, "https"), Map.entry(1433, "mssql"),
      Map.entry(2375, "docker"), Map.entry(3000, "http-dev"), Map.entry(3306, "mysql"), Map.entry(5000, "http-flask"),
      Map.entry(5173, "http-vite"), Map.entry(5432, "postgresql"), Map.entry(5672, "amqp"), Map.entry(6379, "redis"),
      Map.entry(8000, "http-alt"), Map.entry(8080, "http-proxy"), Map.entry(8443, "https-alt"),
      Map.entry(9200, "elasticsearch"), Map.entry(11211, "memcached"), Map.entry(27017, "mongodb"));
  /** Ports of data stores and daemons that should never be reachable; an open one is a finding. */
  /** FTP and Telnet: cleartext logins; an open one is a finding (the original's manager counts them). */
  public static final List<Integer> CLEARTEXT = List.of(21, 23);
  public static final List<Integer> DATA_STORES = List.of(1433, 2375, 3306, 5432, 5672, 6379, 9200, 11211, 27017);

  /** What one host's scan found. */
  public record Result(String host, List<Integer> scanned, List<Integer> open, boolean skipped, String reason) {

    /** The original's {@code port_scan} section. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", skipped ? "skipped" : "success");
      m.put("host", host);
      m.put("scanned_ports", scanned);
      m.put("open_ports", open);
      m.put("total_open", open.size());
      Map<String, Object> info = new LinkedHashMap<>();
      for (int p : open) {
        info.put(Integer.toString(p), SERVICES.getOrDefault(p, "unknown"));
      }
      m.put("service_info", info);
      m.put("vulnerabilities", List.of());
      if (reason != null) {
        m.put("reason", reason);
      }
      return m;
    }
  }

  private final ExecutorService workers;
  private final Duration timeout;

  public PortScanner(ExecutorService workers, Duration timeout) {
    this.workers = workers;
    this.timeout = timeout;
  }

  /** Scans {@code ports} (plus the target's own port) on {@code target}'s pinned address. */
  public Result scan(ResolvedTarget target, List<Integer> ports) throws InterruptedException {
    String host = target.target().host();
    TreeSet<Integer> all = new TreeSet<>(ports);
    all.add(target.target().port());
    if (!target.loopback()) {
      return new Result(host, List.copyOf(all), List.of(), true, "only loopback targets are port-scanned");
    }
    InetAddress address = target.addresses().get(0);
    List<Integer> list = new ArrayList<>(all);
    List<Future<Boolean>> probes = new ArrayList<>();
    for (int port : list) {
      probes.add(workers.submit(() -> open(address, port)));
    }
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      try {
        if (probes.get(i).get()) {
          open.add(list.get(i));
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // an unexpected socket error counts as closed
      }
    }
    return new Result(host, list, open, false, null);
  }

  private boolean open(InetAddress address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
