package com.kippu.devices;

import com.kippu.devices.CardApdu.Command;
import com.kippu.devices.CardApdu.Response;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;
import jpos.services.SmartCardRWService114;

/**
 * The IC card reader/writer as the ATM plugin uses it, over any vendor's JavaPOS SmartCardRW
 * service in APDU mode: read the chip area, read and append to the write-once area. Every card
 * exchange is one {@link CardApdu} command sent with {@code writeData(SC_STORE_DATA)} and answered
 * through {@code readData(SC_READ_DATA)}. A status word other than 9000 becomes a JposException
 * ({@code JPOS_E_EXTENDED}, {@code JPOS_ESC_READ}/{@code JPOS_ESC_WRITE}) naming the status word.
 *
 * <p>Not thread-safe: one customer session uses it at a time.
 */
public final class IcCardReaderWriter implements AutoCloseable {

  /** How long {@link #open} waits for another instance to release the device. */
  public static final int CLAIM_TIMEOUT_MS = 2000;

  private final DeviceSession<SmartCardRWService114> session;
  private final SmartCardRWService114 reader;

  private IcCardReaderWriter(DeviceSession<SmartCardRWService114> session) {
    this.session = session;
    this.reader = session.service();
  }

  /**
   * Opens, claims and enables the SmartCardRW device {@code logicalName} of {@code registry} and
   * puts it in APDU mode.
   *
   * @throws JposException e.g. JPOS_E_NOEXIST (no such entry), JPOS_E_NOSERVICE (class missing,
   *     wrong category, version before 1.14), JPOS_E_ILLEGAL (no APDU mode)
   */
  public static IcCardReaderWriter open(JposRegistry registry, String logicalName)
      throws JposException {
    return new IcCardReaderWriter(
        DeviceSession.open(
            registry,
            logicalName,
            SmartCardRWService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              SmartCardRWService114 sc = s.service();
              if ((sc.getCapInterfaceMode() & SmartCardRWConst.SC_CMODE_APDU) == 0) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " does not support APDU mode");
              }
              sc.setInterfaceMode(SmartCardRWConst.SC_MODE_APDU);
            }));
  }

  public String logicalName() {
    return session.logicalName();
  }

  /** Whether a card is seated in the selected slot (SCPresentSensor & SCSlot). */
  public boolean cardPresent() throws JposException {
    try {
      return (reader.getSCPresentSensor() & reader.getSCSlot()) != 0;
    } catch (JposException e) {
      throw session.named(e, "cardPresent");
    }
  }

  /**
   * Waits up to {@code timeoutMs} (or JPOS_FOREVER) for a card: beginInsertion/endInsertion.
   * Returns false on timeout.
   */
  public boolean awaitCard(int timeoutMs) throws JposException {
    try {
      reader.beginInsertion(timeoutMs);
    } catch (JposException e) {
      if (e.getErrorCode() == JposConst.JPOS_E_TIMEOUT) {
        return false;
      }
      throw session.named(e, "beginInsertion");
    }
    try {
      reader.endInsertion();
      return true;
    } catch (JposException e) {
      throw session.named(e, "endInsertion");
    }
  }

  /** Waits up to {@code timeoutMs} for the card to be taken; false on timeout. */
  public boolean awaitRemoval(int timeoutMs) throws JposException {
    try {
      reader.beginRemoval(timeoutMs);
    } catch (JposException e) {
      if (e.getErrorCode() == JposConst.JPOS_E_TIMEOUT) {
        return false;
      }
      throw session.named(e, "beginRemoval");
    }
    try {
      reader.endRemoval();
      return true;
    } catch (JposException e) {
      throw session.named(e, "endRemoval");
    }
  }

  /**
   * Calls {@code listener} with true on card insertion and false on removal, on the event thread
   * (StatusUpdateEvent SC_SUE_CARD_PRESENT / SC_SUE_NO_CARD).
   */
  public void onCardMoved(Consumer<Boolean> listener) {
    session
        .events()
        .addStatusUpdateListener(
            e -> {
              if (e.getStatus() == SmartCardRWConst.SC_SUE_CARD_PRESENT) {
                listener.accept(true);
              } else if (e.getStatus() == SmartCardRWConst.SC_SUE_NO_CARD) {
                listener.accept(false);
              }
            });
  }

  /** The chip area: card id, holder, account reference, e-money balance. */
  public ChipData readChip() throws JposException {
    Response r = expectOk(CardApdu.readBinary(CardApdu.SFI_CHIP_AREA, 0, 256), false);
    try {
      return CardApdu.decodeChipArea(r.data());
    } catch (IllegalArgumentException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          SmartCardRWConst.JPOS_ESC_READ,
          logicalName() + ": chip area unreadable: " + e.getMessage(),
          e);
    }
  }

  /**
   * Every intact record of the write-once area, oldest first. A torn append is never returned as a
   * record; {@link #tornAppends()} tells whether one was skipped.
   */
  public List<byte[]> readWriteOnceArea() throws JposException {
    List<byte[]> records = new ArrayList<>();
    for (int n = 1; n <= 254; n++) {
      Response r = transmit(CardApdu.readRecord(CardApdu.SFI_WRITE_ONCE_AREA, n));
      if (r.sw() == CardApdu.SW_RECORD_NOT_FOUND) {
        return records;
      }
      check(r, CardApdu.readRecord(CardApdu.SFI_WRITE_ONCE_AREA, n), false);
      records.add(r.data());
    }
    return records; // READ RECORD numbers records 1..254 (one byte P1, FF reserved)
  }

  /** How many torn (incomplete) appends the card has skipped in its write-once area. */
  public int tornAppends() throws JposException {
    Response r = expectOk(CardApdu.getData(CardApdu.DO_AREA_STATUS), false);
    byte[] d = r.data();
    if (d.length < 4) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          SmartCardRWConst.JPOS_ESC_READ,
          logicalName() + ": area status too short");
    }
    return ByteBuffer.wrap(d).getShort(2) & 0xFFFF;
  }

  /** Appends {@code record} to the write-once area (APPEND RECORD); nothing earlier changes. */
  public void append(byte[] record) throws JposException {
    if (record == null || record.length == 0 || record.length > CardApdu.MAX_RECORD_LENGTH) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL,
          logicalName() + ": a record must be 1.." + CardApdu.MAX_RECORD_LENGTH + " bytes");
    }
    expectOk(CardApdu.appendRecord(CardApdu.SFI_WRITE_ONCE_AREA, record), true);
  }

  /**
   * INTERNAL AUTHENTICATE: the card's answer to {@code challenge} under its own key ({@link
   * CardAuthentication}).
   *
   * @throws JposException {@code JPOS_E_EXTENDED} naming the status word when the card refuses
   *     (e.g. 6A88: a card without a key, as a copy made through a reader is)
   */
  public byte[] internalAuthenticate(byte[] challenge) throws JposException {
    return expectOk(CardApdu.internalAuthenticate(challenge), false).data();
  }

  /**
   * GET ACCESS: the card's access information sealed to the terminal whose card-access certificate
   * is {@code certificate} ({@link CardAccessExchange}).
   *
   * @throws JposException {@code JPOS_E_EXTENDED} naming the status word when the card refuses
   *     (6982: a certificate the center did not sign; 6A88: a card without access information)
   */
  public byte[] access(byte[] certificate) throws JposException {
    return expectOk(
            new Command(
                PurseApdu.CLA_PROPRIETARY,
                CardAccessExchange.INS_GET_ACCESS,
                0x00,
                0x00,
                certificate,
                256),
            false)
        .data();
  }

  /**
   * Installs an application on the card (INSTALL, {@link CardApplets}); a version not newer than
   * the one installed is refused with {@link CardApplets#SW_ALREADY_INSTALLED}.
   */
  public void install(CardApplets.Applet applet) throws JposException {
    expectOk(CardApplets.install(applet), true);
  }

  /** The applications installed on the card, newest version of each. */
  public List<CardApplets.Installed> applications() throws JposException {
    return CardApplets.decodeList(
        expectOk(CardApdu.getData(CardApplets.DO_APPLICATIONS), false).data());
  }

  /** Sends one command APDU and returns the card's response, whatever its status word. */
  public Response transmit(Command command) throws JposException {
    byte[] apdu = command.encode();
    try {
      reader.writeData(SmartCardRWConst.SC_STORE_DATA, apdu.length, CardApdu.toJposData(apdu));
      int[] count = new int[1];
      String[] data = new String[1];
      reader.readData(SmartCardRWConst.SC_READ_DATA, count, data);
      return Response.decode(CardApdu.fromJposData(data[0], count[0]));
    } catch (JposException e) {
      throw session.named(e, command.toString());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          SmartCardRWConst.JPOS_ESC_READ,
          logicalName() + ": malformed response to " + command + ": " + e.getMessage(),
          e);
    }
  }

  private Response expectOk(Command c, boolean write) throws JposException {
    Response r = transmit(c);
    check(r, c, write);
    return r;
  }

  private void check(Response r, Command c, boolean write) throws JposException {
    if (!r.ok()) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          write ? SmartCardRWConst.JPOS_ESC_WRITE : SmartCardRWConst.JPOS_ESC_READ,
          logicalName() + ": card refused " + c + " with SW " + CardApdu.describe(r.sw()));
    }
  }

  /** The card stocker and capture bin of this unit (kiosk), over SmartCardRW directIO. */
  public CardStocker stocker() {
    return new CardStocker(this);
  }

  /** The card face printer of this unit (kiosk), over SmartCardRW directIO. */
  public CardFacePrinter facePrinter() {
    return new CardFacePrinter(this);
  }

  void directIo(int command, int[] data, Object object, String action) throws JposException {
    try {
      reader.directIO(command, data, object);
    } catch (JposException e) {
      throw session.named(e, action);
    }
  }

  /** Disables, releases and closes the device. */
  @Override
  public void close() throws JposException {
    session.close();
  }
}
