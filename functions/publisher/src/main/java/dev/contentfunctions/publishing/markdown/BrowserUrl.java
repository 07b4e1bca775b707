package dev.contentfunctions.publishing.markdown;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address in a link or image as a browser reads it (WHATWG URL Standard, "basic URL parser"),
 * reduced to what the sanitiser decides on: the scheme, whether it leaves the site, and the address
 * rewritten so that every other reader of the HTML (feed readers, e-mail clients, older parsers)
 * sees what the browser sees.
 *
 * <p>The browser, before anything else, trims C0 controls and spaces at both ends and removes
 * tabs and newlines anywhere ({@code java\tscript:} is {@code javascript:}); for special schemes
 * (http, https) and for relative addresses on an https page, a backslash is a slash up to the query
 * ({@code /\evil.example} is {@code //evil.example}, another host), and any run of slashes after the
 * scheme starts the host ({@code ///evil.example} too).
 *
 * @param address the address as the browser reads it, backslashes before the query as slashes
 * @param scheme the scheme in lower case; null for an address relative to the page
 * @param external whether it leads off the site: http(s), or relative to the scheme only ({@code
 *     //host})
 */
record BrowserUrl(String address, String scheme, boolean external) {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
  private static final Pattern TAB_OR_NEWLINE = Pattern.compile("[\\t\\n\\r]");
  private static final Pattern LEADING_SLASHES = Pattern.compile("^/{2,}");

  static BrowserUrl parse(String written) {
    String address = TAB_OR_NEWLINE.matcher(trimControlsAndSpaces(written)).replaceAll("");
    Matcher scheme = SCHEME.matcher(address);
    if (!scheme.find()) {
      String path = slashes(address);
      boolean hostRelative = path.startsWith("//");
      return new BrowserUrl(
          hostRelative ? LEADING_SLASHES.matcher(path).replaceFirst("//") : path, null, hostRelative);
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    if (name.equals("http") || name.equals("https")) {
      return new BrowserUrl(name + ":" + slashes(address.substring(scheme.end())), name, true);
    }
    return new BrowserUrl(address, name, false);
  }

  /** Backslashes as slashes before the query or fragment, where the browser reads them so. */
  private static String slashes(String address) {
    int end = address.length();
    for (int i = 0; i < address.length(); i++) {
      if (address.charAt(i) == '?' || address.charAt(i) == '#') {
        end = i;
        break;
      }
    }
    return address.substring(0, end).replace('\\', '/') + address.substring(end);
  }

  /** U+0000 to U+0020 at either end: the browser's "C0 control or space". */
  private static String trimControlsAndSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) <= ' ') {
      end--;
    }
    return text.substring(start, end);
  }
}
