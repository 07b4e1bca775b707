package dev.contentfunctions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The events each benchmarked invocation receives, as Lambda delivers them (an HTTP API 2.0 event
 * for an HTTP function, an S3 event for the publisher, a DynamoDB stream event for the notifier):
 * the sample events of events/, made unique where the function would otherwise answer from what it already did (a new
 * idempotency key, e-mail and source address per booking; a newer S3 sequencer per publish).
 */
final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Sequencers grow across JVMs too: each starts from the clock, in microseconds. */
  private static final AtomicLong SEQUENCER = new AtomicLong(System.currentTimeMillis() * 1_000);
  private static final AtomicLong BOOKING = new AtomicLong(System.nanoTime() & 0xFFFFFF);

  private Events() {}

  /** The kinds of event the benchmark sends; S3 ones need the bucket and object announced. */
  enum Kind {
    GET_POST,
    GET_PAGE,
    LIST_POSTS,
    BOOKING,
    PUBLISH,
    NEW_REQUEST,
    COACH_LIST,
    CONSTANT
  }

  static Supplier<String> supplier(Kind kind, String bucket, String key, String versionId) {
    return switch (kind) {
      case GET_POST -> constant(sample("api-get-post.json").toString());
      case GET_PAGE -> constant(sample("page-get-post.json").toString());
      case LIST_POSTS -> constant(sample("api-list-posts.json").toString());
      case BOOKING -> Events::booking;
      case PUBLISH -> () -> publish(bucket, key, versionId);
      case NEW_REQUEST -> constant(sample("dynamodb-new-consultation.json").toString());
      case COACH_LIST -> constant(sample("coach-list-consultations.json").toString());
      case CONSTANT -> constant("{\"key\":\"value\"}");
    };
  }

  private static Supplier<String> constant(String json) {
    return () -> json;
  }

  /** A booking no earlier one matches: new key, address and e-mail (the rate limits are per both). */
  static String booking() {
    ObjectNode event = sample("consultation-json.json");
    long n = BOOKING.incrementAndGet();
    String ip = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    ((ObjectNode) event.path("headers")).put("idempotency-key", UUID.randomUUID().toString());
    ((ObjectNode) event.path("headers")).put("x-forwarded-for", ip);
    ((ObjectNode) event.path("requestContext").path("http")).put("sourceIp", ip);
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText());
      body.put("email", "bench+" + n + "@example.com");
      event.put("body", body.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return event.toString();
  }

  /** The seed post's S3 event for our bucket and version, with a sequencer newer than any before. */
  static String publish(String bucket, String key, String versionId) {
    ObjectNode event = sample("s3-put-post.json");
    ObjectNode s3 = (ObjectNode) event.path("Records").path(0).path("s3");
    ((ObjectNode) s3.path("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    ((ObjectNode) s3.path("object"))
        .put("key", key)
        .put("versionId", versionId)
        .put("sequencer", String.format("%016X", SEQUENCER.incrementAndGet()));
    return event.toString();
  }

  private static ObjectNode sample(String name) {
    try {
      return (ObjectNode) JSON.readTree(Files.readString(RepoPaths.root().resolve("events").resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
