package com.kippu.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.simulator.bank.HostOptions;
import com.kippu.simulator.bank.RawTerminal;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card network host survives abusive clients: each abuse is logged and dropped, and another
 * client is answered at once; the abusive connection is answered or closed, never left to hang the
 * host.
 */
class HostAbuseIntegrationTest {
  private static final int READ_TIMEOUT = 5_000;

  @TempDir Path dir;
  private CardNetworkServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        CardNetworkServer.start(
            dir.resolve("cards.db"),
            HostOptions.defaults(0).withIdleTimeout(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void malformedFrameIsDroppedAndTheSameConnectionIsStillServed() throws Exception {
    try (RawTerminal t = terminal("ABUSE001")) {
      t.writeFrame("0100ZZZZ this is not ISO 8583".getBytes(StandardCharsets.US_ASCII));
      t.writeFrame(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
      assertEchoAnswered(t);
    }
    assertEchoAnswered();
  }

  @Test
  void lengthHeaderLongerThanAnyMessageIsRefusedAndTheConnectionClosed() throws Exception {
    try (RawTerminal t = terminal("ABUSE002")) {
      t.writeRaw(new byte[] {(byte) 0xFF, (byte) 0xF0, '0', '8', '0', '0'});
      assertThrows(Exception.class, t::receive, "oversized frame: connection closed");
    }
    assertEchoAnswered();
  }

  @Test
  void lengthHeaderShorterThanTheMessageDesynchronisesOnlyThatConnection() throws Exception {
    try (RawTerminal t = terminal("ABUSE003")) {
      ISOMsg echo = t.networkManagement(NetworkManagementCode.ECHO_TEST);
      echo.setPackager(Link.CARD_NETWORK.packager());
      byte[] body = echo.pack();
      t.writeRaw(new byte[] {0, 10});
      t.writeRaw(body);
      assertEchoAnswered();
    }
  }

  @Test
  void halfSentMessageIsDroppedAfterTheIdleTimeoutWhileOthersAreServed() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(READ_TIMEOUT);
      s.getOutputStream().write(new byte[] {0, 100, '0', '1', '0', '0'});
      s.getOutputStream().flush();
      assertEchoAnswered();
      // The host closes the silent connection once its idle timeout passes: read sees EOF.
      assertEquals(-1, s.getInputStream().read(), "host closed the half-sent connection");
    }
  }

  @Test
  void clientDisconnectingMidMessageDoesNotDisturbOthers() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        s.getOutputStream().write(new byte[] {0, 80, '0', '1', '0', '0', '7', '2'});
        s.getOutputStream().flush();
      }
    }
    assertEchoAnswered();
  }

  @Test
  void requestFromAnUnknownTerminalOutsideDevelopmentModeIsRefused63() throws Exception {
    try (CardNetworkServer strict =
            CardNetworkServer.start(
                dir.resolve("strict.db"), HostOptions.defaults(0).withDevelopment(false));
        RawTerminal t =
            new RawTerminal(Link.CARD_NETWORK, strict.port(), "STRANGER", READ_TIMEOUT)) {
      ISOMsg answer = t.exchange(t.networkManagement(NetworkManagementCode.ECHO_TEST));
      assertEquals("63", answer.getString(Field.RESPONSE_CODE));
    }
  }

  private RawTerminal terminal(String id) throws Exception {
    return new RawTerminal(Link.CARD_NETWORK, server.port(), id, READ_TIMEOUT);
  }

  private void assertEchoAnswered() throws Exception {
    try (RawTerminal other = terminal("GOODTERM")) {
      assertEchoAnswered(other);
    }
  }

  private static void assertEchoAnswered(RawTerminal t) throws Exception {
    ISOMsg echo = t.networkManagement(NetworkManagementCode.ECHO_TEST);
    ISOMsg answer = t.exchange(echo);
    assertEquals("00", answer.getString(Field.RESPONSE_CODE));
    assertEquals(echo.getString(Field.STAN), answer.getString(Field.STAN));
    assertTrue(t.verifies(answer));
  }
}
