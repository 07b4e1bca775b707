package dev.contentfunctions.consultations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * The visitor's address, which the per-address rate limit counts. Behind CloudFront the request's
 * source is a CloudFront server shared by many visitors, so the visitor's own address is taken from
 * {@code cloudfront-viewer-address} ("{@code <ip>:<port>}"), but only on a request that carries
 * CloudFront's {@code x-origin-verify}: a client calling the API's own domain could send the header
 * too, and choose a new address for every request. Anything else is the source address.
 */
final class ClientAddress {
  static final String VIEWER_ADDRESS = "cloudfront-viewer-address";
  static final String ORIGIN_VERIFY = "x-origin-verify";

  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
  /** Only the characters of an IPv6 literal, starting as one: InetAddress parses it without DNS. */
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  private ClientAddress() {}

  /**
   * @param originVerify this deployment's value (ORIGIN_VERIFY); a blank one trusts no request
   */
  static String of(String sourceIp, String viewerAddress, String verifyHeader, String originVerify) {
    if (viewerAddress == null || !fromCloudFront(verifyHeader, originVerify)) {
      return sourceIp;
    }
    String viewer = withoutPort(viewerAddress.strip());
    return viewer == null ? sourceIp : viewer;
  }

  /** Constant-time, so that timing tells a prober nothing about how much of a guess was right. */
  private static boolean fromCloudFront(String verifyHeader, String originVerify) {
    return verifyHeader != null
        && originVerify != null
        && !originVerify.isBlank()
        && MessageDigest.isEqual(
            verifyHeader.getBytes(StandardCharsets.UTF_8), originVerify.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The address of "{@code <ip>:<port>}", split at the last colon (an IPv6 address has colons of
   * its own), in its canonical form (one IPv6 address written two ways is one counter); null for
   * anything that is not an address and a port.
   */
  private static String withoutPort(String viewerAddress) {
    int colon = viewerAddress.lastIndexOf(':');
    if (colon <= 0 || !PORT.matcher(viewerAddress.substring(colon + 1)).matches()) {
      return null;
    }
    String ip = viewerAddress.substring(0, colon);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (IPV4.matcher(ip).matches()) {
      return ip;
    }
    if (!ip.contains(":") || !IPV6_CHARACTERS.matcher(ip).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(ip).getHostAddress();
    } catch (UnknownHostException notAnAddress) {
      return null;
    }
  }
}
