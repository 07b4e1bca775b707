package dev.contentfunctions.templatetests;

import static java.util.Map.entry;

import java.util.Map;

/**
 * Values in the repository that look like credentials or secrets but are none, each with the
 * reason: the only exceptions the secret checks make. Matched by exact value, so a real secret next
 * to one of these is still found.
 */
final class KnownDummies {

  static final Map<String, String> REASONS =
      Map.ofEntries(
          entry(
              "testing",
              "moto's documented dummy AWS credentials: the local AWS of the tests and the local"
                  + " run"),
          entry(
              "AKIAIOSFODNN7EXAMPLE",
              "the example access key id of AWS's documentation: sample events and the tests' IAM"
                  + " caller"),
          entry(
              "ASIAQNZGKIQY4EXAMPLE",
              "a made-up temporary access key id (ending in EXAMPLE) in"
                  + " events/coach-mark-handled.json"),
          entry(
              "IQoJb3JpZ2luX2VjEXAMPLETOKENFORTHESAMPLEEVENTONLYdGhpcyBpcyBub3QgYSByZWFsIHRva2Vu",
              "a made-up session token in events/coach-mark-handled.json (ends in base64 of"
                  + " \"this is not a real token\")"),
          entry("preview-token-0123456789abcdef", "the posts API tests' preview token"),
          entry(
              "test-hashing-secret-0123456789abcdef",
              "the booking and coach API tests' hashing secret"),
          entry(
              "bench-secret-0123456789abcdef0123456789abcdef",
              "the benchmark's hashing secret (bench/harness BenchStack), in its local moto only"),
          entry(
              "test-previous-hashing-secret-0123456789",
              "the coach API tests' hashing secret from before a change (erasure after a rotation)"),
          entry(
              "local-preview-token-not-a-secret",
              "the local run's preview token: opens drafts on this machine only, and its banner"
                  + " prints it"),
          entry(
              "another-local-token-0123456789",
              "local/README.md's example of overriding the local run's preview token"));

  private KnownDummies() {}
}
