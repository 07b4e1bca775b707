package dev.contentfunctions.publishing;

import dev.contentfunctions.publishing.images.Variant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The media bucket in memory: what was written, and what is tagged for the lifecycle rule. */
final class InMemoryMediaStore implements MediaStore {
  private final Map<String, Variant> objects = new HashMap<>();
  private final Set<String> retired = new HashSet<>();

  @Override
  public synchronized void put(String key, Variant variant) {
    objects.put(key, variant);
    retired.remove(key);
  }

  @Override
  public synchronized void retire(Collection<String> keys) {
    keys.stream().filter(objects::containsKey).forEach(retired::add);
  }

  /** The objects a reader can still be given: written and not retired. */
  synchronized Set<String> live() {
    Set<String> live = new HashSet<>(objects.keySet());
    live.removeAll(retired);
    return live;
  }

  synchronized Set<String> retired() {
    return Set.copyOf(retired);
  }

  synchronized Variant object(String key) {
    return objects.get(key);
  }
}
