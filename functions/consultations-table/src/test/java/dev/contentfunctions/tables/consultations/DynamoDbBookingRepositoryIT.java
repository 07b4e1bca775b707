package dev.contentfunctions.tables.consultations;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract on moto, with the table template.yaml defines (a fresh one per test). */
class DynamoDbBookingRepositoryIT extends BookingRepositoryContract {
  private final DynamoDbClient dynamoDb = MotoServer.shared().dynamoDb();
  private String table;

  @Override
  BookingRepository repository() {
    table =
        new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), MotoServer.shared())
            .createTable("ConsultationsTable", TemplateResources.uniqueName("booking"));
    return new DynamoDbBookingRepository(dynamoDb, table);
  }

  @Override
  List<String> filedUnder(String emailHash) {
    List<String> types = new ArrayList<>();
    dynamoDb
        .query(
            r ->
                r.tableName(table)
                    .indexName(ConsultationMapper.BY_EMAIL_INDEX)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", ConsultationMapper.EMAIL_PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ConsultationMapper.emailPartition(emailHash)))))
        .items()
        .forEach(item -> types.add(item.get(ConsultationMapper.SK).s()));
    return types;
  }

  @Override
  List<String> requestIds() {
    List<String> ids = new ArrayList<>();
    dynamoDb.scan(r -> r.tableName(table)).items().stream()
        .filter(ConsultationMapper::isRequest)
        .forEach(item -> ids.add(item.get(ConsultationMapper.ID).s()));
    return ids;
  }
}
