package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which printouts the page shows: the newest prints of each printer, whatever their names. */
class PageStateTest {
  private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

  @TempDir Path dir;
  private int printed;

  /** Writes {@code name} as the next print, one second after the previous one. */
  private void print(String name) throws Exception {
    Path file = Files.writeString(dir.resolve(name), "png");
    Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(printed++)));
  }

  @Test
  void aReceiptPrintedAfterSixTicketsIsShownFirst() throws Exception {
    for (int i = 1; i <= 6; i++) {
      print(String.format("ticket-%04d.png", i));
    }
    print("receipt-0001.png");

    assertEquals("receipt-0001.png", PageState.receipts(dir).get(0));
    assertEquals(List.of("receipt-0001.png"), PageState.printouts(dir, "receipt-"));
    assertEquals("ticket-0006.png", PageState.printouts(dir, "ticket-").get(0));
  }

  @Test
  void eachPrinterKeepsItsSixNewestNewestFirst() throws Exception {
    for (int i = 1; i <= 8; i++) {
      print(String.format("receipt-%04d.png", i));
      print(String.format("ticket-%04d.png", i));
    }
    print("receipt-0009.txt");

    assertEquals(
        List.of(
            "receipt-0008.png",
            "receipt-0007.png",
            "receipt-0006.png",
            "receipt-0005.png",
            "receipt-0004.png",
            "receipt-0003.png"),
        PageState.printouts(dir, "receipt-"));
    assertEquals(
        List.of("ticket-0008.png", "receipt-0008.png", "ticket-0007.png"),
        PageState.receipts(dir).subList(0, 3));
  }

  @Test
  void printsOfTheSameInstantGoByNameAndNoFolderMeansNone() throws Exception {
    Path a = Files.writeString(dir.resolve("receipt-0001.png"), "png");
    Path b = Files.writeString(dir.resolve("receipt-0002.png"), "png");
    Files.setLastModifiedTime(a, FileTime.from(START));
    Files.setLastModifiedTime(b, FileTime.from(START));

    assertEquals(
        List.of("receipt-0002.png", "receipt-0001.png"), PageState.printouts(dir, "receipt-"));
    assertEquals(List.of(), PageState.printouts(dir.resolve("none"), "receipt-"));
  }
}
