package com.kippu.devices.sim;

import com.kippu.devices.Pans;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jpos.JposConst;
import jpos.JposException;
import jpos.MSRConst;
import jpos.services.MSRService114;

/**
 * A JavaPOS MSR service over a simulated card path ({@link SimulatedMagstripes}): reads ISO 7813
 * tracks 1 and 2 and the JIS-II track (JIS X 6302, reported as Track4Data), checks sentinels,
 * character set and length of each track (ISO/IEC 7811-2), and decodes and parses them per
 * DecodeData / ParseDecodeData. A good swipe is a DataEvent (Status = track lengths, one byte each,
 * track 1 lowest); a bad one an input ErrorEvent with JPOS_E_EXTENDED and the JPOS_EMSR_* code of
 * the first bad track (MSR_ERT_CARD) or of every track, one byte each (MSR_ERT_TRACK). Read-only:
 * no writing, encryption or device authentication. Nothing here is logged.
 *
 * <p>jpos.xml property: {@code deviceName} (String, default the logical name) — the reader of
 * {@link SimulatedMagstripes}, the claim and the {@link SimulatedHardware} power switch.
 */
public class SimulatedMsr extends AbstractSimulatedService implements MSRService114 {

  private static final byte[] NONE = new byte[0];

  /** What the application reads after a DataEvent; replaced whole, never mutated. */
  record Decoded(
      byte[] track1,
      byte[] track2,
      byte[] track4,
      byte[] discretionary1,
      byte[] discretionary2,
      String accountNumber,
      String expirationDate,
      String serviceCode,
      String title,
      String firstName,
      String middleInitial,
      String surname,
      String suffix) {
    static final Decoded EMPTY =
        new Decoded(NONE, NONE, NONE, NONE, NONE, "", "", "", "", "", "", "", "");

    boolean bankCard() {
      return !accountNumber.isEmpty();
    }

    /** The masked account number and track lengths; never track data or the full PAN. */
    @Override
    public String toString() {
      return "Decoded[accountNumber="
          + Pans.mask(accountNumber)
          + ", track1="
          + track1.length
          + " bytes, track2="
          + track2.length
          + " bytes, track4="
          + track4.length
          + " bytes]";
    }
  }

  /** One track as read: the bytes to report, the decoded text without sentinels, an error. */
  record TrackRead(byte[] data, String text, int error) {
    static final TrackRead ABSENT = new TrackRead(NONE, "", 0);

    static TrackRead failed(int error) {
      return new TrackRead(NONE, "", error);
    }

    boolean present() {
      return data.length > 0;
    }

    /** Length and error only: the text may hold a full PAN. */
    @Override
    public String toString() {
      return "TrackRead[" + data.length + " bytes, error=" + error + "]";
    }
  }

  /** Recording rules of one track (ISO/IEC 7811-2, JIS X 6302). */
  private enum TrackSpec {
    ISO_1('%', '?', 78, 0x20) {
      @Override
      boolean valid(char c) {
        return c >= 0x20 && c <= 0x5F && c != '%' && c != '?';
      }
    },
    ISO_2(';', '?', 39, 0x30) {
      @Override
      boolean valid(char c) {
        return c >= 0x30 && c <= 0x3F && c != ';' && c != '?';
      }
    },
    JIS_2((char) 0x7F, (char) 0x7F, 71, 0) {
      @Override
      boolean valid(char c) {
        return MagstripeCards.jis2Char(c);
      }
    };

    final char start;
    final char end;
    final int maxWithSentinels; // the LRC character is not in the raw string
    final int codeBase; // undecoded data: the character's code on the stripe

    TrackSpec(char start, char end, int maxWithSentinels, int codeBase) {
      this.start = start;
      this.end = end;
      this.maxWithSentinels = maxWithSentinels;
      this.codeBase = codeBase;
    }

    abstract boolean valid(char c);
  }

