package dev.contentfunctions.coach;

import dev.contentfunctions.coach.ConsultationRepository.Position;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code cursor} of the coach's listing: where the previous page ended (the last request's
 * time and id) and which status it lists, signed with the deployment's secret. A cursor that was
 * edited, truncated, made for the other status or before the secret changed is refused with a 400
 * instead of starting the listing somewhere unexpected. Unlike the blog's public cursor the check is
 * keyed: this listing is private, so its cursors should not be forgeable either.
 */
final class InboxCursor {
  private static final String VERSION = "1";
  private static final String PURPOSE = "coach-api cursor";

  private final SaltedHash signer;

  InboxCursor(SaltedHash signer) {
    this.signer = signer;
  }

  String encode(Consultation.Status status, Position last) {
    String payload = String.join("\n", VERSION, status.value(), last.receivedAt().toString(), last.id());
    String signed = payload + "\n" + signer.of(PURPOSE, payload);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed.getBytes(StandardCharsets.UTF_8));
  }

  /** Where the page after {@code cursor} starts; 400 if the cursor is not ours for {@code status}. */
  Position decode(String cursor, Consultation.Status status) {
    String signed;
    try {
      signed = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    int lastLine = signed.lastIndexOf('\n');
    if (lastLine < 0) {
      throw invalid();
    }
    String payload = signed.substring(0, lastLine);
    byte[] expected = signer.of(PURPOSE, payload).getBytes(StandardCharsets.UTF_8);
    byte[] given = signed.substring(lastLine + 1).getBytes(StandardCharsets.UTF_8);
    String[] parts = payload.split("\n", -1);
    if (!MessageDigest.isEqual(expected, given) || parts.length != 4 || !VERSION.equals(parts[0])) {
      throw invalid();
    }
    if (!parts[1].equals(status.value())) {
      throw new ApiException.BadRequest(
          "This cursor belongs to the listing of another status; start again without a cursor.");
    }
    // Signed by us, so written by encode(): the time parses.
    return new Position(Instant.parse(parts[2]), parts[3]);
  }

  private static ApiException invalid() {
    return new ApiException.BadRequest(
        "The cursor is not valid; use the nextCursor of a previous response, unchanged.");
  }
}
