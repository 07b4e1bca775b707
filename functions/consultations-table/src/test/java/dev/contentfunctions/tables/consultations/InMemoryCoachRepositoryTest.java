package dev.contentfunctions.tables.consultations;

import java.util.Optional;

class InMemoryCoachRepositoryTest extends CoachRepositoryContract {
  private InMemoryCoachRepository repository;

  @Override
  protected CoachRepository emptyRepository() {
    repository = new InMemoryCoachRepository();
    return repository;
  }

  @Override
  protected void put(Consultation... consultations) {
    repository.put(consultations);
  }

  @Override
  protected Optional<Consultation> stored(String id) {
    return repository.stored(id);
  }
}
