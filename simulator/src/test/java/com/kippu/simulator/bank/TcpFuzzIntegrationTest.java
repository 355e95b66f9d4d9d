package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ProcessingCode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20,000 random and mutated frames over TCP to a running bank host on four connections: the host
 * neither crashes nor hangs, answers what it can read (30 or 63, never 00 for a forged request),
 * moves no money, and still answers a valid echo afterwards.
 */
class TcpFuzzIntegrationTest {
  private static final int FRAMES = 20_000;
  private static final int CONNECTIONS = 4;
  private static final AccountNumber CUSTOMER = new AccountNumber("0001-001-1234567");
  private static final AccountNumber ISSUER = new AccountNumber("0009-100-7654321");

  @TempDir Path dir;

  @Test
  void mutatedFramesAreRejectedAndTheHostStillAnswers() throws Exception {
    try (BankHostServer server = BankHostServer.start(dir.resolve("bank.db"), 0)) {
      server.ledger().openAccount(CUSTOMER, "YAMADA TARO", 20_000);
      server.ledger().openAccount(ISSUER, "KIPPU TICKETS", 0);
      byte[] seed = seedTransfer();
      AtomicLong approvals = new AtomicLong();
      AtomicLong answers = new AtomicLong();
      assertTimeoutPreemptively(
          Duration.ofMinutes(2),
          () -> {
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
              long seedValue = 0x5EED0000L + c;
              Thread t = new Thread(() -> fuzz(server.port(), seed, seedValue, approvals, answers));
              senders.add(t);
              t.start();
            }
            for (Thread t : senders) {
              t.join();
            }
          });
      assertEquals(0, approvals.get(), "no forged request was approved");
      assertTrue(answers.get() > 0, "readable frames were answered");
      assertEquals(20_000, server.ledger().balance(CUSTOMER));
      assertEquals(0, server.ledger().appliedTransferCount());
      try (RawTerminal t = new RawTerminal(Link.BANK_HOST, server.port(), "ATM00001", 5_000)) {
        ISOMsg answer = t.exchange(t.networkManagement(NetworkManagementCode.ECHO_TEST));
        assertEquals("00", answer.getString(Field.RESPONSE_CODE));
      }
    }
  }

  /** Sends FRAMES / CONNECTIONS framed mutations on one connection, draining answers meanwhile. */
  private static void fuzz(
      int port, byte[] seed, long seedValue, AtomicLong approvals, AtomicLong answers) {
    SplittableRandom random = new SplittableRandom(seedValue);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      Thread drain =
          new Thread(
              () -> {
                try {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  while (true) {
                    byte[] frame = new byte[in.readUnsignedShort()];
                    in.readFully(frame);
                    answers.incrementAndGet();
                    ISOMsg answer = new ISOMsg();
                    answer.setPackager(Link.BANK_HOST.packager());
                    answer.unpack(frame);
                    if ("00".equals(answer.getString(Field.RESPONSE_CODE))
                        && !"0810".equals(answer.getString(0))) {
                      approvals.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  // connection closed at the end of the test
                }
              });
      drain.setDaemon(true);
      drain.start();
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (int i = 0; i < FRAMES / CONNECTIONS; i++) {
        byte[] frame = mutate(seed, random);
        out.writeShort(frame.length);
        out.write(frame);
      }
      out.flush();
      s.shutdownOutput();
      drain.join(10_000);
    } catch (Exception e) {
      throw new AssertionError("fuzz connection failed", e);
    }
  }

  private static byte[] mutate(byte[] valid, SplittableRandom random) {
    byte[] b = valid.clone();
    switch (random.nextInt(5)) {
      case 0 -> {
        byte[] noise = new byte[1 + random.nextInt(200)];
        random.nextBytes(noise);
        return noise;
      }
      case 1 -> {
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          int i = random.nextInt(b.length);
          b[i] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 2 -> {
        return Arrays.copyOf(b, 1 + random.nextInt(b.length));
      }
      case 3 -> {
        b[4 + random.nextInt(32)] = (byte) ('0' + random.nextInt(16));
        return b;
      }
      default -> {
        return b;
      }
    }
  }

  /** A well-formed 0200 with a made-up MAC: the host must refuse it with 63. */
  private static byte[] seedTransfer() throws Exception {
    ISOMsg m = new ISOMsg("0200");
    m.set(Field.PAN, "000100112345671");
    m.set(Field.PROCESSING_CODE, ProcessingCode.ACCOUNT_TRANSFER);
    m.set(Field.AMOUNT, "000000008800");
    m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    m.set(Field.STAN, "000042");
    m.set(Field.TERMINAL_ID, "ATM00001");
    m.set(Field.CURRENCY, "392");
    m.set(Field.PIN_BLOCK, new byte[8]);
    m.set(Field.FROM_ACCOUNT, CUSTOMER.value());
    m.set(Field.TO_ACCOUNT, ISSUER.value());
    m.set(Field.MAC_SECONDARY, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    m.setPackager(Link.BANK_HOST.packager());
    return m.pack();
  }
}
