package dev.contentfunctions.publishing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where images live in the content bucket, and which file an image address in a post names.
 *
 * <p>A post's own images go in its folder, named after the Markdown file ({@code posts/my-post.md}
 * has {@code posts/my-post/}, like a Hugo page bundle); images shared by several posts go under
 * {@code media/}. A bare file name ({@code cover.jpg}) is in the post's folder; any other relative
 * address is read from the Markdown file's folder, as an editor's preview reads it ({@code
 * ../media/logo.png}, {@code my-post/cover.jpg}); {@code /media/logo.png} is {@code
 * media/logo.png}. Other addresses (another site's, or another path of the site) name no file of
 * the bucket and are left as written.
 */
final class ImagePaths {
  static final String MEDIA = "media/";
  static final String POSTS = "posts/";

  private ImagePaths() {}

  /** Whether the publisher treats the file as an image: any non-Markdown file of an image folder. */
  static boolean isImageFile(String key) {
    boolean inImageFolder =
        key.startsWith(MEDIA) || (key.startsWith(POSTS) && key.indexOf('/', POSTS.length()) > 0);
    return inImageFolder && !key.endsWith("/") && PostFiles.notMarkdown(key).isPresent();
  }

  /** {@code posts/my-post/} for {@code posts/my-post.md}. */
  static String folderOf(String postKey) {
    int dot = postKey.lastIndexOf('.');
    return (dot > postKey.lastIndexOf('/') ? postKey.substring(0, dot) : postKey) + "/";
  }

  /**
   * The key of the bucket's file an image address of the post names; empty for an address the
   * bucket does not serve. A key that is no image file's (an address that climbs out of the
   * bucket, say) is returned as it resolves: no image has a record there, so it reads as missing.
   */
  static Optional<String> keyFor(String postKey, String address) {
    if (address.isEmpty() || address.startsWith("//") || hasScheme(address)) {
      return Optional.empty();
    }
    String path = decoded(withoutQueryOrFragment(address));
    if (path.startsWith("/")) {
      return resolve("", path).filter(key -> key.startsWith(MEDIA));
    }
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    if (!path.contains("/")) {
      return Optional.of(folderOf(postKey) + path);
    }
    String fileFolder = postKey.substring(0, postKey.lastIndexOf('/') + 1);
    return Optional.of(resolve(fileFolder, path).orElse(path));
  }

  private static boolean hasScheme(String address) {
    int colon = address.indexOf(':');
    int slash = address.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }

  private static String withoutQueryOrFragment(String address) {
    int end = address.length();
    for (char c : new char[] {'?', '#'}) {
      int at = address.indexOf(c);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return address.substring(0, end);
  }

  /** Percent escapes decoded as a browser's request would carry them ({@code %20} is a space). */
  private static String decoded(String path) {
    try {
      String decoded = new URI(path.replace(" ", "%20")).getPath();
      return decoded == null ? path : decoded;
    } catch (URISyntaxException e) {
      // Characters a browser would escape itself: the address is already the file's name.
      return path;
    }
  }

  /** {@code path} from {@code folder}, with {@code .} and {@code ..}; empty if it climbs above the bucket. */
  private static Optional<String> resolve(String folder, String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (folder + path).split("/", -1)) {
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else if (!part.equals(".") && !part.isEmpty()) {
        parts.addLast(part);
      }
    }
    return Optional.of(String.join("/", parts));
  }
}
