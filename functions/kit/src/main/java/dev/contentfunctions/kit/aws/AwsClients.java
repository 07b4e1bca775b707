package dev.contentfunctions.kit.aws;

import dev.contentfunctions.kit.Env;
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
   * How long calls may take. Without these the SDK bounds neither a call nor an attempt (only a 2 s
   * connect and 30 s of silence on a socket, per attempt): an endpoint that accepts and never
   * answers would hold a function until Lambda's own timeout, with no log line saying why.
   *
   * @param connect opening a TCP connection; past it the endpoint is unreachable and the retry, on a
   *     new connection, is worth more than waiting longer
   * @param socket the longest silence while waiting for the bytes of an answer
   * @param attempt one attempt, whole: the socket timeout alone lets an answer that trickles in go on
   * @param call the call with all its attempts and the backoff between them: the most a caller waits
   */
  public record Timeouts(Duration connect, Duration socket, Duration attempt, Duration call) {
    /**
     * The API functions (read API, booking, coach), where a visitor waits. DynamoDB answers their
     * GetItems and one-page Queries in milliseconds from within the region, so connect 500 ms and 1 s
     * for an attempt (socket and whole) are each about a hundred times a normal answer: past them
     * the attempt is lost, not slow. The call's 3 s leave room for three attempts that fail fast
     * (refused, reset, throttled), or two that time out plus the backoff; then the visitor gets a
     * 503 with Retry-After instead of waiting for the function's 10 s timeout (API Gateway's limit
     * is 30 s), and the first failed call ends the request.
     */
    public static final Timeouts INTERACTIVE =
        new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

    /**
     * The event-driven functions (publisher, notifier), where no one waits and Lambda retries a
     * failed invocation. More patience per attempt (2 s to connect, 10 s for an attempt): the
     * publisher moves files of up to 2 MiB and transactions of up to 4 MB. The call's 25 s stay
     * under the publisher's 30 s function timeout (the notifier's is 60 s), so that a dead dependency
     * ends in the function's own error line and a failed invocation, not in a Lambda timeout that
     * says nothing of the cause.
     */
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
   * builds.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, Timeouts timeouts) {
    return withLimits(builder, timeouts).credentialsProvider(credentials()).region(region());
  }

  /**
   * The HTTP client, the timeouts and the retries alone, without credentials or region: what a test
   * applies to a client it points at a local endpoint, to give it the limits it has in Lambda.
   *
   * <p>Retries are the SDK's standard mode: at most 3 attempts per call, with exponential backoff
   * and jitter from 100 ms (from 1 s when throttled), so that retrying clients do not return in
   * step. The mode's retry quota, shared by the client, runs out when most attempts fail: during an
   * outage calls then make one attempt each instead of tripling the load on a struggling service,
   * and successes refill it. The DynamoDB client's own default (up to 9 attempts from 25 ms) is
   * replaced on purpose: more attempts would not fit in the interactive call timeout, and a
   * visitor's retry after Retry-After does the rest. Retrying a write whose answer was lost is
   * safe: every write here is conditional, and a transaction is retried with the idempotency token
   * the SDK gave it, which DynamoDB answers without applying it twice.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B withLimits(
      B builder, Timeouts timeouts) {
    return builder
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.socket()))
        .overrideConfiguration(
            o ->
                o.retryStrategy(RetryMode.STANDARD)
                    .apiCallAttemptTimeout(timeouts.attempt())
                    .apiCallTimeout(timeouts.call()));
  }

  /** Whether clients talk to a local endpoint (moto) rather than AWS; S3 then needs path-style URLs. */
  public static boolean usesLocalEndpoint() {
    return Env.optional("AWS_ENDPOINT_URL") != null;
  }
}
