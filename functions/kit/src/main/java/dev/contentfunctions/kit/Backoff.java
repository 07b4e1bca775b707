package dev.contentfunctions.kit;

import java.util.concurrent.ThreadLocalRandom;

/** Waiting before retrying a write that lost a race, so that contenders do not collide again in lockstep. */
public final class Backoff {
  private Backoff() {}

  /** Sleeps a random time that grows with {@code attempt} (1, 2, ...): 5 ms up to 20 ms * 2^attempt. */
  public static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
