package com.kippu.devices.sim;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The keypads of simulated PIN pads, one per device name (the {@code deviceName} property of {@link
 * SimulatedPinPad}, by default its logical name): the customer's fingers. Each key press goes
 * straight to the PIN pad and is not kept here; keys pressed while the pad does not accept a PIN
 * are ignored, as on an encrypting PIN pad outside PIN mode.
 *
 * <pre>{@code
 * SimulatedKeypads.keypad("PINPad").whenPinEntryEnabled(k -> k.type("1234").enter());
 * }</pre>
 */
public final class SimulatedKeypads {

  private static final ConcurrentMap<String, Keypad> KEYPADS = new ConcurrentHashMap<>();

  private SimulatedKeypads() {}

  /** The keypad named {@code name}, created on first use. */
  public static Keypad keypad(String name) {
    return KEYPADS.computeIfAbsent(name, Keypad::new);
  }

  /** The function keys of an encrypting PIN pad besides the digits. */
  enum Key {
    DIGIT,
    ENTER,
    CANCEL,
    CLEAR
  }

  /** The PIN pad behind the keypad. */
  interface KeyListener {
    void pressed(Key key, char digit);
  }

  /** One keypad; thread-safe. */
  public static final class Keypad {
    private final String name;
    private final CopyOnWriteArrayList<KeyListener> listeners = new CopyOnWriteArrayList<>();
    private boolean entryEnabled;
    private Consumer<Keypad> onEntry;

    private Keypad(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /**
     * Presses the digit keys of {@code digits} in order.
     *
     * @throws IllegalArgumentException when {@code digits} holds a character that is not a digit
     *     key (nothing is pressed then)
     */
    public Keypad type(String digits) {
      for (int i = 0; i < digits.length(); i++) {
        char c = digits.charAt(i);
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("a PIN pad has digit keys 0-9 only");
        }
      }
      for (int i = 0; i < digits.length(); i++) {
        press(Key.DIGIT, digits.charAt(i));
      }
      return this;
    }

    /** ENTER: the PIN is complete. */
    public void enter() {
      press(Key.ENTER, '\0');
    }

    /** CANCEL: the customer abandons PIN entry. */
    public void cancel() {
      press(Key.CANCEL, '\0');
    }

    /** CLEAR: erases the digits typed so far. */
    public Keypad clear() {
      press(Key.CLEAR, '\0');
      return this;
    }

    private void press(Key key, char digit) {
      listeners.forEach(l -> l.pressed(key, digit));
    }

    /**
     * What the simulated customer does the next time the pad accepts a PIN: runs once, on its own
     * thread, e.g. {@code k -> k.type("1234").enter()}.
     */
    public void whenPinEntryEnabled(Consumer<Keypad> customer) {
      boolean now;
      synchronized (this) {
        onEntry = customer;
        now = entryEnabled;
      }
      if (now) {
        entryChanged(true);
      }
    }

    /** Waits until the pad accepts a PIN; false on timeout. */
    public synchronized boolean awaitPinEntry(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!entryEnabled) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000L));
      }
      return true;
    }

    /** Whether the pad accepts a PIN now. */
    public synchronized boolean pinEntryEnabled() {
      return entryEnabled;
    }

    void entryChanged(boolean enabled) {
      Consumer<Keypad> customer = null;
      synchronized (this) {
        entryEnabled = enabled;
        notifyAll();
        if (enabled && onEntry != null) {
          customer = onEntry;
          onEntry = null;
        }
      }
      if (customer != null) {
        Consumer<Keypad> c = customer;
        Thread t = new Thread(() -> c.accept(this), "customer-keypad-" + name);
        t.setDaemon(true);
        t.start();
      }
    }

    void attach(KeyListener l) {
      listeners.add(l);
    }

    void detach(KeyListener l) {
      listeners.remove(l);
    }
  }
}
