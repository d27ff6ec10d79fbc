/*
 * openloop: the reference for "what the server alone allows at a fixed rate" in
 * LoadGeneratorBenchmark. A minimal open-model HTTP/1.1 client in C, the model of wrk2: request i
 * is due at t0 + i / rate, it leaves on the first idle keep-alive connection (or waits, FIFO, for
 * one), and its latency counts from its due time (and, uncorrected, from its send). One thread
 * that never sleeps (epoll_wait with timeout 0), so neither a timer's nor a wake-up's latency is
 * in its figures: what it reports is the server (and the loopback), nothing of a generator.
 * Every latency is kept and sorted at the end (exact percentiles, no histogram).
 *
 * usage: openloop HOST PORT PATH CONNECTIONS RATE SECONDS WARMUP_SECONDS
 * prints one line: key=value pairs (milliseconds), or "error=..." and exit code 2.
 * Loopback only by intent: the benchmark passes 127.0.0.1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 1024
#define BUF 65536

typedef struct {
  int fd;
  int busy;
  int64_t intended;
  int64_t sent;
  int in_body;          /* headers done, counting body bytes */
  int64_t body_left;
  int status;
  char head[8192];
  int head_len;
} conn;

static conn conns[MAX_CONN];
static int idle_stack[MAX_CONN];
static int idle_top;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void fail(const char *what) {
  printf("error=%s:%s\n", what, strerror(errno));
  exit(2);
}

static int cmp64(const void *a, const void *b) {
  int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
  return x < y ? -1 : x > y;
}

static double pct(int64_t *v, long n, double p) {
  if (n == 0) return 0;
  long i = (long) (p / 100.0 * n);
  if (i >= n) i = n - 1;
  return v[i] / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 8) {
    printf("error=usage: openloop HOST PORT PATH CONNECTIONS RATE SECONDS WARMUP_SECONDS\n");
    return 2;
  }
  const char *host = argv[1];
  int port = atoi(argv[2]);
  const char *path = argv[3];
  int nconn = atoi(argv[4]);
  double rate = atof(argv[5]);
  double seconds = atof(argv[6]);
  double warmup = atof(argv[7]);
  if (nconn < 1 || nconn > MAX_CONN || rate <= 0 || seconds <= 0 || warmup < 0) {
    printf("error=bad arguments\n");
    return 2;
  }
  char req[1024];
  int req_len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n", path, host, port);

  int ep = epoll_create1(0);
  if (ep < 0) fail("epoll_create1");
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t) port);
  if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
    printf("error=bad host %s\n", host);
    return 2;
  }
  for (int i = 0; i < nconn; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) fail("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) fail("connect");
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0) fail("epoll_ctl");
    conns[i].fd = fd;
    idle_stack[idle_top++] = i;
  }

  long total = (long) (rate * (seconds + warmup)) + 16;
  int64_t *due_fifo = malloc(sizeof(int64_t) * (size_t) total); /* waiting due times */
  int64_t *corrected = malloc(sizeof(int64_t) * (size_t) total);
  int64_t *uncorrected = malloc(sizeof(int64_t) * (size_t) total);
  if (!due_fifo || !corrected || !uncorrected) fail("malloc");
  long fifo_head = 0, fifo_tail = 0, recorded = 0, errors = 0, late = 0, sent_measured = 0;
  double interval = 1e9 / rate;
  int64_t t0 = now_ns();
  int64_t measure_start = t0 + (int64_t) (warmup * 1e9);
  int64_t end = measure_start + (int64_t) (seconds * 1e9);
  long next = 0;
  int64_t next_due = t0;
  struct epoll_event events[MAX_CONN];
  char buf[BUF];
  long inflight = 0;
  int64_t drain_deadline = end + 2000000000LL;

  for (;;) {
    int64_t now = now_ns();
    if (now < end) {
      while (next_due <= now) {
        due_fifo[fifo_tail++] = next_due;
        next++;
        next_due = t0 + (int64_t) (next * interval);
      }
    } else if (inflight == 0 || now > drain_deadline) {
      break;
    }
    while (fifo_head < fifo_tail && idle_top > 0) {
      int c = idle_stack[--idle_top];
      conn *k = &conns[c];
      k->intended = due_fifo[fifo_head++];
      k->sent = now_ns();
      k->busy = 1;
      k->in_body = 0;
      k->head_len = 0;
      if (k->intended >= measure_start) {
        sent_measured++;
        if (k->sent - k->intended > 1000000) late++;
      }
      if (write(k->fd, req, (size_t) req_len) != req_len) fail("write");
      inflight++;
    }
    int n = epoll_wait(ep, events, MAX_CONN, 0);
    if (n < 0 && errno != EINTR) fail("epoll_wait");
    for (int e = 0; e < n; e++) {
      conn *k = &conns[events[e].data.u32];
      ssize_t r = read(k->fd, buf, sizeof buf);
      if (r <= 0) {
        if (r < 0 && errno == EAGAIN) continue;
        printf("error=connection closed by the server\n");
        return 2;
      }
      int64_t at = now_ns();
      ssize_t off = 0;
      if (!k->in_body) {
        ssize_t take = r;
        if (k->head_len + take > (ssize_t) sizeof k->head - 1) take = (ssize_t) sizeof k->head - 1 - k->head_len;
        memcpy(k->head + k->head_len, buf, (size_t) take);
        int old = k->head_len;
        k->head_len += (int) take;
        k->head[k->head_len] = 0;
        char *hend = strstr(k->head, "\r\n\r\n");
        if (!hend) continue;
        int hlen = (int) (hend - k->head) + 4;
        off = hlen - old;
        k->status = atoi(k->head + 9);
        char *cl = strcasestr(k->head, "\r\nContent-Length:");
        k->body_left = cl ? atoll(cl + 17) : 0;
        k->in_body = 1;
      }
      k->body_left -= (r - off);
      if (k->body_left <= 0 && k->busy) {
        k->busy = 0;
        inflight--;
        if (k->status < 200 || k->status > 299) errors++;
        if (k->intended >= measure_start && k->intended < end) {
          corrected[recorded] = at - k->intended;
          uncorrected[recorded] = at - k->sent;
          recorded++;
        }
        idle_stack[idle_top++] = (int) (k - conns);
      }
    }
  }
  long dropped = sent_measured - recorded;
  qsort(corrected, (size_t) recorded, sizeof(int64_t), cmp64);
  qsort(uncorrected, (size_t) recorded, sizeof(int64_t), cmp64);
  printf("requests=%ld rate=%.1f p50=%.4f p90=%.4f p99=%.4f p999=%.4f max=%.4f u_p50=%.4f u_p99=%.4f"
         " late=%ld unanswered=%ld errors=%ld\n",
         recorded, recorded / seconds, pct(corrected, recorded, 50), pct(corrected, recorded, 90),
         pct(corrected, recorded, 99), pct(corrected, recorded, 99.9),
         recorded ? corrected[recorded - 1] / 1e6 : 0.0, pct(uncorrected, recorded, 50),
         pct(uncorrected, recorded, 99), late, dropped, errors);
  return 0;
}
