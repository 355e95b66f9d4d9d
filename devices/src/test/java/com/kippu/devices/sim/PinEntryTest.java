package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.PinEntry;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.EventDispatcher;
import com.kippu.devices.jpos.JposRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import jpos.JposConst;
import jpos.JposException;
import jpos.PINPadConst;
import jpos.services.PINPadService114;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN blocks from the simulated encrypting PIN pad, checked against blocks computed here from the
 * ISO 9564-1 format 0 definition with javax.crypto, and the places a clear PIN must never reach.
 */
class PinEntryTest {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** The development TPK of jpos-sim.xml. */
  private static final String SAMPLE_TPK = "0123456789ABCDEFFEDCBA9876543210";

  /** The development TMK of jpos-sim.xml. */
  private static final String SAMPLE_TMK = "4C4C4C4C4C4C4C4C5D5D5D5D5D5D5D5D";

  @TempDir Path dir;
  private String terminal;
  private JposRegistry registry;
  private SimulatedKeypads.Keypad keypad;

  @BeforeEach
  void setUp() throws Exception {
    terminal = "t-" + UUID.randomUUID();
    registry = SimulatedDevices.registry(dir, terminal);
    keypad = SimulatedKeypads.keypad(SimulatedDevices.unitName(terminal, SimulatedDevices.PIN_PAD));
  }

  /** TDEA ECB with a double-length key as K1 K2 K1. */
  private static byte[] tdea(int mode, String key16Hex, byte[] data) throws Exception {
    byte[] k = HEX.parseHex(key16Hex + key16Hex.substring(0, 16));
    Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
    c.init(mode, new SecretKeySpec(k, "DESede"));
    return c.doFinal(data);
  }

  /** ISO 9564-1 format 0 written out: PIN field XOR PAN field, as hex. */
  private static String clearBlock(String pin, String pan) {
    String pinField = String.format("%02d", pin.length()) + pin;
    pinField = pinField + "F".repeat(16 - pinField.length());
    String panField = "0000" + pan.substring(pan.length() - 13, pan.length() - 1);
    byte[] a = HEX.parseHex(pinField);
    byte[] b = HEX.parseHex(panField);
    for (int i = 0; i < 8; i++) {
      a[i] ^= b[i];
    }
    return HEX.formatHex(a);
  }