  private final SimulatedMagstripes.Head head = this::onSwipe;
  private SimulatedMagstripes.Reader reader;
  private int tracksToRead = MSRConst.MSR_TR_1_2_3;
  private boolean decodeData = true;
  private boolean parseDecodeData = true;
  private boolean transmitSentinels;
  private int errorReportingType = MSRConst.MSR_ERT_CARD;
  private Decoded data = Decoded.EMPTY;
  // Swipes that arrive while an input error awaits its answer are read after it, so the answer's
  // clearing of queued input (JPOS_ER_CLEAR) never swallows a later card.
  private boolean errorUnanswered;
  private final List<SimulatedMagstripes.Swipe> held = new ArrayList<>();

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object name = props.get("deviceName");
    if (name != null && !(name instanceof String s && !s.isBlank())) {
      throw illegal("property deviceName must be a non-empty String");
    }
    super.configure(props);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of("deviceName");
  }

  @Override
  protected String description() {
    return "magnetic stripe reader (ISO 7813, JIS-II)";
  }

  @Override
  protected String physicalDeviceKey() {
    return stringProperty("deviceName", logicalName());
  }

  @Override
  protected void onOpen() {
    reader = SimulatedMagstripes.reader(physicalDeviceKey());
    reader.attach(head);
  }

  @Override
  protected void onClose() {
    reader.detach(head);
    reader.readingChanged(false);
    synchronized (this) {
      errorUnanswered = false;
      held.clear();
    }
  }

  @Override
  protected synchronized void onClearInput() {
    data = Decoded.EMPTY;
    errorUnanswered = false; // a cleared error is never answered
    held.clear();
  }

  @Override
  protected synchronized void onDisable() {
    held.clear();
  }

  @Override
  protected void onPowerRestored() {
    synchronized (this) {
      held.clear();
    }
  }

  @Override
  public synchronized void setDeviceEnabled(boolean enable) throws JposException {
    super.setDeviceEnabled(enable);
    reportReading();
  }

  @Override
  public void setDataEventEnabled(boolean enabled) throws JposException {
    super.setDataEventEnabled(enabled);
    reportReading();
  }

  /** Tells the card path whether the application now waits for a swipe. */
  private void reportReading() throws JposException {
    boolean waiting;
    synchronized (this) {
      waiting = getDeviceEnabled() && getDataEventEnabled();
    }
    reader.readingChanged(waiting);
  }

  // ---- the swipe ---------------------------------------------------------------------------

  private boolean onSwipe(SimulatedMagstripes.Swipe swipe) {
    int wanted;
    boolean decode;
    boolean sentinels;
    boolean parse;
    int reporting;
    synchronized (this) {
      if (!enabledQuietly() || !hardware().online()) {
        return false;
      }
      if (errorUnanswered) {
        held.add(swipe);
        return true;
      }
      wanted = tracksToRead;
      decode = decodeData;
      sentinels = transmitSentinels;
      parse = parseDecodeData;
      reporting = errorReportingType;
    }
    TrackRead t1 = read(TrackSpec.ISO_1, swipe, MSRConst.MSR_TR_1, wanted, decode, sentinels);
    TrackRead t2 = read(TrackSpec.ISO_2, swipe, MSRConst.MSR_TR_2, wanted, decode, sentinels);
    TrackRead t4 = read(TrackSpec.JIS_2, swipe, MSRConst.MSR_TR_4, wanted, decode, sentinels);
    TrackRead[] byTrack = {t1, t2, TrackRead.ABSENT, t4};
    boolean anyError = t1.error() != 0 || t2.error() != 0 || t4.error() != 0;
    if (!anyError && !t1.present() && !t2.present() && !t4.present()) {
      // A blank or unrecorded stripe: no start sentinel on any track asked for.
      for (int i = 0; i < 4; i++) {
        if ((wanted & (1 << i)) != 0) {
          byTrack[i] = TrackRead.failed(MSRConst.JPOS_EMSR_START);
        }
      }
      anyError = true;
    }
    if (anyError) {
      synchronized (this) {
        errorUnanswered = true;
      }
      queueInputError(
          JposConst.JPOS_E_EXTENDED, extendedError(byTrack, reporting), r -> afterError());
      return true;
    }
    Decoded d = decoded(t1, t2, t4, parse && decode);
    int status = (t1.data().length & 0xFF) | (t2.data().length & 0xFF) << 8;
    status |= (t4.data().length & 0xFF) << 24;
    queueData(status, () -> publish(d));
    return true;
  }

  /** The application answered the input error: read what was swiped meanwhile. */
  private void afterError() {
    List<SimulatedMagstripes.Swipe> later;
    synchronized (this) {
      errorUnanswered = false;
      later = List.copyOf(held);
      held.clear();
    }
    later.forEach(this::onSwipe);
  }

  private boolean enabledQuietly() {
    try {
      return getDeviceEnabled();
    } catch (JposException e) {
      return false;
    }
  }

  private synchronized void publish(Decoded d) {
    data = d;
  }

  /** MSR_ERT_CARD: the first failing track's code; MSR_ERT_TRACK: one status byte per track. */
  private static int extendedError(TrackRead[] byTrack, int reporting) {
    if (reporting == MSRConst.MSR_ERT_CARD) {
      for (TrackRead t : byTrack) {
        if (t.error() != 0) {
          return t.error();
        }
      }
      return 0;
    }
    int ext = 0;
    for (int i = 0; i < 4; i++) {
      ext |= (byTrack[i].error() & 0xFF) << (8 * i);
    }
    return ext;
  }

  private static TrackRead read(
      TrackSpec spec,
      SimulatedMagstripes.Swipe swipe,
      int bit,
      int wanted,
      boolean decode,
      boolean sentinels) {
    if ((wanted & bit) == 0) {
      return TrackRead.ABSENT;
    }
    String raw =
        switch (spec) {
          case ISO_1 -> swipe.track1();
          case ISO_2 -> swipe.track2();
          case JIS_2 -> swipe.jis2();
        };
    if (raw == null || raw.isEmpty()) {
      return TrackRead.ABSENT;
    }
    if (raw.charAt(0) != spec.start) {
      return TrackRead.failed(MSRConst.JPOS_EMSR_START);
    }
    int end = raw.indexOf(spec.end, 1);
    if (end < 0 || end != raw.length() - 1 || raw.length() > spec.maxWithSentinels) {
      return TrackRead.failed(MSRConst.JPOS_EMSR_END);
    }
    String body = raw.substring(1, end);
    for (int i = 0; i < body.length(); i++) {
      if (!spec.valid(body.charAt(i))) {
        // A character outside the track's code set cannot be recorded with odd parity.
        return TrackRead.failed(MSRConst.JPOS_EMSR_PARITY);
      }
    }
    if ((swipe.damagedTracks() & bit) != 0) {
      return TrackRead.failed(swipe.damage());
    }
    String reported = sentinels ? raw : body;
    byte[] bytes = reported.getBytes(StandardCharsets.ISO_8859_1);
    if (!decode) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (bytes[i] - spec.codeBase); // the 6-, 4- or 7-bit code as recorded
      }
    }
    return new TrackRead(bytes, body, 0);
  }

  /** ISO 7813 parsing: track 1 format B {@code B PAN ^ NAME ^ YYMM SSS DD}, track 2 likewise. */
  private static Decoded decoded(TrackRead t1, TrackRead t2, TrackRead t4, boolean parse) {
    if (!parse) {
      return new Decoded(
          t1.data(), t2.data(), t4.data(), NONE, NONE, "", "", "", "", "", "", "", "");
    }
    String pan1 = "";
    String name = "";
    String rest1 = "";
    String text1 = t1.text();
    int sep1 = text1.indexOf('^');
    int sep2 = sep1 < 0 ? -1 : text1.indexOf('^', sep1 + 1);
    if (text1.startsWith("B") && sep2 > 0) {
      pan1 = text1.substring(1, sep1);
      name = text1.substring(sep1 + 1, sep2);
      rest1 = text1.substring(sep2 + 1);
    }
    String pan2 = "";
    String rest2 = "";
    int eq = t2.text().indexOf('=');
    if (eq > 0) {
      pan2 = t2.text().substring(0, eq);
      rest2 = t2.text().substring(eq + 1);
    }
    String rest = !rest2.isEmpty() ? rest2 : rest1;
    String expiry = rest.length() >= 4 ? rest.substring(0, 4) : "";
    String service = rest.length() >= 7 ? rest.substring(4, 7) : "";
    String[] parts = name(name);
    return new Decoded(
        t1.data(),
        t2.data(),
        t4.data(),
        ascii(rest1.length() > 7 ? rest1.substring(7) : ""),
        ascii(rest2.length() > 7 ? rest2.substring(7) : ""),
        !pan2.isEmpty() ? pan2 : pan1,
        expiry,
        service,
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        parts[4]);
  }

  /**
   * ISO 7813 name field {@code SURNAME[ SUFFIX]/FIRST[ M][.TITLE]} as title, first name, middle
   * initial, surname, suffix.
   */
  private static String[] name(String field) {
    String surnamePart = field;
    String givenPart = "";
    int slash = field.indexOf('/');
    if (slash >= 0) {
      surnamePart = field.substring(0, slash);
      givenPart = field.substring(slash + 1);
    }
    String title = "";
    int dot = givenPart.lastIndexOf('.');
    if (dot >= 0) {
      title = givenPart.substring(dot + 1).trim();
      givenPart = givenPart.substring(0, dot);
    }
    String first = givenPart.trim();
    String middle = "";
    int space = first.lastIndexOf(' ');
    if (space > 0 && first.length() - space == 2) {
      middle = first.substring(space + 1);
      first = first.substring(0, space).trim();
    }
    String surname = surnamePart.trim();
    String suffix = "";
    int s = surname.indexOf(' ');
    if (s > 0) {
      suffix = surname.substring(s + 1).trim();
      surname = surname.substring(0, s);
    }
    return new String[] {title, first, middle, surname, suffix};
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---- capabilities ------------------------------------------------------------------------

  @Override
  public boolean getCapISO() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapJISOne() throws JposException {
    requireOpen();
    return true; // JIS-I tracks are the ISO tracks
  }

  @Override
  public boolean getCapJISTwo() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public boolean getCapTransmitSentinels() throws JposException {
    requireOpen();
    return true;
  }

  @Override
  public int getCapWritableTracks() throws JposException {
    requireOpen();
    return MSRConst.MSR_TR_NONE;
  }

  @Override
  public String getCapCardAuthentication() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public int getCapDataEncryption() throws JposException {
    requireOpen();
    return MSRConst.MSR_DE_NONE;
  }

  @Override
  public int getCapDeviceAuthentication() throws JposException {
    requireOpen();
    return MSRConst.MSR_DA_NOT_SUPPORTED;
  }

  @Override
  public boolean getCapTrackDataMasking() throws JposException {
    requireOpen();
    return false;
  }

  // ---- settings ----------------------------------------------------------------------------

  @Override
  public synchronized int getTracksToRead() throws JposException {
    requireOpen();
    return tracksToRead;
  }

  @Override
  public synchronized void setTracksToRead(int tracks) throws JposException {
    requireOpen();
    if ((tracks & ~MSRConst.MSR_TR_1_2_3_4) != 0) {
      throw illegal(name() + ": TracksToRead " + tracks + " is not a combination of MSR_TR_*");
    }
    tracksToRead = tracks;
  }

  @Override
  public synchronized boolean getDecodeData() throws JposException {
    requireOpen();
    return decodeData;
  }

  /** UnifiedPOS: DecodeData false also sets ParseDecodeData false. */
  @Override
  public synchronized void setDecodeData(boolean decode) throws JposException {
    requireOpen();
    decodeData = decode;
    if (!decode) {
      parseDecodeData = false;
    }
  }

  @Override
  public synchronized boolean getParseDecodeData() throws JposException {
    requireOpen();
    return parseDecodeData;
  }

  /** UnifiedPOS: ParseDecodeData true also sets DecodeData true. */
  @Override
  public synchronized void setParseDecodeData(boolean parse) throws JposException {
    requireOpen();
    parseDecodeData = parse;
    if (parse) {
      decodeData = true;
    }
  }

  @Override
  public synchronized boolean getTransmitSentinels() throws JposException {
    requireOpen();
    return transmitSentinels;
  }

  @Override
  public synchronized void setTransmitSentinels(boolean transmit) throws JposException {
    requireOpen();
    transmitSentinels = transmit;
  }

  @Override
  public synchronized int getErrorReportingType() throws JposException {
    requireOpen();
    return errorReportingType;
  }

  @Override
  public synchronized void setErrorReportingType(int type) throws JposException {
    requireOpen();
    if (type != MSRConst.MSR_ERT_CARD && type != MSRConst.MSR_ERT_TRACK) {
      throw illegal(name() + ": ErrorReportingType must be MSR_ERT_CARD or MSR_ERT_TRACK");
    }
    errorReportingType = type;
  }

  @Override
  public synchronized int getDataEncryptionAlgorithm() throws JposException {
    requireOpen();
    return MSRConst.MSR_DE_NONE;
  }

  @Override
  public void setDataEncryptionAlgorithm(int algorithm) throws JposException {
    requireOpen();
    if (algorithm != MSRConst.MSR_DE_NONE) {
      throw unsupported("data encryption");
    }
  }

  @Override
  public int getTracksToWrite() throws JposException {
    requireOpen();
    return MSRConst.MSR_TR_NONE;
  }

  @Override
  public void setTracksToWrite(int tracks) throws JposException {
    requireOpen();
    if (tracks != MSRConst.MSR_TR_NONE) {
      throw unsupported("writing tracks");
    }
  }

  @Override
  public String getWriteCardType() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public void setWriteCardType(String type) throws JposException {
    requireOpen();
    throw unsupported("writing cards");
  }

  @Override
  public int getEncodingMaxLength() throws JposException {
    requireOpen();
    return 0;
  }

  // ---- data properties ---------------------------------------------------------------------

  private synchronized Decoded data() throws JposException {
    requireOpen();
    return data;
  }

  @Override
  public String getAccountNumber() throws JposException {
    return data().accountNumber();
  }

  @Override
  public String getExpirationDate() throws JposException {
    return data().expirationDate();
  }

  @Override
  public String getServiceCode() throws JposException {
    return data().serviceCode();
  }

  @Override
  public String getTitle() throws JposException {
    return data().title();
  }

  @Override
  public String getFirstName() throws JposException {
    return data().firstName();
  }

  @Override
  public String getMiddleInitial() throws JposException {
    return data().middleInitial();
  }

  @Override
  public String getSurname() throws JposException {
    return data().surname();
  }

  @Override
  public String getSuffix() throws JposException {
    return data().suffix();
  }

  @Override
  public byte[] getTrack1Data() throws JposException {
    return data().track1().clone();
  }

  @Override
  public byte[] getTrack1DiscretionaryData() throws JposException {
    return data().discretionary1().clone();
  }

  @Override
  public byte[] getTrack2Data() throws JposException {
    return data().track2().clone();
  }

  @Override
  public byte[] getTrack2DiscretionaryData() throws JposException {
    return data().discretionary2().clone();
  }

  @Override
  public byte[] getTrack3Data() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  /** The JIS-II track (UnifiedPOS: Track4Data holds JIS-II data). */
  @Override
  public byte[] getTrack4Data() throws JposException {
    return data().track4().clone();
  }

  @Override
  public String getCardType() throws JposException {
    return data().bankCard() ? MSRConst.MSR_CT_BANK : "";
  }

  @Override
  public String getCardTypeList() throws JposException {
    requireOpen();
    return MSRConst.MSR_CT_BANK;
  }

  @Override
  public String getCardPropertyList() throws JposException {
    requireOpen();
    return String.join(
        ",",
        MSRConst.MSR_RCP_AccountNumber,
        MSRConst.MSR_RCP_ExpirationDate,
        MSRConst.MSR_RCP_FirstName,
        MSRConst.MSR_RCP_MiddleInitial,
        MSRConst.MSR_RCP_ServiceCode,
        MSRConst.MSR_RCP_Suffix,
        MSRConst.MSR_RCP_Surname,
        MSRConst.MSR_RCP_Title);
  }

  @Override
  public void retrieveCardProperty(String propertyName, String[] value) throws JposException {
    Decoded d = data();
    if (value == null || value.length < 1) {
      throw illegal(name() + ": retrieveCardProperty needs value[1]");
    }
    value[0] =
        switch (propertyName == null ? "" : propertyName) {
          case MSRConst.MSR_RCP_AccountNumber -> d.accountNumber();
          case MSRConst.MSR_RCP_ExpirationDate -> d.expirationDate();
          case MSRConst.MSR_RCP_FirstName -> d.firstName();
          case MSRConst.MSR_RCP_MiddleInitial -> d.middleInitial();
          case MSRConst.MSR_RCP_ServiceCode -> d.serviceCode();
          case MSRConst.MSR_RCP_Suffix -> d.suffix();
          case MSRConst.MSR_RCP_Surname -> d.surname();
          case MSRConst.MSR_RCP_Title -> d.title();
          default -> throw illegal(name() + ": no card property '" + propertyName + "'");
        };
  }

  @Override
  public void clearInputProperties() throws JposException {
    requireClaimed();
    publish(Decoded.EMPTY);
  }

  // ---- security features this reader does not have ----------------------------------------

  @Override
  public byte[] getAdditionalSecurityInformation() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  @Override
  public byte[] getCardAuthenticationData() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  @Override
  public int getCardAuthenticationDataLength() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public boolean getDeviceAuthenticated() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public int getDeviceAuthenticationProtocol() throws JposException {
    requireOpen();
    return MSRConst.MSR_AP_NONE;
  }

  @Override
  public byte[] getTrack1EncryptedData() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  @Override
  public int getTrack1EncryptedDataLength() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public byte[] getTrack2EncryptedData() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  @Override
  public int getTrack2EncryptedDataLength() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public byte[] getTrack3EncryptedData() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  @Override
  public int getTrack3EncryptedDataLength() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public byte[] getTrack4EncryptedData() throws JposException {
    requireOpen();
    return NONE.clone();
  }

  @Override
  public int getTrack4EncryptedDataLength() throws JposException {
    requireOpen();
    return 0;
  }

  @Override
  public void authenticateDevice(byte[] response) throws JposException {
    requireEnabled();
    throw unsupported("device authentication");
  }

  @Override
  public void deauthenticateDevice(byte[] response) throws JposException {
    requireEnabled();
    throw unsupported("device authentication");
  }

  @Override
  public void retrieveDeviceAuthenticationData(byte[] challenge) throws JposException {
    requireEnabled();
    throw unsupported("device authentication");
  }

  @Override
  public void retrieveDeviceAuthenticationData(byte[][] challenge) throws JposException {
    requireEnabled();
    throw unsupported("device authentication");
  }

  @Override
  public void updateKey(String key, String keyName) throws JposException {
    requireEnabled();
    throw unsupported("data encryption keys");
  }

  @Override
  public void writeTracks(byte[][] data, int timeout) throws JposException {
    requireEnabled();
    throw unsupported("writing tracks");
  }
}
