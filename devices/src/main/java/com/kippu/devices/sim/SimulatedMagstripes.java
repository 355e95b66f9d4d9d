package com.kippu.devices.sim;

import com.kippu.devices.Pans;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jpos.MSRConst;

/**
 * The card slots of simulated magnetic stripe readers, one per device name (the {@code deviceName}
 * property of {@link SimulatedMsr}, by default its logical name). A swipe passes the tracks as they
 * are recorded on the stripe, sentinels included: ISO 7813 track 1 ({@code %...?}) and track 2
 * ({@code ;...?}), and the JIS-II track (JIS X 6302, {@code DEL...DEL}); {@link MagstripeCards}
 * builds valid ones. Only an enabled, powered reader reads a swipe. A fault switch damages the next
 * swipe.
 *
 * <pre>{@code
 * SimulatedMagstripes.reader("MSR").whenReading(r -> r.swipe(MagstripeCards.bankCard(...)));
 * }</pre>
 */
public final class SimulatedMagstripes {

  private static final ConcurrentMap<String, Reader> READERS = new ConcurrentHashMap<>();

  private SimulatedMagstripes() {}

  /** The reader named {@code name}, created on first use. */
  public static Reader reader(String name) {
    return READERS.computeIfAbsent(name, Reader::new);
  }

  /** What a service does with a swipe: true when it read it (enabled and powered). */
  interface Head {
    boolean read(Swipe swipe);
  }

  /**
   * One pass of a card: the raw tracks ({@code null} when the card has none) and the tracks the
   * fault switch damaged ({@code MSR_TR_*} bits) with the JPOS_EMSR_* error the head detects.
   */
  record Swipe(String track1, String track2, String jis2, int damagedTracks, int damage) {
    /** The masked PAN and which tracks are present; never track data. */
    @Override
    public String toString() {
      return "Swipe[pan="
          + Pans.mask(pan(track1, track2))
          + ", track1="
          + (track1 != null)
          + ", track2="
          + (track2 != null)
          + ", jis2="
          + (jis2 != null)
          + ", damagedTracks="
          + damagedTracks
          + ", damage="
          + damage
          + "]";
    }
  }

  /**
   * The account number on ISO 7813 track 2 ({@code ;PAN=...}) or else track 1 ({@code
   * %B<PAN>^...}), for masking; empty when neither carries one.
   */
  static String pan(String track1, String track2) {
    if (track2 != null && track2.startsWith(";")) {
      int end = track2.indexOf('=');
      if (end > 1) {
        return track2.substring(1, end);
      }
    }
    if (track1 != null && track1.length() > 2 && track1.charAt(1) == 'B') {
      int end = track1.indexOf('^');
      if (end > 2) {
        return track1.substring(2, end);
      }
    }
    return "";
  }

  /** One reader's card path; thread-safe. */
  public static final class Reader {
    private final String name;
    private final CopyOnWriteArrayList<Head> heads = new CopyOnWriteArrayList<>();
    private int damagedTracks;
    private int damage;
    private boolean reading;
    private int unreadSwipes;
    private Consumer<Reader> onReading;

    private Reader(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /**
     * Swipes a card with these tracks (each as recorded, sentinels included, or null when absent).
     * Returns whether an enabled, powered reader read it; otherwise the swipe is lost, as on a real
     * reader, and counted by {@link #unreadSwipes()}.
     */
    public boolean swipe(String track1, String track2, String jis2) {
      Swipe s;
      synchronized (this) {
        s = new Swipe(track1, track2, jis2, damagedTracks, damage);
        damagedTracks = 0;
        damage = 0;
      }
      for (Head h : heads) {
        if (h.read(s)) {
          return true;
        }
      }
      synchronized (this) {
        unreadSwipes++;
      }
      return false;
    }

    /** Swipes {@code card}. */
    public boolean swipe(MagstripeCards.Card card) {
      return swipe(card.track1(), card.track2(), card.jis2());
    }

    /**
     * Fault switch: the next swipe is read with {@code error} (JPOS_EMSR_START, _END, _PARITY or
     * _LRC) on the tracks in {@code tracks} (MSR_TR_* bits, track 4 = JIS-II), as with a dirty or
     * demagnetised stripe.
     */
    public synchronized void damageNextSwipe(int tracks, int error) {
      if ((tracks & ~MSRConst.MSR_TR_1_2_3_4) != 0 || tracks == 0) {
        throw new IllegalArgumentException("tracks must be MSR_TR_* bits");
      }
      if (error < MSRConst.JPOS_EMSR_START || error > MSRConst.JPOS_EMSR_LRC) {
        throw new IllegalArgumentException("error must be JPOS_EMSR_START .. JPOS_EMSR_LRC");
      }
      damagedTracks = tracks;
      damage = error;
    }

    /**
     * What the simulated customer does the next time a reader waits for a swipe (enabled with
     * DataEventEnabled): runs once, on its own thread, e.g. {@code r -> r.swipe(card)}.
     */
    public void whenReading(Consumer<Reader> customer) {
      boolean now;
      synchronized (this) {
        onReading = customer;
        now = reading;
      }
      if (now) {
        readingChanged(true);
      }
    }

    /** Waits until a reader waits for a swipe; false on timeout. */
    public synchronized boolean awaitReading(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reading) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000L));
      }
      return true;
    }

    /** Swipes no enabled reader read. */
    public synchronized int unreadSwipes() {
      return unreadSwipes;
    }

    /** The service reports whether it now waits for a swipe. */
    void readingChanged(boolean nowReading) {
      Consumer<Reader> customer = null;
      synchronized (this) {
        reading = nowReading;
        notifyAll();
        if (nowReading && onReading != null) {
          customer = onReading;
          onReading = null;
        }
      }
      if (customer != null) {
        Consumer<Reader> c = customer;
        Thread t = new Thread(() -> c.accept(this), "customer-swipe-" + name);
        t.setDaemon(true);
        t.start();
      }
    }

    void attach(Head h) {
      heads.add(h);
    }

    void detach(Head h) {
      heads.remove(h);
    }
  }
}