  @Test
  void blockIsIso9564Format0OfTheKnownVectorUnderTheConfiguredKey() throws Exception {
    assertEquals("0412AC89ABCDEF67", clearBlock("1234", "43219876543210987")); // the textbook one
    try (PinEntry pins = PinEntry.open(registry, SimulatedDevices.PIN_PAD)) {
      keypad.whenPinEntryEnabled(k -> k.type("1234").enter());
      String block = pins.requestPinBlock("43219876543210987", WAIT);

      String expected =
          HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, SAMPLE_TPK, HEX.parseHex("0412AC89ABCDEF67")));
      assertEquals(expected, block);
      assertEquals(
          "0412AC89ABCDEF67",
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, SAMPLE_TPK, HEX.parseHex(block))));
    }
  }

  @Test
  void clearKeyAndTooShortEnterBehaveLikeAnEncryptingPinPad() throws Exception {
    String pan = "4980001234567897";
    try (PinEntry pins = PinEntry.open(registry, SimulatedDevices.PIN_PAD)) {
      keypad.whenPinEntryEnabled(
          k -> {
            k.type("99").clear(); // CLEAR erases what was typed
            k.type("739").enter(); // ENTER with 3 digits is ignored (ISO 9564-1: at least 4)
            k.type("146").enter();
          });
      String block = pins.requestPinBlock(pan, WAIT);
      assertEquals(
          clearBlock("739146", pan),
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, SAMPLE_TPK, HEX.parseHex(block))));
    }
  }

  @Test
  void cancelAndTimeoutEndTheTransactionAndThePadServesTheNextCustomer() throws Exception {
    try (PinEntry pins = PinEntry.open(registry, SimulatedDevices.PIN_PAD)) {
      keypad.whenPinEntryEnabled(k -> k.type("12").cancel());
      PinEntry.CancelledException cancelled =
          assertThrows(
              PinEntry.CancelledException.class,
              () -> pins.requestPinBlock("4980001234567897", WAIT));
      assertFalse(cancelled.timedOut());
      assertTrue(cancelled.getMessage().contains("498000******7897"), cancelled.getMessage());
      assertFalse(cancelled.getMessage().contains("4980001234567897"));

      PinEntry.CancelledException late =
          assertThrows(
              PinEntry.CancelledException.class,
              () -> pins.requestPinBlock("4980001234567897", Duration.ZERO));
      assertTrue(late.timedOut());
      assertFalse(keypad.pinEntryEnabled()); // endEFTTransaction(ABNORMAL) ended the entry

      keypad.whenPinEntryEnabled(k -> k.type("1234").enter());
      assertEquals(16, pins.requestPinBlock("43219876543210987", WAIT).length());
    }
  }

  @Test
  void keyExchangeInstallsATpkSentUnderTheMasterKeyAndRefusesABadOne() throws Exception {
    String newTpk = "89ABCDEF01234567FEDCBA9876543210";
    String underTmk = HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, SAMPLE_TMK, HEX.parseHex(newTpk)));
    String kcv = HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, newTpk, new byte[8]), 0, 3);
    try (PinEntry pins = PinEntry.open(registry, SimulatedDevices.PIN_PAD)) {
      JposException bad =
          assertThrows(JposException.class, () -> pins.loadPinKey(underTmk, "000000"));
      assertEquals(JposConst.JPOS_E_EXTENDED, bad.getErrorCode());
      assertEquals(PINPadConst.JPOS_EPPAD_BAD_KEY, bad.getErrorCodeExtended());
      keypad.whenPinEntryEnabled(k -> k.type("1234").enter());
      String oldKeyBlock = pins.requestPinBlock("43219876543210987", WAIT);
      assertEquals(
          "0412AC89ABCDEF67",
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, SAMPLE_TPK, HEX.parseHex(oldKeyBlock))));

      pins.loadPinKey(underTmk, kcv);
      keypad.whenPinEntryEnabled(k -> k.type("1234").enter());
      String block = pins.requestPinBlock("43219876543210987", WAIT);
      assertEquals(
          "0412AC89ABCDEF67",
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, newTpk, HEX.parseHex(block))));
    }
  }

  /**
   * The issuer center's key set (transaction host 2, registered users' PINs): its PIN key arrives
   * under the center master key only, and blocks for host 2 are made under it, while host 1 keeps
   * the bank's key.
   */
  @Test
  void theCenterHostHasAKeySetOfItsOwn() throws Exception {
    String centerMaster = "1F1F1F1F1F1F1F1F2E2E2E2E2E2E2E2E";
    String centerTpk = "00112233445566778899AABBCCDDEEFF";
    JposRegistry withCenter =
        registry.withProperties(
            SimulatedDevices.PIN_PAD, java.util.Map.of("centerMasterKey", centerMaster));
    String underMaster =
        HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, centerMaster, HEX.parseHex(centerTpk)));
    String kcv = HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, centerTpk, new byte[8]), 0, 3);
    try (PinEntry pins = PinEntry.open(withCenter, SimulatedDevices.PIN_PAD)) {
      JposException underBankMaster =
          assertThrows(
              JposException.class,
              () ->
                  pins.loadPinKey(
                      PinEntry.CENTER_HOST,
                      HEX.formatHex(tdea(Cipher.ENCRYPT_MODE, SAMPLE_TMK, HEX.parseHex(centerTpk))),
                      kcv));
      assertEquals(PINPadConst.JPOS_EPPAD_BAD_KEY, underBankMaster.getErrorCodeExtended());
      pins.loadPinKey(PinEntry.CENTER_HOST, underMaster, kcv);
      String userPan = "9992591791974560";
      keypad.whenPinEntryEnabled(k -> k.type("7314").enter());
      String block = pins.requestPinBlock(userPan, WAIT, PinEntry.CENTER_HOST);
      assertEquals(
          clearBlock("7314", userPan),
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, centerTpk, HEX.parseHex(block))));
      keypad.whenPinEntryEnabled(k -> k.type("1234").enter());
      String bank = pins.requestPinBlock("43219876543210987", WAIT);
      assertEquals(
          "0412AC89ABCDEF67",
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, SAMPLE_TPK, HEX.parseHex(bank))),
          "the bank host's key is untouched");
    }
  }

  @Test
  void clearPinIsInNoLogNoPropertyNoEventAndNoFieldAfterEntry() throws Exception {
    String pin = "739146";
    String pan = "4980001234567897";
    BlockingQueue<Integer> data = new LinkedBlockingQueue<>();
    SimulatedPinPad[] service = new SimulatedPinPad[1];
    try (CapturedLogs logs = CapturedLogs.start();
        DeviceSession<PINPadService114> s =
            DeviceSession.open(
                registry,
                SimulatedDevices.PIN_PAD,
                PINPadService114.class,
                1000,
                session -> {
                  service[0] = (SimulatedPinPad) session.service();
                  session.events().addDataListener(e -> data.add(e.getStatus()));
                })) {
      System.getLogger("canary").log(System.Logger.Level.DEBUG, "canary");
      PINPadService114 pad = s.service();
      pad.setAccountNumber(pan);
      pad.beginEFTTransaction(PinEntry.MASTER_SESSION, PinEntry.BANK_HOST);
      pad.setDataEventEnabled(true);
      keypad.whenPinEntryEnabled(k -> k.type(pin).enter());
      pad.enablePINEntry();
      assertEquals(PINPadConst.PPAD_SUCCESS, data.poll(5, TimeUnit.SECONDS));
      assertFalse(pad.getPINEntryEnabled());
      assertEquals(16, pad.getEncryptedPIN().length());

      List<String> exposed = new ArrayList<>();
      for (Method m : PINPadService114.class.getMethods()) {
        if (m.getName().startsWith("get") && m.getParameterCount() == 0) {
          exposed.add(m.getName() + "=" + render(m.invoke(pad)));
        }
      }
      assertTrue(
          exposed.stream().anyMatch(p -> p.startsWith("getEncryptedPIN=")), exposed::toString);
      assertEquals(List.of(), exposed.stream().filter(p -> p.contains(pin)).toList());
      assertEquals(List.of(), fieldsHolding(service[0], pin));
      pad.endEFTTransaction(PINPadConst.PPAD_EFT_NORMAL);
      assertEquals("", pad.getAccountNumber()); // the PAN does not outlive the transaction

      assertEquals(1, logs.containing("canary").size()); // the capture works
      assertEquals(List.of(), logs.containing(pin));
      assertEquals(List.of(), logs.containing(pan));
    }
  }

  private static String render(Object v) {
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(v);
  }

  /** Names of fields of {@code o} (its class and superclasses) whose text contains {@code s}. */
  private static List<String> fieldsHolding(Object o, String s) throws Exception {
    List<String> found = new ArrayList<>();
    for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object v = f.get(o);
        String text =
            v instanceof char[] chars
                ? new String(chars)
                : v instanceof byte[] bytes ? HEX.formatHex(bytes) : String.valueOf(v);
        if (text.contains(s)) {
          found.add(f.getName());
        }
      }
    }
    return found;
  }

  @Test
  void wrongStateAndUnsupportedCallsAnswerWithTheirJposCodes() throws Exception {
    try (DeviceSession<PINPadService114> s =
        DeviceSession.open(registry, SimulatedDevices.PIN_PAD, PINPadService114.class, 1000)) {
      PINPadService114 pad = s.service();
      assertCode(JposConst.JPOS_E_ILLEGAL, pad::enablePINEntry); // no EFT transaction
      assertCode(
          JposConst.JPOS_E_ILLEGAL, () -> pad.endEFTTransaction(PINPadConst.PPAD_EFT_NORMAL));
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.beginEFTTransaction("M/S", 1)); // no PAN
      pad.setAccountNumber("4980001234567897");
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.beginEFTTransaction("DUKPT", 1));
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.beginEFTTransaction("M/S", 3));
      // Host 2 (the issuer center) exists, but no center PIN key was loaded.
      assertCode(JposConst.JPOS_E_EXTENDED, () -> pad.beginEFTTransaction("M/S", 2));
      pad.beginEFTTransaction("M/S", 1);
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.beginEFTTransaction("M/S", 1));
      pad.enablePINEntry();
      assertCode(JposConst.JPOS_E_ILLEGAL, pad::enablePINEntry);
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.setAccountNumber("4111111111111111"));
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.setMinimumPINLength(3));
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.updateKey(1, "00".repeat(19)));
      pad.endEFTTransaction(PINPadConst.PPAD_EFT_ABNORMAL);
      assertFalse(pad.getPINEntryEnabled());
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.computeMAC("x", new String[1]));
      assertCode(JposConst.JPOS_E_ILLEGAL, () -> pad.setMaximumPINLength(13));
      assertFalse(pad.getCapMACCalculation());
      assertEquals(PINPadConst.PPAD_DISP_NONE, pad.getCapDisplay());
    }
  }

  @Test
  void padWithoutKeyRefusesAndABadKeyPropertyIsRefusedAtStartWithoutShowingIt() throws Exception {
    SimulatedPinPad noKey = new SimulatedPinPad();
    String device = "pad-" + UUID.randomUUID();
    noKey.configure(Map.of("deviceName", device));
    noKey.open(device, new EventDispatcher("test", null));
    noKey.claim(0);
    noKey.setDeviceEnabled(true);
    noKey.setAccountNumber("4980001234567897");
    JposException e = assertThrows(JposException.class, () -> noKey.beginEFTTransaction("M/S", 1));
    assertEquals(JposConst.JPOS_E_EXTENDED, e.getErrorCode());
    assertEquals(PINPadConst.JPOS_EPPAD_BAD_KEY, e.getErrorCodeExtended());
    noKey.close();

    SimulatedPinPad badKcv = new SimulatedPinPad();
    JposException kcv =
        assertThrows(
            JposException.class,
            () -> badKcv.configure(Map.of("pinKey", SAMPLE_TPK, "pinKeyCheckValue", "123456")));
    assertEquals(JposConst.JPOS_E_ILLEGAL, kcv.getErrorCode());
    assertTrue(kcv.getMessage().contains("pinKeyCheckValue"), kcv.getMessage());
    assertFalse(kcv.getMessage().contains(SAMPLE_TPK));
    JposException shortKey =
        assertThrows(JposException.class, () -> badKcv.configure(Map.of("pinKey", "0123")));
    assertTrue(shortKey.getMessage().contains("pinKey must be 32 hex digits"));
  }

  @Test
  void powerLossDuringEntryEndsItAndThePadWorksAfterPowerReturns() throws Exception {
    SimulatedHardware.Unit power =
        SimulatedHardware.unit(SimulatedDevices.unitName(terminal, SimulatedDevices.PIN_PAD));
    try (PinEntry pins = PinEntry.open(registry, SimulatedDevices.PIN_PAD)) {
      CountDownLatch deadKeysTyped = new CountDownLatch(1);
      keypad.whenPinEntryEnabled(
          k -> {
            k.type("12");
            power.powerOff();
            k.type("34").enter(); // a dead pad hears nothing
            deadKeysTyped.countDown();
          });
      JposException off =
          assertThrows(JposException.class, () -> pins.requestPinBlock("43219876543210987", WAIT));
      assertEquals(JposConst.JPOS_E_OFFLINE, off.getErrorCode());
      assertFalse(keypad.pinEntryEnabled());

      // Power returns only after the customer's keys on the dead pad are all pressed.
      assertTrue(deadKeysTyped.await(5, TimeUnit.SECONDS));
      power.powerOn();
      keypad.whenPinEntryEnabled(k -> k.type("1234").enter());
      String block = pins.requestPinBlock("43219876543210987", WAIT);
      assertEquals(
          "0412AC89ABCDEF67",
          HEX.formatHex(tdea(Cipher.DECRYPT_MODE, SAMPLE_TPK, HEX.parseHex(block))));
    }
  }

  private static void assertCode(int code, Executable call) {
    JposException e = assertThrows(JposException.class, call);
    assertEquals(code, e.getErrorCode(), e.getMessage());
  }

  @Test
  void typingIsRefusedForNonDigitsWithoutEchoingThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> keypad.type("12a4"));
    assertFalse(e.getMessage().contains("12a4"));
  }
}
