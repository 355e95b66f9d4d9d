package com.kippu.devices.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import jpos.JposConst;
import jpos.JposException;
import jpos.PINPadConst;
import jpos.services.PINPadService114;

/**
 * A JavaPOS PINPad service for an encrypting PIN pad in the master/session scheme ({@code "M/S"},
 * two transaction hosts, each with its own master key and PIN key: 1, the bank host, for card PINs;
 * 2, the issuer center, for registered users' PINs). Keys come from {@link SimulatedKeypads}; on
 * ENTER the pad builds the ISO 9564-1 format 0 block from the PIN and AccountNumber, encrypts it
 * with TDEA (ECB, double- length PIN key K1 K2 K1) and reports it as EncryptedPIN (16 hex digits)
 * with a DataEvent of status PPAD_SUCCESS; CANCEL gives PPAD_CANCEL. The clear PIN exists only in
 * this object's digit buffer while it is being typed and is wiped when the entry ends in any way
 * (ENTER, CANCEL, endEFTTransaction, power loss); it is never logged, evented or readable through a
 * property.
 *
 * <p>jpos.xml properties: {@code deviceName} (keypad, claim and power switch; default the logical
 * name), {@code pinKey} (the clear TPK, 32 hex digits, development only), {@code pinKeyCheckValue}
 * (its 6-hex-digit KCV, checked at start-up), {@code masterKey} (the terminal master key, 32 hex
 * digits, needed for {@code updateKey}); {@code centerMasterKey} (the master key the issuer
 * center's PIN keys for host 2 arrive under, 32 hex digits).
 */
public class SimulatedPinPad extends AbstractSimulatedService implements PINPadService114 {

  /** The PINPadSystem supported by beginEFTTransaction. */
  public static final String MASTER_SESSION = "M/S";

  /** The bank host's transaction host, and updateKey's key number for its PIN key. */
  public static final int TRANSACTION_HOST = 1;

  /** The issuer center's transaction host (registered users' PINs) and its key number. */
  public static final int CENTER_HOST = 2;

  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final int ISO_MIN_PIN = 4; // ISO 9564-1: a PIN has 4 to 12 digits
  private static final int ISO_MAX_PIN = 12;

  private final SimulatedKeypads.KeyListener keys = this::onKey;
  private final Runnable powerListener = this::onPowerSwitch;
  private SimulatedKeypads.Keypad keypad;
  private byte[] pinKey;
  private byte[] masterKey;
  private byte[] centerPinKey;
  private byte[] centerMasterKey;
  private int host = TRANSACTION_HOST;

  // The digits typed so far: the only place a clear PIN ever is; wiped when entry ends.
  private final char[] digits = new char[ISO_MAX_PIN];
  private int typed;

  private boolean eftTransaction;
  private boolean pinEntryEnabled;
  private String accountNumber = "";
  private long amount;
  private String merchantId = "";
  private String terminalId = "";
  private byte[][] tracks = {new byte[0], new byte[0], new byte[0], new byte[0]};
  private int transactionType = PINPadConst.PPAD_TRANS_DEBIT;
  private int minimumPinLength = ISO_MIN_PIN;
  private int maximumPinLength = ISO_MAX_PIN;
  private int prompt = PINPadConst.PPAD_MSG_IDLE;
  private String encryptedPin = "";

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object name = props.get("deviceName");
    if (name != null && !(name instanceof String s && !s.isBlank())) {
      throw illegal("property deviceName must be a non-empty String");
    }
    byte[] tpk = key(props, "pinKey");
    byte[] tmk = key(props, "masterKey");
    byte[] cmk = key(props, "centerMasterKey");
    Object kcv = props.get("pinKeyCheckValue");
    if (kcv != null) {
      if (tpk == null) {
        throw illegal("property pinKeyCheckValue needs pinKey");
      }
      if (!MessageDigest.isEqual(
          checkValue(tpk).getBytes(StandardCharsets.US_ASCII),
          kcv.toString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
        throw illegal("property pinKey does not match pinKeyCheckValue");
      }
    }
    super.configure(props);
    synchronized (this) {
      pinKey = tpk;
      masterKey = tmk;
      centerMasterKey = cmk;
    }
  }

