package dev.contentfunctions.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The one shape of the local run's activity lines: time, who, what. */
public final class Console {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Console() {}

  public static String line(String source, String message) {
    return LocalTime.now().format(TIME) + "  " + source + "  " + message;
  }
}
