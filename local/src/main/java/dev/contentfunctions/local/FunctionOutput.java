package dev.contentfunctions.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output of the functions' JVM. Functions log by writing JSON lines to standard output
 * (the kit's {@code Log}), and in one JVM all of them share it: a line written on a thread while a
 * function runs there ({@link #running}) is shown as the local run shows function lines, made
 * readable ({@link FunctionLog}) after the function's name; any other line passes as it is.
 */
final class FunctionOutput extends OutputStream {
  private static final ThreadLocal<String> RUNNING = new ThreadLocal<>();

  private final PrintStream console;
  // Per thread: two functions running at once write their lines side by side, not into each other.
  private final ThreadLocal<ByteArrayOutputStream> line =
      ThreadLocal.withInitial(ByteArrayOutputStream::new);

  private FunctionOutput(PrintStream console) {
    this.console = console;
  }

  /** A standard output that writes to {@code console} as described above. */
  static PrintStream around(PrintStream console) {
    return new PrintStream(new FunctionOutput(console), true, StandardCharsets.UTF_8);
  }

  /** The current thread runs function {@code name} until the result is closed. */
  static Running running(String name) {
    String outer = RUNNING.get();
    RUNNING.set(name);
    return () -> {
      if (outer == null) {
        RUNNING.remove();
      } else {
        RUNNING.set(outer);
      }
    };
  }

  /** The mark of {@link #running}; closing it ends the function's turn on this thread. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  public void write(int b) {
    if (b == '\n') {
      emit();
    } else {
      line.get().write(b);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  private void emit() {
    ByteArrayOutputStream buffer = line.get();
    String text = buffer.toString(StandardCharsets.UTF_8);
    buffer.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    String function = RUNNING.get();
    console.println(function == null ? text : Console.line(function, FunctionLog.readable(text)));
  }
}
