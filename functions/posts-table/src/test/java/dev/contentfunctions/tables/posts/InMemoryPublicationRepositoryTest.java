package dev.contentfunctions.tables.posts;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class InMemoryPublicationRepositoryTest extends PublicationRepositoryContract {
  private InMemoryPublicationRepository memory;

  @Override
  PublicationRepository repository() {
    memory = new InMemoryPublicationRepository(CLOCK);
    return memory;
  }

  @Override
  Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return memory.item(key);
  }
}
