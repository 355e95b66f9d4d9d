package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardTracks;
import com.kippu.devices.MagneticCardReader;
import com.kippu.devices.Pans;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.JposException;
import jpos.MSRConst;
import jpos.events.ErrorEvent;
import jpos.services.MSRService114;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bank card swipes through the MSR control API, the simulated service and its card path. */
class MagneticCardReaderTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final MagstripeCards.Card HANAKO =
      MagstripeCards.bankCard("498000123456789", "YAMADA", "HANAKO", YearMonth.of(2027, 12), "101");

  @TempDir Path dir;
  private JposRegistry registry;
  private SimulatedMagstripes.Reader stripe;

  @BeforeEach
  void setUp() throws Exception {
    String terminal = "t-" + UUID.randomUUID();
    registry = SimulatedDevices.registry(dir, terminal);
    stripe = SimulatedMagstripes.reader(SimulatedDevices.unitName(terminal, SimulatedDevices.MSR));
  }

  @Test
  void luhnCheckDigitAndMaskFollowIso7812() {
    assertEquals(3, Pans.luhnCheckDigit("7992739871")); // the ISO/IEC 7812-1 Annex B example
    assertTrue(Pans.isValid("79927398713"));
    assertFalse(Pans.isValid("79927398710"));
    assertEquals("498000******7897", Pans.mask("4980001234567897"));
    assertEquals("4980001234567893", HANAKO.pan());
    assertTrue(Pans.isValid(HANAKO.pan()));
    assertEquals("%B4980001234567893^YAMADA/HANAKO^2712101?", HANAKO.track1());
    assertEquals(";4980001234567893=2712101?", HANAKO.track2());
    assertFalse(HANAKO.toString().contains(HANAKO.pan()), HANAKO.toString());
  }

  @Test
  void swipedBankCardIsParsedAndShownMasked() throws Exception {
    MagstripeCards.Card card = HANAKO.withJis2("1 0001 001 1234567");
    try (CapturedLogs logs = CapturedLogs.start();
        MagneticCardReader reader = MagneticCardReader.open(registry, SimulatedDevices.MSR)) {
      System.getLogger("canary").log(System.Logger.Level.DEBUG, "canary " + Pans.mask(card.pan()));
      stripe.whenReading(r -> r.swipe(card));
      CardTracks t = reader.awaitSwipe(WAIT).orElseThrow();

      assertEquals("4980001234567893", t.pan());
      assertTrue(t.panValid());
      assertEquals("2712", t.expiryYymm());
      assertEquals(YearMonth.of(2027, 12), t.expiry().orElseThrow());
      assertEquals("101", t.serviceCode());
      assertEquals("HANAKO YAMADA", t.holderName());
      assertEquals("4980001234567893=2712101", t.track2Text());
      assertEquals("B4980001234567893^YAMADA/HANAKO^2712101", ascii(t.track1()));
      assertEquals(MagstripeCards.JIS2_DATA_LENGTH, t.jis2().length);
      assertTrue(t.jis2Text().startsWith("1 0001 001 1234567 "), t.jis2Text());
      assertEquals(
          "CardTracks[pan 498000******7893, expiry 2712, service code 101, tracks 1 2 JIS-II]",
          t.toString());
      assertEquals(1, logs.containing("canary 498000").size()); // the capture works
      assertEquals(List.of(), logs.containing(t.pan()));
    }
  }

  @Test
  void japaneseCashCardWithOnlyJis2HasNoPan() throws Exception {
    try (MagneticCardReader reader = MagneticCardReader.open(registry, SimulatedDevices.MSR)) {
      stripe.whenReading(r -> r.swipe(MagstripeCards.jis2Only("1 0005 123 7654321")));
      CardTracks t = reader.awaitSwipe(WAIT).orElseThrow();
      assertEquals("", t.pan());
      assertEquals(0, t.track2().length);
      assertTrue(t.jis2Text().startsWith("1 0005 123 7654321"));
    }
  }

  @Test
  void damagedStripeIsUnreadableAndTheNextSwipeWorks() throws Exception {
    try (MagneticCardReader reader = MagneticCardReader.open(registry, SimulatedDevices.MSR)) {
      stripe.damageNextSwipe(MSRConst.MSR_TR_2, MSRConst.JPOS_EMSR_LRC);
      stripe.whenReading(r -> r.swipe(HANAKO));
      MagneticCardReader.UnreadableCardException e =
          assertThrows(
              MagneticCardReader.UnreadableCardException.class, () -> reader.awaitSwipe(WAIT));
      assertEquals(JposConst.JPOS_E_EXTENDED, e.errorCode());
      assertEquals(MSRConst.JPOS_EMSR_LRC, e.errorCodeExtended());
      assertFalse(e.getMessage().contains(HANAKO.pan()));

      stripe.whenReading(r -> r.swipe(HANAKO));
      assertEquals(HANAKO.pan(), reader.awaitSwipe(WAIT).orElseThrow().pan());
    }
  }

  @Test
  void noSwipeInTimeIsEmptyAndASwipeOutsideTheWindowIsNeverRead() throws Exception {
    try (MagneticCardReader reader = MagneticCardReader.open(registry, SimulatedDevices.MSR)) {
      assertTrue(reader.awaitSwipe(Duration.ZERO).isEmpty());
      assertFalse(stripe.swipe(HANAKO)); // the device is disabled between windows
      assertEquals(1, stripe.unreadSwipes());
      assertTrue(reader.awaitSwipe(Duration.ZERO).isEmpty());
    }
  }

  @Test
  void dataEventWaitsForDataEventEnabledAndAutoDisableDisablesTheDevice() throws Exception {
    BlockingQueue<Integer> data = new LinkedBlockingQueue<>();
    try (DeviceSession<MSRService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.MSR,
            MSRService114.class,
            1000,
            session -> {
              session.service().setAutoDisable(true);
              session.service().setTracksToRead(MSRConst.MSR_TR_1_2_3_4);
              session.events().addDataListener(e -> data.add(e.getStatus()));
            })) {
      MSRService114 msr = s.service();
      assertFalse(msr.getDataEventEnabled());
      assertTrue(stripe.swipe(HANAKO));
      assertEquals(1, msr.getDataCount());
      assertFalse(msr.getDeviceEnabled()); // AutoDisable
      assertTrue(data.isEmpty());

      msr.setDataEventEnabled(true);
      int status = data.poll(5, TimeUnit.SECONDS);
      assertEquals(39, status & 0xFF); // track 1 length
      assertEquals(24, (status >> 8) & 0xFF); // track 2 length
      assertEquals(0, status >>> 24); // no JIS-II track
      assertFalse(msr.getDataEventEnabled()); // cleared before delivery
      assertEquals(0, msr.getDataCount());
      assertEquals(HANAKO.pan(), msr.getAccountNumber());
      assertEquals("YAMADA", msr.getSurname());
      assertEquals("HANAKO", msr.getFirstName());
      assertEquals(MSRConst.MSR_CT_BANK, msr.getCardType());
      String[] v = new String[1];
      msr.retrieveCardProperty(MSRConst.MSR_RCP_ServiceCode, v);
      assertEquals("101", v[0]);

      msr.clearInputProperties();
      assertEquals("", msr.getAccountNumber());
      assertEquals(0, msr.getTrack2Data().length);
    }
  }

  @Test
  void undecodedDataAndSentinelsFollowDecodeDataAndTransmitSentinels() throws Exception {
    BlockingQueue<byte[]> track2 = new LinkedBlockingQueue<>();
    try (DeviceSession<MSRService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.MSR,
            MSRService114.class,
            1000,
            session -> {
              MSRService114 m = session.service();
              m.setParseDecodeData(true);
              m.setDecodeData(false); // also clears ParseDecodeData (UnifiedPOS)
              m.setTransmitSentinels(true);
              session.events().addDataListener(e -> track2.add(trackTwo(m)));
              m.setDataEventEnabled(true);
            })) {
      assertFalse(s.service().getParseDecodeData());
      assertTrue(
          stripe.swipe(
              MagstripeCards.iso7813(
                  "4111111111111111", "DOE", "", YearMonth.of(2030, 1), "201", "")));
      byte[] raw = track2.poll(5, TimeUnit.SECONDS);
      assertEquals(0x0B, raw[0]); // ';' as its 4-bit code (ISO/IEC 7811-2)
      assertEquals(0x04, raw[1]); // '4'
      assertEquals(0x0F, raw[raw.length - 1]); // '?'
      assertEquals("", s.service().getAccountNumber()); // not parsed
    }
  }

  private static byte[] trackTwo(MSRService114 m) {
    try {
      return m.getTrack2Data();
    } catch (JposException e) {
      return new byte[0];
    }
  }

  @Test
  void trackLevelErrorReportingNamesEachBadTrackInAnInputErrorEvent() throws Exception {
    BlockingQueue<ErrorEvent> errors = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> data = new LinkedBlockingQueue<>();
    try (DeviceSession<MSRService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.MSR,
            MSRService114.class,
            1000,
            session -> {
              session.service().setErrorReportingType(MSRConst.MSR_ERT_TRACK);
              session.events().addErrorListener(errors::add);
              session.events().addDataListener(e -> data.add(e.getStatus()));
              session.service().setDataEventEnabled(true);
            })) {
      // Track 1 lost its start sentinel, track 2 is fine.
      assertTrue(stripe.swipe("XB4980001234567893^YAMADA/HANAKO^2712101?", HANAKO.track2(), null));
      ErrorEvent e = errors.poll(5, TimeUnit.SECONDS);
      assertEquals(JposConst.JPOS_EL_INPUT, e.getErrorLocus());
      assertEquals(JposConst.JPOS_E_EXTENDED, e.getErrorCode());
      assertEquals(MSRConst.JPOS_EMSR_START, e.getErrorCodeExtended() & 0xFF);
      assertEquals(0, (e.getErrorCodeExtended() >> 8) & 0xFF);

      // A blank stripe: no start sentinel on any track asked for.
      s.service().setErrorReportingType(MSRConst.MSR_ERT_CARD);
      s.service().setDataEventEnabled(true);
      assertTrue(stripe.swipe(null, null, null));
      assertEquals(
          MSRConst.JPOS_EMSR_START, errors.poll(5, TimeUnit.SECONDS).getErrorCodeExtended());

      // A character track 2 cannot record: a parity error.
      s.service().setDataEventEnabled(true);
      assertTrue(stripe.swipe(null, ";4980A01234567897=2712101?", null));
      assertEquals(
          MSRConst.JPOS_EMSR_PARITY, errors.poll(5, TimeUnit.SECONDS).getErrorCodeExtended());
      assertTrue(data.isEmpty());
    }
  }

  private static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  @Test
  void trackBytesAreCopies() throws Exception {
    try (MagneticCardReader reader = MagneticCardReader.open(registry, SimulatedDevices.MSR)) {
      stripe.whenReading(r -> r.swipe(HANAKO));
      CardTracks t = reader.awaitSwipe(WAIT).orElseThrow();
      byte[] copy = t.track2();
      copy[0] = 'X';
      assertArrayEquals("4980001234567893=2712101".getBytes(StandardCharsets.US_ASCII), t.track2());
    }
  }

  @Test
  void swipesAndReadTracksPrintOnlyTheMaskedPan() {
    MagstripeCards.Card card =
        MagstripeCards.bankCard("498000123456789", "YAMADA", "", YearMonth.of(2027, 12), "101");
    String pan = card.pan();
    String masked = Pans.mask(pan);

    String swipe =
        new SimulatedMagstripes.Swipe(card.track1(), card.track2(), null, 0, 0).toString();
    assertFalse(swipe.contains(pan), swipe);
    assertFalse(swipe.contains(card.track2()), swipe);
    assertTrue(swipe.contains(masked), swipe);
    String track1Only = new SimulatedMagstripes.Swipe(card.track1(), null, null, 0, 0).toString();
    assertTrue(track1Only.contains(masked), track1Only);
    assertFalse(track1Only.contains(pan), track1Only);

    byte[] t2 = card.track2().getBytes(StandardCharsets.US_ASCII);
    String read = new SimulatedMsr.TrackRead(t2, card.track2(), 0).toString();
    assertFalse(read.contains(pan), read);

    String decoded =
        new SimulatedMsr.Decoded(
                card.track1().getBytes(StandardCharsets.US_ASCII),
                t2,
                new byte[0],
                new byte[0],
                new byte[0],
                pan,
                "2712",
                "101",
                "",
                "",
                "",
                "YAMADA",
                "")
            .toString();
    assertFalse(decoded.contains(pan), decoded);
    assertTrue(decoded.contains(masked), decoded);
  }
}
