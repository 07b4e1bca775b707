package dev.contentfunctions.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Generated test input drawn from one seed, so that a failing try can be replayed from its seed:
 * the few ways of drawing that the property tests' generators are built from.
 *
 * <p>Over {@link SplittableRandom}: with {@code new Random(seed)} and consecutive seeds, the first
 * {@code nextBoolean()} is the same for hundreds of seeds, which would skew every first choice.
 */
public final class SeededDraws {
  private final SplittableRandom random;

  public SeededDraws(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public boolean nextBoolean() {
    return random.nextBoolean();
  }

  /** From 0 to {@code bound}, {@code bound} excluded. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  /** One of the values, each as likely. */
  @SafeVarargs
  public final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }

  public <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The index of a weight, drawn as often as its share: (3, 1) gives 0 three times in four. */
  public int weighted(int... weights) {
    int draw = random.nextInt(Arrays.stream(weights).sum());
    int index = 0;
    while (draw >= weights[index]) {
      draw -= weights[index++];
    }
    return index;
  }

  /** Null with the given probability, else a value. */
  public <T> T orNull(double probability, Supplier<T> value) {
    return random.nextDouble() < probability ? null : value.get();
  }

  /** From {@code min} to {@code max}, both included. */
  public int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  public <T> List<T> listOf(int minSize, int maxSize, Supplier<T> element) {
    List<T> list = new ArrayList<>();
    for (int size = between(minSize, maxSize); size > 0; size--) {
      list.add(element.get());
    }
    return list;
  }

  /** {@code min} to {@code max} characters, each one of the alphabet's. */
  public String text(String alphabet, int min, int max) {
    StringBuilder text = new StringBuilder();
    for (int length = between(min, max); length > 0; length--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Up to {@code max} chars of any value: controls, noncharacters and lone surrogates included. */
  public String anyChars(int max) {
    StringBuilder text = new StringBuilder();
    for (int length = between(0, max); length > 0; length--) {
      text.append((char) random.nextInt(Character.MAX_VALUE + 1));
    }
    return text.toString();
  }

  /** The characters from {@code first} to {@code last}, as an alphabet for {@link #text}. */
  public static String chars(char first, char last) {
    StringBuilder chars = new StringBuilder();
    for (char c = first; c <= last; c++) {
      chars.append(c);
    }
    return chars.toString();
  }
}
