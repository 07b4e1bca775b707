package dev.contentfunctions.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Listening ports on the loopback interface, as the options ask for them. */
final class Ports {
  private Ports() {}

  /**
   * A socket listening on {@code port}. If that port is busy, a default one is replaced by any free
   * port (so a second run, or another tool on 3000 or 5000, does not stop a newcomer), while a port
   * that was asked for is an error saying how to choose another.
   *
   * @param setting how to ask for another port, for the error message
   */
  static ServerSocket listen(int port, boolean explicit, String what, String setting)
      throws IOException {
    try {
      return bind(port);
    } catch (BindException busy) {
      if (explicit) {
        throw new IllegalStateException(
            what
                + " port "
                + port
                + " is in use; choose another with "
                + setting
                + " (0 = any free port)");
      }
      return bind(0);
    }
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
