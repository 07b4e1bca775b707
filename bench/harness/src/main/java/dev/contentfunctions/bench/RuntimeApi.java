package dev.contentfunctions.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Lambda Runtime API (2018-06-01), as much of it as the runtime interface client uses, serving
 * one {@link Run} at a time and timing it: init ends at the first poll of {@code next}; an
 * invocation lasts from the moment its event is sent to the moment its response arrives.
 */
final class RuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";

  static {
    // Without TCP_NODELAY, small responses wait for delayed ACKs: ~40 ms stalls per invocation.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon());
  private volatile Run current;
  /**
   * The trace header each event comes with, as Lambda's Runtime API sends it: not sampled unless a
   * run sets it (TracingBench: Active tracing samples the request).
   */
  private volatile String traceHeader = "Root=1-00000000-000000000000000000000000;Sampled=0";

  RuntimeApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  void traceHeader(String header) {
    traceHeader = header;
  }

  /** host:port, for AWS_LAMBDA_RUNTIME_API. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code invocations} events from {@code events} to the next runtime that polls. */
  Run serve(Supplier<String> events, int invocations) {
    Run run = new Run(events, invocations);
    current = run;
    return run;
  }

  /** One runtime's life: its first poll, then each invocation's times and response. */
  static final class Run {
    private final Supplier<String> events;
    final long[] sent;
    final long[] answered;
    final List<String> responses = new ArrayList<>();
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    volatile long firstPoll;
    /** Runs when the first response has arrived, before the runtime is told so (e.g. reads its RSS). */
    volatile Runnable afterFirst = () -> {};
    private int next;

    private Run(Supplier<String> events, int invocations) {
      this.events = events;
      this.sent = new long[invocations];
      this.answered = new long[invocations];
    }

    private synchronized int nextInvocation() {
      if (firstPoll == 0) {
        firstPoll = System.nanoTime();
      }
      return next < sent.length ? next++ : -1;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Run run = current;
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (path.equals("invocation/next")) {
      int index = run.nextInvocation();
      if (index < 0) {
        // Everything was served: hold the runtime here until the benchmark stops its JVM.
        run.finished.handle((ok, failed) -> null).join();
        exchange.close();
        return;
      }
      byte[] event = run.events.get().getBytes(StandardCharsets.UTF_8);
      var headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "application/json");
      headers.set("Lambda-Runtime-Aws-Request-Id", "req-" + index);
      headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 30_000));
      headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench");
      headers.set("Lambda-Runtime-Trace-Id", traceHeader);
      run.sent[index] = System.nanoTime();
      reply(exchange, 200, event);
    } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
      int index = Integer.parseInt(path.split("/")[1].substring("req-".length()));
      run.answered[index] = System.nanoTime();
      synchronized (run) {
        run.responses.add(new String(body, StandardCharsets.UTF_8));
      }
      if (index == 0) {
        run.afterFirst.run();
      }
      reply(exchange, 202, new byte[0]);
      if (index == run.sent.length - 1) {
        run.finished.complete(null);
      }
    } else {
      // invocation/{id}/error or init/error: the function failed; the benchmark must say so.
      reply(exchange, 202, new byte[0]);
      run.finished.completeExceptionally(
          new IllegalStateException(path + ": " + new String(body, StandardCharsets.UTF_8)));
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return task -> {
      Thread thread = new Thread(task, "runtime-api");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
