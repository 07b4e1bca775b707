package dev.contentfunctions.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays a port of the local run's choosing to moto's own. {@link
 * dev.contentfunctions.localaws.MotoServer} starts moto on a random free port (right for tests); a
 * newcomer wants one endpoint that stays the same from run to run ({@code aws --endpoint-url
 * http://127.0.0.1:5000}). Bytes are copied as they are, so the relay is invisible to both sides:
 * moto does not check request signatures, and it builds its URLs from the Host header the client
 * sent.
 */
final class PortRelay implements AutoCloseable {
  private final ServerSocket listening;
  private final String targetHost;
  private final int targetPort;

  PortRelay(ServerSocket listening, URI target) {
    this.listening = listening;
    this.targetHost = target.getHost();
    this.targetPort = target.getPort();
    daemon(this::accept, "aws-relay");
  }

  int port() {
    return listening.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    listening.close();
  }

  private void accept() {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream;
        try {
          upstream = new Socket(targetHost, targetPort);
        } catch (IOException motoGone) {
          client.close();
          continue;
        }
        // Each direction is copied until its sender stops; both sockets close when both are done.
        AtomicInteger open = new AtomicInteger(2);
        daemon(() -> copy(client, upstream, open), "aws-relay-up");
        daemon(() -> copy(upstream, client, open), "aws-relay-down");
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void copy(Socket from, Socket to, AtomicInteger open) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException e) {
      open.set(1); // one side failed: the other direction has nothing left to do either
    } finally {
      if (open.decrementAndGet() <= 0) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket of a finished connection
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
