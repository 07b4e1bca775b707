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
  /**
   * How long calls may take. Interactive functions (behind API Gateway, whose integrations time out
   * at 30 s) fail fast so that a visitor gets a clear "try again" instead of a hanging request;
   * event-driven ones can afford to wait longer before Lambda's own retry.
   */
  public record Timeouts(Duration connect, Duration socket, Duration attempt, Duration call) {
    /** DynamoDB answers in milliseconds: an attempt past 1 s is lost; three attempts fit in 3 s. */
    public static final Timeouts INTERACTIVE =
        new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

    public static final Timeouts BACKGROUND =
        new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(25));
  }

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

  /**
   * Applies the shared settings to a client builder; the caller adds service-specific ones and
   * builds. The standard retry mode makes up to three attempts, with backoff, within the call timeout.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, Timeouts timeouts) {
    builder
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.socket()))
        .credentialsProvider(credentials())
        .region(region())
        .overrideConfiguration(
            o ->
                o.retryStrategy(RetryMode.STANDARD)
                    .apiCallAttemptTimeout(timeouts.attempt())
                    .apiCallTimeout(timeouts.call()));
    return builder;
  }

  /** Whether clients talk to a local endpoint (moto) rather than AWS; S3 then needs path-style URLs. */
  public static boolean usesLocalEndpoint() {
    return Env.optional("AWS_ENDPOINT_URL") != null;
  }
}
