package dev.contentfunctions.tables.posts;

import java.util.List;
import java.util.Map;

class InMemoryPostRepositoryTest extends PostRepositoryContract {
  @Override
  PostRepository repositoryWith(List<Post> posts, Map<String, String> aliases) {
    InMemoryPostRepository repository = new InMemoryPostRepository();
    posts.forEach(repository::put);
    aliases.forEach(repository::putAlias);
    return repository;
  }
}
