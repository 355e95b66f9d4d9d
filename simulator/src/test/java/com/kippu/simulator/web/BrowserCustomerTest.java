package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BrowserCustomerTest {
  private final BrowserCustomer customer = new BrowserCustomer(() -> {});

  private static Screen screen(Duration timeout) {
    return new Screen(
        "select-event",
        Text.plain("Choose"),
        List.of(),
        List.of(new Screen.Choice("evt-1", Text.plain("Gala"))),
        timeout);
  }

  private long awaitScreen() throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      var shown = customer.current();
      if (shown.isPresent() && shown.get().awaitsAnswer()) {
        return shown.get().sequence();
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("no screen shown");
  }

  @Test
  void answerReachesTheSessionAndASecondClickIsRefused() throws Exception {
    CompletableFuture<Answer> session =
        CompletableFuture.supplyAsync(() -> customer.show(screen(Duration.ofMinutes(1))));
    long sequence = awaitScreen();
    customer.answer(sequence, "evt-1");
    assertTrue(session.get(10, TimeUnit.SECONDS).is("evt-1"));
    WebRefusal second = assertThrows(WebRefusal.class, () -> customer.answer(sequence, "evt-1"));
    assertEquals(409, second.status());
    assertFalse(customer.current().orElseThrow().awaitsAnswer());
  }

  @Test
  void unknownChoiceIsRefusedAndTheScreenStillWaits() throws Exception {
    CompletableFuture<Answer> session =
        CompletableFuture.supplyAsync(() -> customer.show(screen(Duration.ofMinutes(1))));
    long sequence = awaitScreen();
    WebRefusal refused = assertThrows(WebRefusal.class, () -> customer.answer(sequence, "evt-9"));
    assertEquals(400, refused.status());
    assertTrue(customer.current().orElseThrow().awaitsAnswer());
    customer.answer(sequence, "");
    assertEquals(Answer.Kind.CANCELLED, session.get(10, TimeUnit.SECONDS).kind());
  }

  @Test
  void answerWithNoSessionIsRefusedAsSuch() {
    WebRefusal refused = assertThrows(WebRefusal.class, () -> customer.answer(1, "evt-1"));
    assertEquals(409, refused.status());
    assertTrue(refused.getMessage().contains("No session is running"), refused.getMessage());
  }

  @Test
  void answerWhileTheTerminalWorksIsRefused() {
    customer.inform(screen(Duration.ofMinutes(1)));
    long sequence = customer.current().orElseThrow().sequence();
    WebRefusal refused = assertThrows(WebRefusal.class, () -> customer.answer(sequence, "evt-1"));
    assertEquals(409, refused.status());
    assertTrue(refused.getMessage().contains("still working"), refused.getMessage());
  }

  @Test
  void anEntryScreensFieldTakesTheTypedText() throws Exception {
    Screen entry =
        new Screen(
            "register-name",
            Text.plain("Your name"),
            List.of(),
            List.of(
                new Screen.Choice(Screen.ENTRY, Text.plain("Name"), "Name"),
                new Screen.Choice("cancel", Text.plain("Cancel"), "Cancel")),
            Duration.ofMinutes(1));
    CompletableFuture<Answer> session = CompletableFuture.supplyAsync(() -> customer.show(entry));
    long sequence = awaitScreen();
    Screen shown = customer.current().orElseThrow().screen();
    assertEquals("Name", shown.input().orElseThrow().label());
    assertFalse(shown.takesEntry(), "the field is shown as a field, not as a choice");
    assertTrue(shown.offers("cancel"));
    customer.enter(sequence, " 佐藤 花子 ");
    assertEquals("佐藤 花子", session.get(10, TimeUnit.SECONDS).entry().orElseThrow());
  }

  @Test
  void screenTimesOutWhenNobodyAnswers() {
    assertEquals(Answer.Kind.TIMED_OUT, customer.show(screen(Duration.ofMillis(20))).kind());
  }
}
