package com.kippu.devices.sim;

import com.kippu.devices.CardStocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The card slots of simulated IC card reader/writers, one per slot name (by default the device's
 * logical name, see the {@code slotName} property of {@link SimulatedSmartCardRW}). Inserting a
 * card means putting a card image file into the slot; the reader sees it from then on and fires a
 * status event. A slot holds at most one card. A kiosk slot also has a stocker of blank cards and a
 * capture bin (S2 ¶24), and fault switches: a card pulled mid-write and the customer's reaction
 * when a card is presented.
 *
 * <pre>{@code
 * SimulatedCardSlots.slot("ICCardRW").insert(cardFile);
 * ...
 * SimulatedCardSlots.slot("ICCardRW").remove();   // the customer takes the card
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
    private final List<Deque<Path>> hoppers = new ArrayList<>();
    private final List<Path> captureBin = new ArrayList<>();
    private Path card;
    private int tearAfterBytes = -1;
    private int presentTimeouts;
    private Consumer<Slot> onPresented;
    private Runnable onAwaited;
    private boolean jamNextFeed;
    private String facePrintFault;
    private Path memory;

    private Slot(String name) {
      this.name = name;
      for (int h = 0; h < CardStocker.MAX_HOPPERS; h++) {
        hoppers.add(new ArrayDeque<>());
      }
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
        remember();
        notifyAll();
      }
      listeners.forEach(l -> l.accept(true));
    }

    /**
     * From now on keeps the card in the slot written in {@code file} (its image's path, or
     * nothing), as a motorised card unit keeps a card in its transport through a power loss; when
     * the slot is empty and {@code file} names a card still there, that card is in the slot again,
     * as it was when the power went. Returns the card in the slot.
     */
    public Optional<Path> rememberIn(Path file) {
      Optional<Path> restored = Optional.empty();
      synchronized (this) {
        memory = file.toAbsolutePath();
        if (card == null && Files.isRegularFile(memory)) {
          try {
            String kept = Files.readString(memory, StandardCharsets.UTF_8).strip();
            if (!kept.isEmpty() && Files.isRegularFile(Path.of(kept))) {
              card = Path.of(kept);
              restored = Optional.of(card);
              notifyAll();
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the card unit's memory " + memory, e);
          }
        }
        remember();
      }
      if (restored.isPresent()) {
        listeners.forEach(l -> l.accept(true));
      }
      return card();
    }

    /** Stops keeping the card in a file (the unit is switched off for good, or moved). */
    public synchronized void forget() {
      memory = null;
    }

    /** Writes the card in the slot to the memory file, whole or not at all; the lock is held. */
    private void remember() {
      if (memory == null) {
        return;
      }
      Path tmp = memory.resolveSibling(memory.getFileName() + ".tmp");
      try {
        Files.writeString(tmp, card == null ? "" : card.toString(), StandardCharsets.UTF_8);
        Files.move(
            tmp, memory, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the card unit's memory " + memory, e);
      }
    }

    /** Removes the card, if any; returns its image file. */
    public Optional<Path> remove() {
      Path removed;
      synchronized (this) {
        removed = card;
        card = null;
        remember();
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

    /**
     * Runs {@code action} (once) when a reader next starts waiting for a card to arrive or go, e.g.
     * to know that a request is under way; it runs under the slot's lock, so it must not block.
     */
    public synchronized void whenAwaited(Runnable action) {
      onAwaited = action;
    }

    private void awaiting(boolean present) {
      assert Thread.holdsLock(this);
      if ((card != null) != present && onAwaited != null) {
        Runnable action = onAwaited;
        onAwaited = null;
        action.run();
      }
    }

    /** Waits until a card is present ({@code true}) or absent; false on timeout. */
    synchronized boolean await(boolean present, Duration timeout) throws InterruptedException {
      awaiting(present);
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

    // ---- stocker, capture bin and fault switches -------------------------------------------

    /** Loads blank cards (card images with only their factory card id) into the stocker. */
    public synchronized void loadStocker(List<Path> blankCards) {
      loadHopper(CardStocker.BLANK_HOPPER, blankCards);
    }

    /**
     * Loads ready-made cards (e.g. pre-valued prepaid cards, S2 ¶41) into {@code hopper}; a card
     * already in it stays where it is.
     */
    public synchronized void loadHopper(int hopper, List<Path> cards) {
      Deque<Path> h = hopper(hopper);
      cards.stream().map(Path::toAbsolutePath).filter(p -> !h.contains(p)).forEach(h::add);
    }

    /** The operator takes every card out of {@code hopper}; returns them in feed order. */
    public synchronized List<Path> unloadHopper(int hopper) {
      List<Path> cards = new ArrayList<>(hopper(hopper));
      hopper(hopper).clear();
      return cards;
    }

    /** The operator takes every blank card out of the stocker; returns them in feed order. */
    public synchronized List<Path> unloadStocker() {
      return unloadHopper(CardStocker.BLANK_HOPPER);
    }

    public synchronized int blanksInStocker() {
      return cardsInHopper(CardStocker.BLANK_HOPPER);
    }

    public synchronized int cardsInHopper(int hopper) {
      return hopper(hopper).size();
    }

    private Deque<Path> hopper(int hopper) {
      if (hopper < 0 || hopper >= hoppers.size()) {
        throw new IllegalArgumentException("no hopper " + hopper + " in slot " + name);
      }
      return hoppers.get(hopper);
    }

    /**
     * Fault switch: the next card fed jams in the transport; the unit retracts it into the capture
     * bin and the feed fails.
     */
    public synchronized void jamNextFeed() {
      jamNextFeed = true;
    }

    /**
     * Fault switch: the next card face print fails (e.g. the ribbon ran out), with {@code reason};
     * nothing is printed.
     */
    public synchronized void failNextFacePrint(String reason) {
      facePrintFault = reason;
    }

    /** Takes the face print switch: the failure's reason, or null when not armed. */
    synchronized String takeFacePrintFault() {
      String fault = facePrintFault;
      facePrintFault = null;
      return fault;
    }

    /** Cards retracted into the capture bin, oldest first. */
    public synchronized List<Path> capturedCards() {
      return List.copyOf(captureBin);
    }

    /** How many presented cards were not taken in time and were captured. */
    public synchronized int presentTimeouts() {
      return presentTimeouts;
    }

    /**
     * Fault switch: the next write to the card stops after {@code bytes} bytes of its frame and the
     * card is pulled out of the slot, as when a customer yanks a card during a write.
     */
    public synchronized void pullCardDuringNextWrite(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must be >= 0");
      }
      tearAfterBytes = bytes;
    }

    /**
     * What the simulated customer does when the next card is presented (once): e.g. {@code
     * Slot::remove} takes it at once; without an action nobody takes it and the present times out.
     */
    public synchronized void whenPresented(Consumer<Slot> action) {
      onPresented = action;
    }

    /** Takes the torn-write switch: the byte count to keep, or -1 when not armed. */
    synchronized int takeTearSwitch() {
      int n = tearAfterBytes;
      tearAfterBytes = -1;
      return n;
    }

    /**
     * Moves the next card of {@code hopper} into the slot; empty when the hopper is empty.
     *
     * @throws IllegalStateException when a card is already in the slot
     * @throws FeedJammedException when the jam switch was armed: the card went to the capture bin
     */
    Optional<Path> feedFrom(int hopper) throws FeedJammedException {
      Path fed;
      boolean jam;
      synchronized (this) {
        if (card != null) {
          throw new IllegalStateException("slot " + name + " already holds " + card);
        }
        fed = hopper(hopper).poll();
        jam = fed != null && jamNextFeed;
        if (jam) {
          jamNextFeed = false;
          captureBin.add(fed);
        }
      }
      if (jam) {
        throw new FeedJammedException(fed);
      }
      if (fed != null) {
        insert(fed);
      }
      return Optional.ofNullable(fed);
    }

    /** The card being fed jammed and was retracted into the capture bin. */
    static final class FeedJammedException extends Exception {
      private static final long serialVersionUID = 1L;

      FeedJammedException(Path card) {
        super("card " + card.getFileName() + " jammed in the transport and was captured");
      }
    }

    /** The card is at the mouth of the slot: runs the customer's one-shot reaction. */
    void presented() {
      Consumer<Slot> action;
      synchronized (this) {
        action = onPresented;
        onPresented = null;
      }
      if (action != null) {
        action.accept(this);
      }
    }

    /** Retracts the card into the capture bin; {@code timedOut} counts a present timeout. */
    Optional<Path> capture(boolean timedOut) {
      Optional<Path> taken = remove();
      synchronized (this) {
        taken.ifPresent(captureBin::add);
        if (timedOut && taken.isPresent()) {
          presentTimeouts++;
        }
      }
      return taken;
    }

    synchronized boolean awaitForever(boolean present) throws InterruptedException {
      awaiting(present);
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
