package dev.contentfunctions.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.localaws.Json;
import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The coach's side of SNS in moto: a fresh topic with a queue subscribed to it, standing in for the
 * coach's e-mail subscription, and ways to read what was published.
 */
final class NotifierTestBed {
  static final MotoServer MOTO = MotoServer.shared();
  static final SnsClient SNS = MOTO.sns();

  private final SqsClient sqs = MOTO.sqs();
  final String topicArn;
  private final String queueUrl;

  NotifierTestBed() {
    topicArn = SNS.createTopic(r -> r.name(TemplateResources.uniqueName("coach"))).topicArn();
    queueUrl =
        sqs.createQueue(r -> r.queueName(TemplateResources.uniqueName("coach-inbox"))).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    SNS.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
  }

  /** moto's endpoint and credentials, as {@link MotoServer} sets them for the clients it offers. */
  static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder) {
    return builder
        .endpointOverride(MOTO.endpoint())
        .region(MOTO.region())
        .credentialsProvider(MOTO.credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }

  /** The handler as Lambda builds it, logging into {@code context}'s lines. */
  ConsultationNotifierHandler handler(LocalContext context) {
    return new ConsultationNotifierHandler(
        new CoachNotifier(SNS, topicArn), context.log(), context.metrics(ConsultationNotifierHandler.FUNCTION));
  }

  /** What reached the coach so far, as the e-mail subscription would show it. */
  List<Notification> received() {
    return sqs
        .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
        .messages()
        .stream()
        .map(message -> Notification.fromEnvelope(message.body()))
        .toList();
  }

  /** A published message: SNS wraps it in a JSON envelope on its way to a queue. */
  record Notification(String subject, String body) {
    static Notification fromEnvelope(String envelope) {
      try {
        JsonNode json = Json.MAPPER.readTree(envelope);
        return new Notification(json.path("Subject").asText(null), json.path("Message").asText());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Not an SNS envelope: " + envelope, e);
      }
    }
  }
}
