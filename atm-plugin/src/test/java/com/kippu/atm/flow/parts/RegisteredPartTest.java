package com.kippu.atm.flow.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.center.RegisteredUser;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.center.UserRecall;
import com.kippu.atm.payment.PinBlock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A registered user signed in to a kiosk purchase: the user id is journaled, the PIN block, the
 * attributes and the face photo never are, so a restored session has the user but nothing to sign
 * in with again.
 */
class RegisteredPartTest {
  private static final RegisteredUser HANAKO =
      new RegisteredUser(new UserId("hanako01"), "佐藤花子", "03-1234-5678", "東京都千代田区丸の内1-1");

  @Test
  void theJournalHoldsTheUserIdOnlyAndARestartKeepsNoPin() {
    KioskPart kiosk = new KioskPart();
    UserPin pin =
        new UserPin(
            new PinBlock(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, PinBlock.Format.ISO_9564_FORMAT_0),
            "ABC123");
    kiosk
        .user()
        .signedIn(
            pin,
            new UserRecall(
                HANAKO, List.of(), List.of(), List.of(), true, Optional.of(new byte[] {9, 9})));
    assertTrue(kiosk.user().isRegisteredName("佐藤花子"), "a pass in her registered name");
    assertFalse(kiosk.user().isRegisteredName("山田太郎"), "a name typed in is not hers");
    kiosk.user().cardRecorded();
    Map<String, String> facts = new java.util.TreeMap<>();
    kiosk.writeTo(facts);

    assertEquals("hanako01", facts.get(RegisteredPart.USER.key()));
    assertEquals("true", facts.get(RegisteredPart.CARD_RECORDED.key()));
    String journaled = facts.toString();
    assertFalse(journaled.contains("佐藤花子") || journaled.contains("03-1234-5678"), journaled);
    assertFalse(journaled.contains("ABC123"), journaled);

    KioskPart restored = KioskPart.from(facts);
    assertEquals(Optional.of(new UserId("hanako01")), restored.user().user());
    assertTrue(restored.user().isCardRecorded());
    assertTrue(restored.user().pin().isEmpty(), "the PIN block is never restored");
    assertTrue(restored.user().profile().isEmpty());
    assertTrue(restored.user().facePhoto().isEmpty());
    assertFalse(restored.user().isRegisteredName("佐藤花子"), "no PIN to sell in her name with");
    assertFalse(restored.user().identityChecked(), "a restored session signs in again to use it");
  }
}
