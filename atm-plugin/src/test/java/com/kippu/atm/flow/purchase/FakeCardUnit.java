package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.issuing.CardFace;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kiosk's card unit in memory: hoppers of cards, the transport (one card, read and written as the
 * {@link IcCard} the flow is given), a face printer and a capture bin, with fault switches.
 */
final class FakeCardUnit implements CardUnit, IcCard {
  final Map<Integer, Deque<Fakes.FakeCard>> hoppers = new HashMap<>();
  final List<Fakes.FakeCard> captured = new ArrayList<>();
  final List<Fakes.FakeCard> handedOut = new ArrayList<>();
  final Map<String, CardFace> faces = new HashMap<>();
  final List<String> log = new ArrayList<>();
  final boolean stocker;
  Fakes.FakeCard inSlot;

  /** The customer's card waiting to be inserted when the unit asks for one. */
  Fakes.FakeCard toInsert;

  boolean jamNextFeed;
  boolean powerFailsOnFeed;
  boolean failNextFacePrint;
  boolean nobodyTakesTheCard;

  FakeCardUnit(boolean stocker) {
    this.stocker = stocker;
  }

  /** Loads {@code count} blank cards, ids {@code KB-00001} on, into the blank hopper. */
  FakeCardUnit withBlanks(int count) {
    for (int i = 1; i <= count; i++) {
      load(BLANK_HOPPER, new Fakes.FakeCard(chip(String.format("KB-%05d", i), 0)));
    }
    return this;
  }

  void load(int hopper, Fakes.FakeCard card) {
    hoppers.computeIfAbsent(hopper, h -> new ArrayDeque<>()).add(card);
  }

  static ChipData chip(String id, long emoneyYen) {
    return new ChipData(new CardId(id), "", Optional.empty(), emoneyYen);
  }

  @Override
  public boolean hasStocker() {
    return stocker;
  }

  @Override
  public boolean cardPresent() {
    return inSlot != null;
  }

  @Override
  public boolean awaitCard(Duration timeout) {
    if (inSlot == null && toInsert != null) {
      inSlot = toInsert;
      toInsert = null;
    }
    return inSlot != null;
  }

  @Override
  public int cardsIn(int hopper) {
    return stocker ? hoppers.getOrDefault(hopper, new ArrayDeque<>()).size() : 0;
  }

  @Override
  public void feed(int hopper) throws CardUnitException {
    if (inSlot != null) {
      throw new CardUnitException(CardUnitException.Reason.BUSY, "card in transport", null);
    }
    if (powerFailsOnFeed) {
      throw new Fakes.PowerLoss();
    }
    Fakes.FakeCard next = hoppers.getOrDefault(hopper, new ArrayDeque<>()).poll();
    if (next == null) {
      throw new CardUnitException(CardUnitException.Reason.EMPTY, "hopper empty", null);
    }
    log.add("unit.feed " + next.chip.cardId());
    if (jamNextFeed) {
      jamNextFeed = false;
      captured.add(next);
      throw new CardUnitException(CardUnitException.Reason.JAMMED, "jammed", null);
    }
    inSlot = next;
  }

  @Override
  public void printFace(CardFace face) throws CardUnitException {
    if (inSlot == null) {
      throw new CardUnitException(CardUnitException.Reason.NO_CARD, "no card", null);
    }
    if (failNextFacePrint) {
      failNextFacePrint = false;
      throw new CardUnitException(CardUnitException.Reason.FACE_NOT_PRINTED, "ribbon out", null);
    }
    log.add("unit.face " + inSlot.chip.cardId());
    faces.put(inSlot.chip.cardId().value(), face);
  }

  @Override
  public Ejection eject(Duration presentTimeout) throws CardUnitException {
    if (inSlot == null) {
      throw new CardUnitException(CardUnitException.Reason.NO_CARD, "no card", null);
    }
    log.add("unit.eject " + inSlot.chip.cardId());
    Fakes.FakeCard card = inSlot;
    inSlot = null;
    if (nobodyTakesTheCard) {
      captured.add(card);
      return Ejection.CAPTURED;
    }
    handedOut.add(card);
    return Ejection.TAKEN;
  }

  @Override
  public void capture() throws CardUnitException {
    if (inSlot == null) {
      throw new CardUnitException(CardUnitException.Reason.NO_CARD, "no card", null);
    }
    log.add("unit.capture " + inSlot.chip.cardId());
    captured.add(inSlot);
    inSlot = null;
  }

  @Override
  public ChipData readChip() throws CardException {
    return slot().readChip();
  }

  @Override
  public List<byte[]> readRecords() throws CardException {
    return slot().readRecords();
  }

  @Override
  public void append(byte[] record) throws CardException {
    slot().append(record);
  }

  @Override
  public byte[] access(byte[] certificate) throws CardException {
    return slot().access(certificate);
  }

  private Fakes.FakeCard slot() throws CardException {
    if (inSlot == null) {
      throw new CardException("no card in the unit");
    }
    return inSlot;
  }
}
