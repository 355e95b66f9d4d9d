package com.kippu.devices.sim;

import com.kippu.devices.CardApdu;
import com.kippu.devices.CardFacePrinter;
import com.kippu.devices.CardStocker;
import com.kippu.devices.DeviceCommits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;
import jpos.services.SmartCardRWService114;

/**
 * A JavaPOS SmartCardRW service over a simulated card slot ({@link SimulatedCardSlots}) whose card
 * is an image file answered by {@link CardOs}. One slot, APDU interface mode, ISO mode, T=1. An
 * APDU is sent with {@code writeData(SC_STORE_DATA, ...)} and its response fetched with {@code
 * readData(SC_READ_DATA, ...)}, or both at once with {@code readData(SC_EXECUTE_AND_READ_DATA)};
 * data strings carry one byte per char. The kiosk's stocker, capture bin and card face printer are
 * the directIO commands of {@link CardStocker} and {@link CardFacePrinter}.
 *
 * <p>jpos.xml property: {@code slotName} (String, default the logical name) — the slot to watch.
 */
public class SimulatedSmartCardRW extends AbstractSimulatedService
    implements SmartCardRWService114 {

  private static final int SLOT_1 = 0x1; // SCSlot and SCPresentSensor are bit masks of slots

  private SimulatedCardSlots.Slot slot;
  private final Consumer<Boolean> slotListener = this::onCardMoved;
  private int interfaceMode = SmartCardRWConst.SC_MODE_APDU;
  private int scSlot = SLOT_1;
  private boolean insertionMode;
  private boolean removalMode;
  private byte[] pendingResponse;

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object name = props.get("slotName");
    if (name != null && !(name instanceof String s && !s.isBlank())) {
      throw illegal("property slotName must be a non-empty String");
    }
    super.configure(props);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of("slotName");
  }

  @Override
  protected String description() {
    return "IC card reader/writer";
  }

  @Override
  protected String physicalDeviceKey() {
    return slotName();
  }

  private String slotName() {
    return stringProperty("slotName", logicalName());
  }

  @Override
  protected void onOpen() {
    slot = SimulatedCardSlots.slot(slotName());
    slot.addListener(slotListener);
  }

  @Override
  protected void onClose() {
    slot.removeListener(slotListener);
  }

  @Override
  protected synchronized void onDisable() {
    pendingResponse = null;
    insertionMode = false;
    removalMode = false;
  }

  @Override
  protected synchronized void onPowerRestored() {
    pendingResponse = null; // a reset reader has forgotten the exchange in progress
  }

  @Override
  protected synchronized void onClearInput() {
    pendingResponse = null;
  }

  private void onCardMoved(boolean present) {
    boolean enabled;
    synchronized (this) {
      enabled = deviceEnabledQuietly();
      pendingResponse = null;
    }
    if (enabled) {
      fireStatusUpdate(
          present ? SmartCardRWConst.SC_SUE_CARD_PRESENT : SmartCardRWConst.SC_SUE_NO_CARD);
    }
  }

  private boolean deviceEnabledQuietly() {
    try {
      // getDeviceEnabled throws JPOS_E_CLOSED on a closed device: no events then.
      return getDeviceEnabled();
    } catch (JposException e) {
      return false;
    }
  }

  private Path cardOrThrow() throws JposException {
    return slot.card()
        .orElseThrow(
            () ->
                new JposException(
                    JposConst.JPOS_E_EXTENDED,
                    SmartCardRWConst.JPOS_ESC_NO_CARD,
                    name() + ": no card in slot " + slot.name()));
  }

  // ---- capabilities ------------------------------------------------------------------------

  @Override
  public boolean getCapCardErrorDetection() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public int getCapInterfaceMode() throws JposException {
    requireOpen();
    return SmartCardRWConst.SC_CMODE_APDU;
  }

  @Override
  public int getCapIsoEmvMode() throws JposException {
    requireOpen();
    return SmartCardRWConst.SC_CMODE_ISO;
  }

  @Override
  public int getCapSCPresentSensor() throws JposException {
    requireOpen();
    return SLOT_1;
  }

  @Override
  public int getCapSCSlots() throws JposException {
    requireOpen();
    return SLOT_1;
  }

  @Override
  public int getCapTransmissionProtocol() throws JposException {
    requireOpen();
    return SmartCardRWConst.SC_CTRANS_PROTOCOL_T1;
  }

  // ---- properties --------------------------------------------------------------------------

  @Override
  public synchronized int getInterfaceMode() throws JposException {
    requireOpen();
    return interfaceMode;
  }

  @Override
  public synchronized void setInterfaceMode(int mode) throws JposException {
    requireOpen();
    if (mode != SmartCardRWConst.SC_MODE_APDU) {
      throw unsupported("interface mode " + mode + " (only SC_MODE_APDU)");
    }
    interfaceMode = mode;
  }

  @Override
  public int getIsoEmvMode() throws JposException {
    requireOpen();
    return SmartCardRWConst.SC_MODE_ISO;
  }

  @Override
  public void setIsoEmvMode(int mode) throws JposException {
    requireOpen();
    if (mode != SmartCardRWConst.SC_MODE_ISO) {
      throw unsupported("ISO/EMV mode " + mode + " (only SC_MODE_ISO)");
    }
  }

  @Override
  public int getOutputID() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public int getSCPresentSensor() throws JposException {
    requireOpen();
    return slot.card().isPresent() ? SLOT_1 : 0;
  }

  @Override
  public synchronized int getSCSlot() throws JposException {
    requireOpen();
    return scSlot;
  }

  @Override
  public synchronized void setSCSlot(int slotMask) throws JposException {
    requireOpen();
    if (slotMask != SLOT_1) {
      throw illegal(name() + ": SCSlot " + slotMask + " is not one of CapSCSlots " + SLOT_1);
    }
    scSlot = slotMask;
  }

  @Override
  public boolean getTransactionInProgress() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public int getTransmissionProtocol() throws JposException {
    requireOpen();
    return SmartCardRWConst.SC_TRANS_PROTOCOL_T1;
  }

  // ---- insertion and removal ---------------------------------------------------------------

  @Override
  public void beginInsertion(int timeout) throws JposException {
    requireEnabled();
    synchronized (this) {
      insertionMode = true;
    }
    if (!awaitSlot(true, timeout)) {
      synchronized (this) {
        insertionMode = false;
      }
      throw new JposException(JposConst.JPOS_E_TIMEOUT, name() + ": no card inserted in time");
    }
  }

  @Override
  public synchronized void endInsertion() throws JposException {
    requireEnabled();
    if (!insertionMode) {
      throw illegal(name() + ": endInsertion without beginInsertion");
    }
    insertionMode = false;
    cardOrThrow();
  }

  @Override
  public void beginRemoval(int timeout) throws JposException {
    requireEnabled();
    synchronized (this) {
      removalMode = true;
    }
    if (!awaitSlot(false, timeout)) {
      synchronized (this) {
        removalMode = false;
      }
      throw new JposException(JposConst.JPOS_E_TIMEOUT, name() + ": card not removed in time");
    }
  }

  @Override
  public synchronized void endRemoval() throws JposException {
    requireEnabled();
    if (!removalMode) {
      throw illegal(name() + ": endRemoval without beginRemoval");
    }
    removalMode = false;
    if (slot.card().isPresent()) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, name() + ": the card is still inserted");
    }
  }

  private boolean awaitSlot(boolean present, int timeout) throws JposException {
    if (timeout < 0 && timeout != JposConst.JPOS_FOREVER) {
      throw illegal(name() + ": timeout must be >= 0 or JPOS_FOREVER");
    }
    try {
      return timeout == JposConst.JPOS_FOREVER
          ? slot.awaitForever(present)
          : slot.await(present, Duration.ofMillis(timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JposException(JposConst.JPOS_E_FAILURE, name() + ": wait interrupted", e);
    }
  }

  // ---- data --------------------------------------------------------------------------------

  @Override
  public void clearInputProperties() throws JposException {
    requireClaimed();
  }

  @Override
  public void clearOutput() throws JposException {
    requireClaimed();
  }

  @Override
  public synchronized void writeData(int action, int count, String data) throws JposException {
    requireOnline();
    switch (action) {
      case SmartCardRWConst.SC_STORE_DATA -> pendingResponse = transmit(bytes(count, data));
      case SmartCardRWConst.SC_RESET -> {
        cardOrThrow();
        pendingResponse = null; // warm reset: the card forgets the exchange in progress
      }
      default -> throw unsupported("writeData action " + action);
    }
  }

  @Override
  public synchronized void readData(int action, int[] count, String[] data) throws JposException {
    requireOnline();
    if (count == null || count.length < 1 || data == null || data.length < 1) {
      throw illegal(name() + ": readData needs count[1] and data[1]");
    }
    byte[] response;
    switch (action) {
      case SmartCardRWConst.SC_READ_DATA -> {
        if (pendingResponse == null) {
          throw illegal(name() + ": no response pending; send a command with SC_STORE_DATA");
        }
        response = pendingResponse;
        pendingResponse = null;
      }
      case SmartCardRWConst.SC_EXECUTE_AND_READ_DATA -> {
        String command = data[0] == null ? "" : data[0];
        response = transmit(bytes(count[0], command));
      }
      default -> throw unsupported("readData action " + action);
    }
    count[0] = response.length;
    data[0] = CardApdu.toJposData(response);
  }

  private byte[] bytes(int count, String data) throws JposException {
    if (data == null) {
      throw illegal(name() + ": data must not be null");
    }
    try {
      return CardApdu.fromJposData(data, count);
    } catch (IllegalArgumentException e) {
      throw illegal(name() + ": " + e.getMessage());
    }
  }

  private byte[] transmit(byte[] apdu) throws JposException {
    Path card = cardOrThrow();
    try {
      return CardOs.process(card, apdu, slot::takeTearSwitch).encode();
    } catch (CardOs.CardPulledException e) {
      slot.remove(); // the pulled-card fault: part of the frame reached the card, then it was gone
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          SmartCardRWConst.JPOS_ESC_TORN,
          name() + ": card pulled out during a write; the record was not written",
          e);
    } catch (NoSuchFileException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          SmartCardRWConst.JPOS_ESC_NO_CARD,
          name() + ": card image " + card + " has disappeared",
          e);
    } catch (CardImage.CorruptImageException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": " + e.getMessage() + " (nothing was written)", e);
    } catch (IOException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          SmartCardRWConst.JPOS_ESC_WRITE,
          name() + ": card I/O failed on " + card + ": " + e,
          e);
    }
  }

  // ---- stocker, capture bin, face printer (Kippu directIO, see CardStocker) -----------------

  @Override
  public void directIO(int command, int[] data, Object object) throws JposException {
    requireOnline();
    switch (command) {
      case CardStocker.DIO_FEED -> feed(data);
      case CardStocker.DIO_EJECT -> eject(data);
      case CardStocker.DIO_CAPTURE -> capture();
      case CardStocker.DIO_STATUS -> status(data);
      case CardFacePrinter.DIO_PRINT_FACE -> printFace(object);
      default -> throw unsupported("directIO command " + command);
    }
  }

  private void feed(int[] data) throws JposException {
    int hopper = data != null && data.length > 0 ? data[0] : CardStocker.BLANK_HOPPER;
    if (hopper < 0 || hopper >= CardStocker.MAX_HOPPERS) {
      throw illegal(name() + ": no hopper " + hopper);
    }
    Optional<Path> fed;
    try {
      fed = slot.feedFrom(hopper);
    } catch (IllegalStateException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          CardStocker.ESC_CARD_IN_TRANSPORT,
          name() + ": a card is already in the transport");
    } catch (SimulatedCardSlots.Slot.FeedJammedException e) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED, CardStocker.ESC_FEED_JAMMED, name() + ": " + e.getMessage());
    }
    if (fed.isEmpty()) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          CardStocker.ESC_STOCKER_EMPTY,
          name() + ": hopper " + hopper + " of the card stocker is empty");
    }
    put(data, 0, slot.cardsInHopper(hopper));
  }

  private void eject(int[] data) throws JposException {
    if (data == null || data.length < 1 || data[0] < 0) {
      throw illegal(name() + ": eject needs data[0] = present timeout in ms (>= 0)");
    }
    cardOrThrow();
    slot.presented();
    boolean taken = awaitSlot(false, data[0]);
    if (!taken) {
      slot.capture(true); // not taken in time: retracted so nobody else takes it (S2 ¶24)
    }
    data[0] = taken ? 1 : 0;
  }

  private void capture() throws JposException {
    cardOrThrow();
    slot.capture(false);
  }

  private void status(int[] data) throws JposException {
    if (data == null) {
      throw illegal(
          name() + ": status needs an int[] (blanks, captured, timeouts, then one per hopper)");
    }
    put(data, 0, slot.blanksInStocker());
    put(data, 1, slot.capturedCards().size());
    put(data, 2, slot.presentTimeouts());
    for (int h = 0; h < CardStocker.MAX_HOPPERS; h++) {
      put(data, 3 + h, slot.cardsInHopper(h));
    }
  }

  private static void put(int[] data, int i, int value) {
    if (data != null && data.length > i) {
      data[i] = value;
    }
  }

  private void printFace(Object object) throws JposException {
    if (!(object instanceof String[] face) || face.length < 1) {
      throw illegal(name() + ": print face needs String[] {image file or \"\", lines...}");
    }
    Path card = cardOrThrow();
    List<String> lines = Arrays.asList(face).subList(1, face.length);
    String fault = slot.takeFacePrintFault();
    if (fault != null) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": card face not printed: " + fault);
    }
    try {
      BufferedImage picture = face[0] == null || face[0].isEmpty() ? null : readImage(face[0]);
      CardFaceRenderer.render(lines, picture, CardFaceRenderer.faceFile(card));
    } catch (IOException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, name() + ": card face not printed: " + e.getMessage(), e);
    }
    DeviceCommits.committed(DeviceCommits.CARD_FACE);
  }

  private BufferedImage readImage(String file) throws IOException, JposException {
    BufferedImage img = ImageIO.read(Path.of(file).toFile());
    if (img == null) {
      throw illegal(name() + ": " + file + " is not a PNG, JPEG, GIF or BMP image");
    }
    return img;
  }
}
