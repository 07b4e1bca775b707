package dev.contentfunctions.shared.aws;

import dev.contentfunctions.shared.Env;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The settings every function's SDK clients share, applied to any service's client builder so that
 * this module needs no dependency on the services it does not use itself.
 *
 * <p>Chosen for Lambda's cold start and for failing fast: the URL-connection HTTP client (no Apache or
 * Netty on the classpath), the region read once from {@code AWS_REGION} (no profile files parsed), and
 * explicit timeouts so that an unreachable service costs a bounded time instead of the SDK defaults.
 * A local endpoint such as moto's is configured through {@code AWS_ENDPOINT_URL}, which the SDK reads
 * itself.
 */
public final class AwsClients {
  /** Connecting is local to the region: a slow connect means the service is unreachable. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

  /** One attempt; the standard retry mode makes up to three, with backoff, inside the call timeout. */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(25);

  private AwsClients() {}

  /**
   * Credentials from the environment variables Lambda sets, or from the container credentials
   * endpoint Lambda uses with SnapStart (where the variables are absent).
   */
  public static AwsCredentialsProvider credentials() {
    return AwsCredentialsProviderChain.of(
        EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create());
  }

  public static Region region() {
    return Region.of(Env.require("AWS_REGION"));
  }

  /** Applies the shared settings to a client builder; the caller adds service-specific ones and builds. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder) {
    builder
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT))
        .credentialsProvider(credentials())
        .region(region())
        .overrideConfiguration(
            o ->
                o.retryStrategy(RetryMode.STANDARD)
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                    .apiCallTimeout(CALL_TIMEOUT));
    return builder;
  }

  /** Whether clients talk to a local endpoint (moto) rather than AWS; S3 then needs path-style URLs. */
  public static boolean usesLocalEndpoint() {
    return Env.optional("AWS_ENDPOINT_URL") != null;
  }
}
