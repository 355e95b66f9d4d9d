package com.kippu.center.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.TestClock;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The in-memory claim cursors over a fake seat source whose free seats the test controls. */
class SeatAllocatorTest {
  private static final EventId EVENT = new EventId("evt-test");
  private static final Duration PAUSE = Duration.ofMillis(250);

  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T01:00:00Z"));
  private final List<Seat> free = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final SeatAllocator allocator =
      new SeatAllocator(
          e -> {
            reads.incrementAndGet();
            return List.copyOf(free);
          },
          clock,
          PAUSE);

  private static Seat seat(String section, int row, int number, long price) {
    return new Seat(
        EVENT,
        new SeatId(section + "-" + row + "-" + number),
        section,
        Integer.toString(row),
        number,
        price,
        SeatStatus.AVAILABLE);
  }

  private List<String> take(Optional<String> section, int quantity) {
    return allocator.take(EVENT, section, quantity).orElseThrow().stream()
        .map(s -> s.seatId().value())
        .toList();
  }

  @Test
  void handsOutDearestSectionFrontRowsFirst() {
    free.addAll(
        List.of(
            seat("A", 10, 1, 8_800),
            seat("S", 10, 1, 12_000),
            seat("S", 2, 2, 12_000),
            seat("S", 2, 1, 12_000)));
    assertEquals(List.of("S-2-1", "S-2-2"), take(Optional.empty(), 2));
    assertEquals(List.of("S-10-1", "A-10-1"), take(Optional.empty(), 2), "row 10 after row 2");
  }

  @Test
  void aSectionRequestStaysInItsSection() {
    free.addAll(List.of(seat("S", 1, 1, 12_000), seat("A", 1, 1, 8_800), seat("A", 1, 2, 8_800)));
    assertEquals(List.of("A-1-1", "A-1-2"), take(Optional.of("A"), 2));
    assertTrue(allocator.take(EVENT, Optional.of("A"), 1).isEmpty());
    assertTrue(allocator.take(EVENT, Optional.of("B"), 1).isEmpty());
  }

  @Test
  void seatsInFlightAreNeverOfferedTwiceEvenAfterARead() {
    free.addAll(List.of(seat("S", 1, 1, 12_000), seat("S", 1, 2, 12_000)));
    List<Seat> first = allocator.take(EVENT, Optional.empty(), 1).orElseThrow();
    clock.advance(PAUSE);
    // Short of two seats: the allocator reads again, and the database still says both are free.
    assertTrue(allocator.take(EVENT, Optional.empty(), 2).isEmpty());
    assertEquals(2, reads.get());
    assertEquals(List.of("S-1-2"), take(Optional.empty(), 1));
    allocator.held(EVENT, first);
  }

  @Test
  void seatsGivenBackComeFirstAndRefusedSeatsAreDropped() {
    free.addAll(List.of(seat("S", 1, 1, 12_000), seat("S", 1, 2, 12_000), seat("S", 1, 3, 12_000)));
    List<Seat> pair = allocator.take(EVENT, Optional.empty(), 2).orElseThrow();
    allocator.refused(EVENT, pair, List.of(new SeatId("S-1-1")));
    free.remove(0); // somebody else holds S-1-1 now
    assertEquals(List.of("S-1-2", "S-1-3"), take(Optional.empty(), 2));
  }

  @Test
  void shortEventsAreReadAgainAtMostOncePerPause() {
    free.add(seat("S", 1, 1, 12_000));
    take(Optional.empty(), 1);
    assertTrue(allocator.take(EVENT, Optional.empty(), 1).isEmpty());
    free.add(seat("S", 1, 2, 12_000)); // a cancellation frees a seat
    assertTrue(allocator.take(EVENT, Optional.empty(), 1).isEmpty(), "answered from memory");
    assertEquals(1, reads.get());
    clock.advance(PAUSE);
    assertEquals(List.of("S-1-2"), take(Optional.empty(), 1));
    assertEquals(2, reads.get());
  }

  @Test
  void aSeatHeldWhileTheReadWasOutIsNotOfferedAgain() {
    Seat front = seat("S", 1, 1, 12_000);
    Seat back = seat("S", 1, 2, 12_000);
    List<Seat> taken = new ArrayList<>();
    AtomicReference<SeatAllocator> racing = new AtomicReference<>();
    racing.set(
        new SeatAllocator(
            e -> {
              // The second read's snapshot shows both seats free; the front seat's hold commits
              // before that read is installed.
              if (reads.incrementAndGet() == 2) {
                racing.get().held(EVENT, taken);
              }
              return List.of(front, back);
            },
            clock,
            PAUSE));
    racing.get().prime(EVENT);
    taken.addAll(racing.get().take(EVENT, Optional.empty(), 1).orElseThrow());
    racing.get().take(EVENT, Optional.empty(), 1).orElseThrow();
    clock.advance(PAUSE);
    assertTrue(
        racing.get().take(EVENT, Optional.empty(), 1).isEmpty(), "the held seat is not offered");
    assertEquals(2, reads.get());
  }
}