  /** A double-length TDEA key property, or null when absent; the message never shows the value. */
  private static byte[] key(Map<String, Object> props, String name) throws JposException {
    Object v = props.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || !s.matches("[0-9A-Fa-f]{32}")) {
      throw illegal("property " + name + " must be 32 hex digits (a double-length TDEA key)");
    }
    return HEX.parseHex(s);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of("deviceName");
  }

  @Override
  protected String description() {
    return "encrypting PIN pad (ISO 9564-1 format 0, master/session)";
  }

  @Override
  protected String physicalDeviceKey() {
    return stringProperty("deviceName", logicalName());
  }

  @Override
  protected void onOpen() {
    keypad = SimulatedKeypads.keypad(physicalDeviceKey());
    keypad.attach(keys);
    hardware().addListener(powerListener);
  }

  @Override
  protected void onClose() {
    keypad.detach(keys);
    hardware().removeListener(powerListener);
    synchronized (this) {
      abortEntry();
      eftTransaction = false;
      accountNumber = "";
    }
  }

  @Override
  protected synchronized void onDisable() {
    abortEntry();
    eftTransaction = false;
    accountNumber = "";
  }

  private void onPowerSwitch() {
    synchronized (this) {
      // A reset pad forgets the transaction and the digits typed so far.
      abortEntry();
      eftTransaction = false;
      accountNumber = "";
    }
  }

  /** Ends PIN entry without a result; the caller holds the lock. */
  private void abortEntry() {
    wipeDigits();
    if (pinEntryEnabled) {
      pinEntryEnabled = false;
      keypad.entryChanged(false);
    }
  }

  private void wipeDigits() {
    Arrays.fill(digits, '\0');
    typed = 0;
  }

  // ---- the keypad --------------------------------------------------------------------------

  private void onKey(SimulatedKeypads.Key key, char digit) {
    int status;
    String block;
    synchronized (this) {
      if (!pinEntryEnabled || !hardware().online()) {
        return; // outside PIN mode keys do nothing
      }
      switch (key) {
        case DIGIT -> {
          if (typed < maximumPinLength) {
            digits[typed++] = digit;
          }
          return;
        }
        case CLEAR -> {
          wipeDigits();
          return;
        }
        case ENTER -> {
          if (typed < minimumPinLength) {
            return; // too short: the pad ignores ENTER and waits for more digits
          }
          block = encryptedBlock();
          status = PINPadConst.PPAD_SUCCESS;
        }
        case CANCEL -> {
          block = "";
          status = PINPadConst.PPAD_CANCEL;
        }
        default -> throw new IllegalStateException("unknown key");
      }
      wipeDigits();
      pinEntryEnabled = false;
      keypad.entryChanged(false);
    }
    queueData(status, () -> publish(block));
  }

  private synchronized void publish(String block) {
    encryptedPin = block;
  }

  /** ISO 9564-1 format 0 of the typed digits and AccountNumber, under the PIN key, as hex. */
  private String encryptedBlock() {
    byte[] clear = new byte[8];
    byte[] pan = panField(accountNumber);
    try {
      // PIN field: control 0, length, the digits, F padding (ISO 9564-1 format 0).
      Arrays.fill(clear, (byte) 0xFF);
      clear[0] = (byte) typed;
      for (int i = 0; i < typed; i++) {
        int nibble = i + 2;
        int d = digits[i] - '0';
        int b = nibble / 2;
        clear[b] =
            (byte) ((nibble % 2 == 0) ? (clear[b] & 0x0F) | (d << 4) : (clear[b] & 0xF0) | d);
      }
      for (int i = 0; i < 8; i++) {
        clear[i] ^= pan[i];
      }
      return HEX.formatHex(
          tdea(Cipher.ENCRYPT_MODE, host == CENTER_HOST ? centerPinKey : pinKey, clear));
    } finally {
      Arrays.fill(clear, (byte) 0);
    }
  }

  /** ISO 9564-1 format 0 PAN field: 0000 and the 12 rightmost PAN digits before the check digit. */
  private static byte[] panField(String pan) {
    String twelve = pan.substring(pan.length() - 13, pan.length() - 1);
    byte[] f = new byte[8];
    for (int i = 0; i < 12; i++) {
      int nibble = i + 4;
      int d = twelve.charAt(i) - '0';
      f[nibble / 2] |= (byte) (nibble % 2 == 0 ? d << 4 : d);
    }
    return f;
  }

  /** TDEA ECB without padding, double-length key used as K1 K2 K1. */
  private static byte[] tdea(int mode, byte[] key16, byte[] data) {
    byte[] k24 = Arrays.copyOf(key16, 24);
    System.arraycopy(key16, 0, k24, 16, 8);
    try {
      Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
      c.init(mode, new SecretKeySpec(k24, "DESede"));
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TDEA is required by every JDK", e);
    } finally {
      Arrays.fill(k24, (byte) 0);
    }
  }

  /** Key check value: the first 3 bytes of 8 zero bytes encrypted under the key, as hex. */
  private static String checkValue(byte[] key16) {
    return HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, key16, new byte[8]), 0, 3);
  }

  // ---- EFT transaction ---------------------------------------------------------------------

  @Override
  public synchronized void beginEFTTransaction(String pinPadSystem, int transactionHost)
      throws JposException {
    requireOnline();
    if (eftTransaction) {
      throw illegal(name() + ": an EFT transaction is already in progress");
    }
    if (!MASTER_SESSION.equals(pinPadSystem)) {
      throw unsupported("PINPadSystem '" + pinPadSystem + "' (only " + MASTER_SESSION + ")");
    }
    if (transactionHost != TRANSACTION_HOST && transactionHost != CENTER_HOST) {
      throw illegal(name() + ": unknown transaction host " + transactionHost);
    }
    if (!accountNumber.matches("\\d{13,19}")) {
      throw illegal(name() + ": set AccountNumber (13-19 digit PAN) first: format 0 needs it");
    }
    if ((transactionHost == CENTER_HOST ? centerPinKey : pinKey) == null) {
      throw new JposException(
          JposConst.JPOS_E_EXTENDED,
          PINPadConst.JPOS_EPPAD_BAD_KEY,
          name() + ": no PIN key for host " + transactionHost + " (pinKey or updateKey)");
    }
    host = transactionHost;
    eftTransaction = true;
  }

  @Override
  public void enablePINEntry() throws JposException {
    synchronized (this) {
      requireOnline();
      if (!eftTransaction) {
        throw illegal(name() + ": enablePINEntry needs beginEFTTransaction first");
      }
      if (pinEntryEnabled) {
        throw illegal(name() + ": PIN entry is already enabled");
      }
      wipeDigits();
      encryptedPin = "";
      pinEntryEnabled = true;
    }
    keypad.entryChanged(true);
  }

  @Override
  public synchronized void endEFTTransaction(int completionCode) throws JposException {
    requireEnabled();
    if (completionCode != PINPadConst.PPAD_EFT_NORMAL
        && completionCode != PINPadConst.PPAD_EFT_ABNORMAL) {
      throw illegal(name() + ": completion code must be PPAD_EFT_NORMAL or PPAD_EFT_ABNORMAL");
    }
    if (!eftTransaction) {
      throw illegal(name() + ": no EFT transaction in progress");
    }
    abortEntry();
    eftTransaction = false;
    accountNumber = ""; // the PAN is kept no longer than the transaction
  }

  /**
   * Key exchange: {@code keyNum} {@value #TRANSACTION_HOST} (or {@value #CENTER_HOST}) takes a new
   * PIN key as 38 hex digits, the TPK encrypted under that host's master key (TDEA ECB, 32)
   * followed by its check value (6). The old key stays when the value does not check out.
   */
  @Override
  public synchronized void updateKey(int keyNum, String key) throws JposException {
    requireOnline();
    if (eftTransaction) {
      throw illegal(name() + ": keys cannot change during an EFT transaction");
    }
    if (keyNum != TRANSACTION_HOST && keyNum != CENTER_HOST) {
      throw illegal(name() + ": unknown key number " + keyNum);
    }
    byte[] master = keyNum == CENTER_HOST ? centerMasterKey : masterKey;
    if (master == null) {
      throw badKey(
          "no "
              + (keyNum == CENTER_HOST ? "centerMasterKey" : "masterKey")
              + " to decrypt the key");
    }
    if (key == null || !key.matches("[0-9A-Fa-f]{38}")) {
      throw badKey("a new key is 32 hex digits under the master key and a 6-digit check value");
    }
    byte[] clear = tdea(Cipher.DECRYPT_MODE, master, HEX.parseHex(key.substring(0, 32)));
    String kcv = key.substring(32).toUpperCase(Locale.ROOT);
    if (!checkValue(clear).equals(kcv)) {
      Arrays.fill(clear, (byte) 0);
      throw badKey("the new key does not match its check value");
    }
    if (keyNum == CENTER_HOST) {
      if (centerPinKey != null) {
        Arrays.fill(centerPinKey, (byte) 0);
      }
      centerPinKey = clear;
      return;
    }
    if (pinKey != null) {
      Arrays.fill(pinKey, (byte) 0);
    }
    pinKey = clear;
  }

  private JposException badKey(String why) {
    return new JposException(
        JposConst.JPOS_E_EXTENDED, PINPadConst.JPOS_EPPAD_BAD_KEY, name() + ": " + why);
  }

  @Override
  public void computeMAC(String inMsg, String[] outMAC) throws JposException {
    requireEnabled();
    throw unsupported("MAC calculation");
  }

  @Override
  public void verifyMAC(String message) throws JposException {
    requireEnabled();
    throw unsupported("MAC calculation");
  }

  @Override
  public void clearInputProperties() throws JposException {
    requireClaimed();
    synchronized (this) {
      encryptedPin = "";
    }
  }

  // ---- capabilities ------------------------------------------------------------------------

  @Override
  public int getCapDisplay() throws JposException {
    requireOpen();
    return PINPadConst.PPAD_DISP_NONE; // prompts are on the ATM's screen
  }

  @Override
  public int getCapLanguage() throws JposException {
    requireOpen();
    return PINPadConst.PPAD_LANG_NONE;
  }

  @Override
  public boolean getCapKeyboard() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public boolean getCapMACCalculation() throws JposException {
    requireOpen();
    return false;
  }

  @Override
  public boolean getCapTone() throws JposException {
    requireOpen();
    return false;
  }

  // ---- properties --------------------------------------------------------------------------

  @Override
  public synchronized String getAccountNumber() throws JposException {
    requireOpen();
    return accountNumber;
  }

  @Override
  public synchronized void setAccountNumber(String number) throws JposException {
    requireOpen();
    requireNoEntry();
    if (number == null || !number.matches("\\d{0,19}")) {
      throw illegal(name() + ": AccountNumber must be up to 19 digits");
    }
    accountNumber = number;
  }

  private void requireNoEntry() throws JposException {
    if (pinEntryEnabled) {
      throw illegal(name() + ": not while PIN entry is enabled");
    }
  }

  @Override
  public String getAdditionalSecurityInformation() throws JposException {
    requireOpen();
    return ""; // master/session needs none (DUKPT would put the KSN here)
  }

  @Override
  public synchronized long getAmount() throws JposException {
    requireOpen();
    return amount;
  }

  @Override
  public synchronized void setAmount(long value) throws JposException {
    requireOpen();
    requireNoEntry();
    if (value < 0) {
      throw illegal(name() + ": Amount must not be negative");
    }
    amount = value;
  }

  @Override
  public String getAvailableLanguagesList() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public String getAvailablePromptsList() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public synchronized String getEncryptedPIN() throws JposException {
    requireOpen();
    return encryptedPin;
  }

  @Override
  public synchronized int getMaximumPINLength() throws JposException {
    requireOpen();
    return maximumPinLength;
  }

  @Override
  public synchronized void setMaximumPINLength(int length) throws JposException {
    requireOpen();
    requireNoEntry();
    if (length < minimumPinLength || length > ISO_MAX_PIN) {
      throw illegal(name() + ": MaximumPINLength must be MinimumPINLength..12 (ISO 9564-1)");
    }
    maximumPinLength = length;
  }

  @Override
  public synchronized int getMinimumPINLength() throws JposException {
    requireOpen();
    return minimumPinLength;
  }

  @Override
  public synchronized void setMinimumPINLength(int length) throws JposException {
    requireOpen();
    requireNoEntry();
    if (length < ISO_MIN_PIN || length > maximumPinLength) {
      throw illegal(name() + ": MinimumPINLength must be 4..MaximumPINLength (ISO 9564-1)");
    }
    minimumPinLength = length;
  }

  @Override
  public synchronized String getMerchantID() throws JposException {
    requireOpen();
    return merchantId;
  }

  @Override
  public synchronized void setMerchantID(String id) throws JposException {
    requireOpen();
    merchantId = id == null ? "" : id;
  }

  @Override
  public synchronized boolean getPINEntryEnabled() throws JposException {
    requireOpen();
    return pinEntryEnabled;
  }

  @Override
  public synchronized int getPrompt() throws JposException {
    requireOpen();
    return prompt;
  }

  @Override
  public synchronized void setPrompt(int value) throws JposException {
    requireOpen();
    if (value < PINPadConst.PPAD_MSG_ENTERPIN || value > PINPadConst.PPAD_MSG_SELECTCARDTYPE) {
      throw illegal(name() + ": Prompt " + value + " is not a PPAD_MSG_* value");
    }
    prompt = value;
  }

  @Override
  public String getPromptLanguage() throws JposException {
    requireOpen();
    return "";
  }

  @Override
  public void setPromptLanguage(String language) throws JposException {
    requireOpen();
    if (language != null && !language.isEmpty()) {
      throw unsupported("prompt languages");
    }
  }

  @Override
  public synchronized String getTerminalID() throws JposException {
    requireOpen();
    return terminalId;
  }

  @Override
  public synchronized void setTerminalID(String id) throws JposException {
    requireOpen();
    terminalId = id == null ? "" : id;
  }

  @Override
  public byte[] getTrack1Data() throws JposException {
    return track(0);
  }

  @Override
  public void setTrack1Data(byte[] data) throws JposException {
    setTrack(0, data);
  }

  @Override
  public byte[] getTrack2Data() throws JposException {
    return track(1);
  }

  @Override
  public void setTrack2Data(byte[] data) throws JposException {
    setTrack(1, data);
  }

  @Override
  public byte[] getTrack3Data() throws JposException {
    return track(2);
  }

  @Override
  public void setTrack3Data(byte[] data) throws JposException {
    setTrack(2, data);
  }

  @Override
  public byte[] getTrack4Data() throws JposException {
    return track(3);
  }

  @Override
  public void setTrack4Data(byte[] data) throws JposException {
    setTrack(3, data);
  }

  private synchronized byte[] track(int i) throws JposException {
    requireOpen();
    return tracks[i].clone();
  }

  private synchronized void setTrack(int i, byte[] data) throws JposException {
    requireOpen();
    tracks[i] = data == null ? new byte[0] : data.clone();
  }

  @Override
  public synchronized int getTransactionType() throws JposException {
    requireOpen();
    return transactionType;
  }

  @Override
  public synchronized void setTransactionType(int type) throws JposException {
    requireOpen();
    if (type < PINPadConst.PPAD_TRANS_DEBIT || type > PINPadConst.PPAD_TRANS_ADMIN) {
      throw illegal(name() + ": TransactionType " + type + " is not a PPAD_TRANS_* value");
    }
    transactionType = type;
  }
}
