package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.keys.HandleKeys;
import com.kippu.atm.keys.JceLinkKeys;
import com.kippu.atm.keys.KeyStorage;
import com.kippu.atm.keys.Pkcs12KeyStorage;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Mti;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal whose TMK comes from a PKCS#12 store, used only as a key handle, signs on to the host:
 * the key change's check values and the 0810's MAC are accepted, and a transfer is MACed under the
 * unwrapped TAK as the host computes it.
 */
class Pkcs12SignOnTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String TERMINAL = "ATM00001";
  private static final String NAME = "bank.terminalMasterKey";

  @TempDir Path dir;

  private ScriptedHost server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void signsOnAndTransfersWithTheTmkFromTheStore() throws Exception {
    signOnAndTransfer(store());
  }

  @Test
  void signsOnAndTransfersWithATmkHandleThatNeverGivesItsBytes() throws Exception {
    Pkcs12KeyStorage store = store();
    signOnAndTransfer(name -> HandleKeys.handle(store.key(name)));
  }

  private Pkcs12KeyStorage store() {
    Path file = dir.resolve("terminal-keys.p12");
    Pkcs12KeyStorage.createWithEntries(
        file,
        "pw".toCharArray(),
        JceLinkKeys.entries(NAME, TerminalSecurity.developmentMasterKey(TERMINAL)));
    return Pkcs12KeyStorage.open(file, "pw".toCharArray());
  }

  private void signOnAndTransfer(KeyStorage keys) throws Exception {
    server = new ScriptedHost(TERMINAL, m -> "00");
    TerminalSecurity security = TerminalSecurity.with(JceLinkKeys.from(keys, NAME));
    BankLinkConfig config =
        new BankLinkConfig(
            "127.0.0.1", server.port(), TIMEOUT, TIMEOUT, TERMINAL, "KIPPU-BRANCH-01", "1");
    try (JposBankHost host =
        JposBankHost.connect(
            config, LinkSetup.bankHost(security), dir.resolve("link.db"), Clock.systemUTC())) {
      assertTrue(security.hasWorkingKeys(), "key change accepted under the stored TMK");
      TransferResult r =
          host.transfer(
              Transfers.transfer(
                  "tx-1",
                  new AccountNumber("0001-001-0000001"),
                  new AccountNumber("0009-100-7654321"),
                  Money.yen(100)));
      assertTrue(r.approved(), "the host's MAC under the TAK verified");
    }
    ISOMsg request = server.received.get(0);
    assertEquals(Mti.FINANCIAL_REQUEST, request.getMTI());
    assertTrue(server.macVerifies(request), "the terminal's MAC is the host's");
  }
}
