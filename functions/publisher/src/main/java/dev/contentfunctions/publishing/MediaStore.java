package dev.contentfunctions.publishing;

import dev.contentfunctions.publishing.images.Variant;
import java.util.Collection;

/**
 * The media bucket: the variants readers download, under content-hashed keys the CDN caches for a
 * year. Nothing is deleted at once; a retired variant expires with the bucket's lifecycle rule, so
 * that pages still cached with its address keep their picture for a while.
 */
public interface MediaStore {
  /** Stores a variant at {@code key} (the URL path without its slash), immutable for caches. */
  void put(String key, Variant variant);

  /** Marks variants no published post shows any more for expiry; keys already gone are skipped. */
  void retire(Collection<String> keys);
}
