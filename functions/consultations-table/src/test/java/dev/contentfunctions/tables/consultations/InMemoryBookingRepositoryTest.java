package dev.contentfunctions.tables.consultations;

import java.util.List;

class InMemoryBookingRepositoryTest extends BookingRepositoryContract {
  private InMemoryBookingRepository memory;

  @Override
  BookingRepository repository() {
    memory = new InMemoryBookingRepository();
    return memory;
  }

  @Override
  List<String> filedUnder(String emailHash) {
    return memory.filedUnder(emailHash);
  }

  @Override
  List<String> requestIds() {
    return memory.requests().stream().map(Consultation::id).toList();
  }
}
