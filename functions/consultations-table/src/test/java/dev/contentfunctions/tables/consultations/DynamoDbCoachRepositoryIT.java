package dev.contentfunctions.tables.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against the table of template.yaml in moto, a fresh one per test; and what only the table holds. */
class DynamoDbCoachRepositoryIT extends CoachRepositoryContract {
  private final MotoServer moto = MotoServer.shared();
  private String table;

  @Override
  protected CoachRepository emptyRepository() {
    table = new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto)
        .createTable("ConsultationsTable", TemplateResources.uniqueName("coach-contract"));
    return new DynamoDbCoachRepository(moto.dynamoDb(), table);
  }

  @Override
  protected void put(Consultation... consultations) {
    for (Consultation c : consultations) {
      moto.dynamoDb().putItem(r -> r.tableName(table).item(ConsultationMapper.toItem(c)));
    }
  }

  @Override
  protected Optional<Consultation> stored(String id) {
    Map<String, AttributeValue> item =
        moto.dynamoDb().getItem(r -> r.tableName(table).key(ConsultationMapper.requestKey(id))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ConsultationMapper.fromItem(item));
  }

  @Test
  void erasureAlsoDeletesWhatIsFiledUnderThePersonButCountsOnlyRequests() {
    Consultation c = request(Instant.parse("2026-01-05T10:00:00Z"), "jane@example.org");
    put(c);
    Map<String, AttributeValue> idempotency = new HashMap<>(ConsultationMapper.idempotencyKey("key:abc"));
    idempotency.putAll(ConsultationMapper.filedUnder(c));
    Map<String, AttributeValue> rate = new HashMap<>(ConsultationMapper.rateKey("email", c.emailHash(), 1_767_600_000L));
    rate.putAll(ConsultationMapper.filedUnder(c));
    moto.dynamoDb().putItem(r -> r.tableName(table).item(idempotency));
    moto.dynamoDb().putItem(r -> r.tableName(table).item(rate));

    assertThat(new DynamoDbCoachRepository(moto.dynamoDb(), table).erase(c.emailHash())).isEqualTo(1);
    assertThat(moto.dynamoDb().scan(r -> r.tableName(table)).items()).isEmpty();
  }

  @Test
  void pagesAndErasureReadEveryPageOfTheirQuery() {
    CoachRepository repository = new DynamoDbCoachRepository(moto.dynamoDb(), table);
    int count = DynamoDbCoachRepository.READ_PAGE_SIZE + 3;
    for (int i = 0; i < count; i++) {
      put(request(Instant.parse("2025-06-01T00:00:00Z").plusSeconds(i), "frequent@example.org"));
    }

    assertThat(repository.all(Consultation.Status.NEW)).hasSize(count);
    assertThat(repository.erase(request(Instant.EPOCH, "frequent@example.org").emailHash())).isEqualTo(count);
  }
}
