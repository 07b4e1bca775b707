package dev.contentfunctions.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between an SDK client and moto that a test switches between working and failing the
 * ways a network and a database fail. Point the client's endpoint at {@link #endpoint()}.
 *
 * <p>It copies bytes and knows just enough HTTP/1.1 to count requests: a request begins when the
 * client sends after the server has answered the previous one on that connection (the SDK sends one
 * request at a time per connection and never pipelines). An interim answer ({@code 100 Continue})
 * is not the answer.
 */
public final class FaultyLink implements AutoCloseable {

  /** What the link does, from the moment it is set, with connections and the bytes on them. */
  public enum Mode {
    /** Bytes flow both ways unchanged. */
    PASS_THROUGH,
    /**
     * A stopped server: open connections are reset, new ones are reset as soon as they are
     * accepted. (Accepted then reset rather than refused: giving the port up would let another
     * process take it before the link comes back.)
     */
    DOWN,
    /**
     * Connections are accepted and requests swallowed; nothing ever comes back, so only the
     * caller's own timeouts end its wait.
     */
    BLACK_HOLE,
    /**
     * Requests reach the server, which applies them; the connection is reset when the answer
     * arrives, so the caller never learns the outcome of a write that happened.
     */
    LOSE_ANSWERS
  }

  private static final String HOST = "127.0.0.1";
  private static final byte[] INTERIM = "HTTP/1.1 1".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final String upstreamHost;
  private final int upstreamPort;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.PASS_THROUGH;
  private int requests;
  private int plannedAt = -1;
  private Mode planned;

  private FaultyLink(ServerSocket listener, URI upstream) {
    this.listener = listener;
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    daemon(this::accept, "faulty-link-" + listener.getLocalPort());
  }

  /** A link to {@code upstream} (http://host:port) on a free loopback port, passing through. */
  public static FaultyLink to(URI upstream) {
    try {
      return new FaultyLink(new ServerSocket(0, 50, InetAddress.getByName(HOST)), upstream);
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }

  /** Where clients connect instead of the upstream. */
  public URI endpoint() {
    return URI.create("http://" + HOST + ":" + listener.getLocalPort());
  }

  /** Switches now, and cancels a switch {@link #switchAfter} planned. */
  public void switchTo(Mode next) {
    synchronized (this) {
      plannedAt = -1;
      mode = next;
    }
    if (next == Mode.DOWN) {
      connections.forEach(Connection::reset);
    }
  }

  /**
   * Lets the next {@code count} requests through as the current mode decides, then switches to
   * {@code next} as the request after them begins: a failure part-way through a run of calls.
   */
  public synchronized void switchAfter(int count, Mode next) {
    plannedAt = requests + count;
    planned = next;
  }

  /** Requests begun through the link so far, in every mode. */
  public synchronized int requests() {
    return requests;
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // The acceptor ends either way.
    }
    connections.forEach(Connection::reset);
  }

  /** Counts a request as it begins and returns the mode it meets, after a planned switch. */
  private Mode requestBegins() {
    Mode next;
    synchronized (this) {
      if (requests++ != plannedAt) {
        return mode;
      }
      next = planned;
    }
    switchTo(next);
    return next;
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      if (mode == Mode.DOWN) {
        reset(client);
        continue;
      }
      try {
        new Connection(client, new Socket(upstreamHost, upstreamPort)).start();
      } catch (IOException upstreamGone) {
        reset(client);
      }
    }
  }

  /** One client connection and its own connection to the upstream. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;

    /** A request has begun and its (final) answer has not. */
    private volatile boolean awaitingAnswer;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      connections.add(this);
      daemon(this::forwardRequests, "faulty-link-requests");
      daemon(this::forwardAnswers, "faulty-link-answers");
    }

    private void forwardRequests() {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = client.getInputStream();
        for (int n; (n = in.read(buffer)) != -1; ) {
          Mode now = awaitingAnswer ? mode : requestBegins();
          awaitingAnswer = true;
          switch (now) {
            case PASS_THROUGH, LOSE_ANSWERS -> upstream.getOutputStream().write(buffer, 0, n);
            case BLACK_HOLE -> {}
            case DOWN -> {
              return;
            }
          }
        }
      } catch (IOException closed) {
        // Either side went away: so does the connection.
      } finally {
        reset();
      }
    }

    private void forwardAnswers() {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = upstream.getInputStream();
        for (int n; (n = in.read(buffer)) != -1; ) {
          boolean interim =
              n >= INTERIM.length
                  && Arrays.equals(buffer, 0, INTERIM.length, INTERIM, 0, INTERIM.length);
          if (!interim) {
            // Before the client can read the answer and send its next request.
            awaitingAnswer = false;
          }
          switch (mode) {
            case PASS_THROUGH -> client.getOutputStream().write(buffer, 0, n);
            case LOSE_ANSWERS -> {
              if (!interim) {
                return;
              }
              client.getOutputStream().write(buffer, 0, n);
            }
            case BLACK_HOLE -> {}
            case DOWN -> {
              return;
            }
          }
        }
      } catch (IOException closed) {
        // Either side went away: so does the connection.
      } finally {
        reset();
      }
    }

    void reset() {
      connections.remove(this);
      FaultyLink.reset(client);
      FaultyLink.reset(upstream);
    }
  }

  /**
   * Closes with a TCP reset rather than an orderly close: the client fails on its next read or
   * write instead of reading a clean end of stream.
   */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException alreadyClosed) {
      // Nothing left to reset.
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
