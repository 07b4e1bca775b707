package dev.contentfunctions.kit.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** How a failed AWS call should be answered. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * Throttling, a timeout, an unreachable endpoint or a 5xx: worth a retry (a 503 to a visitor, a
   * failed invocation for an event). Anything else (a missing table, a denied action) is a fault of
   * ours that retrying will not fix.
   */
  public static boolean isTransient(SdkException e) {
    if (e instanceof SdkClientException) {
      return true;
    }
    return e instanceof AwsServiceException service
        && (service.isThrottlingException() || service.statusCode() >= 500);
  }
}
