package com.kippu.atm.device;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.devices.IcCardReaderWriter;
import java.util.List;
import java.util.Optional;
import jpos.JposException;

/** The {@link IcCard} port over any JavaPOS SmartCardRW service loaded from {@code jpos.xml}. */
public final class JavaPosIcCard implements IcCard, AutoCloseable {
  private final IcCardReaderWriter reader;

  public JavaPosIcCard(IcCardReaderWriter reader) {
    this.reader = reader;
  }

  /**
   * The reader behind the port, for the host's own card handling (eject at the end of a session).
   */
  public IcCardReaderWriter reader() {
    return reader;
  }

  @Override
  public ChipData readChip() throws CardException {
    if (!present()) {
      throw new CardException("no card in " + reader.logicalName());
    }
    try {
      com.kippu.devices.ChipData chip = reader.readChip();
      String account = chip.accountReference();
      return new ChipData(
          new CardId(chip.cardId()),
          chip.holderName(),
          account.isEmpty() ? Optional.empty() : Optional.of(new AccountNumber(account)),
          chip.emoneyBalanceYen());
    } catch (JposException e) {
      throw failure("read the chip area", e);
    } catch (IllegalArgumentException e) {
      throw new CardException(
          "chip area of the card in " + reader.logicalName() + " is not usable: " + e.getMessage(),
          e);
    }
  }

  @Override
  public List<byte[]> readRecords() throws CardException {
    try {
      return reader.readWriteOnceArea();
    } catch (JposException e) {
      throw failure("read the write-once area", e);
    }
  }

  @Override
  public void append(byte[] record) throws CardException {
    try {
      reader.append(record);
    } catch (JposException e) {
      throw failure("append to the write-once area", e);
    }
  }

  @Override
  public void install(com.kippu.atm.card.CardApplication application) throws CardException {
    try {
      reader.install(
          new com.kippu.devices.CardApplets.Applet(
              java.util.HexFormat.of().parseHex(application.aidHex()),
              application.version(),
              application.name(),
              application.code()));
    } catch (jpos.JposException e) {
      throw new CardException(
          "installing " + application + " on the card failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<com.kippu.atm.card.CardApplication> applications() throws CardException {
    try {
      return reader.applications().stream()
          .map(a -> new com.kippu.atm.card.CardApplication(a.aidHex(), a.version(), a.name(), null))
          .toList();
    } catch (jpos.JposException e) {
      throw new CardException("reading the card's applications failed: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] authenticate(byte[] challenge) throws CardException {
    try {
      return reader.internalAuthenticate(challenge);
    } catch (JposException e) {
      throw failure("authenticate the card", e);
    }
  }

  @Override
  public byte[] access(byte[] certificate) throws CardException {
    try {
      return reader.access(certificate);
    } catch (JposException e) {
      throw failure("get the card's access information", e);
    }
  }

  private boolean present() throws CardException {
    try {
      return reader.cardPresent();
    } catch (JposException e) {
      throw failure("sense the card", e);
    }
  }

  private CardException failure(String what, JposException e) {
    return new CardException(
        "cannot "
            + what
            + " on "
            + reader.logicalName()
            + ": "
            + e.getMessage()
            + " (JavaPOS error "
            + e.getErrorCode()
            + "/"
            + e.getErrorCodeExtended()
            + ")",
        e);
  }

  @Override
  public void close() throws JposException {
    reader.close();
  }
}
