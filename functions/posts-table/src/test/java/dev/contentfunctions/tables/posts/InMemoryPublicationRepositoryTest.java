package dev.contentfunctions.tables.posts;

import java.time.Instant;
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
  TagCounts counts(Instant now) {
    return PostMapper.countsFromItems(
        memory.partition(PostMapper.COUNTS_PARTITION).stream().filter(item -> PostMapper.isReadByCountsQuery(item, now)).toList());
  }

  @Override
  Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return memory.item(key);
  }
}
