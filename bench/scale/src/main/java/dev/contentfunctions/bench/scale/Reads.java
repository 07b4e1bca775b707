package dev.contentfunctions.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the read API's DynamoDB client asks and gets while counting: requests by operation, items
 * returned, and their size as DynamoDB counts it (attribute names and values), from which read
 * units follow (eventually consistent: half a unit per 4 KB, a Query's items summed, a GetItem's
 * each rounded up). Registered on the benchmark's own client only.
 */
final class Reads implements ExecutionInterceptor {
  /** One measured request's reads. */
  record Tally(Map<String, Integer> requests, int items, long bytes, double readUnits, List<QueryRequest> projected) {
    int requestCount() {
      return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    String requestsText() {
      List<String> parts = new ArrayList<>();
      requests.forEach((operation, count) -> parts.add(count + " " + operation));
      return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }
  }

  private boolean counting;
  private final Map<String, Integer> requests = new TreeMap<>();
  private int items;
  private long bytes;
  private double readUnits;
  private final List<QueryRequest> projected = new ArrayList<>();

  synchronized void start() {
    counting = true;
    requests.clear();
    items = 0;
    bytes = 0;
    readUnits = 0;
    projected.clear();
  }

  synchronized Tally stop() {
    counting = false;
    return new Tally(new TreeMap<>(requests), items, bytes, readUnits, List.copyOf(projected));
  }

  @Override
  public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (!counting) {
      return;
    }
    requests.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
    SdkRequest request = context.request();
    SdkResponse response = context.response();
    if (response instanceof QueryResponse query) {
      long size = query.items().stream().mapToLong(Reads::size).sum();
      items += query.items().size();
      bytes += size;
      readUnits += units(size);
      if (request instanceof QueryRequest q && q.projectionExpression() != null) {
        projected.add(q);
      }
    } else if (response instanceof GetItemResponse get && get.hasItem()) {
      long size = size(get.item());
      items += 1;
      bytes += size;
      readUnits += units(size);
    } else if (response instanceof BatchGetItemResponse batch) {
      for (List<Map<String, AttributeValue>> found : batch.responses().values()) {
        for (Map<String, AttributeValue> item : found) {
          long size = size(item);
          items += 1;
          bytes += size;
          readUnits += units(size);
        }
      }
    }
  }

  /** Eventually consistent read units: 0.5 per 4 KB started, at least 0.5. */
  static double units(long bytes) {
    return Math.max(1, (bytes + 4095) / 4096) * 0.5;
  }

  /** An item's size as DynamoDB counts it: names and values, numbers by their digits. */
  static long size(Map<String, AttributeValue> item) {
    long total = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      total += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + size(attribute.getValue());
    }
    return total;
  }

  private static long size(AttributeValue value) {
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8).length;
    }
    if (value.n() != null) {
      return (value.n().length() + 1) / 2 + 1;
    }
    if (value.b() != null) {
      return value.b().asByteArrayUnsafe().length;
    }
    if (value.hasL()) {
      return 3 + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
    }
    if (value.hasM()) {
      return 3 + value.m().entrySet().stream()
          .mapToLong(e -> 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue()))
          .sum();
    }
    return 1;
  }
}
