package com.kippu.atm.device;

import com.kippu.atm.issuing.CardFace;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.issuing.CardUnitException.Reason;
import com.kippu.devices.CardStocker;
import com.kippu.devices.IcCardReaderWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;

/**
 * The {@link CardUnit} port over a JavaPOS SmartCardRW whose stocker, face printer and capture bin
 * are its {@code directIO} commands ({@link CardStocker}, {@link
 * com.kippu.devices.CardFacePrinter}). This stocker has the one hopper of blank cards. A face image
 * travels to the printer as a file, written to a temporary file for the one print and deleted
 * after.
 */
public final class JavaPosCardUnit implements CardUnit {
  private final IcCardReaderWriter reader;
  private final boolean stocker;

  /**
   * @param stocker whether the unit has a stocker and face printer ({@code terminal.cardStocker})
   */
  public JavaPosCardUnit(IcCardReaderWriter reader, boolean stocker) {
    this.reader = reader;
    this.stocker = stocker;
  }

  @Override
  public boolean hasStocker() {
    return stocker;
  }

  @Override
  public boolean cardPresent() throws CardUnitException {
    try {
      return reader.cardPresent();
    } catch (JposException e) {
      throw failure("sense the card", e);
    }
  }

  @Override
  public boolean awaitCard(Duration timeout) throws CardUnitException {
    try {
      return reader.awaitCard((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    } catch (JposException e) {
      throw failure("wait for a card", e);
    }
  }

  @Override
  public int cardsIn(int hopper) throws CardUnitException {
    if (!stocker || hopper != BLANK_HOPPER) {
      return 0;
    }
    try {
      return reader.stocker().status().blanks();
    } catch (JposException e) {
      throw failure("count the blank cards", e);
    }
  }

  @Override
  public void feed(int hopper) throws CardUnitException {
    requireStocker("feed a card");
    if (hopper != BLANK_HOPPER) {
      throw new CardUnitException(Reason.EMPTY, "this stocker has no hopper " + hopper, null);
    }
    try {
      reader.stocker().feedBlankCard();
    } catch (JposException e) {
      throw failure("feed a blank card", e);
    }
  }

  @Override
  public void printFace(CardFace face) throws CardUnitException {
    requireStocker("print a card face");
    Path image = null;
    try {
      if (face.image().isPresent()) {
        image = Files.createTempFile("kippu-face-", ".img");
        Files.write(image, face.image().get());
      }
      reader.facePrinter().print(face.lines(), image);
    } catch (JposException e) {
      throw new CardUnitException(
          e.getErrorCodeExtended() == SmartCardRWConst.JPOS_ESC_NO_CARD
              ? Reason.NO_CARD
              : Reason.FACE_NOT_PRINTED,
          "card face not printed on " + reader.logicalName() + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new CardUnitException(
          Reason.FACE_NOT_PRINTED, "card face image could not be handed over: " + e, e);
    } finally {
      if (image != null) {
        try {
          Files.deleteIfExists(image);
        } catch (IOException e) {
          // A temporary file left behind holds only public artwork.
        }
      }
    }
  }

  @Override
  public Ejection eject(Duration presentTimeout) throws CardUnitException {
    try {
      return reader.stocker().eject((int) Math.min(Integer.MAX_VALUE, presentTimeout.toMillis()))
              == CardStocker.Ejection.TAKEN
          ? Ejection.TAKEN
          : Ejection.CAPTURED;
    } catch (JposException e) {
      throw failure("present the card", e);
    }
  }

  @Override
  public void capture() throws CardUnitException {
    try {
      reader.stocker().capture();
    } catch (JposException e) {
      throw failure("capture the card", e);
    }
  }

  private void requireStocker(String what) throws CardUnitException {
    if (!stocker) {
      throw new CardUnitException(
          Reason.FAULT, "cannot " + what + ": " + reader.logicalName() + " has no stocker", null);
    }
  }

  private CardUnitException failure(String what, JposException e) {
    Reason reason = Reason.FAULT;
    if (e.getErrorCode() == JposConst.JPOS_E_EXTENDED) {
      reason =
          switch (e.getErrorCodeExtended()) {
            case CardStocker.ESC_STOCKER_EMPTY -> Reason.EMPTY;
            case CardStocker.ESC_CARD_IN_TRANSPORT -> Reason.BUSY;
            case SmartCardRWConst.JPOS_ESC_NO_CARD -> Reason.NO_CARD;
            default -> Reason.FAULT;
          };
    }
    return new CardUnitException(
        reason,
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
}
