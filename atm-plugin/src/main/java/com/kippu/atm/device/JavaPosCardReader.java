package com.kippu.atm.device;

import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.CardReader;
import com.kippu.devices.CardTracks;
import com.kippu.devices.MagneticCardReader;
import java.time.Duration;
import java.util.Optional;
import jpos.JposException;

/** The {@link CardReader} port over any JavaPOS MSR service loaded from {@code jpos.xml}. */
public final class JavaPosCardReader implements CardReader, AutoCloseable {
  private final MagneticCardReader msr;

  public JavaPosCardReader(MagneticCardReader msr) {
    this.msr = msr;
  }

  @Override
  public Optional<SwipedCard> awaitSwipe(Duration timeout) throws UnreadableCardException {
    Optional<CardTracks> tracks;
    try {
      tracks = msr.awaitSwipe(timeout);
    } catch (MagneticCardReader.UnreadableCardException e) {
      throw new UnreadableCardException(e.getMessage(), e);
    } catch (JposException e) {
      throw new IllegalStateException(
          "card reader " + msr.logicalName() + " failed: " + e.getMessage(), e);
    }
    if (tracks.isEmpty()) {
      return Optional.empty();
    }
    CardTracks t = tracks.get();
    if (!t.panValid() || t.expiry().isEmpty()) {
      // The number is not repeated here: a misread PAN is still card data.
      throw new UnreadableCardException(
          msr.logicalName() + ": the card carries no valid card number or expiry", null);
    }
    return Optional.of(new SwipedCard(new CardNumber(t.pan()), new CardExpiry(t.expiry().get())));
  }

  @Override
  public void close() throws JposException {
    msr.close();
  }
}
