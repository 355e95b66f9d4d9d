package com.kippu.devices.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The card slots of simulated IC card reader/writers, one per slot name (by default the device's
 * logical name, see the {@code slotName} property of {@link SimulatedSmartCardRW}). Inserting a
 * card means putting a card image file into the slot; the reader sees it from then on and fires a
 * status event. A slot holds at most one card.
 *
 * <pre>{@code
 * SimulatedCardSlots.slot("ICCardRW").insert(cardFile);
 * ...
 * SimulatedCardSlots.slot("ICCardRW").remove();
 * }</pre>
 */
public final class SimulatedCardSlots {

  private static final ConcurrentMap<String, Slot> SLOTS = new ConcurrentHashMap<>();

  private SimulatedCardSlots() {}

  /** The slot named {@code name}, created empty on first use. */
  public static Slot slot(String name) {
    return SLOTS.computeIfAbsent(name, Slot::new);
  }

  /** One card slot; thread-safe. */
  public static final class Slot {
    private final String name;
    private final CopyOnWriteArrayList<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private Path card;

    private Slot(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /**
     * Inserts the card whose image is {@code cardImage}. The file is not read until the reader
     * talks to the card, as with a real card that is only powered once seated.
     *
     * @throws IllegalStateException when a card is already in the slot
     */
    public void insert(Path cardImage) {
      synchronized (this) {
        if (card != null) {
          throw new IllegalStateException("slot " + name + " already holds " + card);
        }
        card = cardImage.toAbsolutePath();
        notifyAll();
      }
      listeners.forEach(l -> l.accept(true));
    }

    /** Removes the card, if any; returns its image file. */
    public Optional<Path> remove() {
      Path removed;
      synchronized (this) {
        removed = card;
        card = null;
        notifyAll();
      }
      if (removed != null) {
        listeners.forEach(l -> l.accept(false));
      }
      return Optional.ofNullable(removed);
    }

    public synchronized Optional<Path> card() {
      return Optional.ofNullable(card);
    }

    /** Waits until a card is present ({@code true}) or absent; false on timeout. */
    synchronized boolean await(boolean present, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while ((card != null) != present) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000L));
      }
      return true;
    }

    synchronized boolean awaitForever(boolean present) throws InterruptedException {
      while ((card != null) != present) {
        wait();
      }
      return true;
    }

    void addListener(Consumer<Boolean> l) {
      listeners.add(l);
    }

    void removeListener(Consumer<Boolean> l) {
      listeners.remove(l);
    }
  }
}
